"""What the local tools serve: a resolver or a plain Lambda handler, and its event source."""

from apiway.local.events import SOURCES, check_source

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Handler = Callable[[dict[str, Any], Any], Any]

#: The sources each resolver's events can come from (ALB in either header mode).
_ACCEPTS = {
    "rest": ("rest",),
    "http": ("http",),
    "function-url": ("function-url",),
    "alb": ("alb", "alb-multi"),
}


def resolver_source(app: "Any") -> "str | None":
    """The source name of an apiway resolver (``"rest"``, ``"http"``, ...), else None."""
    source = getattr(app, "_source", None)
    name = getattr(source, "name", None)
    return name if name in _ACCEPTS else None


def as_handler(app: "Any", source: "str | None" = None) -> "tuple[Handler, str]":
    """``(handler, source)`` for a resolver (anything with ``.resolve``) or a handler function.

    Without ``source`` a resolver's own source is used, and ``rest`` for a plain handler. A
    source the resolver cannot read is refused here rather than failing on every request.
    """
    if source is not None:
        check_source(source)
    resolve = getattr(app, "resolve", None)
    if callable(resolve):
        own = resolver_source(app)
        if own is not None:
            if source is None:
                source = own
            elif source not in _ACCEPTS[own]:
                raise ValueError(
                    f"{type(app).__name__} reads {' or '.join(_ACCEPTS[own])} events, not {source!r}; "
                    f"pick the resolver class for {source!r} or leave the source unset"
                )
        return resolve, source or SOURCES[0]
    if callable(app):
        return app, source or SOURCES[0]
    raise TypeError(
        f"cannot serve {type(app).__name__}: expected a resolver (with .resolve) or a Lambda handler "
        "function (event, context)"
    )

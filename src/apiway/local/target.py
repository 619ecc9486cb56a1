"""What the local tools serve: a resolver or a plain Lambda handler, and its event source."""

import sys

from apiway.local.events import SOURCES, build_event, check_source

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from apiway.resolvers import BaseResolver

    Handler = Callable[[dict[str, Any], Any], Any]

#: The sources each resolver's events can come from (ALB in either header mode).
_ACCEPTS = {
    "rest": ("rest",),
    "http": ("http",),
    "function-url": ("function-url",),
    "alb": ("alb", "alb-multi"),
    "lattice": ("lattice",),
    "lattice-v2": ("lattice-v2",),
}


def resolver_source(app: "Any") -> "str | None":
    """The source name of an apiway resolver (``"rest"``, ``"http"``, ...), else None."""
    from apiway.resolvers import BaseResolver

    if not isinstance(app, BaseResolver):
        return None
    name = getattr(getattr(app, "source", None), "name", None)
    return name if name in _ACCEPTS else None


def module_resolvers(handler: "Any") -> "list[tuple[str, BaseResolver]]":
    """``(name, resolver)`` for each apiway resolver defined or imported at the top level of
    the module that defines ``handler`` (each resolver once, under its first name)."""
    from apiway.resolvers import BaseResolver

    module = sys.modules.get(getattr(handler, "__module__", None) or "")
    if module is None:
        return []
    found: dict[int, tuple[str, BaseResolver]] = {}
    for name, value in list(vars(module).items()):
        if isinstance(value, BaseResolver):
            found.setdefault(id(value), (name, value))
    return list(found.values())


def module_source(handler: "Any") -> "str | None":
    """The source of the apiway resolvers of the module that defines ``handler``
    (:func:`module_resolvers`), when they all read the same one; else None.

    A ``lambda_handler`` that calls ``app.resolve`` is then served the events ``app`` reads.
    """
    found = {resolver_source(resolver) for _, resolver in module_resolvers(handler)} - {None}
    return found.pop() if len(found) == 1 else None


def describe(app: "Any") -> str:
    """What ``app`` is, for the start-up line: ``function``, or its class name."""
    return "function" if hasattr(app, "__code__") else type(app).__name__


def _call_problem(func: "Any") -> "str | None":
    """Why ``func`` cannot be called as ``func(event, context)``, or None."""
    import inspect

    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):  # a built-in or C callable: nothing to inspect, let it try
        return None
    parameters = list(signature.parameters)
    if parameters[:2] == ["environ", "start_response"]:
        return "it takes (environ, start_response): that is a WSGI application, not a Lambda handler"
    try:
        signature.bind(None, None)
    except TypeError:
        return f"it takes ({', '.join(parameters)}); a Lambda handler takes (event, context)"
    return None


def _refuse(app: "Any", why: str) -> "TypeError":
    name = getattr(app, "__qualname__", None) if isinstance(app, type) or hasattr(app, "__code__") else None
    return TypeError(f"cannot serve {name or type(app).__name__}: {why}")


def as_handler(app: "Any", source: "str | None" = None) -> "tuple[Handler, str]":
    """``(handler, source)`` for a resolver (anything with ``.resolve``) or a handler function.

    Without ``source`` a resolver's own source is used; for a handler function, the source
    of the resolvers in its module (:func:`module_source`), else ``rest``. A source the
    resolver cannot read, and an object that is neither, are refused here rather than
    failing on every request.
    """
    if source is not None:
        check_source(source)
    if isinstance(app, type):
        hint = f" (app = {app.__name__}())" if callable(getattr(app, "resolve", None)) else ""
        raise _refuse(app, f"it is a class; serve an instance of it{hint}")
    from apiway.router import Router

    if isinstance(app, Router):
        raise _refuse(
            app,
            "a Router holds routes but resolves no events; include it in a resolver "
            "(app.include_router(router)) and serve the resolver",
        )
    resolve = getattr(app, "resolve", None)
    if callable(resolve):
        problem = _call_problem(resolve)
        if problem is not None:
            raise _refuse(app, f"its resolve method cannot be called with (event, context): {problem}")
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
        problem = _call_problem(app)
        if problem is not None:
            raise _refuse(app, problem)
        return app, source or module_source(app) or SOURCES[0]
    raise _refuse(app, "expected a resolver (with .resolve) or a Lambda handler function (event, context)")


def serving(app: "Any", source: "str | None" = None, stage: "str | None" = None) -> "tuple[Handler, str]":
    """:func:`as_handler`, and a stage the source has refused now rather than on every request."""
    handler, source = as_handler(app, source)
    build_event(source, "GET", "/", stage=stage)
    return handler, source

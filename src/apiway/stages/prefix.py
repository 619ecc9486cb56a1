"""The prefix stage: removes custom-domain mapping prefixes (``strip_prefixes``)."""

from apiway.routing import MAX_PATH_LENGTH, has_dot_segment
from apiway.stages import Stage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from re import Pattern
    from typing import Any

    from apiway.request import Request
    from apiway.resolvers import BaseResolver
    from apiway.response import Response
    from apiway.stages import CallNext


def strip_prefix(path: str, prefixes: "list[str | Pattern[str]]") -> str:
    """Remove the configured prefixes, in order, each where it matches at a segment boundary.

    A string prefix ``/pay`` strips ``/pay`` and ``/pay/x`` but not ``/payment``; a regex
    prefix must match at the start of what is left and end at a segment boundary. Applying
    them in turn handles nested mappings (``/pay`` then ``/v2``). What is left of ``/pay`` or
    ``/pay/`` is ``/``.
    """
    for prefix in prefixes:
        if isinstance(prefix, str):
            if path == prefix or path.startswith(prefix + "/"):
                path = path[len(prefix) :] or "/"
            continue
        match = prefix.match(path)
        if match is not None and match.end() > 0:
            rest = path[match.end() :]
            if not rest or rest.startswith("/"):
                path = rest or "/"
    return path


class PrefixStage(Stage):
    """Strips the configured prefixes from the routing path (``request.route_path``)."""

    name = "prefix"

    def __init__(self, prefixes: "list[str | Pattern[str]] | None" = None):
        cleaned: list[str | Pattern[str]] = []
        for prefix in prefixes or []:
            if isinstance(prefix, str):
                text = prefix.rstrip("/")
                if not text.startswith("/"):
                    raise ValueError(f"strip_prefixes: {prefix!r} must start with '/'")
                cleaned.append(text)
            elif hasattr(prefix, "match") and hasattr(prefix, "pattern"):
                cleaned.append(prefix)
            else:
                raise TypeError(f"strip_prefixes entries are strings or compiled regexes, not {prefix!r}")
        self.prefixes = cleaned

    def enabled(self, app: "BaseResolver") -> bool:
        return bool(self.prefixes)  # configured on the stage itself, whatever the resolver says

    def handle(self, request: "Request", call_next: "CallNext") -> "Response":
        path = request.route_path
        # A path the router refuses (too long, dot segments) is left whole, so that no prefix
        # can strip the part that makes it refused.
        if len(path) <= MAX_PATH_LENGTH and not has_dot_segment(path, request.path_decoded):
            request.route_path = strip_prefix(path, self.prefixes)
        return call_next(request)

    def describe(self) -> "dict[str, Any]":
        return {"prefixes": [p if isinstance(p, str) else f"re:{p.pattern}" for p in self.prefixes]}

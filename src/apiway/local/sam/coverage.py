"""Which routes a function's API events send to it, and which events no route answers.

A template path is API Gateway's: literal segments, ``{name}`` (one segment) and a final
``{name+}`` (one segment or more; ``/{proxy+}`` does not match ``/``). An HTTP API's
``$default`` route matches every path. A route is *sent* when every request it answers
comes through one event: ``{id}`` covers ``<id>`` (or any one segment), ``{proxy+}`` covers
anything below it, including a catch-all rule whose pattern starts there, and ``ANY`` covers
every method. An event is *answered* when some request through it reaches a route for its
method (``HEAD`` reaches ``GET`` routes; ``OPTIONS`` any route, which answers it).
"""

from apiway.local.sam.template import ANY, DEFAULT_ROUTE
from apiway.routing import LITERAL, PARAM

TYPE_CHECKING = False
if TYPE_CHECKING:
    from re import Pattern

    from apiway.local.sam.template import ApiEvent
    from apiway.registry import Route


class TemplatePath:
    """An API Gateway path, split: literal or ``{param}`` segments and a final ``{proxy+}``."""

    __slots__ = ("everything", "greedy", "segments")

    def __init__(self, path: str):
        self.everything = path == DEFAULT_ROUTE
        self.greedy = False
        #: ``(True, name)`` for a ``{name}`` parameter, ``(False, text)`` for literal text.
        self.segments: list[tuple[bool, str]] = []
        if self.everything:
            return
        if not path.startswith("/"):
            raise ValueError(f"path {path!r} must start with '/' (or be {DEFAULT_ROUTE})")
        pieces = path.rstrip("/")[1:].split("/") if path.rstrip("/") else []
        for index, piece in enumerate(pieces):
            if not piece:
                raise ValueError(f"path {path!r} has an empty segment")
            if piece.startswith("{") and piece.endswith("}") and "{" not in piece[1:-1]:
                name = piece[1:-1]
                if name.endswith("+"):
                    if index != len(pieces) - 1:
                        raise ValueError(f"path {path!r}: {piece} must be the last segment")
                    self.greedy = True
                    break
                self.segments.append((True, name))
            elif "{" in piece or "}" in piece:
                raise ValueError(f"path {path!r}: segment {piece!r} mixes text and a {{parameter}}")
            else:
                self.segments.append((False, piece))

    def strip(self, prefixes: "list[str | Pattern[str]]") -> None:
        """Drop the leading literal segments the resolver's ``strip_prefixes`` would remove."""
        if not prefixes or self.everything:
            return
        from apiway.stages.prefix import strip_prefix

        head = []
        for is_param, text in self.segments:
            if is_param:
                break
            head.append(text)
        path = "/" + "/".join(head)
        left = strip_prefix(path, prefixes)
        removed = len(head) - (len(left.strip("/").split("/")) if left.strip("/") else 0)
        del self.segments[:removed]


def _segment_matches(text: str, kind: int, value: object) -> bool:
    """Whether a request segment ``text`` can match one route segment."""
    if kind == LITERAL:
        return text == value
    if kind == PARAM:
        return True
    import re

    parts = value if isinstance(value, list) else []
    pattern = "".join(re.escape(part) if index % 2 == 0 else "[^/]+" for index, part in enumerate(parts))
    return re.fullmatch(pattern, text) is not None


def covers(template: "TemplatePath", route: "Route") -> bool:
    """True when every request ``route`` answers comes through ``template`` (paths only)."""
    if template.everything:
        return True
    segments = route.parsed.segments
    for index, (kind, value) in enumerate(segments):
        if index == len(template.segments):
            return template.greedy
        is_param, text = template.segments[index]
        if not is_param and (kind != LITERAL or value != text):
            return False
    if route.parsed.catch_all is not None:
        return template.greedy and len(template.segments) == len(segments)
    return len(template.segments) == len(segments) and not template.greedy


def reaches(template: "TemplatePath", route: "Route") -> bool:
    """True when some request through ``template`` reaches ``route`` (paths only)."""
    if template.everything:
        return True
    segments = route.parsed.segments
    for index, (kind, value) in enumerate(segments):
        if index == len(template.segments):
            return template.greedy
        is_param, text = template.segments[index]
        if not is_param and not _segment_matches(text, kind, value):
            return False
    if route.parsed.catch_all is not None:
        return template.greedy or len(template.segments) > len(segments)
    return len(template.segments) == len(segments) and not template.greedy


def method_sends(event_method: str, route_method: str) -> bool:
    """True when requests of the event's method are ``route_method`` requests."""
    return event_method in (ANY, route_method)


def method_answered(event_method: str, route_method: str) -> bool:
    """True when a ``route_method`` route (or the router for it) answers ``event_method``."""
    return event_method in (ANY, route_method, "OPTIONS") or (
        event_method == "HEAD" and route_method == "GET"
    )


class Coverage:
    """The result of :func:`compare`."""

    __slots__ = ("events", "routes", "unreadable")

    def __init__(self) -> None:
        #: Each route with the events that send it (empty: not sent) and those reaching part of it.
        self.routes: list[tuple[Route, list[ApiEvent], list[ApiEvent]]] = []
        #: Each readable event with the routes it reaches and, when none, the methods its path has.
        self.events: list[tuple[ApiEvent, list[Route], list[str]]] = []
        #: Events that cannot be checked, each with the reason.
        self.unreadable: list[tuple[ApiEvent, str]] = []

    @property
    def unsent(self) -> "list[tuple[Route, list[ApiEvent]]]":
        """Routes no event sends whole, each with the events that reach part of it."""
        return [(route, partly) for route, sending, partly in self.routes if not sending]

    @property
    def unanswered(self) -> "list[tuple[ApiEvent, list[str]]]":
        """Events no route answers, each with the methods that do have routes on its path."""
        return [(event, methods) for event, routes, methods in self.events if not routes]

    @property
    def ok(self) -> bool:
        return not self.unsent and not self.unanswered


def compare(
    routes: "list[Route]", events: "list[ApiEvent]", prefixes: "list[str | Pattern[str]]"
) -> "Coverage":
    """Match ``routes`` with ``events`` both ways (``prefixes``: the resolver's ``strip_prefixes``)."""
    result = Coverage()
    paths: list[tuple[ApiEvent, TemplatePath]] = []
    for event in events:
        if event.problem:
            result.unreadable.append((event, event.problem))
            continue
        try:
            path = TemplatePath(event.path)
        except ValueError as error:
            result.unreadable.append((event, str(error)))
            continue
        path.strip(prefixes)
        paths.append((event, path))
    for route in routes:
        sending = [e for e, p in paths if method_sends(e.method, route.method) and covers(p, route)]
        partly = (
            []
            if sending
            else [e for e, p in paths if method_sends(e.method, route.method) and reaches(p, route)]
        )
        result.routes.append((route, sending, partly))
    for event, path in paths:
        on_path = [route for route in routes if reaches(path, route)]
        answering = [route for route in on_path if method_answered(event.method, route.method)]
        methods = sorted({route.method for route in on_path}) if not answering else []
        result.events.append((event, answering, methods))
    return result

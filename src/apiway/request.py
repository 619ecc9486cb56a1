"""The request, twice: the object that flows through the stages, and the one handlers see.

``PipelineRequest`` is what stages (and the router) read and annotate: the raw event, what
routing found, per-request state. ``Request`` is the small read-only view that handlers,
dependencies and middlewares get (``app.request``, or a parameter annotated ``Request``),
with the names and meanings of the Powertools ``Request``: ``route`` is the matched rule as
an OpenAPI path (``/todos/{todo_id}``), not the ``Route`` object stages read. It lives in
:mod:`apiway.request_view`, loaded the first time it is imported from here or used.
"""

from apiway import lazy_attributes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.events.base import BaseProxyEvent
    from apiway.registry import Route
    from apiway.request_view import Request
    from apiway.resolvers import BaseResolver


__all__ = ["PipelineRequest", "Request"]

# perf: the view loads only for apps that use it; and an app whose code never imported it has
# no handler annotated with it (see apiway.stages.validation_needed).
__getattr__, __dir__ = lazy_attributes(__name__, {"Request": "apiway.request_view"}, __all__)


_CAPITALIZED: "dict[str, str]" = {}


class PipelineRequest:
    """One Lambda invocation as the stages see it: the raw event, what routing found, and
    per-request state.

    Stages read and annotate it; nothing of it outlives the invocation. Handlers see it
    through :attr:`view` (a :class:`Request`).

    - ``method``: upper-case HTTP method;
    - ``path``: the path as the event gives it (HTTP API stage prefix removed);
    - ``route_path``: the path routing uses (``strip_prefixes`` applied by the prefix stage);
    - ``path_decoded``: whether the platform already percent-decoded the path;
    - ``route`` / ``route_args``: the matched route and its arguments (None / {} before
      routing, and for unmatched paths);
    - ``context``: the dict behind ``app.context`` for this invocation;
    - ``state``: a free dict for stages to share data.
    """

    # perf: no __slots__: the attributes below are class-level defaults, so a request stores
    # only what every request has, and the rest only when it is used.
    #: True when ``resolve_async`` serves the request: a chain with async parts then hands
    #: back awaitables instead of running them to completion.
    asynchronous = False
    route: "Route | None" = None
    route_args: "dict[str, str] | None" = None
    _context: "dict[str, Any] | None" = None
    _state: "dict[str, Any] | None" = None
    _event: "BaseProxyEvent | None" = None
    _headers: "dict[str, str] | None" = None
    _view: "Request | None" = None

    def __init__(
        self, app: "BaseResolver", raw_event: "dict[str, Any]", lambda_context: "Any", method: str, path: str
    ):
        self.app = app
        self.raw_event = raw_event
        self.lambda_context = lambda_context
        self.method = method
        self.path = self.route_path = path
        # perf: the attribute behind app.source (a property): this runs for every request.
        self.path_decoded = app._source.path_decoded

    @property
    def context(self) -> "dict[str, Any]":
        """The dict behind ``app.context`` for this invocation."""
        context = self._context
        if context is None:
            context = self._context = {}
        return context

    @context.setter
    def context(self, value: "dict[str, Any]") -> None:
        self._context = value

    @property
    def state(self) -> "dict[str, Any]":
        """A free dict for stages to share data during this invocation."""
        state = self._state
        if state is None:
            state = self._state = {}
        return state

    @property
    def event(self) -> "BaseProxyEvent":
        """The typed event (``app.current_event``), built on first use."""
        event = self._event
        if event is None:
            # perf: the attributes behind app.source and app.json_body_deserializer (properties).
            app = self.app
            event = self._event = app._source.make_event(self.raw_event, app._json_loads)
        return event

    @property
    def headers(self) -> "dict[str, str]":
        """Request headers keyed by lower-case name (repeated headers joined)."""
        headers = self._headers
        if headers is None:
            headers = self._headers = self.app._source.lower_headers(self.raw_event)
        return headers

    def header(self, name: str) -> "str | None":
        """Header ``name`` (give it lower-case), or None."""
        headers = self._headers
        if headers is None:
            # perf: events spell a header lower-case (HTTP APIs, ALB, HTTP/2 clients) or
            # capitalized (HTTP/1.1 clients through REST APIs); those two look-ups usually
            # answer without lower-casing every header of the event.
            raw = self.raw_event.get("headers")
            if type(raw) is dict:
                value = raw.get(name)
                if value is None:
                    capitalized = _CAPITALIZED.get(name)
                    if capitalized is None:
                        capitalized = _CAPITALIZED[name] = "-".join(p.capitalize() for p in name.split("-"))
                    value = raw.get(capitalized)
                if type(value) is str:
                    return value
            headers = self.headers
        return headers.get(name)

    # Names shared with the request object of the API users migrate from.
    @property
    def path_parameters(self) -> "dict[str, str]":
        return self.route_args or {}

    @property
    def query_parameters(self) -> "dict[str, str]":
        return self.event.query_string_parameters

    @property
    def body(self) -> "str | None":
        return self.event.body

    @property
    def json_body(self) -> "Any":
        return self.event.json_body

    @property
    def resolved_event(self) -> "BaseProxyEvent":
        return self.event

    @property
    def view(self) -> "Request":
        """The :class:`Request` handlers see for this invocation (made on first use)."""
        view = self._view
        if view is None:
            from apiway.request_view import Request, openapi_path

            route = self.route
            rule = openapi_path(route.rule) if route is not None else None
            view = self._view = Request(rule, self.route_args or {}, self.event, self.context)
        return view

    def __repr__(self) -> str:
        return f"<PipelineRequest {self.method} {self.path}>"

"""The resolvers: routes registered by users, the stage chain, and ``resolve(event, context)``.

``BaseResolver`` does the work; a concrete resolver only chooses the event source. Each lives
in its source's module (``APIGatewayRestResolver`` in ``apiway.sources.rest``, ...), so an
app loads only its own; ``ApiGatewayResolver`` (``apiway.generic``) picks the source from
``proxy_type``.
"""

import os
from _thread import _local as ThreadLocal  # perf: threading.local itself, without importing threading

from apiway.registry import Route, RouteRegistry
from apiway.request import Request
from apiway.routing import RouteTable
from apiway.stages import build_chain, default_stages

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from re import Pattern
    from typing import Any

    from apiway.cors import CORSConfig
    from apiway.events.base import BaseProxyEvent
    from apiway.pipeline import Pipeline
    from apiway.response import Response
    from apiway.router import Router
    from apiway.sources import EventSource
    from apiway.stages import Stage, StageRef

DEBUG_ENV_VARS = ("POWERTOOLS_EVENT_HANDLER_DEBUG", "POWERTOOLS_DEV", "APIWAY_DEBUG")
_TRUE = frozenset(("1", "y", "yes", "t", "true", "on"))


def debug_from_env() -> bool:
    """True when one of the debug environment variables is set to a true value."""
    return any(os.environ.get(name, "").strip().lower() in _TRUE for name in DEBUG_ENV_VARS)


def warn_powertools_dev() -> None:
    """Say that ``POWERTOOLS_DEV`` turned debug mode on, with the words code filters on."""
    if os.environ.get("POWERTOOLS_DEV", "").strip().lower() in _TRUE:
        from apiway.user_warnings import warn_user

        warn_user(
            "POWERTOOLS_DEV environment variable is enabled: debug mode is on (tracebacks in "
            "500 responses, request and response log lines, any CORS origin); never set it in "
            "production"
        )


class BaseResolver(RouteRegistry):
    """Routes Lambda HTTP events to handlers through the stage chain.

    Use one of the concrete resolvers (``APIGatewayRestResolver``, ...), which fix the event
    source.
    """

    _source: "EventSource"
    #: The event source class; each concrete resolver sets its own.
    _source_class: "type[EventSource] | None" = None

    def __init__(
        self,
        cors: "CORSConfig | None" = None,
        debug: "bool | None" = None,
        serializer: "Callable[[Any], str] | None" = None,
        strip_prefixes: "Iterable[str | Pattern[str]] | None" = None,
        json_body_deserializer: "Callable[[str], Any] | None" = None,
        propagate_exceptions: bool = False,
    ):
        if "_source" not in self.__dict__:
            if self._source_class is None:
                raise TypeError("use a concrete resolver, e.g. APIGatewayRestResolver")
            self._source = self._source_class()
        self._cors = cors
        if debug is None:
            debug = debug_from_env()
            if debug:
                warn_powertools_dev()
        self.debug = bool(debug)
        prefixes: list[str | Pattern[str]] = []
        if strip_prefixes is not None and not (type(strip_prefixes) is list and not strip_prefixes):
            from apiway.stages.prefix import checked_prefixes  # perf: only for apps with prefixes

            prefixes = checked_prefixes(strip_prefixes)
        self._strip_prefixes = prefixes
        self._json_loads = json_body_deserializer
        self.propagate_exceptions = propagate_exceptions
        self._routes = RouteTable()
        self._exception_handlers: dict[type, Callable[..., Any]] = {}
        self._middlewares: list[Callable[..., Any]] = []
        self._answer_chains: dict[str, Callable[[Request], Response]] = {}
        self._pending_context: dict[str, Any] = {}
        # Request state, per thread: two threads serving one app never see each other's.
        # "request" is the request being resolved (a nested resolve() restores the outer one
        # when done); "last" the one resolved last, which stays readable until the next.
        self._per_thread = ThreadLocal()
        self._entry: Callable[[Request], Response] | None = None
        self._routers: list[Router] = []
        # The chain's stages, outermost first; `app.pipeline` edits this list in place.
        self._stages: list[Stage | StageRef] = default_stages(self, serializer, prefixes)
        self._live: list[Stage] | None = None
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> "Pipeline":
        """The stage chain, to list and edit (before the first request)."""
        if self._pipeline is None:
            # perf: the editing API loads only for apps that use it
            from apiway.pipeline import Pipeline

            self._pipeline = Pipeline.adopt(self._stages, self._live, self._entry)
        return self._pipeline

    # -- settings read by stages --------------------------------------------------------------
    @property
    def cors(self) -> "CORSConfig | None":
        """The resolver-wide CORS configuration, if any."""
        return self._cors

    @property
    def strip_prefixes(self) -> "list[str | Pattern[str]]":
        return self._strip_prefixes

    @property
    def routes(self) -> "list[Route]":
        """Every registered route, in registration order."""
        return list(self._routes)

    # Read-only views kept for code written against the API users migrate from.
    @property
    def _debug(self) -> bool:
        return self.debug

    @property
    def _static_routes(self) -> "list[Route]":
        return [route for route in self._routes if route.parsed.is_static]

    @property
    def _dynamic_routes(self) -> "list[Route]":
        return [route for route in self._routes if not route.parsed.is_static]

    # -- registration ------------------------------------------------------------------------
    def _add_route(
        self,
        rule: str,
        methods: "list[str]",
        func: "Callable[..., Any]",
        cors: "bool | None",
        compress: bool,
        cache_control: "str | None",
        middlewares: "list[Callable[..., Any]] | None",
        status_code: int,
    ) -> None:
        for method in methods:
            route = Route(method, rule, func, cors, compress, cache_control, middlewares, status_code)
            if self._entry is not None:
                self._check_late_route(route)
            if not self._routes.add(route):
                from apiway.user_warnings import warn_user

                # The message starts with the words code written for Powertools filters on.
                warn_user(
                    f"A route like this was already registered: {method} {route.rule} "
                    "(the first handler keeps answering it)"
                )

    def _check_late_route(self, route: "Route") -> None:
        names = self.pipeline.names()
        needs = {"cors": route.cors is True, "cache_control": route.cache_control is not None}
        for stage, needed in needs.items():
            if needed and stage not in names:
                from apiway.exceptions import RouteError

                raise RouteError(
                    f"route {route.method} {route.rule} needs the {stage!r} stage, which was left out "
                    "when the chain was built; register it before the first request"
                )

    def use(self, middlewares: "list[Callable[..., Any]]") -> None:
        super().use(middlewares)
        for route in self._routes:
            route.chain = None
        self._not_found_chain = None
        self._answer_chains.clear()

    def include_router(self, router: "Router", prefix: "str | None" = None) -> None:
        """Add every route of ``router`` (under ``prefix``), its exception handlers and context."""
        router._attach(self, prefix)

    # -- the pipeline ------------------------------------------------------------------------
    def build(self) -> "Callable[[Request], Response]":
        """Compose the chain now (otherwise it happens on the first request)."""
        if self._entry is None:
            if self._pipeline is not None:
                self._entry = self._pipeline.build(self)
            else:
                self._live, self._entry = build_chain(self._stages, self)
        return self._entry

    def describe(self, route: "str | None" = None) -> str:
        """A readable description of the live chain, or of what one route runs through.

        ``route`` is ``"METHOD /rule"``, e.g. ``app.describe("GET /todos/<todo_id>")``.
        """
        from apiway.introspection import describe_app

        return describe_app(self, route)

    _not_found_chain: "Callable[[Request], Response] | None" = None

    def _chain_for(self, route: "Route | None") -> "Callable[[Request], Response]":
        from apiway.stages.router import route_runner

        if route is None:
            if self._not_found_chain is None:
                self._not_found_chain = route_runner(self, None)
            return self._not_found_chain
        route.chain = route_runner(self, route)
        return route.chain

    def _answer_chain(self, kind: str) -> "Callable[[Request], Response]":
        """One of the router's own answers (405, automatic OPTIONS, refused paths; see
        ``apiway.stages.router.ANSWERS``) with the global middlewares, composed once."""
        chain = self._answer_chains.get(kind)
        if chain is None:
            from apiway.stages.router import answer_runner

            chain = self._answer_chains[kind] = answer_runner(self, kind)
        return chain

    def _find_exception_handler(self, klass: type) -> "Callable[..., Any] | None":
        handlers = self._exception_handlers
        if handlers:
            for base in klass.__mro__:
                handler = handlers.get(base)
                if handler is not None:
                    return handler
        return None

    # -- resolving ---------------------------------------------------------------------------
    def resolve(self, event: "Any", context: "Any") -> "dict[str, Any]":
        """Route one Lambda event and return the proxy response for its event source.

        Raises :class:`~apiway.exceptions.InvalidEventError` (and nothing else, unless
        ``propagate_exceptions=True``) when the event is not from this resolver's source.
        """
        entry = self._entry or self.build()
        if type(event) is not dict:
            raw_event = getattr(event, "raw_event", None)
            if raw_event is not None:
                event = raw_event  # a typed event passed by mistake
        source = self._source
        method, path = source.read(event)
        request = Request(self, event, context, method, path)
        if self._pending_context:
            request.context = self._pending_context
            self._pending_context = {}
        state = self._per_thread.__dict__  # perf: this thread's dict; plain dict operations
        outer = state.get("request")
        state["request"] = request
        try:
            response = entry(request)
            # The source refuses what it cannot deliver (CR/LF in a header, a bad status, a
            # response over the size limit) with a ResponseError: a generic 500 instead.
            return source.write(response, event)
        except Exception as error:  # noqa: BLE001 - last line of defence: always answer
            return self._last_resort(request, error)
        finally:
            state["request"] = outer
            state["last"] = request

    def __call__(self, event: "Any", context: "Any") -> "dict[str, Any]":
        return self.resolve(event, context)

    def _last_resort(self, request: "Request", error: Exception) -> "dict[str, Any]":
        from apiway.stages.exceptions import GENERIC_500, log_unhandled, raise_requested

        if self.propagate_exceptions or raise_requested(request):
            raise error
        from apiway.response import Response
        from apiway.stages.serialization import json_dumps

        log_unhandled(request, error, "request failed outside the exception stage")
        fallback = Response(500, "application/json", json_dumps(GENERIC_500))
        refused = getattr(error, "response", None)
        if type(refused) is dict:
            # A response too large to send: keep its CORS headers, so that a browser sees
            # this 500 rather than a CORS failure (unless they are what is too large).
            fallback.headers.update(cors_headers(refused))
            try:
                return self._source.write(fallback, request.raw_event)
            except ValueError:
                fallback.headers = {"Content-Type": "application/json"}
        return self._source.write(fallback, request.raw_event)

    # -- per-invocation state ---------------------------------------------------------------
    def _active_request(self) -> "Request | None":
        """The request being resolved in this thread, if any."""
        return self._per_thread.__dict__.get("request")

    def _latest_request(self) -> "Request | None":
        """The request being resolved in this thread, else the last one resolved in it."""
        state = self._per_thread.__dict__
        request: Request | None = state.get("request") or state.get("last")
        return request

    def _current(self, what: str) -> "Request":
        request = self._latest_request()
        if request is None:
            raise RuntimeError(
                f"app.{what} is only available while a request is being resolved, or after one "
                "was, on this thread (assign app.current_event to hand an event to another thread)"
            )
        return request

    def _assignable(self) -> "Request":
        """The request an assignment to ``current_event`` / ``lambda_context`` goes to: the
        latest one, else a new one standing for none (a test calling a route directly)."""
        request = self._latest_request()
        if request is None:
            request = self._per_thread.__dict__["last"] = Request(self, {}, None, "", "")
        return request

    @property
    def current_event(self) -> "BaseProxyEvent":
        """The typed event of the request being resolved in this thread (or of the last one,
        until the next ``resolve()`` starts)."""
        return self._current("current_event").event

    @current_event.setter
    def current_event(self, event: "BaseProxyEvent") -> None:
        # Tests call route functions directly after assigning an event, and threads a handler
        # starts adopt its event this way.
        self._assignable()._event = event

    @property
    def lambda_context(self) -> "Any":
        """The Lambda context object of the request being resolved (or of the last one)."""
        return self._current("lambda_context").lambda_context

    @lambda_context.setter
    def lambda_context(self, lambda_context: "Any") -> None:
        self._assignable().lambda_context = lambda_context

    @property
    def request(self) -> "Request":
        """The :class:`~apiway.request.Request` being resolved (or the last one)."""
        return self._current("request")

    @property
    def context(self) -> "dict[str, Any]":
        """Per-request shared data (``append_context``); set outside a request, it is handed to
        the next request and then cleared."""
        request = self._active_request()
        return request.context if request is not None else self._pending_context

    @context.setter
    def context(self, value: "dict[str, Any]") -> None:
        request = self._active_request()
        if request is not None:
            request.context = value
        else:
            self._pending_context = value

    def append_context(self, **additional_context: "Any") -> None:
        """Add key/values to ``app.context`` for the current request."""
        self.context.update(additional_context)

    def clear_context(self) -> None:
        """Empty ``app.context``."""
        self.context.clear()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} routes={len(self._routes)} chain={self.pipeline.names()}>"


def cors_headers(out: "dict[str, Any]") -> "dict[str, str]":
    """The ``Access-Control-*`` and ``Vary`` headers of a written proxy response."""
    found: dict[str, str] = {}
    for key in ("headers", "multiValueHeaders"):
        headers = out.get(key)
        if type(headers) is dict:
            for name, value in headers.items():
                lowered = name.lower()
                if lowered.startswith("access-control-") or lowered == "vary":
                    found[name] = value if type(value) is str else ", ".join(value)
    return found

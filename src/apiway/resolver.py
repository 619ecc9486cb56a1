"""The resolver: routes registered by users, the stage chain, and ``resolve(event, context)``."""

from __future__ import annotations

import os
from _thread import _local

from apiway.exceptions import InvalidEventError, RouteError
from apiway.pipeline.chain import Pipeline
from apiway.registry import RouteRegistry
from apiway.request import Request
from apiway.route import Route
from apiway.routing.table import RouteTable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from re import Pattern
    from typing import Any

    from apiway.cors import CORSConfig
    from apiway.events.base import BaseProxyEvent
    from apiway.response import Response
    from apiway.router import Router
    from apiway.sources.base import EventSource

DEBUG_ENV_VARS = ("POWERTOOLS_EVENT_HANDLER_DEBUG", "POWERTOOLS_DEV", "APIWAY_DEBUG")
_TRUE = frozenset(("1", "y", "yes", "t", "true", "on"))


def debug_from_env() -> bool:
    """True when one of the debug environment variables is set to a true value."""
    return any(os.environ.get(name, "").strip().lower() in _TRUE for name in DEBUG_ENV_VARS)


class _State(_local):
    """Per-thread slot for the request being resolved (None between requests)."""

    request: Request | None = None


class BaseResolver(RouteRegistry):
    """Routes Lambda HTTP events to handlers through the stage chain.

    Use one of the concrete resolvers (``APIGatewayRestResolver``, ...), which fix the event
    source.
    """

    _source: EventSource
    #: ``"module:Class"`` of the event source; subclasses set it, the module loads on init.
    _source_class = ""

    def __init__(
        self,
        cors: CORSConfig | None = None,
        debug: bool | None = None,
        serializer: Callable[[Any], str] | None = None,
        strip_prefixes: list[str | Pattern[str]] | None = None,
        json_body_deserializer: Callable[[str], Any] | None = None,
        propagate_exceptions: bool = False,
    ):
        from apiway.stages import default_stages

        if "_source" not in self.__dict__:
            if not self._source_class:
                raise TypeError("use a concrete resolver, e.g. APIGatewayRestResolver")
            module_name, _, class_name = self._source_class.partition(":")
            self._source = getattr(__import__(module_name, fromlist=[class_name]), class_name)()
        self._cors = cors
        self.debug = debug_from_env() if debug is None else bool(debug)
        self._strip_prefixes = list(strip_prefixes or [])
        self._json_loads = json_body_deserializer
        self.propagate_exceptions = propagate_exceptions
        self._routes = RouteTable()
        self._exception_handlers: dict[type, Callable[..., Any]] = {}
        self._middlewares: list[Callable[..., Any]] = []
        self._pending_context: dict[str, Any] = {}
        self._state = _State()
        self._entry: Callable[[Request], Response] | None = None
        self._routers: list[Router] = []
        self.pipeline = Pipeline(default_stages(self, serializer, strip_prefixes))

    # -- settings read by stages --------------------------------------------------------------
    @property
    def cors(self) -> CORSConfig | None:
        """The resolver-wide CORS configuration, if any."""
        return self._cors

    @property
    def strip_prefixes(self) -> list[str | Pattern[str]]:
        return self._strip_prefixes

    @property
    def routes(self) -> list[Route]:
        """Every registered route, in registration order."""
        return list(self._routes)

    # Read-only views kept for code written against the API users migrate from.
    @property
    def _debug(self) -> bool:
        return self.debug

    @property
    def _static_routes(self) -> list[Route]:
        return [route for route in self._routes if route.parsed.is_static]

    @property
    def _dynamic_routes(self) -> list[Route]:
        return [route for route in self._routes if not route.parsed.is_static]

    # -- registration ------------------------------------------------------------------------
    def _add_route(
        self,
        rule: str,
        methods: list[str],
        func: Callable[..., Any],
        cors: bool | None,
        compress: bool,
        cache_control: str | None,
        middlewares: list[Callable[..., Any]] | None,
        status_code: int,
    ) -> None:
        for method in methods:
            route = Route(method, rule, func, cors, compress, cache_control, middlewares, status_code)
            if self._entry is not None:
                self._check_late_route(route)
            if not self._routes.add(route):
                import warnings

                warnings.warn(
                    f"route {method} {route.rule} is already registered; keeping the first handler",
                    stacklevel=4,
                )

    def _check_late_route(self, route: Route) -> None:
        names = self.pipeline.names()
        needs = {"cors": route.cors is True, "cache_control": route.cache_control is not None}
        for stage, needed in needs.items():
            if needed and stage not in names:
                raise RouteError(
                    f"route {route.method} {route.rule} needs the {stage!r} stage, which was left out "
                    "when the chain was built; register it before the first request"
                )

    def use(self, middlewares: list[Callable[..., Any]]) -> None:
        super().use(middlewares)
        for route in self._routes:
            route.chain = None
        self._not_found_chain = None

    def include_router(self, router: Router, prefix: str | None = None) -> None:
        """Add every route of ``router`` (under ``prefix``), its exception handlers and context."""
        router._attach(self, prefix)

    # -- the pipeline ------------------------------------------------------------------------
    def build(self) -> Callable[[Request], Response]:
        """Compose the chain now (otherwise it happens on the first request)."""
        if self._entry is None:
            self._entry = self.pipeline.build(self)
        return self._entry

    def describe(self, route: str | None = None) -> str:
        """A readable description of the live chain, or of what one route runs through.

        ``route`` is ``"METHOD /rule"``, e.g. ``app.describe("GET /todos/<todo_id>")``.
        """
        from apiway.introspection import describe_app

        return describe_app(self, route)

    _not_found_chain: Callable[[Request], Response] | None = None

    def _chain_for(self, route: Route | None) -> Callable[[Request], Response]:
        from apiway.stages.router import route_runner

        if route is None:
            if self._not_found_chain is None:
                self._not_found_chain = route_runner(self, None)
            return self._not_found_chain
        route.chain = route_runner(self, route)
        return route.chain

    def _find_exception_handler(self, klass: type) -> Callable[..., Any] | None:
        handlers = self._exception_handlers
        if handlers:
            for base in klass.__mro__:
                handler = handlers.get(base)
                if handler is not None:
                    return handler
        return None

    # -- resolving ---------------------------------------------------------------------------
    def resolve(self, event: Any, context: Any) -> dict[str, Any]:
        """Route one Lambda event and return the proxy response for its event source.

        Raises :class:`~apiway.exceptions.InvalidEventError` (and nothing else, unless
        ``propagate_exceptions=True``) when the event is not from this resolver's source.
        """
        entry = self._entry or self.build()
        raw_event = getattr(event, "raw_event", None)
        if raw_event is not None and not isinstance(event, dict):
            event = raw_event  # a typed event passed by mistake
        source = self._source
        method, path = source.read(event)
        request = Request(self, event, context, method, path)
        if self._pending_context:
            request.context = self._pending_context
            self._pending_context = {}
        state = self._state
        outer = state.request
        state.request = request
        try:
            response = entry(request)
            return source.write(response, event)
        except InvalidEventError:
            raise
        except Exception as error:  # noqa: BLE001 - last line of defence: always answer
            return self._last_resort(request, error)
        finally:
            state.request = outer

    def __call__(self, event: Any, context: Any) -> dict[str, Any]:
        return self.resolve(event, context)

    def _last_resort(self, request: Request, error: Exception) -> dict[str, Any]:
        if self.propagate_exceptions:
            raise error
        from apiway.response import Response
        from apiway.stages.exceptions import GENERIC_500, log_unhandled
        from apiway.stages.serialization import json_dumps

        log_unhandled(request, error, "request failed outside the exception stage")
        fallback = Response(500, "application/json", json_dumps(GENERIC_500))
        return self._source.write(fallback, request.raw_event)

    # -- per-invocation state ---------------------------------------------------------------
    def _current(self, what: str) -> Request:
        request = self._state.request
        if request is None:
            raise RuntimeError(f"app.{what} is only available while a request is being resolved")
        return request

    @property
    def current_event(self) -> BaseProxyEvent:
        """The typed event of the request being resolved (in this thread)."""
        return self._current("current_event").event

    @property
    def lambda_context(self) -> Any:
        """The Lambda context object of the request being resolved."""
        return self._current("lambda_context").lambda_context

    @property
    def request(self) -> Request:
        """The :class:`~apiway.request.Request` being resolved."""
        return self._current("request")

    @property
    def context(self) -> dict[str, Any]:
        """Per-request shared data (``append_context``); set outside a request, it is handed to
        the next request and then cleared."""
        request = self._state.request
        return request.context if request is not None else self._pending_context

    @context.setter
    def context(self, value: dict[str, Any]) -> None:
        request = self._state.request
        if request is not None:
            request.context = value
        else:
            self._pending_context = value

    def append_context(self, **additional_context: Any) -> None:
        """Add key/values to ``app.context`` for the current request."""
        self.context.update(additional_context)

    def clear_context(self) -> None:
        """Empty ``app.context``."""
        self.context.clear()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} routes={len(self._routes)} chain={self.pipeline.names()}>"

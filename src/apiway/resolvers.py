"""The resolvers: routes registered by users, the stage chain, and ``resolve(event, context)``.

``BaseResolver`` does the work; a concrete resolver only chooses the event source. Each lives
in its source's module (``APIGatewayRestResolver`` in ``apiway.sources.rest``, ...), so an
app loads only its own; ``ApiGatewayResolver`` (``apiway.generic``) picks the source from
``proxy_type``.
"""

import os
from _thread import _local as ThreadLocal  # perf: threading.local itself, without importing threading

from apiway.registry import Route, RouteRegistry
from apiway.request import PipelineRequest
from apiway.routing import RouteTable
from apiway.stages import Chain, default_stages

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Iterable, Mapping
    from contextvars import ContextVar
    from re import Pattern
    from typing import Any

    from apiway.cors import CORSConfig
    from apiway.events.base import BaseProxyEvent
    from apiway.openapi.models import (
        Contact,
        ExternalDocumentation,
        License,
        OpenAPI,
        SecurityScheme,
        Server,
        Tag,
    )
    from apiway.openapi.swagger_ui import OAuth2Config
    from apiway.pipeline import Pipeline
    from apiway.request import Request
    from apiway.response import Response
    from apiway.router import Router
    from apiway.sources import EventSource

#: ``apiway.aio.resolve.resolve_async``, once an app first calls ``resolve_async``.
_resolve_async: "Callable[..., Coroutine[Any, Any, dict[str, Any]]] | None" = None

DEBUG_ENV_VARS = ("POWERTOOLS_EVENT_HANDLER_DEBUG", "POWERTOOLS_DEV", "APIWAY_DEBUG")
#: The default title of OpenAPI documents (the Powertools REST event handler's).
OPENAPI_TITLE = "Powertools for AWS Lambda (Python) API"
_TRUE = frozenset(("1", "y", "yes", "t", "true", "on"))


def debug_from_env() -> bool:
    """True when one of the debug environment variables is set to a true value."""
    return any(os.environ.get(name, "").strip().lower() in _TRUE for name in DEBUG_ENV_VARS)


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
        enable_validation: bool = False,
        response_validation_error_http_code: "int | None" = None,
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
            if debug and os.environ.get("POWERTOOLS_DEV", "").strip().lower() in _TRUE:
                from apiway.user_warnings import warn_powertools_dev

                warn_powertools_dev()
        self.debug = bool(debug)
        prefixes: list[str | Pattern[str]] = []
        if strip_prefixes is not None and not (type(strip_prefixes) is list and not strip_prefixes):
            from apiway.stages.prefix import checked_prefixes  # perf: only for apps with prefixes

            prefixes = checked_prefixes(strip_prefixes)
        self._strip_prefixes = prefixes
        self._json_loads = json_body_deserializer
        self.propagate_exceptions = propagate_exceptions
        if enable_validation is not False or response_validation_error_http_code is not None:
            from apiway.route_options import validation_settings  # perf: only for apps that validate

            enable_validation, response_validation_error_http_code = validation_settings(
                enable_validation, response_validation_error_http_code
            )
        self._enable_validation = enable_validation
        self._response_validation_code = response_validation_error_http_code
        #: Replacements for ``Depends`` functions, ``{declared: replacement}`` (for tests).
        self.dependency_overrides: dict[Callable[..., Any], Callable[..., Any]] = {}
        self._openapi_config: dict[str, Any] | None = None
        self._routes = RouteTable()
        self._exception_handlers: dict[type, Callable[..., Any]] = {}
        self._middlewares: tuple[Callable[..., Any], ...] = ()
        self._pending_context: dict[str, Any] = {}
        # Request state, per thread: two threads serving one app never see each other's.
        # "request" is the request being resolved (a nested resolve() restores the outer one
        # when done); "last" the one resolved last, which stays readable until the next.
        self._per_thread = ThreadLocal()
        self._chain = Chain(default_stages(serializer, prefixes))
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> "Pipeline":
        """The stage chain, to list and edit (before the first request)."""
        if self._pipeline is None:
            # perf: the editing API loads only for apps that use it
            from apiway.pipeline import Pipeline

            self._pipeline = Pipeline(self._chain)
        return self._pipeline

    # -- what stages read (read-only; see apiway.stages) ------------------------------------
    @property
    def cors(self) -> "CORSConfig | None":
        """The resolver-wide CORS configuration, if any."""
        return self._cors

    @property
    def strip_prefixes(self) -> "list[str | Pattern[str]]":
        """The checked ``strip_prefixes``, in the order they are tried."""
        return self._strip_prefixes

    @property
    def routes(self) -> "list[Route]":
        """Every registered route, in registration order."""
        return list(self._routes)

    @property
    def route_table(self) -> "RouteTable":
        """The routes indexed for matching (what the router stage looks paths up in)."""
        return self._routes

    @property
    def middlewares(self) -> "tuple[Callable[..., Any], ...]":
        """The global middlewares (``app.use``), outermost first."""
        return self._middlewares

    @property
    def exception_handlers(self) -> "Mapping[type, Callable[..., Any]]":
        """The registered exception handlers, by exception class (read it, do not change it:
        register with ``exception_handler``)."""
        return self._exception_handlers

    def exception_handler_for(self, exc_class: type) -> "Callable[..., Any] | None":
        """The handler for ``exc_class``: the one registered for the nearest class of its MRO."""
        handlers = self._exception_handlers
        if handlers:
            for base in exc_class.__mro__:
                handler = handlers.get(base)
                if handler is not None:
                    return handler
        return None

    @property
    def source(self) -> "EventSource":
        """The event source this resolver reads events from and writes responses for."""
        return self._source

    @property
    def enable_validation(self) -> bool:
        """Whether routes validate typed parameters unless they say otherwise (``enable_validation=``)."""
        return self._enable_validation

    @property
    def response_validation_error_http_code(self) -> "int | None":
        """The status of a response that fails validation (None: 500), unless its route sets one."""
        return self._response_validation_code

    @property
    def json_body_deserializer(self) -> "Callable[[str], Any] | None":
        """The function that decodes JSON bodies (``json_body_deserializer=``), or None for
        apiway's own."""
        return self._json_loads

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
        options: "dict[str, Any] | None",
    ) -> None:
        for method in methods:
            route = Route(
                method, rule, func, cors, compress, cache_control, middlewares, status_code, options
            )
            if options is not None or self._enable_validation:
                # perf: only routes with options, or on validating apps, load this.
                from apiway.route_options import prepare_route

                prepare_route(self, route)  # a route with validation on is compiled now
            if not self._routes.add(route):
                from apiway.user_warnings import warn_user

                # The message starts with the words code written for Powertools filters on.
                warn_user(
                    f"A route like this was already registered: {method} {route.rule} "
                    "(the first handler keeps answering it)"
                )
            elif self._chain.entry is not None:
                from apiway.pipeline import check_late_route  # perf: only routes added once built

                check_late_route(self, route)

    def use(self, middlewares: "list[Callable[..., Any]]") -> None:
        super().use(middlewares)
        # The router stage composes them again, with the new middlewares.
        for route in self._routes:
            route.chain = None
        self._routes.answers.clear()

    def include_router(self, router: "Router", prefix: "str | None" = None) -> None:
        """Add every route of ``router`` (under ``prefix``), its exception handlers and context."""
        router._attach(self, prefix)

    # -- the pipeline ------------------------------------------------------------------------
    def build(self) -> "Callable[[PipelineRequest], Response]":
        """Compose the chain now (otherwise it happens on the first request)."""
        return self._chain.build(self)

    def describe(self, route: "str | None" = None) -> str:
        """A readable description of the live chain, or of what one route runs through.

        ``route`` is ``"METHOD /rule"``, e.g. ``app.describe("GET /todos/<todo_id>")``.
        """
        from apiway.introspection import describe_app

        return describe_app(self, route)

    # -- OpenAPI: apiway.openapi.app does the work, loaded on first use -----------------------
    def get_openapi_schema(
        self,
        *,
        title: str = OPENAPI_TITLE,
        version: str = "1.0.0",
        openapi_version: str = "3.1.0",
        summary: "str | None" = None,
        description: "str | None" = None,
        tags: "list[Tag | str] | None" = None,
        servers: "list[Server] | None" = None,
        terms_of_service: "str | None" = None,
        contact: "Contact | None" = None,
        license_info: "License | None" = None,
        security_schemes: "dict[str, SecurityScheme] | None" = None,
        security: "list[dict[str, list[str]]] | None" = None,
        external_documentation: "ExternalDocumentation | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
    ) -> "OpenAPI":
        """The OpenAPI 3.1 document of the app's routes; keywords not given come from
        ``configure_openapi``."""
        given = _given(locals())
        from apiway.openapi.app import openapi_schema

        return openapi_schema(self, given)

    def get_openapi_json_schema(
        self,
        *,
        title: str = OPENAPI_TITLE,
        version: str = "1.0.0",
        openapi_version: str = "3.1.0",
        summary: "str | None" = None,
        description: "str | None" = None,
        tags: "list[Tag | str] | None" = None,
        servers: "list[Server] | None" = None,
        terms_of_service: "str | None" = None,
        contact: "Contact | None" = None,
        license_info: "License | None" = None,
        security_schemes: "dict[str, SecurityScheme] | None" = None,
        security: "list[dict[str, list[str]]] | None" = None,
        external_documentation: "ExternalDocumentation | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
    ) -> str:
        """The OpenAPI document as JSON text (``openapi_version="3.0.3"`` writes OpenAPI 3.0)."""
        given = _given(locals())
        from apiway.openapi.app import openapi_json

        return openapi_json(self, given)

    def configure_openapi(
        self,
        title: str = OPENAPI_TITLE,
        version: str = "1.0.0",
        openapi_version: str = "3.1.0",
        summary: "str | None" = None,
        description: "str | None" = None,
        tags: "list[Tag | str] | None" = None,
        servers: "list[Server] | None" = None,
        terms_of_service: "str | None" = None,
        contact: "Contact | None" = None,
        license_info: "License | None" = None,
        security_schemes: "dict[str, SecurityScheme] | None" = None,
        security: "list[dict[str, list[str]]] | None" = None,
        external_documentation: "ExternalDocumentation | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
    ) -> None:
        """Set the document keywords once, for ``get_openapi_schema`` and the Swagger UI page."""
        given = _given(locals())
        from apiway.openapi.app import configure

        configure(self, given)

    def enable_swagger(
        self,
        *,
        path: str = "/swagger",
        title: str = OPENAPI_TITLE,
        version: str = "1.0.0",
        openapi_version: str = "3.1.0",
        summary: "str | None" = None,
        description: "str | None" = None,
        tags: "list[Tag | str] | None" = None,
        servers: "list[Server] | None" = None,
        terms_of_service: "str | None" = None,
        contact: "Contact | None" = None,
        license_info: "License | None" = None,
        swagger_base_url: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        compress: bool = False,
        security_schemes: "dict[str, SecurityScheme] | None" = None,
        security: "list[dict[str, list[str]]] | None" = None,
        oauth2_config: "OAuth2Config | None" = None,
        persist_authorization: bool = False,
        external_documentation: "ExternalDocumentation | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
    ) -> None:
        """Serve Swagger UI at ``GET path`` (``?format=json``: the OpenAPI document)."""
        given = _given(locals())
        page = {name: given.pop(name) for name in ("path", "swagger_base_url", "middlewares", "compress")}
        oauth = {name: given.pop(name) for name in ("oauth2_config", "persist_authorization")}
        from apiway.openapi.app import enable_swagger

        enable_swagger(self, given=given, **page, **oauth)

    # -- resolving ---------------------------------------------------------------------------
    def resolve(self, event: "Any", context: "Any") -> "dict[str, Any]":
        """Route one Lambda event and return the proxy response for its event source.

        Raises :class:`~apiway.exceptions.InvalidEventError` (and nothing else, unless
        ``propagate_exceptions=True``) when the event is not from this resolver's source.
        """
        entry = self._chain.entry or self.build()
        if type(event) is not dict:
            raw_event = getattr(event, "raw_event", None)
            if raw_event is not None:
                event = raw_event  # a typed event passed by mistake
        source = self._source
        method, path = source.read(event)
        request = PipelineRequest(self, event, context, method, path)
        if self._pending_context:
            request.context = self._pending_context
            self._pending_context = {}
        state = self._per_thread.__dict__  # perf: this thread's dict; plain dict operations
        outer = state.get("request")
        state["request"] = request
        response = None
        try:
            response = entry(request)
            # The source refuses what it cannot deliver (CR/LF in a header, a bad status, a
            # response over the size limit) with a ResponseError: a generic 500 instead.
            return source.write(response, event)
        except Exception as error:  # noqa: BLE001 - last line of defence: always answer
            from apiway.failures import last_resort

            return last_resort(self, request, error, response)
        finally:
            state["request"] = outer
            state["last"] = request

    def resolve_async(self, event: "Any", context: "Any") -> "Coroutine[Any, Any, dict[str, Any]]":
        """Route one Lambda event with ``await``: ``async def`` handlers, middlewares and
        exception handlers are awaited on the running event loop, plain ones called as by
        :meth:`resolve` (a plain middleware or stage around something async runs in a worker
        thread). Each call keeps its own request state, so concurrent calls on one loop never
        mix theirs. ``resolve()`` serves the same app too, running async parts to completion.
        """
        global _resolve_async
        if _resolve_async is None:
            # perf: only apps that use it load asyncio; the import statement, once.
            from apiway.aio.resolve import resolve_async

            _resolve_async = resolve_async
        # perf: the driver's own coroutine, handed back to be awaited (one coroutine less).
        return _resolve_async(self, event, context)

    def __call__(self, event: "Any", context: "Any") -> "dict[str, Any]":
        return self.resolve(event, context)

    # -- per-invocation state ---------------------------------------------------------------
    #: ``resolve_async`` keeps its requests in a pair of context variables (the one being
    #: resolved, the last one), created on its first use (:mod:`apiway.aio.resolve`).
    _async_requests: "tuple[ContextVar[Any], ContextVar[Any]] | None" = None

    def _active_request(self) -> "PipelineRequest | None":
        """The request being resolved in this context (``resolve_async``) or thread, if any."""
        threaded: PipelineRequest | None = self._per_thread.__dict__.get("request")
        variables = self._async_requests
        if variables is not None:
            request: PipelineRequest | None = variables[0].get(None)
            # A resolve() nested in this context's request (it runs on this thread, and was
            # not yet running when that request began) is the more inner one.
            if request is not None and (
                threaded is None or threaded is request or threaded is getattr(request, "outer", None)
            ):
                return request
        return threaded

    def _latest_request(self) -> "PipelineRequest | None":
        """The request being resolved in this context or thread, else the last one resolved."""
        request = self._active_request()
        if request is None:
            variables = self._async_requests
            if variables is not None:
                request = variables[1].get(None)
            if request is None:
                request = self._per_thread.__dict__.get("last")
        return request

    def _current(self, what: str) -> "PipelineRequest":
        request = self._latest_request()
        if request is None:
            raise RuntimeError(
                f"app.{what} is only available while a request is being resolved, or after one "
                "was, on this thread (assign app.current_event to hand an event to another thread)"
            )
        return request

    def _assignable(self) -> "PipelineRequest":
        """The request an assignment to ``current_event`` / ``lambda_context`` goes to: the
        latest one, else a new one standing for none (a test calling a route directly)."""
        request = self._latest_request()
        if request is None:
            request = self._per_thread.__dict__["last"] = PipelineRequest(self, {}, None, "", "")
            if self._async_requests is not None:
                self._async_requests[1].set(request)
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
        """The :class:`~apiway.request.Request` being resolved (or the last one): the matched
        route as an OpenAPI path, path parameters, method, headers, query, body."""
        return self._current("request").view

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
        return f"<{type(self).__name__} routes={len(self._routes)} chain={self._chain.names()}>"


def _given(keywords: "dict[str, Any]") -> "dict[str, Any]":
    """A method's keyword arguments, from its ``locals()``."""
    given = dict(keywords)
    del given["self"]
    return given

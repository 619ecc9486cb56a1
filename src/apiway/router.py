"""``Router``: routes declared in another module and added with ``app.include_router``.

``APIGatewayRouter``, ``APIGatewayHttpRouter``, ``ALBRouter`` and ``LambdaFunctionUrlRouter``
are the same router with ``current_event`` typed for one event source, for type checkers.
"""

from _thread import _local as ThreadLocal  # perf: threading.local itself, without importing threading

from apiway.registry import RouteRegistry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from apiway.events import ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionUrlEvent
    from apiway.events.base import BaseProxyEvent
    from apiway.request import Request
    from apiway.resolvers import BaseResolver


class Router(RouteRegistry):
    """Collects routes, middlewares and exception handlers to include into a resolver.

    Its ``current_event``, ``lambda_context`` and ``context`` are those of the resolver it was
    included into, for the request being resolved. Middlewares added with ``router.use``
    run around this router's routes only.
    """

    def __init__(self) -> None:
        self._specs: list[tuple[Any, ...]] = []
        self._exception_handlers: dict[type, Callable[..., Any]] = {}
        self._middlewares: tuple[Callable[..., Any], ...] = ()
        self._context: dict[str, Any] = {}
        self._apps: list[BaseResolver] = []

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
        from apiway.routing import ParsedRule

        # Refuse a bad rule where it is written, not where it is included. A rule may leave
        # out its leading slash, as it is relative to the prefix the router is included
        # under; the empty rule is the prefix itself (or "/" without one), like "/".
        if rule != "":
            ParsedRule(rule if rule.startswith("/") or rule[0] in ".^(" else "/" + rule)
        self._specs.append(
            (rule, methods, func, cors, compress, cache_control, middlewares, status_code, options)
        )
        for app in self._apps:
            self._register(app, self._prefixes[id(app)], self._specs[-1])

    _prefixes: "dict[int, str | None]"

    def _attach(self, app: "BaseResolver", prefix: "str | None") -> None:
        if prefix is not None and (not isinstance(prefix, str) or not prefix.startswith("/")):
            raise ValueError(f"include_router prefix must start with '/', got {prefix!r}")
        if not hasattr(self, "_prefixes"):
            self._prefixes = {}
        self._prefixes[id(app)] = prefix.rstrip("/") if prefix else None
        if app not in self._apps:
            self._apps.append(app)
        app._exception_handlers.update(self._exception_handlers)
        app._pending_context.update(self._context)
        for spec in self._specs:
            self._register(app, self._prefixes[id(app)], spec)

    def _register(self, app: "BaseResolver", prefix: "str | None", spec: "tuple[Any, ...]") -> None:
        rule, methods, func, cors, compress, cache_control, middlewares, status_code, options = spec
        if prefix:
            rule = prefix if rule in ("/", "") else prefix + "/" + rule.lstrip("/")
        elif rule == "":
            rule = "/"
        scoped = [*self._middlewares, *(middlewares or ())]
        app.route(
            rule,
            methods,
            cors,
            compress,
            cache_control,
            status_code=status_code,
            middlewares=scoped,
            **(options or {}),
        )(func)

    @property
    def api_resolver(self) -> "BaseResolver | None":
        """The resolver this router was (last) included into."""
        return self._apps[-1] if self._apps else None

    # -- request state of the resolver this router was included into --------------------------
    def _app(self, what: str) -> "BaseResolver":
        for app in self._apps:
            if app._active_request() is not None:
                return app
        if self._apps:
            return self._apps[0]
        raise RuntimeError(f"router.{what} is only available once the router is included into a resolver")

    @property
    def current_event(self) -> "BaseProxyEvent":
        """The event of the resolver's request (see ``BaseResolver.current_event``)."""
        if not self._apps:
            event: BaseProxyEvent = self._unincluded("current_event")
            return event
        return self._app("current_event").current_event

    @current_event.setter
    def current_event(self, event: "BaseProxyEvent") -> None:
        if not self._apps:
            self._assigned.__dict__["current_event"] = event
        else:
            self._app("current_event").current_event = event

    @property
    def lambda_context(self) -> "Any":
        """The Lambda context of the resolver's request."""
        if not self._apps:
            return self._unincluded("lambda_context")
        return self._app("lambda_context").lambda_context

    @lambda_context.setter
    def lambda_context(self, lambda_context: "Any") -> None:
        if not self._apps:
            self._assigned.__dict__["lambda_context"] = lambda_context
        else:
            self._app("lambda_context").lambda_context = lambda_context

    @property
    def request(self) -> "Request":
        """The :class:`~apiway.request.Request` of the resolver's request (see ``BaseResolver.request``)."""
        return self._app("request").request

    @property
    def _assigned(self) -> "ThreadLocal":
        # Values assigned in tests that call a route of a router no resolver includes yet,
        # kept per thread like a resolver's request state.
        assigned: ThreadLocal | None = self.__dict__.get("_assigned_values")
        if assigned is None:
            assigned = self.__dict__["_assigned_values"] = ThreadLocal()
        return assigned

    def _unincluded(self, what: str) -> "Any":
        values = self._assigned.__dict__
        if what not in values:
            raise RuntimeError(
                f"router.{what} is only available once the router is included into a resolver "
                f"(or after assigning router.{what})"
            )
        return values[what]

    @property
    def context(self) -> "dict[str, Any]":
        if not self._apps:
            return self._context
        return self._app("context").context

    @context.setter
    def context(self, value: "dict[str, Any]") -> None:
        if not self._apps:
            self._context = value
        else:
            self._app("context").context = value

    def append_context(self, **additional_context: "Any") -> None:
        self.context.update(additional_context)

    def clear_context(self) -> None:
        self.context.clear()


class APIGatewayRouter(Router):
    """A :class:`Router` whose ``current_event`` is an ``APIGatewayProxyEvent`` (REST APIs)."""

    if TYPE_CHECKING:

        @property
        def current_event(self) -> "APIGatewayProxyEvent": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...


class APIGatewayHttpRouter(Router):
    """A :class:`Router` whose ``current_event`` is an ``APIGatewayProxyEventV2`` (HTTP APIs)."""

    if TYPE_CHECKING:

        @property
        def current_event(self) -> "APIGatewayProxyEventV2": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...


class ALBRouter(Router):
    """A :class:`Router` whose ``current_event`` is an ``ALBEvent``."""

    if TYPE_CHECKING:

        @property
        def current_event(self) -> "ALBEvent": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...


class LambdaFunctionUrlRouter(Router):
    """A :class:`Router` whose ``current_event`` is a ``LambdaFunctionUrlEvent``."""

    if TYPE_CHECKING:

        @property
        def current_event(self) -> "LambdaFunctionUrlEvent": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...


__all__ = ["ALBRouter", "APIGatewayHttpRouter", "APIGatewayRouter", "LambdaFunctionUrlRouter", "Router"]

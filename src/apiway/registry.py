"""Routes and their registration: the decorators shared by resolvers and routers."""

from apiway.routing import ParsedRule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    from apiway.events.base import BaseProxyEvent

    F = TypeVar("F", bound=Callable[..., Any])


def _route_error(message: str) -> Exception:
    from apiway.exceptions import RouteError

    return RouteError(message)


class Route:
    """One ``method rule -> func`` binding with its per-route options."""

    __slots__ = (
        "cache_control",
        "chain",
        "compress",
        "cors",
        "func",
        "method",
        "middlewares",
        "param_names",
        "parsed",
        "rule",
        "status_code",
    )

    def __init__(
        self,
        method: str,
        rule: str,
        func: "Callable[..., Any]",
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        status_code: int = 200,
    ):
        self.method = method if method.isupper() else method.upper()
        self.parsed = ParsedRule(rule)
        self.rule = self.parsed.rule
        self.param_names = self.parsed.param_names
        self.func = func
        self.cors = cors
        self.compress = compress
        self.cache_control = cache_control
        self.middlewares = tuple(middlewares) if middlewares else ()
        self.status_code = status_code
        # The composed middleware chain; built by the router stage on first use.
        self.chain: Callable[..., Any] | None = None

    @property
    def name(self) -> str:
        return getattr(self.func, "__name__", repr(self.func))

    def __repr__(self) -> str:
        return f"<Route {self.method} {self.rule} -> {self.name}>"


HTTP_METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))


def method_list(method: "str | list[str] | tuple[str, ...]") -> "list[str]":
    """Validate and upper-case the ``method`` argument of ``route()``."""
    methods = [method] if isinstance(method, str) else list(method)
    if not methods:
        raise _route_error("route() needs at least one HTTP method")
    upper = []
    for item in methods:
        if not isinstance(item, str) or not item.strip() or not item.strip().isalpha():
            raise _route_error(f"invalid HTTP method {item!r}")
        upper.append(item.strip().upper())
    return upper


class RouteRegistry:
    """The decorators users register routes, middlewares and exception handlers with.

    The common base of resolvers and routers (``BaseRouter`` in ``apiway.api_gateway``), so
    it also declares, for annotations, the request state both offer.
    """

    _exception_handlers: "dict[type, Callable[..., Any]]"
    _middlewares: "tuple[Callable[..., Any], ...]"

    if TYPE_CHECKING:

        @property
        def current_event(self) -> "BaseProxyEvent": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...

        @property
        def lambda_context(self) -> "Any": ...

        @lambda_context.setter
        def lambda_context(self, lambda_context: "Any") -> None: ...

        @property
        def context(self) -> "dict[str, Any]": ...

        @context.setter
        def context(self, value: "dict[str, Any]") -> None: ...

        def append_context(self, **additional_context: "Any") -> None: ...

        def clear_context(self) -> None: ...

    def route(
        self,
        rule: str,
        method: "str | list[str] | tuple[str, ...]",
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        status_code: int = 200,
    ) -> "Callable[[F], F]":
        """Register the decorated function for ``rule`` and one or more methods."""
        # perf: what get(), post(), ... pass needs no validation
        methods = [method] if type(method) is str and method in HTTP_METHODS else method_list(method)

        def register(func: "F") -> "F":
            if not callable(func):
                raise _route_error(f"route {rule!r}: the handler must be callable")
            self._add_route(rule, methods, func, cors, compress, cache_control, middlewares, status_code)
            return func

        return register

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
        raise NotImplementedError

    def get(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        status_code: int = 200,
    ) -> "Callable[[F], F]":
        """Register a GET route (it also answers HEAD)."""
        return self.route(rule, "GET", cors, compress, cache_control, middlewares, status_code)

    def post(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        status_code: int = 200,
    ) -> "Callable[[F], F]":
        """Register a POST route."""
        return self.route(rule, "POST", cors, compress, cache_control, middlewares, status_code)

    def put(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        status_code: int = 200,
    ) -> "Callable[[F], F]":
        """Register a PUT route."""
        return self.route(rule, "PUT", cors, compress, cache_control, middlewares, status_code)

    def patch(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        status_code: int = 200,
    ) -> "Callable[[F], F]":
        """Register a PATCH route."""
        return self.route(rule, "PATCH", cors, compress, cache_control, middlewares, status_code)

    def delete(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        status_code: int = 200,
    ) -> "Callable[[F], F]":
        """Register a DELETE route."""
        return self.route(rule, "DELETE", cors, compress, cache_control, middlewares, status_code)

    def head(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        status_code: int = 200,
    ) -> "Callable[[F], F]":
        """Register a HEAD route (otherwise HEAD is served by the GET route)."""
        return self.route(rule, "HEAD", cors, compress, cache_control, middlewares, status_code)

    def options(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        middlewares: "list[Callable[..., Any]] | None" = None,
        status_code: int = 200,
    ) -> "Callable[[F], F]":
        """Register an OPTIONS route (CORS preflights are otherwise answered for you)."""
        return self.route(rule, "OPTIONS", cors, compress, cache_control, middlewares, status_code)

    def use(self, middlewares: "list[Callable[..., Any]]") -> None:
        """Add middlewares that run around every route, in the order given."""
        for middleware in middlewares:
            if not callable(middleware):
                raise TypeError(f"middleware {middleware!r} is not callable")
        self._middlewares = (*self._middlewares, *middlewares)

    def exception_handler(
        self, exc_class: "type[BaseException] | list[type[BaseException]]"
    ) -> "Callable[[F], F]":
        """Register the decorated function to answer exceptions of ``exc_class`` (and subclasses)."""
        classes = exc_class if isinstance(exc_class, (list, tuple)) else [exc_class]
        for klass in classes:
            if not (isinstance(klass, type) and issubclass(klass, BaseException)):
                raise TypeError(f"exception_handler() needs exception classes, not {klass!r}")

        def register(func: "F") -> "F":
            for klass in classes:
                self._exception_handlers[klass] = func
            return func

        return register

    def not_found(self, func: "F | None" = None) -> "Any":
        """Register the handler for unknown paths (it receives a ``NotFoundError``)."""
        from apiway.exceptions import NotFoundError

        if func is None:
            return self.exception_handler(NotFoundError)
        return self.exception_handler(NotFoundError)(func)

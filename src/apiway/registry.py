"""Routes and their registration: the decorators shared by resolvers and routers."""

from apiway import is_class
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
        "invoke",
        "method",
        "middlewares",
        "options",
        "param_names",
        "parsed",
        "plan",
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
        options: "dict[str, Any] | None" = None,
    ):
        self.method = method if method.isupper() else method.upper()
        parsed = self.parsed = ParsedRule(rule)
        self.rule = parsed.rule
        self.param_names = parsed.param_names
        self.func = func
        self.cors = cors
        self.compress = compress
        self.cache_control = cache_control
        self.middlewares = tuple(middlewares) if middlewares else ()
        self.status_code = status_code
        #: The OpenAPI and validation options that differ from their defaults
        #: (``apiway.route_options``), or None when none does.
        self.options = options
        # The composed middleware chain; built by the router stage on first use.
        self.chain: Callable[..., Any] | None = None
        #: What the router calls in place of the handler (``fn(request) -> Response``), when a
        #: stage set one up (the validation stage: arguments validated, dependencies resolved).
        self.invoke: Callable[..., Any] | None = None
        #: The route's compiled plan (``apiway.validation.plan``), once something needed it.
        self.plan: Any = None

    @property
    def name(self) -> str:
        return getattr(self.func, "__name__", repr(self.func))

    def __repr__(self) -> str:
        return f"<Route {self.method} {self.rule} -> {self.name}>"


_NO_ATTRIBUTES: "dict[str, Any]" = {}


def is_async(function: "Any") -> bool:
    """Whether calling ``function`` gives an awaitable: an ``async def`` function or method, a
    ``functools.partial`` of one, a decorator's wrapper of one (``functools.wraps`` sets
    ``__wrapped__``: a plain wrapper then hands back the coroutine), or an object whose
    ``__call__`` is one. What is taken for async is awaited only when it gives an awaitable,
    so a wrapper that does not is still answered. perf: reads the code flags, without
    importing ``inspect`` or ``asyncio``."""
    for _ in range(8):  # partials of partials, bound methods, wrappers: unwrap a few levels
        code = getattr(function, "__code__", None)
        if code is not None:
            if code.co_flags & 0x180:  # CO_COROUTINE | CO_ITERABLE_COROUTINE
                return True
            # perf: a Python function (or a method of one) leads further only through the
            # __wrapped__ a decorator left in its __dict__: no failed lookups for plain ones
            inner = getattr(function, "__dict__", _NO_ATTRIBUTES).get("__wrapped__")
        else:
            inner = (
                getattr(function, "func", None)
                or getattr(function, "__func__", None)
                or getattr(function, "__wrapped__", None)
            )
        if inner is None:
            break
        function = inner
    if getattr(function, "__code__", None) is None:
        handler = getattr(function, "handler", None)  # BaseMiddlewareHandler: its handler()
        if handler is not None and callable(handler):
            return is_async(handler)
        code = getattr(type(function).__call__, "__code__", None)
        return code is not None and bool(code.co_flags & 0x180)
    return False


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
        summary: "str | None" = None,
        description: "str | None" = None,
        responses: "dict[int, Any] | None" = None,
        response_description: str = "Successful Response",
        tags: "list[str] | None" = None,
        operation_id: "str | None" = None,
        include_in_schema: bool = True,
        security: "list[dict[str, list[str]]] | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
        deprecated: bool = False,
        enable_validation: "bool | None" = None,
        custom_response_validation_http_code: "int | None" = None,
        status_code: int = 200,
        middlewares: "list[Callable[..., Any]] | None" = None,
    ) -> "Callable[[F], F]":
        """Register the decorated function for ``rule`` and one or more methods.

        ``summary`` ... ``deprecated`` describe the route in the OpenAPI document;
        ``enable_validation`` turns typed-parameter validation on or off for this route (None:
        the resolver's setting); ``custom_response_validation_http_code`` is the status of a
        response that fails validation.
        """
        # perf: what get(), post(), ... pass needs no validation
        methods = [method] if type(method) is str and method in HTTP_METHODS else method_list(method)
        options = None
        # perf: a route with every option at its default stores nothing and loads nothing.
        if not (
            summary is None
            and description is None
            and responses is None
            and response_description == "Successful Response"
            and tags is None
            and operation_id is None
            and include_in_schema is True
            and security is None
            and openapi_extensions is None
            and deprecated is False
            and enable_validation is None
            and custom_response_validation_http_code is None
        ):
            from apiway.route_options import given_options

            given = {
                "summary": summary,
                "description": description,
                "responses": responses,
                "response_description": response_description,
                "tags": tags,
                "operation_id": operation_id,
                "include_in_schema": include_in_schema,
                "security": security,
                "openapi_extensions": openapi_extensions,
                "deprecated": deprecated,
                "enable_validation": enable_validation,
                "custom_response_validation_http_code": custom_response_validation_http_code,
            }
            options = given_options(f"route {'/'.join(methods)} {rule}", given) or None

        def register(func: "F") -> "F":
            if not callable(func):
                raise _route_error(f"route {rule!r}: the handler must be callable")
            self._add_route(
                rule, methods, func, cors, compress, cache_control, middlewares, status_code, options
            )
            return func

        return register

    def _plain_route(
        self,
        rule: str,
        method: str,
        cors: "bool | None",
        compress: bool,
        cache_control: "str | None",
        middlewares: "list[Callable[..., Any]] | None",
        status_code: int,
    ) -> "Callable[[F], F]":
        """``route()`` for one of the usual methods and no route option (perf: ``get()``,
        ``post()``, ... check their options inline and come here, registering a plain route as
        cheaply as before routes took options)."""

        def register(func: "F") -> "F":
            if not callable(func):
                raise _route_error(f"route {rule!r}: the handler must be callable")
            self._add_route(
                rule, [method], func, cors, compress, cache_control, middlewares, status_code, None
            )
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
        options: "dict[str, Any] | None",
    ) -> None:
        raise NotImplementedError

    def get(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        summary: "str | None" = None,
        description: "str | None" = None,
        responses: "dict[int, Any] | None" = None,
        response_description: str = "Successful Response",
        tags: "list[str] | None" = None,
        operation_id: "str | None" = None,
        include_in_schema: bool = True,
        security: "list[dict[str, list[str]]] | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
        deprecated: bool = False,
        enable_validation: "bool | None" = None,
        custom_response_validation_http_code: "int | None" = None,
        status_code: int = 200,
        middlewares: "list[Callable[..., Any]] | None" = None,
    ) -> "Callable[[F], F]":
        """Register a GET route (it also answers HEAD)."""
        if (
            summary is None and description is None and responses is None and tags is None
            and operation_id is None and security is None and openapi_extensions is None
            and enable_validation is None and custom_response_validation_http_code is None
            and include_in_schema is True and deprecated is False
            and response_description == "Successful Response"
        ):  # fmt: skip
            return self._plain_route(rule, "GET", cors, compress, cache_control, middlewares, status_code)
        return self.route(
            rule, "GET", cors, compress, cache_control, summary, description, responses,
            response_description, tags, operation_id, include_in_schema, security, openapi_extensions,
            deprecated, enable_validation, custom_response_validation_http_code, status_code, middlewares,
        )  # fmt: skip

    def post(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        summary: "str | None" = None,
        description: "str | None" = None,
        responses: "dict[int, Any] | None" = None,
        response_description: str = "Successful Response",
        tags: "list[str] | None" = None,
        operation_id: "str | None" = None,
        include_in_schema: bool = True,
        security: "list[dict[str, list[str]]] | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
        deprecated: bool = False,
        enable_validation: "bool | None" = None,
        custom_response_validation_http_code: "int | None" = None,
        status_code: int = 200,
        middlewares: "list[Callable[..., Any]] | None" = None,
    ) -> "Callable[[F], F]":
        """Register a POST route."""
        if (
            summary is None and description is None and responses is None and tags is None
            and operation_id is None and security is None and openapi_extensions is None
            and enable_validation is None and custom_response_validation_http_code is None
            and include_in_schema is True and deprecated is False
            and response_description == "Successful Response"
        ):  # fmt: skip
            return self._plain_route(rule, "POST", cors, compress, cache_control, middlewares, status_code)
        return self.route(
            rule, "POST", cors, compress, cache_control, summary, description, responses,
            response_description, tags, operation_id, include_in_schema, security, openapi_extensions,
            deprecated, enable_validation, custom_response_validation_http_code, status_code, middlewares,
        )  # fmt: skip

    def put(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        summary: "str | None" = None,
        description: "str | None" = None,
        responses: "dict[int, Any] | None" = None,
        response_description: str = "Successful Response",
        tags: "list[str] | None" = None,
        operation_id: "str | None" = None,
        include_in_schema: bool = True,
        security: "list[dict[str, list[str]]] | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
        deprecated: bool = False,
        enable_validation: "bool | None" = None,
        custom_response_validation_http_code: "int | None" = None,
        status_code: int = 200,
        middlewares: "list[Callable[..., Any]] | None" = None,
    ) -> "Callable[[F], F]":
        """Register a PUT route."""
        if (
            summary is None and description is None and responses is None and tags is None
            and operation_id is None and security is None and openapi_extensions is None
            and enable_validation is None and custom_response_validation_http_code is None
            and include_in_schema is True and deprecated is False
            and response_description == "Successful Response"
        ):  # fmt: skip
            return self._plain_route(rule, "PUT", cors, compress, cache_control, middlewares, status_code)
        return self.route(
            rule, "PUT", cors, compress, cache_control, summary, description, responses,
            response_description, tags, operation_id, include_in_schema, security, openapi_extensions,
            deprecated, enable_validation, custom_response_validation_http_code, status_code, middlewares,
        )  # fmt: skip

    def patch(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        summary: "str | None" = None,
        description: "str | None" = None,
        responses: "dict[int, Any] | None" = None,
        response_description: str = "Successful Response",
        tags: "list[str] | None" = None,
        operation_id: "str | None" = None,
        include_in_schema: bool = True,
        security: "list[dict[str, list[str]]] | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
        deprecated: bool = False,
        enable_validation: "bool | None" = None,
        custom_response_validation_http_code: "int | None" = None,
        status_code: int = 200,
        middlewares: "list[Callable[..., Any]] | None" = None,
    ) -> "Callable[[F], F]":
        """Register a PATCH route."""
        if (
            summary is None and description is None and responses is None and tags is None
            and operation_id is None and security is None and openapi_extensions is None
            and enable_validation is None and custom_response_validation_http_code is None
            and include_in_schema is True and deprecated is False
            and response_description == "Successful Response"
        ):  # fmt: skip
            return self._plain_route(rule, "PATCH", cors, compress, cache_control, middlewares, status_code)
        return self.route(
            rule, "PATCH", cors, compress, cache_control, summary, description, responses,
            response_description, tags, operation_id, include_in_schema, security, openapi_extensions,
            deprecated, enable_validation, custom_response_validation_http_code, status_code, middlewares,
        )  # fmt: skip

    def delete(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        summary: "str | None" = None,
        description: "str | None" = None,
        responses: "dict[int, Any] | None" = None,
        response_description: str = "Successful Response",
        tags: "list[str] | None" = None,
        operation_id: "str | None" = None,
        include_in_schema: bool = True,
        security: "list[dict[str, list[str]]] | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
        deprecated: bool = False,
        enable_validation: "bool | None" = None,
        custom_response_validation_http_code: "int | None" = None,
        status_code: int = 200,
        middlewares: "list[Callable[..., Any]] | None" = None,
    ) -> "Callable[[F], F]":
        """Register a DELETE route."""
        if (
            summary is None and description is None and responses is None and tags is None
            and operation_id is None and security is None and openapi_extensions is None
            and enable_validation is None and custom_response_validation_http_code is None
            and include_in_schema is True and deprecated is False
            and response_description == "Successful Response"
        ):  # fmt: skip
            return self._plain_route(rule, "DELETE", cors, compress, cache_control, middlewares, status_code)
        return self.route(
            rule, "DELETE", cors, compress, cache_control, summary, description, responses,
            response_description, tags, operation_id, include_in_schema, security, openapi_extensions,
            deprecated, enable_validation, custom_response_validation_http_code, status_code, middlewares,
        )  # fmt: skip

    def head(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        summary: "str | None" = None,
        description: "str | None" = None,
        responses: "dict[int, Any] | None" = None,
        response_description: str = "Successful Response",
        tags: "list[str] | None" = None,
        operation_id: "str | None" = None,
        include_in_schema: bool = True,
        security: "list[dict[str, list[str]]] | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
        deprecated: bool = False,
        enable_validation: "bool | None" = None,
        custom_response_validation_http_code: "int | None" = None,
        status_code: int = 200,
        middlewares: "list[Callable[..., Any]] | None" = None,
    ) -> "Callable[[F], F]":
        """Register a HEAD route (otherwise HEAD is served by the GET route)."""
        if (
            summary is None and description is None and responses is None and tags is None
            and operation_id is None and security is None and openapi_extensions is None
            and enable_validation is None and custom_response_validation_http_code is None
            and include_in_schema is True and deprecated is False
            and response_description == "Successful Response"
        ):  # fmt: skip
            return self._plain_route(rule, "HEAD", cors, compress, cache_control, middlewares, status_code)
        return self.route(
            rule, "HEAD", cors, compress, cache_control, summary, description, responses,
            response_description, tags, operation_id, include_in_schema, security, openapi_extensions,
            deprecated, enable_validation, custom_response_validation_http_code, status_code, middlewares,
        )  # fmt: skip

    def options(
        self,
        rule: str,
        cors: "bool | None" = None,
        compress: bool = False,
        cache_control: "str | None" = None,
        summary: "str | None" = None,
        description: "str | None" = None,
        responses: "dict[int, Any] | None" = None,
        response_description: str = "Successful Response",
        tags: "list[str] | None" = None,
        operation_id: "str | None" = None,
        include_in_schema: bool = True,
        security: "list[dict[str, list[str]]] | None" = None,
        openapi_extensions: "dict[str, Any] | None" = None,
        deprecated: bool = False,
        enable_validation: "bool | None" = None,
        custom_response_validation_http_code: "int | None" = None,
        status_code: int = 200,
        middlewares: "list[Callable[..., Any]] | None" = None,
    ) -> "Callable[[F], F]":
        """Register an OPTIONS route (CORS preflights are otherwise answered for you)."""
        if (
            summary is None and description is None and responses is None and tags is None
            and operation_id is None and security is None and openapi_extensions is None
            and enable_validation is None and custom_response_validation_http_code is None
            and include_in_schema is True and deprecated is False
            and response_description == "Successful Response"
        ):  # fmt: skip
            return self._plain_route(rule, "OPTIONS", cors, compress, cache_control, middlewares, status_code)
        return self.route(
            rule, "OPTIONS", cors, compress, cache_control, summary, description, responses,
            response_description, tags, operation_id, include_in_schema, security, openapi_extensions,
            deprecated, enable_validation, custom_response_validation_http_code, status_code, middlewares,
        )  # fmt: skip

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
            if not (is_class(klass) and issubclass(klass, BaseException)):
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

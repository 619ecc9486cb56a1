"""Registering routes, middlewares and exception handlers on a resolver."""

from __future__ import annotations

import functools
import json
import sys
import warnings
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, CORSConfig, Router
from apiway.exceptions import NotFoundError, RouteError
from apiway.middlewares import BaseMiddlewareHandler
from apiway.registry import is_async, method_list
from support.events import rest_call


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "head", "options"])
def test_each_method_decorator(method: str) -> None:
    app = APIGatewayRestResolver()

    def handler() -> dict[str, str]:
        return {"method": method}

    decorated = getattr(app, method)("/thing")(handler)
    assert decorated is handler
    [route] = app.routes
    assert (route.method, route.rule, route.func) == (method.upper(), "/thing", handler)
    result = rest_call(app, method.upper(), "/thing")
    assert result["statusCode"] == 200
    if method != "head":
        assert json.loads(result["body"]) == {"method": method}
    other = "POST" if method != "post" else "PUT"
    assert rest_call(app, other, "/thing")["statusCode"] == 405


def test_route_with_several_methods() -> None:
    app = APIGatewayRestResolver()

    @app.route("/items", method=["GET", "post", " Put "])
    def items() -> dict[str, str]:
        return {"method": app.current_event.http_method}

    assert [route.method for route in app.routes] == ["GET", "POST", "PUT"]
    for method in ("GET", "POST", "PUT"):
        assert json.loads(rest_call(app, method, "/items")["body"]) == {"method": method}
    assert rest_call(app, "DELETE", "/items")["statusCode"] == 405


def test_route_with_a_single_method_string() -> None:
    app = APIGatewayRestResolver()

    @app.route("/items", method="patch")
    def items() -> dict[str, str]:
        return {}

    assert [route.method for route in app.routes] == ["PATCH"]


@pytest.mark.parametrize("bad", [[], "", "  ", "GE T", ["GET", 3], "G3T"])
def test_invalid_methods_are_refused(bad: Any) -> None:
    with pytest.raises(RouteError):
        method_list(bad)
    app = APIGatewayRestResolver()
    with pytest.raises(RouteError):
        app.route("/x", method=bad)


def test_route_options_are_kept() -> None:
    app = APIGatewayRestResolver()

    def audit(app: Any, next_middleware: Any) -> Any:
        return next_middleware(app)

    @app.post("/x", cors=True, compress=True, cache_control="max-age=5", middlewares=[audit])
    def x() -> dict[str, str]:
        return {}

    [route] = app.routes
    assert (route.cors, route.compress, route.cache_control, route.middlewares) == (
        True,
        True,
        "max-age=5",
        (audit,),
    )


def test_routes_keep_registration_order() -> None:
    app = APIGatewayRestResolver()
    for rule in ("/b", "/a/<x>", "/a"):
        app.get(rule)(lambda **kwargs: {})
    assert [route.rule for route in app.routes] == ["/b", "/a/<x>", "/a"]


def test_handler_must_be_callable() -> None:
    app = APIGatewayRestResolver()
    with pytest.raises(RouteError, match="callable"):
        app.get("/x")("not a function")  # type: ignore[type-var]


def test_duplicate_route_warns_and_keeps_the_first() -> None:
    app = APIGatewayRestResolver()

    @app.get("/todos/<todo_id>")
    def first(todo_id: str) -> dict[str, str]:
        return {"handler": "first"}

    with pytest.warns(
        UserWarning, match=r"A route like this was already registered: GET /todos/<todo_id> "
    ) as record:

        @app.get("/todos/<todo_id>/")
        def second(todo_id: str) -> dict[str, str]:
            return {"handler": "second"}

    assert len(app.routes) == 1
    assert json.loads(rest_call(app, "GET", "/todos/1")["body"]) == {"handler": "first"}
    # Attributed to the decorator line, so that the warning says where to look (Python 3.10
    # numbers a decorator's call with the line of the ``def`` below it).
    decorator_line = second.__code__.co_firstlineno
    assert record[0].filename == __file__
    assert record[0].lineno in (decorator_line, decorator_line + 1)


def test_duplicate_route_from_a_router_points_at_include_router() -> None:
    app = APIGatewayRestResolver()
    router = Router()

    @app.get("/items")
    def items() -> dict[str, str]:
        return {}

    @router.get("/items")
    def also_items() -> dict[str, str]:
        return {}

    with pytest.warns(UserWarning, match="A route like this was already registered: GET /items") as record:
        line = sys._getframe().f_lineno + 1
        app.include_router(router)
    assert (record[0].filename, record[0].lineno) == (__file__, line)

    with pytest.warns(UserWarning, match="A route like this was already registered: GET /late") as record:

        @app.get("/late")
        @router.get("/late")
        def late() -> dict[str, str]:
            return {}

    assert record[0].filename == __file__


def test_duplicate_route_warning_can_be_filtered_by_its_first_words() -> None:
    app = APIGatewayRestResolver()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", message="A route like this was already registered")
        app.get("/x")(dict)
        app.get("/x")(dict)


def test_same_rule_other_method_does_not_warn() -> None:
    app = APIGatewayRestResolver()
    app.get("/x")(dict)
    app.post("/x")(dict)
    assert len(app.routes) == 2


def test_use_refuses_non_callables() -> None:
    app = APIGatewayRestResolver()
    with pytest.raises(TypeError, match="not callable"):
        app.use(middlewares=["nope"])  # type: ignore[list-item]


def test_exception_handler_refuses_non_exceptions() -> None:
    app = APIGatewayRestResolver()
    with pytest.raises(TypeError, match="exception classes"):
        app.exception_handler(int)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="exception classes"):
        app.exception_handler([ValueError, "KeyError"])  # type: ignore[list-item]


def test_exception_handler_returns_the_function() -> None:
    app = APIGatewayRestResolver()

    def on_value(error: ValueError) -> dict[str, str]:
        return {}

    assert app.exception_handler(ValueError)(on_value) is on_value


def test_not_found_decorator_with_parentheses() -> None:
    app = APIGatewayRestResolver()

    @app.not_found()
    def missing(error: NotFoundError) -> dict[str, str]:
        return {"custom": "404"}

    result = rest_call(app, "GET", "/nope")
    assert (result["statusCode"], json.loads(result["body"])) == (200, {"custom": "404"})


def test_routes_can_be_added_after_the_first_request() -> None:
    app = APIGatewayRestResolver()
    app.get("/a")(lambda: {"a": 1})
    assert rest_call(app, "GET", "/a")["statusCode"] == 200
    app.get("/b")(lambda: {"b": 2})
    assert json.loads(rest_call(app, "GET", "/b")["body"]) == {"b": 2}


def test_late_route_needing_a_left_out_stage_is_refused() -> None:
    app = APIGatewayRestResolver()
    app.get("/a")(dict)
    app.build()
    with pytest.raises(RouteError, match="'cors' stage"):
        app.get("/b", cors=True)(dict)
    with pytest.raises(RouteError, match="'cache_control' stage"):
        app.get("/c", cache_control="max-age=1")(dict)


def test_late_route_with_cors_when_the_stage_is_live() -> None:
    app = APIGatewayRestResolver(cors=CORSConfig())
    app.get("/a")(dict)
    app.build()
    app.get("/b", cors=True)(dict)
    result = app.resolve({"httpMethod": "GET", "path": "/b", "headers": {"Origin": "https://x.io"}}, None)
    assert result["multiValueHeaders"]["Access-Control-Allow-Origin"] == ["*"]


def test_resolver_is_callable() -> None:
    app = APIGatewayRestResolver()
    app.get("/")(lambda: {"ok": True})
    assert app({"httpMethod": "GET", "path": "/"}, None)["body"] == '{"ok":true}'


def test_repr_names_the_chain() -> None:
    app = APIGatewayRestResolver()
    app.get("/")(dict)
    assert "routes=1" in repr(app)
    assert "'router'" in repr(app)


# -- is_async: what the router composes an async chain for ----------------------------------------
async def _coroutine_function() -> None:
    pass


def _plain_function() -> None:
    pass


def _async_generator_function() -> Any:
    async def agen() -> Any:
        yield 1

    return agen


def _plain_wrapper(func: Any) -> Any:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


class _AsyncCallable:
    async def __call__(self) -> None:
        pass

    async def method(self) -> None:
        pass

    def plain_method(self) -> None:
        pass

    @_plain_wrapper
    async def wrapped_method(self) -> None:
        pass


class _PlainCallable:
    def __call__(self) -> None:
        pass


def _async_wrapper(func: Any) -> Any:
    @functools.wraps(func)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


class _AsyncMiddleware(BaseMiddlewareHandler):
    async def handler(self, app: Any, next_middleware: Any) -> Any:  # type: ignore[override]
        return await next_middleware(app)


class _PlainMiddleware(BaseMiddlewareHandler):
    def handler(self, app: Any, next_middleware: Any) -> Any:
        return next_middleware(app)


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (_coroutine_function, True),
        (_plain_function, False),
        (_async_generator_function(), False),  # gives an async iterator, not an awaitable
        (lambda: None, False),
        (_AsyncCallable(), True),
        (_AsyncCallable().method, True),
        (_AsyncCallable().plain_method, False),
        (_AsyncCallable().wrapped_method, True),
        (_plain_wrapper(_AsyncCallable().plain_method), False),
        (_PlainCallable(), False),
        (functools.partial(_coroutine_function), True),
        (functools.partial(functools.partial(_coroutine_function)), True),
        (functools.partial(_plain_function), False),
        (_plain_wrapper(_coroutine_function), True),
        (_plain_wrapper(_plain_wrapper(_coroutine_function)), True),
        (_plain_wrapper(_plain_function), False),
        (_async_wrapper(_plain_function), True),
        (_AsyncMiddleware(), True),
        (_PlainMiddleware(), False),
        (print, False),
        (dict, False),
    ],
    ids=[
        "async_def",
        "def",
        "async_generator",
        "lambda",
        "async_call_object",
        "bound_async_method",
        "bound_plain_method",
        "bound_method_wrapping_async",
        "wrapper_of_bound_plain_method",
        "plain_call_object",
        "partial",
        "partial_of_partial",
        "partial_of_plain",
        "wrapper",
        "wrapper_of_wrapper",
        "wrapper_of_plain",
        "async_wrapper_of_plain",
        "class_based_async_middleware",
        "class_based_plain_middleware",
        "builtin",
        "class",
    ],
)
def test_is_async(function: Any, expected: bool) -> None:
    assert is_async(function) is expected

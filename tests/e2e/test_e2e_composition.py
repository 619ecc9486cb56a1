"""Composing an app end to end: strip_prefixes, routers with prefixes, middlewares, context."""

from __future__ import annotations

import re
from typing import Any

import pytest

from apiway import Response, Router
from apiway.exceptions import UnauthorizedError
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware
from support.events import ALL_SOURCES, HTTP, SOURCE_IDS, EventSource
from support.responses import header, json_body

sources = pytest.mark.parametrize("source", ALL_SOURCES, ids=SOURCE_IDS)


# -- strip_prefixes ------------------------------------------------------------------------------
def prefixed_app(source: EventSource) -> Any:
    app = source.app(strip_prefixes=["/payment", re.compile(r"/v\d+")])

    @app.get("/subscriptions/<subscription>")
    def subscription(subscription: str) -> dict[str, Any]:
        return {"subscription_id": subscription, "path": app.current_event.path}

    @app.get("/")
    def root() -> dict[str, Any]:
        return {"root": True}

    return app


@sources
@pytest.mark.parametrize(
    "path",
    [
        "/payment/subscriptions/123",
        "/v2/subscriptions/123",
        "/payment/v1/subscriptions/123",
        "/subscriptions/123",
    ],
)
def test_strip_prefixes(source: EventSource, path: str) -> None:
    response = source.request(prefixed_app(source), "GET", path)
    assert response["statusCode"] == 200
    # routing sees the stripped path; the event still shows what the client asked for
    assert json_body(response) == {"subscription_id": "123", "path": path}


@sources
@pytest.mark.parametrize("path", ["/payment", "/payment/", "/v3", "/v3/"])
def test_stripped_prefix_alone_maps_to_root(source: EventSource, path: str) -> None:
    response = source.request(prefixed_app(source), "GET", path)
    assert json_body(response) == {"root": True}


@sources
@pytest.mark.parametrize("path", ["/payments/subscriptions/1", "/vx/subscriptions/1", "/v2x/subscriptions/1"])
def test_prefixes_only_strip_whole_segments(source: EventSource, path: str) -> None:
    assert source.request(prefixed_app(source), "GET", path)["statusCode"] == 404


def test_http_api_stage_and_prefix_together() -> None:
    event = HTTP.event("GET", "/live/payment/subscriptions/7")
    event["requestContext"]["stage"] = "live"
    response = HTTP.call(prefixed_app(HTTP), event)
    assert json_body(response)["subscription_id"] == "7"


# -- Router and include_router ---------------------------------------------------------------
def todos_router() -> Router:
    router = Router()

    @router.get("/")
    def list_todos() -> dict[str, Any]:
        return {"todos": [], "key": router.current_event.get_header_value("X-Api-Key")}

    @router.get("/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        return {"id": todo_id, "key": router.current_event.headers.get("x-api-key")}

    @router.exception_handler(KeyError)
    def missing(error: KeyError) -> tuple[dict[str, Any], int]:
        return {"missing": str(error)}, 404

    @router.post("/<todo_id>/fail")
    def fail(todo_id: str) -> dict[str, Any]:
        raise KeyError(todo_id)

    return router


@sources
def test_include_router_with_prefix(source: EventSource) -> None:
    app = source.app()
    app.include_router(todos_router(), prefix="/todos")

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"ok": True}

    headers = {"X-Api-Key": "secret-key"}
    assert json_body(source.request(app, "GET", "/todos", headers=headers)) == {
        "todos": [],
        "key": "secret-key",
    }
    assert json_body(source.request(app, "GET", "/todos/", headers=headers))["todos"] == []
    assert json_body(source.request(app, "GET", "/todos/3", headers=headers)) == {
        "id": "3",
        "key": "secret-key",
    }
    assert json_body(source.request(app, "GET", "/health")) == {"ok": True}
    assert source.request(app, "GET", "/3")["statusCode"] == 404
    failed = source.request(app, "POST", "/todos/3/fail")
    assert failed["statusCode"] == 404
    assert json_body(failed) == {"missing": "'3'"}


@sources
def test_include_router_without_prefix(source: EventSource) -> None:
    router = Router()

    @router.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        return {"id": todo_id}

    app = source.app()
    app.include_router(router)
    assert json_body(source.request(app, "GET", "/todos/1")) == {"id": "1"}


@sources
def test_same_router_under_two_prefixes(source: EventSource) -> None:
    app = source.app()
    app.include_router(todos_router(), prefix="/v1/todos")
    app.include_router(todos_router(), prefix="/v2/todos")
    assert json_body(source.request(app, "GET", "/v1/todos/a"))["id"] == "a"
    assert json_body(source.request(app, "GET", "/v2/todos/b"))["id"] == "b"


# -- middlewares ------------------------------------------------------------------------------
def add_header(name: str, value: str) -> Any:
    def middleware(app: Any, next_middleware: NextMiddleware) -> Response:
        response = next_middleware(app)
        response.headers[name] = value
        return response

    middleware.__name__ = f"add_{name}"
    return middleware


class RequireApiKey(BaseMiddlewareHandler):
    def __init__(self, key: str):
        super().__init__()
        self.key = key

    def handler(self, app: Any, next_middleware: NextMiddleware) -> Response:
        if app.current_event.headers.get("x-api-key") != self.key:
            raise UnauthorizedError("Missing or wrong API key")
        return next_middleware(app)


def middleware_app(source: EventSource) -> tuple[Any, list[str]]:
    calls: list[str] = []

    def record(name: str) -> Any:
        def middleware(app: Any, next_middleware: NextMiddleware) -> Response:
            calls.append(f"{name}:before")
            response = next_middleware(app)
            calls.append(f"{name}:after")
            return response

        return middleware

    def short_circuit(app: Any, next_middleware: NextMiddleware) -> Response:
        if app.current_event.get_query_string_value("early") == "1":
            return Response(202, "text/plain", "stopped early")
        return next_middleware(app)

    app = source.app()
    app.use(middlewares=[record("global"), add_header("X-Global", "yes")])

    @app.get("/plain")
    def plain() -> dict[str, Any]:
        calls.append("handler")
        return {"plain": True}

    @app.get("/guarded", middlewares=[record("route"), RequireApiKey("k1"), short_circuit])
    def guarded() -> dict[str, Any]:
        calls.append("handler")
        return {"guarded": True, "user": app.context.get("user")}

    @app.get("/context", middlewares=[lambda app, nxt: (app.append_context(user="ann"), nxt(app))[1]])
    def context() -> dict[str, Any]:
        return {"user": app.context.get("user")}

    return app, calls


@sources
def test_global_middlewares_run_around_every_route(source: EventSource) -> None:
    app, calls = middleware_app(source)
    response = source.request(app, "GET", "/plain")
    assert json_body(response) == {"plain": True}
    assert header(response, "X-Global") == "yes"
    assert calls == ["global:before", "handler", "global:after"]


@sources
def test_route_middlewares_run_inside_global_ones(source: EventSource) -> None:
    app, calls = middleware_app(source)
    response = source.request(app, "GET", "/guarded", headers={"X-Api-Key": "k1"})
    assert json_body(response) == {"guarded": True, "user": None}
    assert header(response, "X-Global") == "yes"
    assert calls == ["global:before", "route:before", "handler", "route:after", "global:after"]


@sources
def test_class_middleware_can_refuse(source: EventSource) -> None:
    app, calls = middleware_app(source)
    response = source.request(app, "GET", "/guarded", headers={"X-Api-Key": "wrong"})
    assert response["statusCode"] == 401
    assert json_body(response) == {"statusCode": 401, "message": "Missing or wrong API key"}
    assert "handler" not in calls


@sources
def test_middleware_can_return_early(source: EventSource) -> None:
    app, calls = middleware_app(source)
    response = source.request(app, "GET", "/guarded", headers={"X-Api-Key": "k1"}, query={"early": "1"})
    assert response["statusCode"] == 202
    assert response["body"] == "stopped early"
    assert header(response, "X-Global") == "yes"
    assert "handler" not in calls


@sources
def test_middleware_context_is_per_request(source: EventSource) -> None:
    app, _ = middleware_app(source)
    assert json_body(source.request(app, "GET", "/context")) == {"user": "ann"}
    # the next request starts with an empty context
    assert json_body(source.request(app, "GET", "/guarded", headers={"X-Api-Key": "k1"}))["user"] is None


@sources
def test_global_middlewares_also_run_for_unknown_paths(source: EventSource) -> None:
    app, _ = middleware_app(source)
    response = source.request(app, "GET", "/nowhere")
    assert response["statusCode"] == 404
    assert header(response, "X-Global") == "yes"


@sources
def test_router_middlewares_apply_to_its_routes_only(source: EventSource) -> None:
    router = Router()
    router.use(middlewares=[add_header("X-Router", "r")])

    @router.get("/inside")
    def inside() -> dict[str, Any]:
        return {}

    app = source.app()
    app.include_router(router, prefix="/r")

    @app.get("/outside")
    def outside() -> dict[str, Any]:
        return {}

    assert header(source.request(app, "GET", "/r/inside"), "X-Router") == "r"
    assert header(source.request(app, "GET", "/outside"), "X-Router") is None

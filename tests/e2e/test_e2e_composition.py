"""Composing an app end to end: strip_prefixes, routers with prefixes, middlewares, context."""

from __future__ import annotations

import re
from typing import Any

import pytest

from apiway import Response, Router
from apiway.exceptions import UnauthorizedError
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware
from support.events import HTTP, EventSource, each_source
from support.responses import header, json_body


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


@each_source
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


@each_source
@pytest.mark.parametrize("path", ["/payment", "/payment/", "/v3", "/v3/"])
def test_stripped_prefix_alone_maps_to_root(source: EventSource, path: str) -> None:
    response = source.request(prefixed_app(source), "GET", path)
    assert json_body(response) == {"root": True}


@each_source
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


@each_source
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


@each_source
def test_include_router_without_prefix(source: EventSource) -> None:
    router = Router()

    @router.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        return {"id": todo_id}

    app = source.app()
    app.include_router(router)
    assert json_body(source.request(app, "GET", "/todos/1")) == {"id": "1"}


@each_source
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


@each_source
def test_global_middlewares_run_around_every_route(source: EventSource) -> None:
    app, calls = middleware_app(source)
    response = source.request(app, "GET", "/plain")
    assert json_body(response) == {"plain": True}
    assert header(response, "X-Global") == "yes"
    assert calls == ["global:before", "handler", "global:after"]


@each_source
def test_route_middlewares_run_inside_global_ones(source: EventSource) -> None:
    app, calls = middleware_app(source)
    response = source.request(app, "GET", "/guarded", headers={"X-Api-Key": "k1"})
    assert json_body(response) == {"guarded": True, "user": None}
    assert header(response, "X-Global") == "yes"
    assert calls == ["global:before", "route:before", "handler", "route:after", "global:after"]


@each_source
def test_class_middleware_can_refuse(source: EventSource) -> None:
    app, calls = middleware_app(source)
    response = source.request(app, "GET", "/guarded", headers={"X-Api-Key": "wrong"})
    assert response["statusCode"] == 401
    assert json_body(response) == {"statusCode": 401, "message": "Missing or wrong API key"}
    assert "handler" not in calls


@each_source
def test_middleware_can_return_early(source: EventSource) -> None:
    app, calls = middleware_app(source)
    response = source.request(app, "GET", "/guarded", headers={"X-Api-Key": "k1"}, query={"early": "1"})
    assert response["statusCode"] == 202
    assert response["body"] == "stopped early"
    assert header(response, "X-Global") == "yes"
    assert "handler" not in calls


@each_source
def test_middleware_context_is_per_request(source: EventSource) -> None:
    app, _ = middleware_app(source)
    assert json_body(source.request(app, "GET", "/context")) == {"user": "ann"}
    # the next request starts with an empty context
    assert json_body(source.request(app, "GET", "/guarded", headers={"X-Api-Key": "k1"}))["user"] is None


@each_source
def test_global_middlewares_also_run_for_unknown_paths(source: EventSource) -> None:
    app, _ = middleware_app(source)
    response = source.request(app, "GET", "/nowhere")
    assert response["statusCode"] == 404
    assert header(response, "X-Global") == "yes"


@each_source
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


# -- global middlewares see every answer ---------------------------------------------------------


def secured_app(source: EventSource, **resolver: Any) -> tuple[Any, list[tuple[str, str, int]]]:
    """An app whose one global middleware adds a security header and records what it saw."""
    seen: list[tuple[str, str, int]] = []

    def security_headers(app: Any, next_middleware: NextMiddleware) -> Response:
        response = next_middleware(app)
        response.headers["X-Content-Type-Options"] = "nosniff"
        seen.append((app.current_event.http_method, app.current_event.path, int(response.status_code)))
        return response

    app = source.app(**resolver)
    app.use(middlewares=[security_headers])

    @app.get("/todos")
    def todos() -> dict[str, Any]:
        return {"todos": []}

    @app.post("/todos")
    def create() -> tuple[dict[str, Any], int]:
        return {}, 201

    return app, seen


ORIGIN = "https://app.example"
PREFLIGHT = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}


@each_source
@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", "/todos", {}, 200),
        ("GET", "/nowhere", {}, 404),
        ("DELETE", "/todos", {}, 405),
        ("HEAD", "/todos", {}, 200),
        ("OPTIONS", "/todos", {}, 204),
        ("OPTIONS", "/todos", PREFLIGHT, 204),
        ("GET", "/todos/../admin", {}, 400),
        ("GET", "/" + "a" * 8200, {}, 414),
    ],
    ids=[
        "route",
        "404",
        "405",
        "automatic-HEAD",
        "automatic-OPTIONS",
        "preflight",
        "dot-segment",
        "too-long",
    ],
)
def test_global_middlewares_run_on_every_answer(
    source: EventSource, method: str, path: str, headers: dict[str, str], status: int
) -> None:
    from apiway import CORSConfig

    app, seen = secured_app(source, cors=CORSConfig(allow_origin=ORIGIN))
    response = source.request(app, method, path, headers=headers)
    assert response["statusCode"] == status
    assert header(response, "X-Content-Type-Options") == "nosniff"
    assert [(m, s) for m, _, s in seen] == [(method, status)]
    if status == 405:
        assert header(response, "Allow") == "GET, HEAD, OPTIONS, POST"
    if headers is PREFLIGHT:
        assert header(response, "Access-Control-Allow-Methods") == "GET,OPTIONS,POST"
        assert header(response, "Access-Control-Allow-Origin") == ORIGIN


@each_source
def test_a_middleware_refusing_a_preflight_still_gets_the_cors_headers(source: EventSource) -> None:
    from apiway import CORSConfig

    def require_key(app: Any, next_middleware: NextMiddleware) -> Response:
        if not app.current_event.headers.get("x-api-key"):
            raise UnauthorizedError("no key")
        return next_middleware(app)

    app = source.app(cors=CORSConfig(allow_origin=ORIGIN))
    app.use(middlewares=[require_key])
    app.get("/todos")(dict)
    response = source.request(app, "OPTIONS", "/todos", headers=PREFLIGHT)
    # The user's middleware decides (here, wrongly for a preflight); the browser sees why.
    assert response["statusCode"] == 401
    assert header(response, "Access-Control-Allow-Origin") == ORIGIN
    assert header(response, "Access-Control-Allow-Methods") is None


@each_source
def test_middlewares_added_after_the_first_request_see_the_routers_answers(source: EventSource) -> None:
    app = source.app()
    app.get("/todos")(dict)
    assert header(source.request(app, "DELETE", "/todos"), "X-Late") is None
    app.use(middlewares=[add_header("X-Late", "yes")])
    for method in ("DELETE", "OPTIONS"):
        assert header(source.request(app, method, "/todos"), "X-Late") == "yes"


@each_source
def test_an_error_a_middleware_raises_on_a_405_reaches_the_exception_handlers(source: EventSource) -> None:
    def boom(app: Any, next_middleware: NextMiddleware) -> Response:
        next_middleware(app)
        raise LookupError("after the 405")

    app = source.app()
    app.use(middlewares=[boom])
    app.get("/todos")(dict)
    app.exception_handler(LookupError)(lambda error: ({"handled": str(error)}, 409))
    response = source.request(app, "DELETE", "/todos")
    assert (response["statusCode"], json_body(response)) == (409, {"handled": "after the 405"})

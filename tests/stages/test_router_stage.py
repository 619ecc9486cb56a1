"""The router stage: matching, 404/405/OPTIONS/HEAD, not_found, and route middlewares."""

from __future__ import annotations

import json
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from apiway.exceptions import NotFoundError
from apiway.headers import allow_header
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware
from apiway.stages.router import RouterStage


def call(app: APIGatewayRestResolver, method: str, path: str, **event: Any) -> dict[str, Any]:
    return app.resolve({"httpMethod": method, "path": path, **event}, None)


def body_of(result: dict[str, Any]) -> Any:
    return json.loads(result["body"])


def todo_app() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver()

    @app.get("/todos")
    def list_todos() -> list[str]:
        return ["a", "b"]

    @app.post("/todos")
    def add_todo() -> tuple[dict[str, str], int]:
        return {"added": "yes"}, 201

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, str]:
        return {"id": todo_id}

    return app


# -- the stage on its own -----------------------------------------------------------------------


def test_router_sets_route_and_args_and_never_calls_next(make_request: Any, fake_next: Any) -> None:
    app = todo_app()
    stage = RouterStage()
    stage.setup(app)
    inner = fake_next(AssertionError("the router is innermost"))
    request = make_request(app, "GET", "/todos/42")
    app._per_thread.request = request  # what resolve() does around the chain
    try:
        response = stage.handle(request, inner)
    finally:
        app._per_thread.request = None
    assert not inner.called
    assert request.route is app.routes[2]
    assert request.route_args == {"todo_id": "42"}
    assert (response.status_code, response.body) == (200, {"id": "42"})


def test_router_answers_405_with_the_allowed_methods(make_request: Any, fake_next: Any) -> None:
    app = todo_app()
    stage = RouterStage()
    stage.setup(app)
    response = stage.handle(make_request(app, "DELETE", "/todos"), fake_next(AssertionError()))
    assert (response.status_code, response.headers["Allow"]) == (405, "GET, HEAD, OPTIONS, POST")
    assert response.body == {"statusCode": 405, "message": "Method not allowed"}


def test_router_uses_the_routing_path(make_request: Any, fake_next: Any) -> None:
    app = todo_app()
    stage = RouterStage()
    stage.setup(app)
    request = make_request(app, "GET", "/v1/todos")
    request.route_path = "/todos"
    app._per_thread.request = request
    try:
        assert stage.handle(request, fake_next(AssertionError())).body == ["a", "b"]
    finally:
        app._per_thread.request = None


def test_allow_header() -> None:
    assert allow_header(["GET"]) == "GET, HEAD, OPTIONS"
    assert allow_header(["POST", "DELETE"]) == "DELETE, OPTIONS, POST"
    assert allow_header([]) == "OPTIONS"


# -- through resolve ----------------------------------------------------------------------------


def test_match_and_result_conversion() -> None:
    app = todo_app()
    listed = call(app, "GET", "/todos")
    assert (listed["statusCode"], body_of(listed)) == (200, ["a", "b"])
    added = call(app, "POST", "/todos")
    assert (added["statusCode"], body_of(added)) == (201, {"added": "yes"})
    assert body_of(call(app, "GET", "/todos/a%20b")) == {"id": "a b"}


def test_unknown_method_is_405_with_allow() -> None:
    result = call(todo_app(), "DELETE", "/todos")
    assert result["statusCode"] == 405
    assert result["multiValueHeaders"]["Allow"] == ["GET, HEAD, OPTIONS, POST"]
    assert body_of(result) == {"statusCode": 405, "message": "Method not allowed"}


def test_options_on_a_known_path_is_204_with_allow() -> None:
    result = call(todo_app(), "OPTIONS", "/todos/1")
    assert result["statusCode"] == 204
    assert result["body"] == ""
    assert result["multiValueHeaders"]["Allow"] == ["GET, HEAD, OPTIONS"]


def test_options_on_an_unknown_path_is_404() -> None:
    assert call(todo_app(), "OPTIONS", "/nope")["statusCode"] == 404


def test_head_runs_the_get_route_with_an_empty_body() -> None:
    app = APIGatewayRestResolver()
    calls: list[str] = []

    @app.get("/file")
    def file() -> Response:
        calls.append("get")
        return Response(200, "application/octet-stream", b"\x00" * 10, headers={"X-Size": "10"})

    result = call(app, "HEAD", "/file")
    assert calls == ["get"]
    assert result["statusCode"] == 200
    assert result["body"] == ""
    assert result["isBase64Encoded"] is False
    assert result["multiValueHeaders"]["X-Size"] == ["10"]


def test_unknown_path_is_404_json() -> None:
    result = call(todo_app(), "GET", "/nope")
    assert result["statusCode"] == 404
    assert body_of(result) == {"statusCode": 404, "message": "Not found"}


def test_not_found_handler() -> None:
    app = todo_app()
    received: list[Exception] = []

    @app.not_found
    def missing(error: NotFoundError) -> Response:
        received.append(error)
        return Response(418, "text/plain", f"no {app.current_event.path}")

    result = call(app, "GET", "/nope")
    assert (result["statusCode"], result["body"]) == (418, "no /nope")
    assert len(received) == 1
    assert isinstance(received[0], NotFoundError)


def test_not_found_decorator_with_parentheses() -> None:
    app = todo_app()

    @app.not_found()
    def missing(error: NotFoundError) -> dict[str, str]:
        return {"custom": "404"}

    result = call(app, "GET", "/nope")
    assert body_of(result) == {"custom": "404"}


def test_trailing_slash_reaches_the_route() -> None:
    app = todo_app()
    assert body_of(call(app, "GET", "/todos/")) == ["a", "b"]
    assert body_of(call(app, "GET", "/todos/7/")) == {"id": "7"}


@pytest.mark.parametrize(
    ("result", "status", "body", "content_type"),
    [
        ("plain text", 200, "plain text", "application/json"),
        (b"\x01\x02", 200, "AQI=", "application/octet-stream"),
        (({"a": 1}, 202), 202, '{"a":1}', "application/json"),
        ((["x"], 400, {"X-Extra": "1"}), 400, '["x"]', "application/json"),
        (None, 200, "null", "application/json"),
    ],
)
def test_handler_results_become_responses(result: Any, status: int, body: str, content_type: str) -> None:
    app = APIGatewayRestResolver()

    @app.get("/")
    def index() -> Any:
        return result

    answer = call(app, "GET", "/")
    assert answer["statusCode"] == status
    assert answer["body"] == body
    assert answer["multiValueHeaders"]["Content-Type"] == [content_type]


# -- middlewares --------------------------------------------------------------------------------


def recorder(name: str, log: list[str]) -> Any:
    def middleware(app: Any, next_middleware: NextMiddleware) -> Response:
        log.append(f"before:{name}")
        response = next_middleware(app)
        log.append(f"after:{name}")
        return response

    middleware.__name__ = name
    return middleware


def test_global_then_route_middlewares_in_order() -> None:
    log: list[str] = []
    app = APIGatewayRestResolver()
    app.use(middlewares=[recorder("g1", log), recorder("g2", log)])

    @app.get("/", middlewares=[recorder("r1", log), recorder("r2", log)])
    def index() -> dict[str, str]:
        log.append("handler")
        return {}

    assert call(app, "GET", "/")["statusCode"] == 200
    assert log == [
        "before:g1",
        "before:g2",
        "before:r1",
        "before:r2",
        "handler",
        "after:r2",
        "after:r1",
        "after:g2",
        "after:g1",
    ]


def test_route_middlewares_apply_to_their_route_only() -> None:
    log: list[str] = []
    app = APIGatewayRestResolver()

    @app.get("/a", middlewares=[recorder("only-a", log)])
    def a() -> dict[str, str]:
        return {}

    @app.get("/b")
    def b() -> dict[str, str]:
        return {}

    call(app, "GET", "/b")
    assert log == []
    call(app, "GET", "/a")
    assert log == ["before:only-a", "after:only-a"]


def test_global_middlewares_also_run_for_not_found() -> None:
    log: list[str] = []
    app = todo_app()
    app.use(middlewares=[recorder("g", log)])
    assert call(app, "GET", "/nope")["statusCode"] == 404
    assert log == ["before:g", "after:g"]


def test_use_after_the_first_request_applies_to_later_requests() -> None:
    log: list[str] = []
    app = todo_app()
    call(app, "GET", "/todos")
    app.use(middlewares=[recorder("late", log)])
    call(app, "GET", "/todos")
    assert log == ["before:late", "after:late"]


def test_middleware_sees_the_current_event_and_can_edit_the_response() -> None:
    app = APIGatewayRestResolver()

    def stamp(app: Any, next_middleware: NextMiddleware) -> Response:
        response = next_middleware(app)
        response.headers["X-Path"] = app.current_event.path
        return response

    @app.get("/todos/<todo_id>", middlewares=[stamp])
    def get_todo(todo_id: str) -> dict[str, str]:
        return {"id": todo_id}

    result = call(app, "GET", "/todos/9")
    assert result["multiValueHeaders"]["X-Path"] == ["/todos/9"]
    assert body_of(result) == {"id": "9"}


def test_base_middleware_handler_subclass() -> None:
    class AddHeader(BaseMiddlewareHandler):
        def __init__(self, value: str):
            self.value = value

        def handler(self, app: Any, next_middleware: NextMiddleware) -> Response:
            response = next_middleware(app)
            response.headers["X-Mw"] = self.value
            return response

    app = APIGatewayRestResolver()
    middleware = AddHeader("class-based")
    assert middleware.__name__ == "AddHeader"

    @app.get("/", middlewares=[middleware])
    def index() -> dict[str, str]:
        return {}

    assert call(app, "GET", "/")["multiValueHeaders"]["X-Mw"] == ["class-based"]


def test_base_middleware_handler_must_implement_handler() -> None:
    class Incomplete(BaseMiddlewareHandler):
        pass

    with pytest.raises(TypeError):
        Incomplete()  # type: ignore[abstract]


def test_middleware_short_circuit() -> None:
    app = APIGatewayRestResolver()
    calls: list[str] = []

    def deny(app: Any, next_middleware: NextMiddleware) -> Response:
        return Response(403, "application/json", {"denied": True})

    @app.get("/", middlewares=[deny])
    def index() -> dict[str, str]:
        calls.append("handler")
        return {}

    result = call(app, "GET", "/")
    assert (result["statusCode"], result["body"]) == (403, '{"denied":true}')
    assert calls == []


def test_middleware_returning_a_dict_is_converted() -> None:
    app = APIGatewayRestResolver()

    def cached(app: Any, next_middleware: NextMiddleware) -> dict[str, str]:
        return {"from": "cache"}

    @app.get("/", middlewares=[cached])
    def index() -> dict[str, str]:
        return {"from": "handler"}

    result = call(app, "GET", "/")
    assert result["statusCode"] == 200
    assert body_of(result) == {"from": "cache"}


def test_keyword_arguments_pass_through_next_middleware() -> None:
    app = APIGatewayRestResolver()
    seen: list[dict[str, Any]] = []

    def outer(app: Any, next_middleware: NextMiddleware) -> Response:
        return next_middleware(app, trace_id="t-1", attempt=2)

    def inner(app: Any, next_middleware: NextMiddleware, **kwargs: Any) -> Response:
        seen.append(kwargs)
        return next_middleware(app, **kwargs)

    class ClassBased(BaseMiddlewareHandler):
        def handler(self, app: Any, next_middleware: NextMiddleware) -> Response:
            return next_middleware(app)

    @app.get("/", middlewares=[outer, ClassBased(), inner])
    def index() -> dict[str, str]:
        return {"ok": "yes"}

    result = call(app, "GET", "/")
    assert body_of(result) == {"ok": "yes"}
    # The class-based middleware called next_middleware(app) without kwargs.
    assert seen == [{}]

    app2 = APIGatewayRestResolver()

    @app2.get("/", middlewares=[outer, inner])
    def index2() -> dict[str, str]:
        return {"ok": "yes"}

    assert body_of(call(app2, "GET", "/")) == {"ok": "yes"}
    assert seen[-1] == {"trace_id": "t-1", "attempt": 2}


def test_middleware_chain_is_composed_once_per_route() -> None:
    app = todo_app()
    app.use(middlewares=[recorder("g", [])])
    call(app, "GET", "/todos")
    route = app.routes[0]
    chain = route.chain
    assert chain is not None
    call(app, "GET", "/todos")
    assert route.chain is chain

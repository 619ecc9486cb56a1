"""The router stage on its own: it sets the route and its arguments, answers 405 itself, routes
the stripped path, and never calls the next stage. (Routing through ``resolve()``, for every
source: tests/e2e/test_e2e_routing.py; route middlewares: tests/middlewares.)"""

from __future__ import annotations

from typing import Any

from apiway import APIGatewayRestResolver
from apiway.stages.router import RouterStage


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

"""``apiway.request.Request``: the request handlers, dependencies and middlewares read, with
the Powertools names and meanings; ``PipelineRequest`` is what stages see."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, PipelineRequest, Response, Router
from apiway.request import Request
from apiway.request_view import openapi_path
from support.events import REST


@pytest.mark.parametrize(
    ("rule", "path"),
    [
        ("/", "/"),
        ("/todos", "/todos"),
        ("/todos/<todo_id>", "/todos/{todo_id}"),
        ("/a/<x>/b/<y>.json", "/a/{x}/b/{y}.json"),
        ("/a/<x", "/a/<x"),  # no closing bracket: left alone, as a regular expression would
        ("/a/<x>>", "/a/{x}>"),
        ("/files/.+", "/files/.+"),
    ],
)
def test_openapi_path(rule: str, path: str) -> None:
    assert openapi_path(rule) == path


def test_the_view_of_a_routed_request() -> None:
    app = APIGatewayRestResolver()
    seen: list[Any] = []

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        seen.append((app.request, app.context))
        return {}

    REST.call(app, REST.event("GET", "/todos/7", headers={"X-Trace": "abc"}, query={"q": "1"}))
    ((request, context),) = seen
    assert type(request) is Request
    assert request.route == "/todos/{todo_id}"
    assert request.path_parameters == {"todo_id": "7"}
    assert request.method == "GET"
    assert request.headers["x-trace"] == request.headers["X-Trace"] == "abc"
    assert request.query_parameters == {"q": "1"}
    assert request.resolved_event is app.current_event
    assert request.context is context
    assert app.request is request  # one per invocation
    assert repr(request) == "<Request GET /todos/{todo_id}>"


def test_the_view_outside_any_route() -> None:
    app = APIGatewayRestResolver()
    routes: list[Any] = []

    def audit(app: Any, next_middleware: Any) -> Response:
        routes.append(app.request.route)
        return next_middleware(app)  # type: ignore[no-any-return]

    app.use([audit])
    assert REST.call(app, REST.event("GET", "/missing"))["statusCode"] == 404
    assert routes == [None]


def test_a_router_hands_out_its_resolvers_view() -> None:
    router = Router()
    seen: list[Any] = []

    @router.post("/items/<name>")
    def create(name: str) -> dict[str, Any]:
        seen.append((router.request.route, router.request.json_body, router.request.body))
        return {}

    app = APIGatewayRestResolver()
    app.include_router(router, prefix="/v1")
    REST.call(app, REST.event("POST", "/v1/items/a", body='{"n": 1}'))
    assert seen == [("/v1/items/{name}", {"n": 1}, '{"n": 1}')]


def test_built_as_powertools_builds_it() -> None:
    app = APIGatewayRestResolver()
    event = app.source.make_event(REST.event("PUT", "/x", headers={"A": "b"}), None)
    request = Request("/x/{id}", {"id": "1"}, event)
    assert (request.route, request.path_parameters, request.method, request.context) == (
        "/x/{id}",
        {"id": "1"},
        "PUT",
        {},
    )


def test_stages_get_the_pipeline_request() -> None:
    app = APIGatewayRestResolver()
    seen: list[Any] = []

    def spy(request: PipelineRequest, call_next: Any) -> Response:
        response: Response = call_next(request)
        seen.append((type(request).__name__, request.route.rule if request.route else None))
        return response

    app.pipeline.insert_before("router", spy)  # type: ignore[arg-type]

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        return {}

    REST.call(app, REST.event("GET", "/todos/1"))
    assert seen == [("PipelineRequest", "/todos/<todo_id>")]


def test_the_view_loads_only_when_used() -> None:
    import subprocess

    code = (
        "import sys\n"
        "from apiway import APIGatewayRestResolver\n"
        "app = APIGatewayRestResolver()\n"
        "app.get('/')(lambda: {})\n"
        "app.resolve({'httpMethod': 'GET', 'path': '/', 'requestContext': {}}, None)\n"
        "print('apiway.request_view' in sys.modules)\n"
        "import apiway.request\n"
        "apiway.request.Request\n"
        "print('apiway.request_view' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
    assert json.loads(json.dumps(Request.__module__)) == "apiway.request"

"""Typed parameters, validation, dependencies and the OpenAPI routes end to end, for every source.

Every response is checked against its source's contract by ``EventSource.call``.
No ``from __future__ import annotations``: handlers defined inside tests name local classes.
"""

import base64
import dataclasses
import datetime
import enum
import gzip
import json
from typing import Annotated, Any

import pytest

from apiway import Depends, Response
from apiway.openapi.params import Header, Path, Query
from apiway.request import Request
from apiway.validation import Constraints
from support.events import EventSource, each_source
from support.responses import header


class Color(enum.Enum):
    red = "red"
    green = "green"


@dataclasses.dataclass
class NewTodo:
    title: Annotated[str, Constraints(min_length=1)]
    due: datetime.date | None = None
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Todo:
    id: int
    title: str
    due: datetime.date | None
    tags: list[str]


def current_user(request: Request) -> str:
    return request.headers.get("x-user") or "anonymous"


def typed_app(source: EventSource, **resolver: Any) -> Any:
    app = source.app(enable_validation=True, **resolver)

    @app.get("/todos/<todo_id>")
    def get_todo(
        todo_id: Annotated[int, Path(ge=1)],
        color: Color = Color.red,
        limit: Annotated[int, Query(ge=1, le=50)] = 10,
        x_trace: Annotated[str | None, Header(min_length=3)] = None,
    ) -> dict:
        return {"id": todo_id, "color": color.value, "limit": limit, "trace": x_trace}

    @app.post("/todos", status_code=201)
    def create_todo(todo: NewTodo, user: Annotated[str, Depends(current_user)]) -> Todo:
        return Todo(id=1, title=f"{todo.title} by {user}", due=todo.due, tags=todo.tags)

    @app.get("/broken")
    def broken() -> Todo:
        return {"id": "one"}  # type: ignore[return-value]

    @app.get("/where/<name>")
    def where(name: str, request: Request) -> dict:
        return {"route": request.route, "path_parameters": request.path_parameters, "method": request.method}

    @app.get("/wrapped")
    def wrapped() -> Response[Todo]:
        return Response(200, "application/json", Todo(id=2, title="t", due=None, tags=[]))

    app.enable_swagger(path="/docs", title="Todos")
    return app


def body(response: dict[str, Any]) -> Any:
    text = response["body"]
    if response.get("isBase64Encoded"):
        text = base64.b64decode(text).decode()
    return json.loads(text) if text else None


def problems(response: dict[str, Any]) -> list[tuple[list[Any], str]]:
    assert response["statusCode"] == 422, response
    data = body(response)
    assert data["statusCode"] == 422
    return [(item["loc"], item["type"]) for item in data["detail"]]


JSON = {"Content-Type": "application/json"}


@each_source
def test_typed_parameters_are_coerced(source: EventSource) -> None:
    app = typed_app(source)
    response = source.request(
        app, "GET", "/todos/7", query={"color": "green", "limit": "3"}, headers={"X-Trace": "abc"}
    )
    assert (response["statusCode"], body(response)) == (
        200,
        {"id": 7, "color": "green", "limit": 3, "trace": "abc"},
    )


@each_source
def test_every_problem_is_listed(source: EventSource) -> None:
    app = typed_app(source)
    response = source.request(
        app, "GET", "/todos/0", query={"color": "blue", "limit": "99"}, headers={"X-Trace": "a"}
    )
    assert problems(response) == [
        (["path", "todo_id"], "greater_than_equal"),
        (["query", "color"], "enum"),
        (["query", "limit"], "less_than_equal"),
        (["header", "x-trace"], "string_too_short"),
    ]


@each_source
def test_a_body_is_validated_and_the_answer_serialized(source: EventSource) -> None:
    app = typed_app(source)
    sent = {"title": "write", "due": "2024-05-01", "tags": ["a"]}
    response = source.request(app, "POST", "/todos", headers={**JSON, "X-User": "ada"}, body=json.dumps(sent))
    assert (response["statusCode"], body(response)) == (
        201,
        {"id": 1, "title": "write by ada", "due": "2024-05-01", "tags": ["a"]},
    )


@each_source
@pytest.mark.parametrize(
    ("sent", "headers", "status", "found"),
    [
        ('{"title": ""', JSON, 422, [(["body", 12], "json_invalid")]),
        ('{"title": "", "due": "soon", "tags": "x"}', JSON, 422, [
            (["body", "title"], "string_too_short"),
            (["body", "due"], "date_from_datetime_parsing"),
            (["body", "tags"], "list_type"),
        ]),
        ("[]", JSON, 422, [(["body"], "dataclass_type")]),
        (None, JSON, 422, [(["body"], "missing")]),
        ("title=x", {"Content-Type": "text/plain"}, 415, [(["body"], "unsupported_content_type")]),
    ],
)  # fmt: skip
def test_bad_bodies_get_4xx(
    source: EventSource, sent: Any, headers: dict[str, str], status: int, found: list[Any]
) -> None:
    app = typed_app(source)
    response = source.request(app, "POST", "/todos", headers=headers, body=sent)
    assert response["statusCode"] == status
    assert [(item["loc"], item["type"]) for item in body(response)["detail"]] == found


@each_source
def test_a_response_that_fails_validation_answers_500(source: EventSource) -> None:
    app = typed_app(source)
    response = source.request(app, "GET", "/broken")
    assert (response["statusCode"], body(response)) == (
        500,
        {
            "statusCode": 500,
            "detail": [
                {"loc": ["response", "id"], "type": "int_parsing"},
                {"loc": ["response", "title"], "type": "missing"},
                {"loc": ["response", "due"], "type": "missing"},
                {"loc": ["response", "tags"], "type": "missing"},
            ],
        },
    )
    app = typed_app(source, response_validation_error_http_code=502)
    assert source.request(app, "GET", "/broken")["statusCode"] == 502


@each_source
def test_the_request_handlers_read(source: EventSource) -> None:
    app = typed_app(source)
    response = source.request(app, "GET", "/where/a%20b" if not source.path_decoded else "/where/a b")
    assert body(response) == {"route": "/where/{name}", "path_parameters": {"name": "a b"}, "method": "GET"}


@each_source
def test_response_of_a_model(source: EventSource) -> None:
    app = typed_app(source)
    response = source.request(app, "GET", "/wrapped")
    assert body(response) == {"id": 2, "title": "t", "due": None, "tags": []}


@each_source
def test_dependency_overrides(source: EventSource) -> None:
    app = typed_app(source)
    app.dependency_overrides[current_user] = lambda: "tester"
    response = source.request(app, "POST", "/todos", headers=JSON, body='{"title": "x"}')
    assert body(response)["title"] == "x by tester"
    app.dependency_overrides.clear()
    response = source.request(app, "POST", "/todos", headers=JSON, body='{"title": "x"}')
    assert body(response)["title"] == "x by anonymous"


@each_source
def test_swagger_page_and_document(source: EventSource) -> None:
    app = typed_app(source)
    page = source.request(app, "GET", "/docs")
    assert page["statusCode"] == 200
    assert header(page, "Content-Type") == "text/html"
    text = page["body"] if not page.get("isBase64Encoded") else base64.b64decode(page["body"]).decode()
    assert "<title>Todos</title>" in text and "swagger-ui-bundle.js" in text
    document = source.request(app, "GET", "/docs", query={"format": "json"})
    assert header(document, "Content-Type") == "application/json"
    data = body(document)
    assert data["info"]["title"] == "Todos"
    assert sorted(data["paths"]) == ["/broken", "/todos", "/todos/{todo_id}", "/where/{name}", "/wrapped"]
    assert json.loads(app.get_openapi_json_schema(title="Todos"))["paths"] == data["paths"]
    redirect = source.request(app, "GET", "/docs", query={"format": "oauth2-redirect"})
    assert redirect["statusCode"] == 200 and header(redirect, "Content-Type") == "text/html"


@each_source
def test_swagger_is_compressed_when_asked(source: EventSource) -> None:
    app = source.app()

    @app.get("/hello")
    def hello() -> dict:
        return {}

    app.enable_swagger(compress=True)
    response = source.request(app, "GET", "/swagger", headers={"Accept-Encoding": "gzip"})
    assert header(response, "Content-Encoding") == "gzip"
    assert b"<!DOCTYPE html>" in gzip.decompress(base64.b64decode(response["body"]))

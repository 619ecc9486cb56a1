"""Functional tests of the Lambda handler: whole requests through every router and stage."""

from __future__ import annotations

import base64
import gzip
import importlib
import json

from todos import main

from apiway.testing import TestClient
from apiway.types import LambdaContext


def test_handler_named_in_the_template_exists() -> None:
    handler = importlib.import_module("todos.main").lambda_handler  # Handler: todos.main.lambda_handler

    assert handler is main.lambda_handler


def test_list_todos_with_a_real_event(api_event, lambda_context: LambdaContext) -> None:
    response = main.lambda_handler(api_event("get_todos"), lambda_context)

    assert response["statusCode"] == 200
    assert response["multiValueHeaders"]["Content-Type"] == ["application/json"]
    assert response["isBase64Encoded"] is False
    assert [todo["id"] for todo in json.loads(response["body"])["todos"]] == ["1", "2", "3"]


def test_create_todo_with_a_real_event(api_event, lambda_context: LambdaContext) -> None:
    response = main.lambda_handler(api_event("create_todo"), lambda_context)

    assert response["statusCode"] == 201
    assert response["multiValueHeaders"]["Location"] == ["/todos/4"]
    assert json.loads(response["body"]) == {"id": "4", "title": "deploy on Friday?", "completed": False}


def test_badge_is_base64_for_api_gateway(api_event, lambda_context: LambdaContext) -> None:
    event = api_event("get_todos") | {"path": "/health/badge.svg"}

    response = main.lambda_handler(event, lambda_context)

    assert response["isBase64Encoded"] is True
    assert base64.b64decode(response["body"]).startswith(b"<svg")


def test_index_links_to_every_router(client: TestClient) -> None:
    links = client.get("/").json()["links"]

    for path in links.values():
        assert client.get(path).status_code == 200, path


def test_todo_lifecycle(client: TestClient) -> None:
    created = client.post("/todos", json={"title": "write functional tests"}).json()
    client.patch(f"/todos/{created['id']}", json={"completed": True})

    assert client.get(f"/todos/{created['id']}").json()["completed"] is True
    assert client.get("/health").json()["todos"] == 4
    assert client.delete(f"/todos/{created['id']}").status_code == 204
    assert client.get("/health").json()["todos"] == 3


def test_list_is_gzipped_when_the_client_accepts_it(client: TestClient) -> None:
    response = client.get("/todos", headers={"Accept-Encoding": "gzip"})

    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.body) == response.content
    assert len(response.json()["todos"]) == 3


def test_cors_preflight_from_the_front_end(client: TestClient) -> None:
    response = client.options(
        "/todos/1",
        headers={"Origin": main.ALLOWED_ORIGIN, "Access-Control-Request-Method": "PATCH"},
    )

    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == main.ALLOWED_ORIGIN
    assert response.headers["Access-Control-Allow-Methods"] == "DELETE,GET,OPTIONS,PATCH"


def test_other_origins_get_no_cors_headers(client: TestClient) -> None:
    response = client.get("/todos", headers={"Origin": "https://elsewhere.example"})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_wrong_method_and_unknown_path(client: TestClient) -> None:
    wrong_method = client.put("/todos/1", json={})
    unknown = client.get("/nothing")

    assert (wrong_method.status_code, wrong_method.headers["Allow"]) == (
        405,
        "DELETE, GET, HEAD, OPTIONS, PATCH",
    )
    assert unknown.status_code == 404

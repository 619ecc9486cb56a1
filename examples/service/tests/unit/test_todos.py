"""Unit tests of the /todos router, included alone into a resolver of its own."""

from __future__ import annotations

import pytest
from todos.routers import todos
from todos.store import STORE

from apiway import APIGatewayRestResolver
from apiway.testing import TestClient


@pytest.fixture
def client() -> TestClient:
    STORE.reset()
    app = APIGatewayRestResolver()
    app.include_router(todos.router, prefix="/todos")
    return TestClient(app)


def test_list_todos(client: TestClient) -> None:
    response = client.get("/todos")

    assert response.status_code == 200
    assert [todo["title"] for todo in response.json()["todos"]] == [
        "write the docs",
        "test every route",
        "deploy with SAM",
    ]


@pytest.mark.parametrize(("completed", "ids"), [("true", ["1"]), ("false", ["2", "3"])])
def test_list_todos_filtered(client: TestClient, completed: str, ids: list[str]) -> None:
    response = client.get("/todos", query={"completed": completed})

    assert [todo["id"] for todo in response.json()["todos"]] == ids


def test_list_todos_bad_filter(client: TestClient) -> None:
    response = client.get("/todos", query={"completed": "maybe"})

    assert response.status_code == 400
    assert response.json()["message"] == "'completed' must be true or false"


def test_create_todo(client: TestClient) -> None:
    response = client.post("/todos", json={"title": "  buy milk "})

    assert response.status_code == 201
    assert response.headers["Location"] == "/todos/4"
    assert response.json() == {"id": "4", "title": "buy milk", "completed": False}
    assert client.get("/todos/4").json()["title"] == "buy milk"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "'title' must be a non-empty string"),
        ({"title": " "}, "'title' must be a non-empty string"),
        ({"title": "x" * 201}, "'title' must be at most 200 characters"),
        (["not", "an", "object"], "the body must be a JSON object"),
    ],
)
def test_create_todo_invalid(client: TestClient, body: object, message: str) -> None:
    response = client.post("/todos", json=body)

    assert response.status_code == 400
    assert response.json() == {"statusCode": 400, "message": message}


def test_create_todo_invalid_json(client: TestClient) -> None:
    response = client.post("/todos", body="{oops", content_type="application/json")

    assert response.status_code == 400


def test_get_todo(client: TestClient) -> None:
    assert client.get("/todos/2").json() == {"id": "2", "title": "test every route", "completed": False}


def test_get_unknown_todo(client: TestClient) -> None:
    response = client.get("/todos/99")

    assert response.status_code == 404
    assert response.json() == {"statusCode": 404, "message": "no todo 99"}


def test_update_todo(client: TestClient) -> None:
    response = client.patch("/todos/2", json={"completed": True})

    assert response.status_code == 200
    assert response.json() == {"id": "2", "title": "test every route", "completed": True}
    assert [todo["id"] for todo in client.get("/todos", query={"completed": "false"}).json()["todos"]] == [
        "3"
    ]


@pytest.mark.parametrize(
    ("body", "status"),
    [({"completed": "yes"}, 400), ({}, 400), ({"title": ""}, 400)],
)
def test_update_todo_invalid(client: TestClient, body: dict, status: int) -> None:
    assert client.patch("/todos/2", json=body).status_code == status


def test_update_unknown_todo(client: TestClient) -> None:
    assert client.patch("/todos/99", json={"completed": True}).status_code == 404


def test_delete_todo(client: TestClient) -> None:
    response = client.delete("/todos/1")

    assert response.status_code == 204
    assert response.content == b""
    assert client.get("/todos/1").status_code == 404
    assert client.delete("/todos/1").status_code == 404

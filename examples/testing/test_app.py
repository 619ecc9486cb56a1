"""Tests through apiway's test client: no hand-written events.

``TestClient(app)`` builds the event the resolver's source sends (REST API here) for each
request, calls the app, and returns the response decoded: status, headers, cookies and
body (base64 and gzip undone).
"""

from __future__ import annotations

import app as todo_app
import pytest

from apiway.testing import TestClient


@pytest.fixture(autouse=True)
def fresh_todos(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with the same single todo, whatever the others created."""
    monkeypatch.setattr(todo_app, "TODOS", {"1": {"id": "1", "title": "write the docs", "completed": False}})


@pytest.fixture
def client() -> TestClient:
    return TestClient(todo_app.app)


def test_list_todos(client: TestClient) -> None:
    response = client.get("/todos")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"todos": [{"id": "1", "title": "write the docs", "completed": False}]}


def test_create_todo_then_read_it(client: TestClient) -> None:
    created = client.post("/todos", json={"title": "test it"})

    assert created.status_code == 201
    assert created.json() == {"id": "2", "title": "test it", "completed": False}
    assert client.get("/todos/2").json()["title"] == "test it"


def test_create_todo_without_title_is_refused(client: TestClient) -> None:
    response = client.post("/todos", json={"completed": True})

    assert response.status_code == 400
    assert response.json() == {"statusCode": 400, "message": "a todo needs a title"}


def test_unknown_todo(client: TestClient) -> None:
    assert client.get("/todos/99").status_code == 404


def test_wrong_method_answers_405_with_allow(client: TestClient) -> None:
    response = client.delete("/todos")

    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS, POST"

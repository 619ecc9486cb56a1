"""Unit tests of the /health router, included alone into a resolver of its own."""

from __future__ import annotations

import pytest
from todos.routers import health
from todos.store import STORE

from apiway import APIGatewayRestResolver
from apiway.testing import TestClient


@pytest.fixture
def client() -> TestClient:
    STORE.reset()
    app = APIGatewayRestResolver()
    app.include_router(health.router, prefix="/health")
    return TestClient(app)


def test_health(client: TestClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "todos": 3}


def test_badge_counts_open_todos(client: TestClient) -> None:
    response = client.get("/health/badge.svg")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/svg+xml"
    assert response.headers["Cache-Control"] == "max-age=60"
    assert response.raw["isBase64Encoded"] is True  # bytes travel base64-encoded
    assert 'aria-label="todos: 2 open"' in response.text
    assert "#dfb317" in response.text


def test_badge_turns_green_when_all_done(client: TestClient) -> None:
    for todo in STORE.list(completed=False):
        STORE.update(todo["id"], {"completed": True})

    response = client.get("/health/badge.svg")

    assert 'aria-label="todos: 0 open"' in response.text
    assert "#4c1" in response.text

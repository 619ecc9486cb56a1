"""Fixtures for the functional tests: the deployed handler, called as Lambda calls it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from todos import main
from todos.store import STORE

from apiway.testing import TestClient
from apiway.types import LambdaContext

EVENTS = Path(__file__).parent / "events"


@pytest.fixture(autouse=True)
def fresh_store() -> None:
    STORE.reset()


@pytest.fixture
def lambda_context() -> LambdaContext:
    context = LambdaContext()
    context.function_name = "todos-TodosFunction-test"
    context.aws_request_id = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
    return context


@pytest.fixture
def api_event() -> Any:
    """Load an API Gateway REST API event stored in events/ (as API Gateway sends it)."""

    def load(name: str) -> dict[str, Any]:
        return json.loads((EVENTS / f"{name}.json").read_text(encoding="utf-8"))

    return load


@pytest.fixture
def client() -> TestClient:
    """The whole service, as API Gateway would call it, without hand-written events."""
    return TestClient(main.app)

"""/todos routes: list, create, read, update and delete todos.

Rules are relative: main.py includes this router under ``/todos``.
"""

from __future__ import annotations

from typing import Any

from todos.store import STORE

from apiway import Response, Router
from apiway.exceptions import BadRequestError, NotFoundError

router = Router()

_BOOLEANS = {"true": True, "false": False}


def _title(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadRequestError("'title' must be a non-empty string")
    if len(value) > 200:
        raise BadRequestError("'title' must be at most 200 characters")
    return value.strip()


def _body() -> dict[str, Any]:
    body = router.current_event.json_body  # invalid JSON answers 400 by itself
    if not isinstance(body, dict):
        raise BadRequestError("the body must be a JSON object")
    return body


@router.get("/", compress=True)
def list_todos() -> dict:
    completed = router.current_event.get_query_string_value("completed")
    if completed is not None and completed not in _BOOLEANS:
        raise BadRequestError("'completed' must be true or false")
    return {"todos": STORE.list(None if completed is None else _BOOLEANS[completed])}


@router.post("/")
def create_todo() -> Response:
    todo = STORE.add(_title(_body().get("title")))
    return Response(201, "application/json", todo, headers={"Location": f"/todos/{todo['id']}"})


@router.get("/<todo_id>")
def get_todo(todo_id: str) -> dict:
    todo = STORE.get(todo_id)
    if todo is None:
        raise NotFoundError(f"no todo {todo_id}")
    return todo


@router.patch("/<todo_id>")
def update_todo(todo_id: str) -> dict:
    body = _body()
    changes: dict[str, Any] = {}
    if "title" in body:
        changes["title"] = _title(body["title"])
    if "completed" in body:
        if not isinstance(body["completed"], bool):
            raise BadRequestError("'completed' must be true or false")
        changes["completed"] = body["completed"]
    if not changes:
        raise BadRequestError("send 'title', 'completed' or both")
    todo = STORE.update(todo_id, changes)
    if todo is None:
        raise NotFoundError(f"no todo {todo_id}")
    return todo


@router.delete("/<todo_id>")
def delete_todo(todo_id: str) -> Response:
    if not STORE.delete(todo_id):
        raise NotFoundError(f"no todo {todo_id}")
    return Response(204)

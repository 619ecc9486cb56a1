"""The todos, kept in memory.

A deployed service would keep them in a database (DynamoDB, say); in memory they live as
long as one Lambda execution environment, which is enough to try the API. The lock makes
the store safe under ``apiway serve``, which serves requests on several threads.
"""

from __future__ import annotations

import threading
from typing import Any

SEED = (
    ("write the docs", True),
    ("test every route", False),
    ("deploy with SAM", False),
)


class TodoStore:
    """Todos by id, with the operations the routes need."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget every change: back to the seed todos (tests call this)."""
        with self._lock:
            self._todos: dict[str, dict[str, Any]] = {}
            self._last_id = 0
        for title, completed in SEED:
            todo = self.add(title)
            self.update(todo["id"], {"completed": completed})

    def list(self, completed: bool | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(t) for t in self._todos.values() if completed is None or t["completed"] is completed]

    def get(self, todo_id: str) -> dict[str, Any] | None:
        with self._lock:
            todo = self._todos.get(todo_id)
            return dict(todo) if todo is not None else None

    def add(self, title: str) -> dict[str, Any]:
        with self._lock:
            self._last_id += 1
            todo = {"id": str(self._last_id), "title": title, "completed": False}
            self._todos[todo["id"]] = todo
            return dict(todo)

    def update(self, todo_id: str, changes: dict[str, Any]) -> dict[str, Any] | None:
        with self._lock:
            todo = self._todos.get(todo_id)
            if todo is None:
                return None
            todo.update(changes)
            return dict(todo)

    def delete(self, todo_id: str) -> bool:
        with self._lock:
            return self._todos.pop(todo_id, None) is not None


STORE = TodoStore()

"""The /todos routes, declared on a ``Router``; app.py includes them under ``/todos``.

A ``Router`` has the same decorators as a resolver. Its rules are relative to the prefix
given to ``include_router``, so they never repeat ``/todos``. ``router.current_event`` is the
event of the resolver the router is included into. Middlewares added with ``router.use``
run around this router's routes only: /health answers without ``X-Api-Version``.
"""

from __future__ import annotations

from apiway import Response, Router
from apiway.exceptions import NotFoundError
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware


class ApiVersionHeader(BaseMiddlewareHandler):
    """Tells clients which version of the todos API answered."""

    def handler(self, app, next_middleware: NextMiddleware) -> Response:
        response = next_middleware(app)
        response.headers["X-Api-Version"] = "2"
        return response


router = Router()
router.use(middlewares=[ApiVersionHeader()])

TODOS = {
    "1": {"id": "1", "title": "write the docs", "completed": True},
    "2": {"id": "2", "title": "split the routes", "completed": False},
}


@router.get("/")
def list_todos() -> dict:
    completed = router.current_event.get_query_string_value("completed")
    todos = [t for t in TODOS.values() if completed is None or str(t["completed"]).lower() == completed]
    return {"todos": todos}


@router.get("/<todo_id>")
def get_todo(todo_id: str) -> dict:
    if todo_id not in TODOS:
        raise NotFoundError(f"no todo {todo_id}")
    return TODOS[todo_id]

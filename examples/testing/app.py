"""Testing your code: the app under test. Its tests sit next to it:

- test_app.py calls the routes through ``apiway.testing.TestClient``, which builds the
  Lambda events for you and decodes the responses;
- test_app_with_event.py hands ``lambda_handler`` a proxy event written by hand and checks
  the proxy response it returns.

Run them: python -m pytest examples/testing
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
from apiway.exceptions import BadRequestError, NotFoundError
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

TODOS = {"1": {"id": "1", "title": "write the docs", "completed": False}}


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": list(TODOS.values())}


@app.get("/todos/<todo_id>")
def get_todo(todo_id: str) -> dict:
    if todo_id not in TODOS:
        raise NotFoundError(f"no todo {todo_id}")
    return TODOS[todo_id]


@app.post("/todos")
def create_todo() -> tuple[dict, int]:
    data = app.current_event.json_body or {}
    if not isinstance(data.get("title"), str) or not data["title"]:
        raise BadRequestError("a todo needs a title")
    todo_id = str(len(TODOS) + 1)
    TODOS[todo_id] = {"id": todo_id, "title": data["title"], "completed": False}
    return TODOS[todo_id], 201


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""Dynamic routes: ``<name>`` in a rule matches one path segment and becomes an argument.

Every ``<name>`` must be a parameter of the function; it is passed by keyword, already
percent-decoded (``/tags/good%20first%20issue`` gives ``"good first issue"``). Rules can nest several
(``/users/<user_id>/todos/<todo_id>``). Precedence does not depend on registration order:
the static ``/todos/done`` wins over ``/todos/<todo_id>`` although it is registered later.

Try it: python -m apiway serve examples/dynamic_routes/app.py
        curl -s localhost:3000/todos/1 ; curl -s localhost:3000/todos/done
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
from apiway.exceptions import NotFoundError
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

TODOS = {
    "1": {"id": "1", "user": "ana", "title": "write the docs", "completed": True, "tags": ["docs"]},
    "2": {
        "id": "2",
        "user": "ben",
        "title": "test every example",
        "completed": False,
        "tags": ["good first issue"],
    },
}


@app.get("/todos/<todo_id>")
def get_todo(todo_id: str) -> dict:
    if todo_id not in TODOS:
        raise NotFoundError(f"no todo {todo_id!r}")
    return TODOS[todo_id]


@app.get("/users/<user_id>/todos/<todo_id>")
def get_user_todo(user_id: str, todo_id: str) -> dict:
    todo = TODOS.get(todo_id)
    if todo is None or todo["user"] != user_id:
        raise NotFoundError(f"{user_id} has no todo {todo_id!r}")
    return todo


@app.get("/tags/<tag>")
def get_tagged_todos(tag: str) -> dict:
    return {"tag": tag, "todos": [todo["id"] for todo in TODOS.values() if tag in todo["tags"]]}


@app.get("/todos/done")  # registered after /todos/<todo_id>, and still preferred to it
def get_done_todos() -> dict:
    return {"todos": [todo for todo in TODOS.values() if todo["completed"]]}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

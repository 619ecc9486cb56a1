"""A small todo API.

Serve it on http://127.0.0.1:3000 and call it with curl or a browser:

    python -m apiway serve examples/quickstart.py
    curl -s localhost:3000/todos

Or run this file to resolve a few sample requests and print the Lambda proxy responses:

    python examples/quickstart.py
"""

from __future__ import annotations

import json

from apiway import APIGatewayRestResolver, Response, content_types
from apiway.exceptions import NotFoundError

app = APIGatewayRestResolver()

TODOS = {"1": {"id": "1", "title": "write docs", "completed": False}}


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
    todo = app.current_event.json_body
    todo_id = str(len(TODOS) + 1)
    TODOS[todo_id] = {"id": todo_id, "title": todo["title"], "completed": False}
    return TODOS[todo_id], 201


@app.get("/hello")
def hello() -> Response:
    name = app.current_event.get_query_string_value("name", "world")
    return Response(200, content_types.TEXT_PLAIN, f"hello, {name}")


def lambda_handler(event: dict, context: object) -> dict:
    return app.resolve(event, context)


SAMPLE_REQUESTS = [
    ("GET", "/todos", "", None),
    ("POST", "/todos", "", json.dumps({"title": "ship it"})),
    ("GET", "/todos/2", "", None),
    ("GET", "/todos/99", "", None),
    ("GET", "/hello", "name=apiway", None),
    ("DELETE", "/todos", "", None),
]


if __name__ == "__main__":
    # The events are built exactly as `apiway serve` builds them from real HTTP requests.
    from apiway.local.events import build_event

    for method, path, query, body in SAMPLE_REQUESTS:
        headers = [("Accept", "application/json")]
        if body is not None:
            headers.append(("Content-Type", "application/json"))
        event = build_event("rest", method, path, query, headers, (body or "").encode(), stage="prod")
        response = lambda_handler(event, None)
        print(f"{method} {path}{'?' + query if query else ''}")
        print(json.dumps(response, indent=2))

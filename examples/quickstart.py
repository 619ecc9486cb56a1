"""A small todo API, resolved against a few API Gateway REST events and printed.

Run: python examples/quickstart.py
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


def rest_event(method: str, path: str, body: str | None = None, query: dict | None = None) -> dict:
    """A minimal API Gateway REST (payload 1.0) event."""
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": method,
        "headers": {"Accept": "application/json"},
        "multiValueHeaders": {"Accept": ["application/json"]},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "requestContext": {"stage": "prod", "requestId": "quickstart", "identity": {"sourceIp": "127.0.0.1"}},
        "pathParameters": None,
        "body": body,
        "isBase64Encoded": False,
    }


if __name__ == "__main__":
    for event in (
        rest_event("GET", "/todos"),
        rest_event("POST", "/todos", json.dumps({"title": "ship it"})),
        rest_event("GET", "/todos/2"),
        rest_event("GET", "/todos/99"),
        rest_event("GET", "/hello", query={"name": "apiway"}),
        rest_event("DELETE", "/todos"),
    ):
        response = lambda_handler(event, None)
        print(f"{event['httpMethod']} {event['path']}")
        print(json.dumps(response, indent=2))

"""Query strings and payload: read them from ``app.current_event``.

- ``query_string_parameters``: every parameter, one value each (the last when repeated);
  ``get_query_string_value(name, default)`` for one of them;
- ``get_multi_value_query_string_values(name)``: every value of a repeated parameter;
- ``body``: the raw payload as sent; ``json_body``: the payload parsed as JSON. Invalid JSON
  answers 400 by itself, without reaching the rest of your code.

Try it: python -m apiway serve examples/query_strings_and_payload/app.py
        curl -s 'localhost:3000/todos?completed=false&tag=docs&tag=urgent&limit=1'
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

TODOS = [
    {"id": 1, "title": "write the docs", "completed": False, "tags": ["docs"]},
    {"id": 2, "title": "fix the docs build", "completed": False, "tags": ["docs", "urgent"]},
    {"id": 3, "title": "test every example", "completed": True, "tags": ["docs", "urgent"]},
    {"id": 4, "title": "fix the docs links", "completed": False, "tags": ["docs", "urgent"]},
]


@app.get("/todos")
def list_todos() -> dict:
    event = app.current_event
    completed = event.get_query_string_value("completed", default_value="")
    tags = event.get_multi_value_query_string_values("tag")
    limit = int(event.get_query_string_value("limit", default_value="10"))
    todos = [
        todo
        for todo in TODOS
        if (not completed or str(todo["completed"]).lower() == completed)
        and all(tag in todo["tags"] for tag in tags)
    ]
    return {"query": event.query_string_parameters, "tags": tags, "todos": todos[:limit]}


@app.post("/todos")
def create_todo() -> tuple[dict, int]:
    raw = app.current_event.body  # the payload exactly as it arrived
    todo = app.current_event.json_body  # the same payload, parsed
    return {"raw_body": raw, "todo": {"id": len(TODOS) + 1, **todo}}, 201


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

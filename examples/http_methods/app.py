"""HTTP methods: ``app.get``, ``app.post``, ``app.put``, ``app.patch``, ``app.delete``,
``app.head``, ``app.options``, and ``app.route(rule, method=[...])`` for several at once.

A known path asked with a method it does not have answers 405 with an ``Allow`` header
(not 404). ``HEAD`` is served by the ``GET`` route with an empty body, and ``OPTIONS``
answers 204 with ``Allow`` unless you register an OPTIONS route yourself.

Try it: python -m apiway serve examples/http_methods/app.py
        curl -s -X POST localhost:3000/todos -H 'Content-Type: application/json' -d '{"title": "x"}'
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, Response
from apiway.exceptions import NotFoundError
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

TODOS = {"1": {"id": "1", "title": "write the docs", "completed": False}}


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": list(TODOS.values())}


@app.post("/todos")
def create_todo() -> tuple[dict, int]:
    data = app.current_event.json_body
    todo_id = str(len(TODOS) + 1)
    TODOS[todo_id] = {"id": todo_id, "title": data["title"], "completed": False}
    return TODOS[todo_id], 201


@app.route("/todos/<todo_id>", method=["PUT", "PATCH"])
def update_todo(todo_id: str) -> dict:
    if todo_id not in TODOS:
        raise NotFoundError(f"no todo {todo_id}")
    changes = app.current_event.json_body
    if app.current_event.http_method == "PUT":  # replace every field
        TODOS[todo_id] = {"id": todo_id, "title": changes["title"], "completed": changes["completed"]}
    else:  # PATCH: change only the fields sent
        TODOS[todo_id].update({key: changes[key] for key in ("title", "completed") if key in changes})
    return TODOS[todo_id]


@app.delete("/todos/<todo_id>")
def delete_todo(todo_id: str) -> Response:
    TODOS.pop(todo_id, None)
    return Response(status_code=204)


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

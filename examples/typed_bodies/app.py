"""Typed bodies and responses: a dataclass in, a dataclass out.

- A parameter typed with a dataclass (a ``TypedDict``, a pydantic model, ...) is the JSON
  body, converted and checked field by field; ``Body(embed=True)`` reads one key of the
  body instead.
- The return annotation checks and serializes what the function returns (``-> Todo``, also
  ``-> Response[Todo]`` for a ``Response`` whose body is a ``Todo``): dates become ISO text,
  defaults are filled in. ``status_code=201`` is the status of what the route returns.
- A body that is not valid JSON answers 422 (``json_invalid``), a body of another media type
  415; a body that does not fit its type answers 422 listing every problem.
- A response that does not fit its type is a bug in the route: it answers 500 with the
  problems (``response_validation_error_http_code=`` or a route's
  ``custom_response_validation_http_code=`` pick another status) and the ``apiway`` logger
  records it.

Try it: python -m apiway serve examples/typed_bodies/app.py
        curl -s localhost:3000/todos -H 'Content-Type: application/json' \
             -d '{"title": "write", "due": "2024-06-01"}'
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Annotated

from apiway import APIGatewayRestResolver, Response
from apiway.openapi.params import Body
from apiway.types import LambdaContext

app = APIGatewayRestResolver(enable_validation=True)


@dataclasses.dataclass
class NewTodo:
    title: str
    priority: int = 3
    due: datetime.date | None = None
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Todo:
    id: int
    title: str
    priority: int
    due: datetime.date | None
    tags: list[str]
    done: bool = False


TODOS: dict[int, Todo] = {1: Todo(1, "write the docs", 2, datetime.date(2024, 5, 1), ["docs"])}


@app.post("/todos", status_code=201)
def create_todo(todo: NewTodo) -> Todo:
    created = Todo(len(TODOS) + 1, todo.title, todo.priority, todo.due, todo.tags)
    TODOS[created.id] = created
    return created


@app.patch("/todos/<todo_id>")
def mark(todo_id: int, done: Annotated[bool, Body(embed=True)]) -> Response[Todo]:
    todo = dataclasses.replace(TODOS[todo_id], done=done)
    TODOS[todo_id] = todo
    return Response(200, "application/json", todo, headers={"X-Todo-Id": str(todo_id)})


@app.get("/todos/<todo_id>/summary")
def summary(todo_id: int) -> Todo:
    # A bug: the dict lacks fields of Todo, so the response fails its own validation.
    return {"id": todo_id, "title": TODOS[todo_id].title}  # type: ignore[return-value]


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""A typed API whose OpenAPI document defines its API Gateway REST API (AWS SAM).

- The routes are typed (validation on): a constrained query string, a path parameter with a
  bound, a JSON body and response models. ``configure_openapi`` names and describes the API.
- ``apiway openapi app.py --openapi-version 3.0.3 --format yaml`` writes the document;
  ``template.yaml`` holds it as the ``DefinitionBody`` of an ``AWS::Serverless::Api``
  (``python examples/openapi_sam/definition_body.py`` puts it there), so API Gateway shows
  the same operations, parameters and models as the app. The function's ``Api`` events, one
  per route, make SAM add the Lambda integration to each operation
  (``apiway check app.py --template template.yaml`` proves they cover every route).
- Every answer is one the document declares: 422 with the problems of a request that does not
  fit, 404 for a todo that does not exist, 204 with no body for a deletion.

Try it: python -m apiway serve examples/openapi_sam/app.py
        curl -s 'localhost:3000/todos?limit=2&tag=docs'
        curl -s localhost:3000/todos -H 'Content-Type: application/json' -d '{"title": "ship it"}'
        python -m apiway openapi examples/openapi_sam/app.py --openapi-version 3.0.3
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Annotated

from apiway import APIGatewayRestResolver
from apiway.exceptions import NotFoundError
from apiway.openapi.models import Tag
from apiway.openapi.params import Path, Query
from apiway.types import LambdaContext

app = APIGatewayRestResolver(enable_validation=True)
app.configure_openapi(
    title="Todos",
    version="1.0.0",
    description="Keeps a list of todos.",
    tags=[Tag(name="todos", description="The todo list")],
)


class Priority(enum.IntEnum):
    low = 1
    normal = 2
    high = 3


@dataclasses.dataclass
class NewTodo:
    title: str
    priority: Priority = Priority.normal
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Todo:
    id: int
    title: str
    priority: Priority
    tags: list[str]
    done: bool = False


@dataclasses.dataclass
class Problem:
    message: str


TODOS: dict[int, Todo] = {
    1: Todo(1, "write the docs", Priority.high, ["docs"]),
    2: Todo(2, "deploy the API", Priority.normal, ["ops"], done=True),
}
NOT_FOUND = {"description": "No such todo", "content": {"application/json": {"model": Problem}}}
TodoId = Annotated[int, Path(ge=1, description="The todo's id")]


@app.get("/todos", tags=["todos"], summary="List the todos", operation_id="listTodos")
def list_todos(
    done: bool | None = None,
    tag: Annotated[
        str | None, Query(min_length=1, max_length=20, description="Only todos with this tag")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[Todo]:
    found = [
        todo
        for todo in TODOS.values()
        if (done is None or todo.done == done) and (tag is None or tag in todo.tags)
    ]
    return found[:limit]


@app.post("/todos", status_code=201, tags=["todos"], summary="Add a todo", operation_id="createTodo")
def create_todo(todo: NewTodo) -> Todo:
    created = Todo(max(TODOS, default=0) + 1, todo.title, todo.priority, todo.tags)
    TODOS[created.id] = created
    return created


@app.get(
    "/todos/<todo_id>",
    tags=["todos"],
    summary="One todo",
    operation_id="getTodo",
    responses={200: {"description": "The todo"}, 404: NOT_FOUND},
)
def get_todo(todo_id: TodoId) -> Todo:
    if todo_id not in TODOS:
        raise NotFoundError(f"no todo {todo_id}")
    return TODOS[todo_id]


@app.delete(
    "/todos/<todo_id>",
    status_code=204,
    tags=["todos"],
    summary="Delete a todo",
    operation_id="deleteTodo",
    responses={204: {"description": "Deleted"}, 404: NOT_FOUND},
)
def delete_todo(todo_id: TodoId) -> None:
    if TODOS.pop(todo_id, None) is None:
        raise NotFoundError(f"no todo {todo_id}")


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

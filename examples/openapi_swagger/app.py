"""The OpenAPI document of an app, and Swagger UI to browse it.

- ``app.get_openapi_json_schema()`` (``get_openapi_schema()`` for the objects) writes the
  document from the routes themselves: their parameters, bodies and return types, and the
  route options ``summary``, ``description``, ``tags``, ``responses``, ``operation_id``,
  ``deprecated``, ``security``, ``include_in_schema``. ``configure_openapi(...)`` sets the
  document's title, version, servers, security schemes and the rest once.
- ``app.enable_swagger(path="/swagger")`` serves the Swagger UI page there, and the document
  at ``/swagger?format=json``. Through an API Gateway stage (``/prod/swagger``), the
  document's server is that stage, so "Try it out" calls the API where it is. apiway ships no
  JavaScript: Swagger UI loads from a CDN, or from ``swagger_base_url=``.
- ``openapi_version="3.0.3"`` writes the document as OpenAPI 3.0, for tools that only read 3.0.

Try it: python -m apiway serve examples/openapi_swagger/app.py
        then open http://localhost:3000/swagger in a browser
"""

from __future__ import annotations

import dataclasses

from apiway import APIGatewayRestResolver, Response
from apiway.exceptions import NotFoundError
from apiway.openapi.models import HTTPBearer, Tag
from apiway.types import LambdaContext

app = APIGatewayRestResolver(enable_validation=True)
app.configure_openapi(
    title="Todos",
    version="1.2.0",
    description="Keeps a list of todos.",
    tags=[Tag(name="todos", description="The todo list")],
    security_schemes={"bearer": HTTPBearer()},
    security=[{"bearer": []}],
)
app.enable_swagger(path="/swagger")


@dataclasses.dataclass
class Todo:
    id: int
    title: str
    done: bool = False


@dataclasses.dataclass
class Problem:
    message: str


TODOS = {1: Todo(1, "write the docs")}


@app.get("/todos", tags=["todos"], summary="List the todos", operation_id="listTodos")
def list_todos(done: bool | None = None) -> list[Todo]:
    return [todo for todo in TODOS.values() if done is None or todo.done == done]


@app.get(
    "/todos/<todo_id>",
    tags=["todos"],
    summary="One todo",
    description="The todo with this id.",
    responses={404: {"description": "No such todo", "content": {"application/json": {"model": Problem}}}},
)
def get_todo(todo_id: int) -> Todo:
    if todo_id not in TODOS:
        raise NotFoundError(f"no todo {todo_id}")
    return TODOS[todo_id]


@app.delete("/todos/<todo_id>", tags=["todos"], deprecated=True, status_code=204)
def delete_todo(todo_id: int) -> None:
    TODOS.pop(todo_id, None)


@app.get("/openapi-3.0.json", include_in_schema=False)
def openapi_30() -> Response:
    return Response(200, "application/json", app.get_openapi_json_schema(openapi_version="3.0.3"))


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

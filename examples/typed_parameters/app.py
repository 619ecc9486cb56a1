"""Typed parameters: annotate a handler's parameters and apiway reads, converts and checks them.

- A parameter named in the rule is a path parameter; any other scalar is a query parameter.
  ``Annotated[int, Query(ge=1, le=50)]`` adds constraints, ``Header()`` and ``Cookie()`` read
  those instead (``x_tenant`` is the ``x-tenant`` header).
- Values are converted as pydantic's lax mode does: ``"2"`` to 2, ``"2024-06-01"`` to a date,
  ``"done"`` to ``Status.done``; a ``list[str]`` query parameter takes every repeated value.
- A request that does not fit answers 422 listing every problem, each with its location and
  type, as the Powertools REST event handler does. Your function never runs for it.

``enable_validation=True`` turns it on for every route (``enable_validation=`` on a route
decides for that route).

Try it: python -m apiway serve examples/typed_parameters/app.py
        curl -s 'localhost:3000/todos?status=done&limit=2&tag=docs&tag=urgent'
        curl -s 'localhost:3000/todos?status=late&limit=0'
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated

from apiway import APIGatewayRestResolver
from apiway.openapi.params import Header, Path, Query
from apiway.types import LambdaContext

app = APIGatewayRestResolver(enable_validation=True)


class Status(enum.Enum):
    open = "open"
    done = "done"


TODOS = [
    {"id": 1, "title": "write the docs", "status": "done", "due": "2024-05-01", "tags": ["docs"]},
    {
        "id": 2,
        "title": "fix the docs build",
        "status": "done",
        "due": "2024-06-15",
        "tags": ["docs", "urgent"],
    },
    {"id": 3, "title": "test every example", "status": "open", "due": "2024-07-01", "tags": ["urgent"]},
]


@app.get("/todos")
def list_todos(
    status: Status = Status.open,
    due_before: datetime.date | None = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    tag: Annotated[list[str] | None, Query()] = None,
) -> dict:
    found = [
        todo
        for todo in TODOS
        if todo["status"] == status.value
        and (due_before is None or datetime.date.fromisoformat(todo["due"]) < due_before)
        and (not tag or set(tag) <= set(todo["tags"]))
    ]
    return {"todos": found[:limit], "status": status.value, "limit": limit}


@app.get("/todos/<todo_id>")
def get_todo(
    todo_id: Annotated[int, Path(ge=1)],
    x_tenant: Annotated[str, Header(min_length=2)] = "public",
) -> dict:
    return {"todo": next((todo for todo in TODOS if todo["id"] == todo_id), None), "tenant": x_tenant}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

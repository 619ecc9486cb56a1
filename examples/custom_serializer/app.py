"""Custom serializer: ``serializer=`` takes any ``obj -> str`` function for JSON bodies.

The default serializer writes compact JSON and handles ``Decimal`` (exactly, as text) and
dataclasses. Bring your own to handle more types, here enums, sets and datetimes. It is a
shortcut: it swaps the encoder of the ``serialization`` stage (see the serializer_stage
example to replace the whole stage).

Try it: python -m apiway serve examples/custom_serializer/app.py
        curl -s localhost:3000/todos/1
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from enum import Enum

from apiway import APIGatewayRestResolver
from apiway.types import LambdaContext


class Priority(Enum):
    LOW = "low"
    HIGH = "high"


@dataclass
class Todo:
    id: int
    title: str
    priority: Priority
    due: datetime
    tags: set[str] = field(default_factory=set)


def encode_extra_types(value: object) -> object:
    """Called by json.dumps for every value it has no JSON type for."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, Todo):
        return asdict(value)
    raise TypeError(f"cannot serialize {type(value).__name__}")


def custom_serializer(value: object) -> str:
    return json.dumps(value, default=encode_extra_types, separators=(",", ":"), ensure_ascii=False)


app = APIGatewayRestResolver(serializer=custom_serializer)

TODOS = {
    "1": Todo(
        1, "pay the café bill", Priority.HIGH, datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc), {"home"}
    )
}


@app.get("/todos/<todo_id>")
def get_todo(todo_id: str) -> dict:
    return {"todo": TODOS[todo_id]}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""``jsonable_encoder``: what it writes, what it refuses, and the modules it leaves unloaded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

import apiway
from apiway.openapi.encoders import jsonable_encoder
from apiway.openapi.exceptions import SerializationError
from apiway.openapi.models import Parameter


class Status(enum.Enum):
    OPEN = "open"


@dataclasses.dataclass
class Todo:
    id: int
    status: Status
    due: dt.date | None = None
    tags: set[str] = dataclasses.field(default_factory=set)


def test_common_values_become_json_data() -> None:
    value = {
        "todo": Todo(1, Status.OPEN, dt.date(2024, 1, 31), {"a"}),
        "at": dt.datetime(2024, 1, 31, 12, 0, tzinfo=dt.timezone.utc),
        "took": dt.timedelta(minutes=1, milliseconds=500),
        "price": decimal.Decimal("9.99"),
        "count": decimal.Decimal("3"),
        "id": uuid.UUID(int=1),
        "file": Path("/tmp/x"),
        "raw": b"text",
        "pair": (1, 2),
    }
    encoded = jsonable_encoder(value)
    assert encoded == {
        "todo": {"id": 1, "status": "open", "due": "2024-01-31", "tags": ["a"]},
        "at": "2024-01-31T12:00:00+00:00",
        "took": 60.5,
        "price": 9.99,
        "count": 3,
        "id": "00000000-0000-0000-0000-000000000001",
        "file": "/tmp/x",
        "raw": "text",
        "pair": [1, 2],
    }
    json.dumps(encoded)


def test_include_exclude_and_exclude_none() -> None:
    data = {"a": 1, "b": None, "c": 3}
    assert jsonable_encoder(data, include=["a", "b"]) == {"a": 1, "b": None}
    assert jsonable_encoder(data, exclude={"a"}, exclude_none=True) == {"c": 3}


def test_openapi_objects_are_written_with_their_json_names() -> None:
    parameter = Parameter(name="q", in_="query", schema_={"type": "string"})
    assert jsonable_encoder(parameter, exclude_none=True) == {
        "schema": {"type": "string"},
        "name": "q",
        "in": "query",
    }
    assert jsonable_encoder([parameter], exclude_none=True, by_alias=False)[0]["in_"] == "query"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (object(), r"cannot encode object <object object"),
        (decimal.Decimal("Infinity"), "Decimal Infinity has no JSON number"),
        (b"\xff", "can't decode"),
        ({"deep": [1, {2: complex(1, 1)}]}, r"cannot encode complex \(1\+1j\)"),
    ],
)
def test_what_cannot_be_encoded_raises_serialization_error(value: Any, message: str) -> None:
    with pytest.raises(SerializationError, match=message) as raised:
        jsonable_encoder(value)
    assert "custom_serializer" in str(raised.value)


def test_a_custom_serializer_handles_the_rest() -> None:
    assert jsonable_encoder([complex(1, 2)], custom_serializer=lambda c: [c.real, c.imag]) == [[1.0, 2.0]]


def test_encoding_imports_no_module_of_its_own() -> None:
    code = (
        "import sys\n"
        "from apiway.openapi.encoders import jsonable_encoder\n"
        "before = set(sys.modules)\n"
        "jsonable_encoder({'a': [1, 2.5, None, 'x', (True,), {3}], 'b': object.__new__(type('O', (), {}))})\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    env = {"PYTHONPATH": str(Path(apiway.__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "[]"

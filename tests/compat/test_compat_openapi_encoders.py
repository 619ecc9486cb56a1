"""``jsonable_encoder`` gives the same results as the Powertools encoder, value for value.

Each value of the table goes through both encoders under several option sets; the results
must be equal, of the same types, all the way down. Values neither can encode must fail on
both (apiway always with ``SerializationError``).
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import decimal
import enum
import pathlib
import re
import uuid
from typing import Any, NamedTuple

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
pytest.importorskip("pydantic", reason="the Powertools OpenAPI modules need pydantic")

import pydantic
from aws_lambda_powertools.event_handler.openapi import exceptions as pt_exceptions
from aws_lambda_powertools.event_handler.openapi.encoders import jsonable_encoder as pt_encode

from apiway.openapi.encoders import jsonable_encoder as aw_encode
from apiway.openapi.exceptions import SerializationError


class Color(enum.Enum):
    RED = "red"
    PAIR = (1, 2)


class Level(enum.IntEnum):
    HIGH = 3


class Shade(str, enum.Enum):
    DARK = "dark"


class Point(NamedTuple):
    x: int
    y: int


@dataclasses.dataclass
class Item:
    name: str
    tags: list[str]
    due: dt.date | None = None
    child: Item | None = None
    _private: int = 0


class Todo(pydantic.BaseModel):
    id: int
    title: str = "untitled"
    done: bool | None = None
    due: dt.datetime = dt.datetime(2024, 1, 2, 3, 4, 5)
    price: decimal.Decimal = decimal.Decimal("1.50")
    color: Color = Color.RED
    alias_field: int = pydantic.Field(default=1, alias="aliasField")


class Page(pydantic.BaseModel):
    items: list[Todo]
    next: str | None = None


class Holder:
    def __init__(self) -> None:
        self.a = 1
        self._b = None
        self.when = dt.time(1, 2)
        self.nested = {"k": [Level.HIGH]}


class PairsOnly:
    """Iterable as key-value pairs, so ``dict(obj)`` works."""

    def __iter__(self) -> Any:
        return iter([("x", 1), ("y", dt.date(2020, 1, 1))])


VALUES: list[Any] = [
    0,
    -1.5,
    "text",
    None,
    True,
    b"bytes",
    dt.datetime(2024, 5, 6, 7, 8, 9, 10),
    dt.datetime(2024, 5, 6, tzinfo=dt.timezone.utc),
    dt.date(2024, 2, 29),
    dt.time(23, 59, 59, 999),
    dt.timedelta(days=1, seconds=1, microseconds=500),
    decimal.Decimal("1.0"),
    decimal.Decimal("10"),
    decimal.Decimal("1E+3"),
    decimal.Decimal("-0.001"),
    Color.RED,
    Color.PAIR,
    Level.HIGH,
    Shade.DARK,
    uuid.UUID("12345678-1234-5678-1234-567812345678"),
    pathlib.PurePosixPath("/tmp/a"),
    pathlib.PureWindowsPath("C:/a"),
    re.compile(r"^\d+$"),
    {3, 1, 2},
    frozenset({"a"}),
    (1, "two", None),
    Point(1, 2),
    collections.deque([1, dt.date(2020, 1, 1)]),
    [[], {}, [None]],
    {"a": None, "b": {"c": None}, "_sa_instance_state": 1, Color.RED: 1, 3: "int key", Shade.DARK: "x"},
    collections.OrderedDict(b=1, a=2),
    collections.defaultdict(list, {"k": [1]}),
    collections.Counter("abca"),
    Item("a", ["x"], dt.date(2020, 1, 1), Item("child", [])),
    Todo(id=1),
    Todo(id=2, title="t", done=True, aliasField=5),
    Page(items=[Todo(id=1), Todo(id=2, done=False)]),
    Holder(),
    PairsOnly(),
    pydantic.SecretStr("hidden"),
    [Todo(id=3), Item("b", []), {"nested": Todo(id=4)}],
]

OPTIONS: list[dict[str, Any]] = [
    {},
    {"exclude_none": True},
    {"by_alias": False},
    {"include": {"a", "id", "name"}},
    {"exclude": ["a", "title", "tags"]},
    {"exclude_defaults": True},
    {"exclude_unset": True},
]


def same(left: Any, right: Any) -> bool:
    """Equal and of the same types, recursively (so 1 and 1.0, or "1" and 1, differ)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right, strict=True))
    return bool(left == right)


@pytest.mark.parametrize("options", OPTIONS, ids=[str(sorted(o)) for o in OPTIONS])
@pytest.mark.parametrize("value", VALUES, ids=[f"{type(v).__name__}-{i}" for i, v in enumerate(VALUES)])
def test_encoding_matches(value: Any, options: dict[str, Any]) -> None:
    ours, theirs = aw_encode(value, **options), pt_encode(value, **options)
    assert same(ours, theirs), (ours, theirs)


def test_generators_are_encoded_as_lists_on_both() -> None:
    def numbers() -> Any:
        yield 1
        yield dt.date(2020, 1, 1)

    assert aw_encode(numbers()) == pt_encode(numbers()) == [1, "2020-01-01"]


def test_custom_serializer_is_used_for_what_nothing_else_handles() -> None:
    value = {"n": complex(1, 2), "d": dt.date(2020, 1, 1)}
    assert aw_encode(value, custom_serializer=str) == pt_encode(value, custom_serializer=str)
    assert aw_encode(value, custom_serializer=str) == {"n": "(1+2j)", "d": "2020-01-01"}


UNENCODABLE = [object(), complex(1, 2), [1, object()], {"k": object()}, b"\xff\xfe", range(3)]


@pytest.mark.parametrize("value", UNENCODABLE, ids=[type(v).__name__ for v in UNENCODABLE])
def test_values_neither_can_encode_fail_on_both(value: Any) -> None:
    with pytest.raises(pt_exceptions.SerializationError):
        pt_encode(value)
    with pytest.raises(SerializationError, match="cannot encode"):
        aw_encode(value)


def test_decimals_without_a_json_number_raise_a_serialization_error() -> None:
    # Powertools lets a TypeError escape for these; apiway names the value.
    with pytest.raises(TypeError):
        pt_encode(decimal.Decimal("NaN"))
    with pytest.raises(SerializationError, match="NaN"):
        aw_encode(decimal.Decimal("NaN"))

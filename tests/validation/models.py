"""Types shared by the validation tests (module level, so forward references resolve)."""

# The typing forms (Union, Optional) are what these tests are about.
# ruff: noqa: UP007

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import uuid
from typing import Annotated, Literal, NamedTuple, Union

from annotated_types import Ge, Le
from typing_extensions import NotRequired, Required, TypedDict


class Color(enum.Enum):
    """A color."""

    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Mixed(enum.Enum):
    A = "a"
    B = 1


@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 0


@dataclasses.dataclass
class Item:
    """An item for sale."""

    name: str
    price: float
    tags: list[str] = dataclasses.field(default_factory=list)
    color: Color | None = None
    location: Point = Point(1, 2)
    count: Annotated[int, Ge(0), Le(1000)] = 1


@dataclasses.dataclass
class Node:
    """A tree of nodes (a recursive type)."""

    value: int
    children: list[Node] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Body:
    """The 5-field body of the benchmark."""

    name: str
    price: float
    quantity: int
    tags: list[str]
    available: bool = True


@dataclasses.dataclass
class Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value == 13:
            raise ValueError("13 is unlucky")


class Movie(TypedDict):
    title: str
    year: int
    rating: NotRequired[float]


class Partial(TypedDict, total=False):
    a: Required[int]
    b: str


class Pair(NamedTuple):
    left: int
    right: str = "r"


ALL_SCALARS = Union[int, str, float, bool, None]
DATES = Union[datetime.date, datetime.datetime]
Money = Annotated[decimal.Decimal, Ge(0)]
Ident = uuid.UUID
Mode = Literal["fast", "slow"]

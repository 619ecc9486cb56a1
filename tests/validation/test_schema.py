"""apiway.validation's JSON Schemas against pydantic v2's, as an OpenAPI document holds them."""

# The typing forms (Union, Optional) are what these tests are about.
# ruff: noqa: UP007, UP045

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, Optional, Union

import pytest
from annotated_types import Gt
from pydantic import Field

from apiway.validation import Constraints, compile_type

from .models import Body, Color, Item, Level, Mixed, Movie, Node, Pair, Partial, Point
from .support import our_schema, their_schema

ANNOTATIONS: list[Any] = [
    int, float, bool, str, bytes, type(None), Any, decimal.Decimal, uuid.UUID,
    dt.datetime, dt.date, dt.time, dt.timedelta,
    Annotated[int, Field(gt=0, le=100, multiple_of=5)], Annotated[float, Field(ge=0.5, lt=2)],
    Annotated[str, Field(min_length=1, max_length=5, pattern="^a")], Annotated[bytes, Field(max_length=3)],
    Annotated[decimal.Decimal, Field(gt=1, le=5)], Annotated[int, Gt(3)],
    Annotated[int, Field(title="Count", description="How many", examples=[3])],
    Color, Level, Mixed, Literal["a"], Literal["a", "b"], Literal[1, "a"], Literal[None], Literal[True],
    Literal[Color.RED], Literal[1.5],
    list[int], list[Any], set[str], frozenset[int], tuple[int, ...], tuple[int, str], dict[str, int],
    dict[str, Any], dict[str, list[int]], Sequence[int], Mapping[str, float], list[list[str]],
    Annotated[list[int], Field(min_length=1, max_length=3)], Annotated[dict[str, int], Field(min_length=1)],
    Union[int, str], Optional[int], Optional[int | str], Union[int, None, str], int | None,
    Annotated[int | None, Field(gt=0, description="d")], list[int | None],
    Point, Item, Node, Body, Movie, Partial, Pair, list[Point], Optional[Item], Union[Point, Pair],
    dict[str, Item],
    # dict keys as pydantic writes them: propertyNames for text keys with more than a type (or a
    # component), patternProperties for a key pattern, nothing for other key types
    dict[int, str], dict[float, int], dict[dt.date, int], dict[uuid.UUID, Point], dict[Color, int],
    dict[Literal["a", "b"], int], dict[Literal[1, 2], int], dict[Annotated[str, Field(min_length=2)], int],
    dict[Annotated[str, Field(pattern="^a")], int], dict[str, Annotated[int, Field(title="T")]],
    # unions as pydantic writes them: nested anyOf flattened, repeated choices dropped
    Union[int, decimal.Decimal], Union[Literal[1, 2], frozenset[Color], decimal.Decimal],
    Union[decimal.Decimal, Union[int, str]], Union[int, Annotated[int, Field(title="n")], str],
    Union[dt.datetime, decimal.Decimal], Optional[Union[decimal.Decimal, int]],
]  # fmt: skip


@pytest.mark.parametrize("annotation", ANNOTATIONS, ids=lambda a: repr(a)[:60])
@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_schema_matches_pydantic(annotation: Any, mode: str) -> None:
    assert our_schema(annotation, mode) == their_schema(annotation, mode)


def test_keys_are_sorted_as_pydantic_sorts_them() -> None:
    """Snapshots compare JSON text: the key order must match too (properties keep theirs).
    Components come in the order they were first referenced; the document sorts them."""
    import json

    ours, our_defs = our_schema(Item)
    theirs, their_defs = their_schema(Item)
    assert json.dumps(dict(sorted(our_defs.items()))) == json.dumps(dict(sorted(their_defs.items())))
    assert json.dumps(ours) == json.dumps(theirs)


def test_a_second_class_of_the_same_name_gets_the_qualified_name() -> None:
    import dataclasses

    @dataclasses.dataclass
    class Point:
        label: str

    components: dict[str, Any] = {}
    first = compile_type(list[Point]).schema(components)
    second = compile_type(Optional[Point]).schema(components)
    from .models import Point as OtherPoint

    third = compile_type(OtherPoint).schema(components)
    assert first == {"items": {"$ref": "#/components/schemas/Point"}, "type": "array"}
    assert second["anyOf"][0] == {"$ref": "#/components/schemas/Point"}
    assert third == {"$ref": "#/components/schemas/validation__models__Point"}
    assert set(components) == {"Point", "validation__models__Point"}
    assert components["validation__models__Point"]["properties"]["x"] == {"title": "X", "type": "integer"}


def test_constraints_argument_shapes_the_schema() -> None:
    check = compile_type(int, Constraints(ge=1, le=10))
    assert check.schema({}) == {"maximum": 10, "minimum": 1, "type": "integer"}


def test_schema_mode_is_checked() -> None:
    with pytest.raises(ValueError, match="mode must be"):
        compile_type(int).schema({}, "other")

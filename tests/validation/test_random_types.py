"""Random annotations against pydantic v2: the same JSON Schema, the same problems (type and
location) for the same inputs, and the same serialized form of what passes.

The annotations are built from scalars, constrained scalars (``Field(...)``), enums, literals,
models and the containers, nested a few levels (lists, sets, tuples, dicts, optionals, unions,
length-constrained lists); the inputs mix values of every JSON kind with lists of them.
``HYPOTHESIS_PROFILE=long`` runs many more.
"""

# The typing forms (Union, Optional) are what these tests are about.
# ruff: noqa: UP007, UP045

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
import warnings
from typing import Annotated, Any, Literal, Optional, Union

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apiway.validation import INVALID, compile_type

from .models import Color, Item, Level, Pair, Point
from .support import our_schema, their_dump, their_schema, theirs

pydantic = pytest.importorskip("pydantic")
Field = pydantic.Field

SCALARS: list[Any] = [
    int, float, bool, str, bytes, Any, decimal.Decimal, uuid.UUID, dt.datetime, dt.date, dt.time,
    dt.timedelta, type(None), Color, Level, Point, Item, Pair, Literal["a", "b"], Literal[1, 2],
    Literal[None, "x"],
]  # fmt: skip
HASHABLE: list[Any] = [int, str, float, Color, uuid.UUID, dt.date]


@st.composite
def constrained(draw: st.DrawFn) -> Any:
    """A number or text type with one or two constraints that leave some value passing."""
    kind = draw(st.sampled_from([int, float, decimal.Decimal, str, bytes]))
    if kind in (str, bytes):
        settings: dict[str, Any] = {
            "min_length": draw(st.sampled_from([None, 0, 1, 2])),
            "max_length": draw(st.sampled_from([None, 2, 3, 5])),
        }
        if kind is str:
            settings["pattern"] = draw(st.sampled_from([None, "^a", "b$", "^[a-z]*$", r"\d"]))
        given = {name: value for name, value in settings.items() if value is not None}
        return Annotated[kind, Field(**given)]
    bounds = ["gt", "ge", "lt", "le", "multiple_of"]
    names = draw(st.lists(st.sampled_from(bounds), min_size=1, max_size=2, unique=True))
    settings = {}
    for name in names:
        settings[name] = draw(st.sampled_from([1, 2, 3, 5] if name == "multiple_of" else [-3, 0, 1, 2, 10]))
    lows = [settings[name] for name in ("gt", "ge") if name in settings]
    highs = [settings[name] for name in ("lt", "le") if name in settings]
    if lows and highs and max(lows) >= min(highs):
        settings = {names[0]: settings[names[0]]}
    return Annotated[kind, Field(**settings)]


def containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        inner.map(lambda item: list[item]),
        st.sampled_from(HASHABLE).map(lambda item: set[item]),
        st.sampled_from(HASHABLE).map(lambda item: frozenset[item]),
        inner.map(lambda item: tuple[item, ...]),
        st.tuples(inner, inner).map(lambda pair: tuple[pair[0], pair[1]]),
        st.tuples(st.sampled_from([str, int]), inner).map(lambda pair: dict[pair[0], pair[1]]),
        inner.map(lambda item: Optional[item]),
        st.tuples(inner, inner).map(lambda pair: Union[pair[0], pair[1]]),
        st.tuples(inner, st.sampled_from([0, 1]), st.sampled_from([1, 2, 3])).map(
            lambda spec: Annotated[list[spec[0]], Field(min_length=spec[1], max_length=spec[2])]
        ),
    )


ANNOTATIONS = st.recursive(st.sampled_from(SCALARS) | constrained(), containers, max_leaves=4)

LEAF_VALUES = st.sampled_from(
    [
        0, 1, -1, 2, 5, 10, 1.0, 1.5, -0.5, 1e20, True, False, None, "", "0", "1", "1.5", "-1", "a", "b",
        "ab", "abc", "x", "red", "RED", " 1 ", "true", "yes", "1e3", "1_000", "2020-01-02",
        "2020-01-02T03:04:05Z", "03:04:05", "P1D", "PT5M", "12345678-1234-5678-1234-567812345678",
        1700000000, b"a", b"1", {},
        {"a": 1}, {"1": "a"}, {"x": 1, "y": 2}, {"x": "1", "y": "b"}, {"left": 1, "right": "r"},
        {"name": "n", "price": "2.5", "tags": ["t"]}, decimal.Decimal("1.5"), "\u00e9",
    ]
)  # fmt: skip
VALUES = st.recursive(LEAF_VALUES, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


def same_json(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True, default=repr) == json.dumps(b, sort_keys=True, default=repr)


@given(ANNOTATIONS, st.lists(VALUES, min_size=1, max_size=6))
def test_random_annotations_behave_as_in_pydantic(annotation: Any, values: list[Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pydantic.TypeAdapter(annotation)
        except Exception:  # noqa: BLE001 - an annotation pydantic refuses says nothing about ours
            return
    check = compile_type(annotation)
    assert our_schema(annotation) == their_schema(annotation)
    for value in values:
        errors: list[dict[str, Any]] = []
        result = check.validate(value, (), errors)
        expected, expected_errors = theirs(annotation, value)
        ours = [(error["type"], tuple(error["loc"])) for error in errors]
        assert ours == [(error["type"], error["loc"]) for error in expected_errors], value
        if expected is not INVALID:
            assert result is not INVALID
            assert same_json(check.serialize(result), their_dump(annotation, expected)), value

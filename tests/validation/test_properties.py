"""Properties: valid values survive serialize -> validate unchanged, and validate never raises."""

# The typing forms (Union, Optional) are what these tests are about.
# ruff: noqa: UP007

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any, Union

from hypothesis import given
from hypothesis import strategies as st

from apiway.validation import INVALID, compile_type

from .models import Body, Color, Item, Level, Movie, Node, Pair, Point

UTC_TIMES = st.datetimes(timezones=st.just(dt.timezone.utc)) | st.datetimes()
#: The floats JSON can hold (NaN and the infinities are written as null: tests/validation/test_non_finite.py).
FINITE = st.floats(allow_nan=False, allow_infinity=False)
ROUND_TRIP: list[tuple[Any, st.SearchStrategy[Any]]] = [
    (int, st.integers()),
    (float, FINITE),
    (bool, st.booleans()),
    (str, st.text()),
    (bytes, st.text().map(str.encode)),
    (decimal.Decimal, st.decimals(allow_nan=False, allow_infinity=False)),
    (uuid.UUID, st.uuids()),
    (dt.datetime, UTC_TIMES),
    (dt.date, st.dates()),
    (dt.time, st.times()),
    (dt.timedelta, st.timedeltas()),
    (Color, st.sampled_from(Color)),
    (Level, st.sampled_from(Level)),
    (list[int], st.lists(st.integers())),
    (set[str], st.sets(st.text())),
    (tuple[int, str], st.tuples(st.integers(), st.text())),
    (dict[str, float | None], st.dictionaries(st.text(), st.none() | FINITE)),
    (Union[int, str], st.integers() | st.text()),
    (Point, st.builds(Point, x=st.integers(), y=st.integers())),
    (Pair, st.builds(Pair, left=st.integers(), right=st.text())),
    (Movie, st.fixed_dictionaries({"title": st.text(), "year": st.integers()},
                                  optional={"rating": FINITE})),
    (Body, st.builds(Body, name=st.text(), price=FINITE, quantity=st.integers(),
                     tags=st.lists(st.text()), available=st.booleans())),
    (Item, st.builds(Item, name=st.text(), price=FINITE, tags=st.lists(st.text()),
                     color=st.none() | st.sampled_from(Color), count=st.integers(0, 1000))),
    (Node, st.recursive(st.builds(Node, value=st.integers()),
                        lambda kids: st.builds(Node, value=st.integers(),
                                               children=st.lists(kids, max_size=3)),
                        max_leaves=10)),
]  # fmt: skip


@given(st.data())
def test_valid_values_round_trip_through_their_json_form(data: st.DataObject) -> None:
    annotation, values = data.draw(st.sampled_from(ROUND_TRIP))
    value = data.draw(values)
    check = compile_type(annotation)
    errors: list[dict[str, Any]] = []
    again = check.validate(check.serialize(value), (), errors)
    assert errors == []
    if isinstance(value, dt.time):
        # A time's JSON text keeps its clock reading; pydantic reads it back the same way.
        assert again.replace(tzinfo=None) == value.replace(tzinfo=None)
    else:
        assert again == value


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@given(st.sampled_from([annotation for annotation, _ in ROUND_TRIP]), JSONISH)
def test_validate_never_raises_and_reports_every_failure(annotation: Any, value: Any) -> None:
    errors: list[dict[str, Any]] = []
    result = compile_type(annotation).validate(value, ("body",), errors)
    assert (result is INVALID) == bool(errors)
    for error in errors:
        assert set(error) <= {"type", "loc", "msg", "input", "ctx"}
        assert error["loc"][0] == "body" and isinstance(error["msg"], str)

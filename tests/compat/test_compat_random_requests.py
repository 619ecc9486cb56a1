"""Random requests to the same typed app on apiway and on Powertools: the same status and body.

One route takes a dataclass body of many field types (scalars, containers, an optional model,
literals, enums, dates, UUIDs, decimals, a union, a tuple, a set) and query parameters with
constraints; the body's fields and the query values are drawn from inputs of every JSON kind
(numbers at the edges, words pydantic reads as booleans, dates, UUIDs, lists, objects).
``HYPOTHESIS_PROFILE=long`` runs many more.

No ``from __future__ import annotations``: the models are built inside a function.
"""

import dataclasses
import datetime
import decimal
import json
import uuid
import warnings
from typing import Annotated, Any, Literal, Optional, Union

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
pytest.importorskip("pydantic", reason="the Powertools validation needs pydantic")

from compat.test_compat_validation import validated_rest_app
from support.events import REST
from validation.models import Color, Level


@dataclasses.dataclass
class Inner:
    x: int
    y: Optional[str] = None  # noqa: UP045 (the typing spelling, on purpose)


@dataclasses.dataclass
class Order:
    count: int
    price: float
    paid: bool
    name: str
    ids: list[int]
    note: Optional[str] = None  # noqa: UP045
    inner: Optional[Inner] = None  # noqa: UP045
    kind: Literal["x", "y", 3] = "x"
    color: Color = Color.RED
    level: Level = Level.LOW
    when: Optional[datetime.datetime] = None  # noqa: UP045
    day: Optional[datetime.date] = None  # noqa: UP045
    ref: Optional[uuid.UUID] = None  # noqa: UP045
    amount: decimal.Decimal = decimal.Decimal(0)
    either: Union[int, str] = 0  # noqa: UP007
    pair: tuple[int, str] = (1, "a")
    marks: set[int] = dataclasses.field(default_factory=set)
    counts: dict[str, int] = dataclasses.field(default_factory=dict)
    wait: Optional[datetime.timedelta] = None  # noqa: UP045


def build(side: str) -> Any:
    app, m = validated_rest_app(side)

    @app.post("/orders")
    def create(
        order: Order,
        limit: Annotated[int, m.Query(ge=1, le=100)] = 10,
        ratio: Annotated[float, m.Query(gt=0)] = 1.0,
        flag: Annotated[bool, m.Query()] = False,
        code: Annotated[str, m.Query(min_length=2, max_length=4, pattern="^[a-z]+$")] = "ab",
        tags: Annotated[list[int], m.Query()] = [],  # noqa: B006 (as users write it)
    ) -> dict:  # type: ignore[type-arg]
        return {"count": order.count, "limit": limit, "flag": flag, "tags": tags}

    return app


@pytest.fixture(scope="module")
def apps() -> dict[str, Any]:
    return {side: build(side) for side in ("apiway", "powertools")}


FIELDS = [field.name for field in dataclasses.fields(Order)]
JSON_VALUES = st.sampled_from(
    [
        0, 1, -1, 2, 3, 1.0, 1.5, -0.0, 1e20, 10**20, True, False, None, "", "0", "1", "1.5", " 1 ",
        "true", "false", "yes", "off", "t", "x", "y", "red", "RED", "blue", "abc", [], [1], ["1"],
        [1, "a"], [1, 2, 3], {}, {"x": 1}, {"x": "1", "y": 2}, {"a": 1, "b": "2"}, "2020-01-02T03:04:05Z",
        "2020-01-02", "2020-13-01", "03:04:05", 1700000000, "P1D", "PT1H", "1 day",
        "12345678-1234-5678-1234-567812345678", "not-a-uuid", "1e3", "NaN", "inf", "9" * 30, "1_000",
    ]
)  # fmt: skip
QUERY_VALUES = st.sampled_from(
    [
        "",
        "0",
        "1",
        "5",
        "101",
        "-1",
        "1.5",
        "inf",
        "nan",
        "x",
        "ab",
        "abcde",
        "AB",
        "ab\n",
        "true",
        "no",
        "1,2",
    ]
)
GOOD = {"count": 2, "price": 1.5, "paid": True, "name": "n", "ids": [1, 2]}


@st.composite
def bodies(draw: st.DrawFn) -> Any:
    """A body that is valid but for a few fields (or not an object at all)."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from([[], 1, "x", None]))
    body: dict[str, Any] = dict(GOOD)
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3, unique=True)):
        if name in GOOD and draw(st.integers(0, 9)) == 0:
            del body[name]
        else:
            body[name] = draw(JSON_VALUES)
    return body


BODIES = bodies()
QUERIES = st.lists(
    st.tuples(st.sampled_from(["limit", "ratio", "flag", "code", "tags"]), QUERY_VALUES), max_size=4
)


def answer(app: Any, body: Any, query: list[tuple[str, str]]) -> tuple[int, Any]:
    event = REST.event("POST", "/orders", headers={"Content-Type": "application/json"}, body=json.dumps(body))
    values: dict[str, list[str]] = {}
    for name, value in query:
        values.setdefault(name, []).append(value)
    event["queryStringParameters"] = {name: found[-1] for name, found in values.items()} or None
    event["multiValueQueryStringParameters"] = values or None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        response = app.resolve(event, None)
    return response["statusCode"], json.loads(response["body"])


@given(BODIES, QUERIES)
def test_the_same_answer_to_random_requests(
    apps: dict[str, Any], body: Any, query: list[tuple[str, str]]
) -> None:
    assert answer(apps["apiway"], body, query) == answer(apps["powertools"], body, query)

"""NaN and the infinities in validated responses.

A float parameter takes ``inf`` and ``nan`` (pydantic's lax mode does), so a handler can hand
them back. JSON has no way to write them: a validated response writes them as ``null``, as
pydantic's JSON output does, whatever the annotation around the float; a response that is
not validated (no return annotation, or validation off) and holds one answers the logged 500
(``docs/migrating.md``).
"""

import dataclasses
import json
import logging
import math
from typing import Annotated, Any, NamedTuple, Optional, TypedDict, Union

import pytest

from apiway import APIGatewayRestResolver
from apiway.openapi.params import Query
from apiway.validation import compile_type
from support.events import REST

INF, NAN = float("inf"), float("nan")


@dataclasses.dataclass
class Reading:
    value: float
    spread: float | None = None


class Pair(NamedTuple):
    low: float
    high: float


class Sample(TypedDict):
    value: float


SHAPES = [
    (float, INF, None),
    (float, -INF, None),
    (float, NAN, None),
    (Annotated[float, Query(gt=0)], INF, None),
    (Optional[float], NAN, None),  # noqa: UP045 (the typing spelling, on purpose)
    (Union[int, float], NAN, None),  # noqa: UP007 (the typing spelling, on purpose)
    (float | str, INF, None),
    (list[float], [INF, 1.5, NAN], [None, 1.5, None]),
    (tuple[float, ...], (1.0, -INF), [1.0, None]),
    (tuple[float, int], (NAN, 2), [None, 2]),
    (set[float], {INF}, [None]),
    (dict[str, float], {"a": INF, "b": 0.5}, {"a": None, "b": 0.5}),
    (dict[str, Any], {"a": [NAN, {"b": -INF}]}, {"a": [None, {"b": None}]}),
    (Any, INF, None),
    (Reading, Reading(INF, NAN), {"value": None, "spread": None}),
    (Pair, Pair(-INF, INF), [None, None]),
    (Sample, {"value": NAN}, {"value": None}),
]


@pytest.mark.parametrize(("annotation", "value", "written"), SHAPES, ids=lambda v: repr(v)[:40])
def test_serialize_writes_non_finite_floats_as_none(annotation: Any, value: Any, written: Any) -> None:
    check = compile_type(annotation)
    errors: list[dict[str, Any]] = []
    valid = check.check(value, errors)
    assert errors == []
    dumped = check.serialize(valid)
    assert dumped == written
    json.dumps(dumped, allow_nan=False)  # JSON can write it


@pytest.mark.parametrize("value", [0.0, -0.0, 1e308, -2.5, 5e-324])
def test_finite_floats_are_kept(value: float) -> None:
    dumped = compile_type(float).serialize(value)
    assert dumped == value and math.copysign(1, dumped) == math.copysign(1, value)


def app_echoing_the_query() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.get("/validated")
    def validated(b: Annotated[float, Query(gt=0)] = 1.0) -> dict[str, float]:
        return {"b": b}

    @app.get("/unannotated")
    def unannotated(b: Annotated[float, Query(gt=0)] = 1.0):
        return {"b": b}

    return app


@pytest.mark.parametrize(("sent", "written"), [("inf", None), ("Infinity", None), ("2.5", 2.5)])
def test_a_float_query_value_handed_back_is_json(sent: str, written: Any) -> None:
    response = app_echoing_the_query().resolve(REST.event("GET", "/validated", query={"b": sent}), None)
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"b": written}


def test_nan_is_refused_by_a_bound_and_listed() -> None:
    response = app_echoing_the_query().resolve(REST.event("GET", "/validated", query={"b": "nan"}), None)
    assert response["statusCode"] == 422
    assert json.loads(response["body"])["detail"] == [{"loc": ["query", "b"], "type": "greater_than"}]


def test_a_response_that_is_not_validated_answers_the_logged_500(caplog: pytest.LogCaptureFixture) -> None:
    event = REST.event("GET", "/unannotated", query={"b": "inf"})
    with caplog.at_level(logging.ERROR):
        response = app_echoing_the_query().resolve(event, None)
    assert response["statusCode"] == 500
    assert json.loads(response["body"]) == {"statusCode": 500, "message": "Internal server error"}
    assert "could not be serialized" in caplog.text

"""Parameter markers inside a type (``list[Annotated[int, Query(ge=0)]]``, a dataclass field
``Annotated[str, Body(min_length=2)]``) constrain and document there, as Powertools' markers
(pydantic ``FieldInfo``s) do: the same answers and the same component schema on both sides.

No ``from __future__ import annotations``: the models are built inside functions.
"""

import dataclasses
import json
import warnings
from typing import Annotated, Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
pytest.importorskip("pydantic", reason="the Powertools validation needs pydantic")

from compat.test_compat_validation import validated_rest_app
from support.events import REST


def build(side: str) -> Any:
    app, m = validated_rest_app(side)

    @dataclasses.dataclass
    class Basket:
        counts: Annotated[list[Annotated[int, m.Query(ge=0)]], m.Query(max_length=3, description="at most 3")]
        label: Annotated[str, m.Body(min_length=2, title="Label text", examples=["ab"])] = "xx"
        code: Annotated[str, m.Body(pattern="^[A-Z]+$")] = "A"

    @app.post("/baskets")
    def create(basket: Basket) -> Basket:
        return basket

    return app


@pytest.fixture(scope="module")
def apps() -> dict[str, Any]:
    return {side: build(side) for side in ("apiway", "powertools")}


def answer(app: Any, body: Any) -> tuple[int, Any]:
    event = REST.event(
        "POST", "/baskets", headers={"Content-Type": "application/json"}, body=json.dumps(body)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        response = app.resolve(event, None)
    return response["statusCode"], json.loads(response["body"])


@pytest.mark.parametrize(
    "body",
    [
        {"counts": [1, 2]},
        {"counts": [-1, 0, 2]},
        {"counts": [1, 2, 3, 4]},
        {"counts": ["1", "x"], "label": "a"},
        {"counts": [], "label": "", "code": "ab"},
        {"counts": [0], "code": "AB\n"},
        {"counts": "1"},
    ],
    ids=lambda body: json.dumps(body)[:40],
)
def test_the_same_answer(apps: dict[str, Any], body: Any) -> None:
    assert answer(apps["apiway"], body) == answer(apps["powertools"], body)


def test_the_same_component_schema(apps: dict[str, Any]) -> None:
    ours, theirs = (json.loads(apps[side].get_openapi_json_schema()) for side in ("apiway", "powertools"))
    assert ours["components"]["schemas"]["Basket"] == theirs["components"]["schemas"]["Basket"]
    assert ours["components"]["schemas"]["Basket"]["properties"]["label"]["title"] == "Label text"


def test_a_setting_apiway_does_not_apply_is_refused_inside_a_type() -> None:
    from apiway.openapi.params import Query
    from apiway.validation import compile_type
    from apiway.validation.check import AnnotationError

    with pytest.raises(
        AnnotationError, match=r"Query\(strict=True\) is not supported by apiway inside a type"
    ):
        compile_type(list[Annotated[int, Query(strict=True)]])

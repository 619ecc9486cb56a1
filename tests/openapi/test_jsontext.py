"""The indented JSON writer of documents gives exactly what ``json.dumps`` gives."""

import http
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apiway.openapi.jsontext import indented_json

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=30,
)


def dumps(data: Any, indent: Any, ensure_ascii: bool = False, allow_nan: bool = False) -> str:
    return json.dumps(
        data, indent=indent, separators=(",", ": "), ensure_ascii=ensure_ascii, allow_nan=allow_nan
    )


@settings(max_examples=300)
@given(data=JSON_VALUES, indent=st.sampled_from([0, 2, 4, "\t"]), ensure_ascii=st.booleans())
def test_the_text_is_json_dumps_text(data: Any, indent: Any, ensure_ascii: bool) -> None:
    assert indented_json(data, indent, ensure_ascii=ensure_ascii) == dumps(data, indent, ensure_ascii)


@pytest.mark.parametrize(
    "data",
    [
        {"a": (1, 2)},  # tuples are lists to json.dumps
        {1: "int key", None: "null key", False: "bool key", 2.5: "float key"},
        [True, 1, 1.0, -0.0, 1e300, "é ☃ \u2028 \x00"],
        {"status": http.HTTPStatus.OK},  # an int subclass
        {"empty": {}, "none": [], "nested": [[], {}, [{}]]},
    ],
    ids=["tuple", "keys", "scalars", "int-subclass", "empties"],
)
def test_values_left_to_json_dumps_give_its_text(data: Any) -> None:
    assert indented_json(data, 2) == dumps(data, 2)
    assert indented_json(data, 2, ensure_ascii=True) == dumps(data, 2, ensure_ascii=True)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_follow_allow_nan(value: float) -> None:
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        indented_json({"x": [value]}, 2)
    assert indented_json({"x": [value]}, 2, allow_nan=True) == dumps({"x": [value]}, 2, allow_nan=True)


def test_a_cycle_is_refused_as_json_dumps_refuses_it() -> None:
    looped: list[Any] = []
    looped.append(looped)
    with pytest.raises(ValueError, match="Circular reference detected"):
        indented_json({"loop": looped}, 2)


def test_keys_that_json_cannot_write_raise_its_type_error() -> None:
    with pytest.raises(TypeError, match="keys must be str, int, float, bool or None"):
        indented_json({("a",): 1}, 2)

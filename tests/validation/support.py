"""Running the same annotation and input through apiway.validation and pydantic v2."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pydantic
from pydantic.json_schema import GenerateJsonSchema

from apiway.validation import INVALID, compile_type

REF = "#/components/schemas/{model}"


def normalized(error: dict[str, Any]) -> dict[str, Any]:
    """An error with its ctx values as text (pydantic keeps exceptions and Decimals there)."""
    out = {key: error[key] for key in ("type", "loc", "msg", "input") if key in error}
    out["loc"] = tuple(out["loc"])
    if "ctx" in error:
        out["ctx"] = {key: str(value) for key, value in error["ctx"].items()}
    return out


def ours(annotation: Any, value: Any) -> tuple[Any, list[dict[str, Any]]]:
    errors: list[dict[str, Any]] = []
    result = compile_type(annotation).validate(value, (), errors)
    assert (result is INVALID) == bool(errors), (result, errors)
    return result, [normalized(error) for error in errors]


def theirs(annotation: Any, value: Any, *, json: bool = False) -> tuple[Any, list[dict[str, Any]]]:
    adapter = pydantic.TypeAdapter(annotation)
    try:
        result = adapter.validate_json(value) if json else adapter.validate_python(value)
    except pydantic.ValidationError as exc:
        return INVALID, [normalized(error) for error in exc.errors(include_url=False)]
    return result, []


def their_dump(annotation: Any, value: Any) -> Any:
    """What pydantic's JSON output holds for ``value``: ``dump_python(mode="json")``, read
    back through ``dump_json`` where they differ (NaN and the infinities, which its JSON
    writes as null while ``dump_python`` keeps them as floats)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        adapter = pydantic.TypeAdapter(annotation)
        dumped = adapter.dump_python(value, mode="json", by_alias=True)
        if _non_finite(dumped):
            return json.loads(adapter.dump_json(value, by_alias=True))
        return dumped


def _non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return value - value != 0
    if isinstance(value, dict):
        return any(_non_finite(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_non_finite(item) for item in value)
    return False


def their_schema(annotation: Any, mode: str = "validation") -> tuple[dict[str, Any], dict[str, Any]]:
    """pydantic's schema for ``annotation`` as an OpenAPI document holds it: the schema itself
    and the named definitions, referenced under ``#/components/schemas``."""
    adapter = pydantic.TypeAdapter(annotation)
    generator = GenerateJsonSchema(ref_template=REF)
    mapping, definitions = generator.generate_definitions([("it", mode, adapter.core_schema)])  # type: ignore[list-item]
    return mapping[("it", mode)], definitions


def our_schema(annotation: Any, mode: str = "validation") -> tuple[dict[str, Any], dict[str, Any]]:
    components: dict[str, Any] = {}
    return compile_type(annotation).schema(components, mode), components

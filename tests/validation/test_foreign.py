"""pydantic models and msgspec Structs, validated through the user's own library."""

# The typing forms (Union, Optional) are what these tests are about.

from __future__ import annotations

import dataclasses
from typing import Any

import msgspec
import pydantic
import pytest

from apiway.validation import INVALID, compile_type

from .support import normalized, their_dump, their_schema, theirs


class Address(pydantic.BaseModel):
    street: str
    zip_code: str = pydantic.Field(alias="zipCode")


class User(pydantic.BaseModel):
    """A user."""

    id: int
    name: str = pydantic.Field(min_length=2)
    address: Address | None = None


@dataclasses.dataclass
class Envelope:
    user: User
    note: str = ""


USER_INPUTS: list[Any] = [
    {"id": "1", "name": "ann"},
    {"id": "x", "name": "a", "address": {"street": 1}},
    {"id": 1, "name": "bob", "address": {"street": "s", "zipCode": "z"}},
    "nope",
    None,
]


@pytest.mark.parametrize("value", USER_INPUTS, ids=repr)
def test_pydantic_models_validate_as_pydantic_does(value: Any) -> None:
    errors: list[dict[str, Any]] = []
    result = compile_type(User).validate(value, ("body",), errors)
    expected, expected_errors = theirs(User, value)
    assert [normalized(e) for e in errors] == [{**e, "loc": ("body", *e["loc"])} for e in expected_errors]
    if expected is not INVALID:
        assert result == expected
        assert compile_type(User).serialize(result) == their_dump(User, result)


def test_pydantic_models_nest_in_dataclasses() -> None:
    errors: list[dict[str, Any]] = []
    check = compile_type(Envelope)
    assert check.validate({"user": {"id": 1, "name": "x"}}, (), errors) is INVALID
    assert [(e["type"], e["loc"]) for e in errors] == [("string_too_short", ("user", "name"))]
    value = check.validate(
        {"user": {"id": 1, "name": "xy", "address": {"street": "s", "zipCode": "9"}}}, (), []
    )
    assert check.serialize(value) == {
        "user": {"id": 1, "name": "xy", "address": {"street": "s", "zipCode": "9"}},
        "note": "",
    }


@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_pydantic_model_schemas_go_to_components(mode: str) -> None:
    components: dict[str, Any] = {}
    assert compile_type(Envelope).schema(components, mode) == {"$ref": "#/components/schemas/Envelope"}
    _, definitions = their_schema(Envelope, mode)
    assert components == definitions


class Track(msgspec.Struct):
    title: str
    seconds: int = 0
    tags: list[str] = msgspec.field(default_factory=list)


class Renamed(msgspec.Struct, rename="camel"):
    play_count: int


def test_msgspec_structs_validate_with_pydantic_shaped_errors() -> None:
    check = compile_type(list[Track])
    errors: list[dict[str, Any]] = []
    assert check.validate([{"title": "a", "seconds": "3"}, {"seconds": "x"}], ("body",), errors) is INVALID
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("missing", ("body", 1, "title")),
        ("int_parsing", ("body", 1, "seconds")),
    ]
    value = check.validate([{"title": "a", "seconds": "3", "tags": ["x"]}], (), [])
    assert value == [Track("a", 3, ["x"])]
    assert check.serialize(value) == [{"title": "a", "seconds": 3, "tags": ["x"]}]


def test_msgspec_renamed_fields_use_their_encoded_names() -> None:
    check = compile_type(Renamed)
    assert check.validate({"playCount": "2"}, (), []) == Renamed(2)
    components: dict[str, Any] = {}
    check.schema(components)
    assert list(components["Renamed"]["properties"]) == ["playCount"]
    assert check.serialize(Renamed(5)) == {"playCount": 5}

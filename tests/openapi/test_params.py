"""Typed parameter markers: settings, constraints, defaults, and the settings they refuse."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from typing import Any

import pytest

from apiway.openapi.params import (
    Body,
    Cookie,
    FieldInfo,
    File,
    Form,
    Header,
    Param,
    ParamTypes,
    Path,
    Query,
    Undefined,
    UploadFile,
)


def test_a_marker_without_default_is_required() -> None:
    for marker in (Query(), Query(...), Path(), Header(), Cookie(), Body(), Form(), File()):
        assert marker.is_required()
        assert marker.default is Undefined
        assert marker.get_default() is Undefined


def test_defaults_and_default_factories() -> None:
    assert not Query(None).is_required() and Query(None).default is None
    assert Query(5).get_default() == 5
    marker = Query(default_factory=list)
    assert not marker.is_required()
    first, second = marker.get_default(), marker.get_default()
    assert first == [] and first is not second
    assert marker.get_default(call_default_factory=False) is list


def test_settings_are_plain_attributes() -> None:
    marker = Query(
        3,
        alias="page-size",
        title="Page size",
        description="How many items",
        examples=(1, 2),
        deprecated=True,
        include_in_schema=False,
        json_schema_extra={"x-internal": True},
        openapi_examples={"small": {"value": 1}},
    )
    assert marker.alias == marker.validation_alias == "page-size"
    assert (marker.title, marker.description, marker.deprecated, marker.include_in_schema) == (
        "Page size",
        "How many items",
        True,
        False,
    )
    assert marker.examples == [1, 2]
    assert marker.json_schema_extra == {"x-internal": True}
    assert marker.openapi_examples == {"small": {"value": 1}}
    assert marker.in_ is ParamTypes.query
    assert isinstance(marker, Param) and isinstance(marker, FieldInfo)
    assert repr(marker) == "Query(3)"


def test_validation_alias_alone_is_the_alias_too() -> None:
    assert Query(validation_alias="q").alias == "q"


def test_unknown_keywords_become_json_schema_extra() -> None:
    assert Query(format="email").json_schema_extra == {"format": "email"}
    assert Query(format="email", json_schema_extra={"a": 1}).json_schema_extra == {"a": 1}


def test_constraints_hold_only_what_was_set_in_a_fixed_order() -> None:
    marker = Query(pattern="^a", max_length=5, gt=0, multiple_of=Decimal("0.5"), strict=True)
    assert marker.constraints == {
        "gt": 0,
        "multiple_of": Decimal("0.5"),
        "max_length": 5,
        "pattern": "^a",
        "strict": True,
    }
    assert Query().constraints == {}
    assert Body(min_length=1).constraints == {"min_length": 1}


def test_each_marker_says_where_the_value_is() -> None:
    assert [m.in_ for m in (Query(), Path(), Header(), Cookie())] == [
        ParamTypes.query,
        ParamTypes.path,
        ParamTypes.header,
        ParamTypes.cookie,
    ]
    assert not hasattr(Body(), "in_")


def test_header_names() -> None:
    assert Header(alias="X-Request-Id").alias == "x-request-id"
    assert Header().name_in_request("user_agent") == "user-agent"
    assert Header(convert_underscores=False).name_in_request("User_Agent") == "user_agent"
    assert Header(alias="X-A").name_in_request("ignored") == "x-a"
    assert Query().name_in_request("page_size") == "page_size"
    assert Query(alias="page-size").name_in_request("page_size") == "page-size"


def test_body_markers() -> None:
    assert (Body().embed, Body().media_type) == (False, "application/json")
    assert Body(embed=True, media_type="application/vnd.api+json; charset=utf-8").embed
    assert (Form().embed, Form().media_type) == (True, "application/x-www-form-urlencoded")
    assert (File().embed, File().media_type) == (True, "multipart/form-data")
    extra = {"title": "Upload"}
    assert File(json_schema_extra=extra).json_schema_extra == {"title": "Upload", "format": "binary"}
    assert extra == {"title": "Upload"}  # the caller's dict is not changed


def test_upload_file() -> None:
    upload = UploadFile(content=bytearray(b"abc"), filename="a.txt", content_type="text/plain")
    assert (upload.content, len(upload)) == (b"abc", 3)
    assert repr(upload) == "UploadFile(filename='a.txt', content_type='text/plain', size=3)"
    with pytest.raises(TypeError, match="must be bytes"):
        UploadFile(content="text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="filename"):
        UploadFile(content=b"", filename=5)  # type: ignore[arg-type]


def test_undefined_is_one_falsy_object_through_copies_and_pickles() -> None:
    assert not Undefined and repr(Undefined) == "Undefined"
    assert copy.copy(Undefined) is Undefined and copy.deepcopy(Undefined) is Undefined
    assert pickle.loads(pickle.dumps(Query())).default is Undefined


REFUSED: list[tuple[Any, dict[str, Any], type[Exception], str]] = [
    (Query, {"max_length": -1}, ValueError, r"Query\(max_length=\.\.\.\) must be an int >= 0, not -1"),
    (Query, {"min_length": 1.5}, ValueError, "min_length"),
    (Query, {"max_length": True}, ValueError, "max_length"),
    (Query, {"min_length": 3, "max_length": 2}, ValueError, "greater than max_length"),
    (Query, {"gt": "1"}, TypeError, r"gt=\.\.\.\) must be a number, not '1'"),
    (Query, {"le": True}, TypeError, "le="),
    (Query, {"ge": float("nan")}, TypeError, "ge="),
    (Query, {"ge": 5, "lt": 5}, ValueError, "leave no value"),
    (Query, {"gt": 5, "le": 5}, ValueError, "leave no value"),
    (Query, {"gt": 6, "lt": 5}, ValueError, "leave no value"),
    (Query, {"multiple_of": 0}, ValueError, "greater than 0"),
    (Query, {"multiple_of": -2}, ValueError, "greater than 0"),
    (Query, {"pattern": "("}, ValueError, "not a valid regular expression"),
    (Query, {"pattern": 5}, TypeError, "pattern"),
    (Query, {"max_digits": -1}, ValueError, "max_digits"),
    (Query, {"alias": ""}, TypeError, "alias"),
    (Query, {"alias": 5}, TypeError, "alias"),
    (Query, {"title": 5}, TypeError, "title"),
    (Query, {"deprecated": "yes"}, TypeError, "deprecated"),
    (Query, {"include_in_schema": None}, TypeError, "include_in_schema"),
    (Query, {"examples": "one"}, TypeError, "examples"),
    (Query, {"json_schema_extra": [1]}, TypeError, "json_schema_extra"),
    (Query, {"openapi_examples": ["a"]}, TypeError, "openapi_examples"),
    (Query, {"openapi_examples": {"a": 1}}, TypeError, "must be an Example or a dict"),
    (Query, {"default": 1, "default_factory": list}, TypeError, "not both"),
    (Query, {"default_factory": 5}, TypeError, "callable"),
    (Path, {"default": 1}, ValueError, "take no default"),
    (Path, {"default_factory": list}, ValueError, "default_factory"),
    (Header, {"convert_underscores": "no"}, TypeError, "convert_underscores"),
    (Body, {"media_type": "json"}, ValueError, "is not a media type"),
    (Body, {"media_type": "application/"}, ValueError, "is not a media type"),
    (Body, {"media_type": "text plain/x"}, ValueError, "is not a media type"),
    (Body, {"media_type": None}, TypeError, "media_type"),
    (Body, {"embed": "yes"}, TypeError, "embed"),
    (Form, {"media_type": "application/json"}, ValueError, "a form is one of"),
    (File, {"media_type": "image/png"}, ValueError, "a form is one of"),
    (File, {"json_schema_extra": "binary"}, TypeError, "json_schema_extra"),
]


@pytest.mark.parametrize(("marker", "kwargs", "error", "message"), REFUSED)
def test_nonsense_is_refused_when_declared(
    marker: Any, kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        marker(**kwargs)


def test_sensible_edge_settings_are_accepted() -> None:
    assert Query(ge=5, le=5).constraints == {"ge": 5, "le": 5}
    assert Query(min_length=0, max_length=0).constraints == {"min_length": 0, "max_length": 0}
    assert Query(gt=Decimal("0.1")).constraints == {"gt": Decimal("0.1")}
    assert Form(media_type="multipart/form-data; boundary=x").media_type.startswith("multipart/form-data")

"""Typed parameter markers, exceptions and ``Depends``: the same names, signatures and settings as Powertools.

Signatures are compared by introspection (parameter names, kinds and defaults, Powertools'
"not given" sentinel standing for apiway's ``Undefined``), settings by building the same
marker on both sides and reading its attributes, constraints by reading the annotated-types
metadata the Powertools marker builds.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
pytest.importorskip("pydantic", reason="the Powertools OpenAPI modules need pydantic")

from aws_lambda_powertools.event_handler import depends as pt_depends
from aws_lambda_powertools.event_handler.openapi import exceptions as pt_exceptions
from aws_lambda_powertools.event_handler.openapi import params as pt
from pydantic_core import PydanticUndefined

import apiway
from apiway import depends as aw_depends
from apiway.openapi import exceptions as aw_exceptions
from apiway.openapi import params as aw

MARKERS = ["Param", "Query", "Path", "Header", "Cookie", "Body", "Form", "File", "UploadFile"]


def signature_facts(callable_: Any, undefined: Any) -> list[tuple[str, str, Any]] | None:
    try:
        signature = inspect.signature(callable_)
    except ValueError:  # a class that keeps Exception's own constructor
        return None
    facts = []
    for name, parameter in signature.parameters.items():
        default = parameter.default
        if default is undefined:
            default = "<not given>"
        elif default is inspect.Parameter.empty:
            default = "<required>"
        facts.append((name, parameter.kind.name, default))
    return facts


@pytest.mark.parametrize("name", MARKERS)
def test_marker_signatures_match(name: str) -> None:
    assert signature_facts(getattr(aw, name), aw.Undefined) == signature_facts(
        getattr(pt, name), PydanticUndefined
    )


@pytest.mark.parametrize("name", MARKERS)
def test_marker_class_hierarchy_matches(name: str) -> None:
    def bases(cls: type) -> list[str]:
        return [base.__name__ for base in cls.__mro__ if base.__name__ in MARKERS]

    assert bases(getattr(aw, name)) == bases(getattr(pt, name))


def test_param_types_match() -> None:
    assert [(m.name, m.value) for m in aw.ParamTypes] == [(m.name, m.value) for m in pt.ParamTypes]
    for name in ("Query", "Path", "Header", "Cookie"):
        assert getattr(aw, name).in_.value == getattr(pt, name).in_.value
    assert not hasattr(aw.Param(), "in_") and not hasattr(pt.Param(), "in_")


SETTINGS = [
    ("Query", {}),
    ("Query", {"default": 5, "title": "Limit", "description": "How many", "deprecated": True}),
    ("Query", {"default": None, "alias": "page-size", "examples": [10, 20]}),
    ("Query", {"validation_alias": "v"}),
    ("Query", {"include_in_schema": False, "json_schema_extra": {"x-a": 1}}),
    ("Query", {"openapi_examples": {"one": {"summary": "One", "value": 1}}}),
    ("Query", {"default_factory": list}),
    ("Query", {"unknown_keyword": 1}),
    ("Path", {}),
    ("Path", {"description": "The id", "ge": 1}),
    ("Header", {}),
    ("Header", {"alias": "X-Request-Id"}),
    ("Header", {"convert_underscores": False, "default": "x"}),
    ("Cookie", {"default": "s"}),
    ("Body", {}),
    ("Body", {"embed": True, "media_type": "application/xml", "default": None}),
    ("Form", {}),
    ("Form", {"media_type": "multipart/form-data", "alias": "f"}),
    ("File", {}),
    ("File", {"json_schema_extra": {"title": "Upload"}, "description": "The file"}),
]
ATTRIBUTES = [
    "alias",
    "validation_alias",
    "title",
    "description",
    "examples",
    "openapi_examples",
    "deprecated",
    "include_in_schema",
    "json_schema_extra",
    "default_factory",
    "convert_underscores",
    "embed",
    "media_type",
]


def attributes(marker: Any) -> dict[str, Any]:
    found = {name: getattr(marker, name) for name in ATTRIBUTES if hasattr(marker, name)}
    found["default"] = (
        "<not given>" if marker.default in (PydanticUndefined, aw.Undefined) else marker.default
    )
    found["required"] = marker.is_required()
    return found


@pytest.mark.parametrize(("name", "kwargs"), SETTINGS, ids=[f"{n}-{sorted(k)}" for n, k in SETTINGS])
def test_marker_settings_match(name: str, kwargs: dict[str, Any]) -> None:
    assert attributes(getattr(aw, name)(**kwargs)) == attributes(getattr(pt, name)(**kwargs))


CONSTRAINTS = [
    {"gt": 1},
    {"ge": 0, "le": 10},
    {"lt": 2.5, "multiple_of": 0.5},
    {"min_length": 1, "max_length": 20},
    {"pattern": "^[a-z]+$"},
    {"max_digits": 5, "decimal_places": 2},
    {"strict": True},
    {},
]


def powertools_constraints(marker: Any) -> dict[str, Any]:
    """The constraints a Powertools marker keeps, read from its annotated-types metadata."""
    found = {}
    for item in marker.metadata:
        for name, value in vars(item).items() if hasattr(item, "__dict__") else []:
            found[name] = value
        for name in getattr(type(item), "__dataclass_fields__", {}):
            found[name] = getattr(item, name)
    return {name: value for name, value in found.items() if value is not None}


@pytest.mark.parametrize("kwargs", CONSTRAINTS, ids=[str(sorted(k)) for k in CONSTRAINTS])
@pytest.mark.parametrize("name", ["Query", "Path", "Header", "Body"])
def test_constraints_are_the_ones_set(name: str, kwargs: dict[str, Any]) -> None:
    assert aw_marker_constraints(getattr(aw, name)(**kwargs)) == powertools_constraints(
        getattr(pt, name)(**kwargs)
    )


def aw_marker_constraints(marker: Any) -> dict[str, Any]:
    return dict(marker.constraints)


def test_allow_inf_nan_is_kept_where_powertools_drops_it() -> None:
    # Powertools hands it to pydantic under a misspelt name, so the setting never applies;
    # apiway keeps it for the validator (docs/migrating.md).
    assert powertools_constraints(pt.Query(allow_inf_nan=False)) == {}
    assert aw.Query(allow_inf_nan=False).constraints == {"allow_inf_nan": False}


def test_path_refuses_a_default_on_both() -> None:
    with pytest.raises(AssertionError):
        pt.Path(5)
    with pytest.raises(ValueError, match="no default"):
        aw.Path(5)


def test_default_and_default_factory_together_are_refused_on_both() -> None:
    with pytest.raises(TypeError):
        pt.Query(1, default_factory=list)
    with pytest.raises(TypeError, match="not both"):
        aw.Query(1, default_factory=list)


def test_upload_file_matches() -> None:
    kwargs: dict[str, Any] = {"content": b"abc", "filename": "a.txt", "content_type": "text/plain"}
    ours, theirs = aw.UploadFile(**kwargs), pt.UploadFile(**kwargs)
    assert (ours.content, ours.filename, ours.content_type, len(ours)) == (
        theirs.content,
        theirs.filename,
        theirs.content_type,
        len(theirs),
    )
    assert repr(ours) == repr(theirs)
    assert aw.UploadFile.__slots__ == pt.UploadFile.__slots__


EXCEPTIONS = [
    "ValidationException",
    "RequestValidationError",
    "ResponseValidationError",
    "SerializationError",
    "SchemaValidationError",
    "RequestUnsupportedContentType",
    "OpenAPIMergeError",
]


@pytest.mark.parametrize("name", EXCEPTIONS)
def test_exception_classes_match(name: str) -> None:
    ours, theirs = getattr(aw_exceptions, name), getattr(pt_exceptions, name)
    assert [base.__name__ for base in ours.__mro__] == [base.__name__ for base in theirs.__mro__]
    assert signature_facts(ours, None) == signature_facts(theirs, None)


def test_exceptions_keep_the_same_data() -> None:
    errors = [{"type": "missing", "loc": ("query", "q"), "msg": "Field required"}]
    for module in (aw_exceptions, pt_exceptions):
        request = module.RequestValidationError(errors, body={"a": 1})
        response = module.ResponseValidationError(errors, body=[1], source="route")
        unsupported = module.RequestUnsupportedContentType("text/csv is not supported", errors)
        assert (request.errors(), request.body) == (errors, {"a": 1})
        assert (response.errors(), response.body, response.source) == (errors, [1], "route")
        assert module.ResponseValidationError(errors).source == "app"
        assert isinstance(unsupported, NotImplementedError)
        assert unsupported.errors() == errors
        assert str(unsupported) == "text/csv is not supported"


def test_openapi_merge_error_is_exported_like_powertools() -> None:
    from aws_lambda_powertools.event_handler import openapi as pt_openapi

    from apiway import openapi as aw_openapi

    assert aw_openapi.OpenAPIMergeError.__mro__[1:] == pt_openapi.OpenAPIMergeError.__mro__[1:]


def test_depends_matches() -> None:
    assert signature_facts(aw_depends.Depends, None) == signature_facts(pt_depends.Depends, None)

    def dependency() -> str:
        return "x"

    for module in (aw_depends, pt_depends):
        declared = module.Depends(dependency, use_cache=False)
        assert (declared.dependency, declared.use_cache) == (dependency, False)
        assert module.Depends(dependency).use_cache is True
        with pytest.raises(module.DependencyResolutionError, match="callable"):
            module.Depends("not callable")  # type: ignore[arg-type]


def test_depends_is_importable_from_the_package_like_powertools() -> None:
    from aws_lambda_powertools import event_handler

    assert apiway.Depends is aw_depends.Depends and event_handler.Depends is pt_depends.Depends
    assert apiway.DependencyResolutionError is aw_depends.DependencyResolutionError

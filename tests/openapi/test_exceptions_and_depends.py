"""Validation errors say what was wrong; ``Depends`` checks what it is given."""

from __future__ import annotations

import pytest

import apiway
from apiway.depends import DependencyResolutionError, Depends
from apiway.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
    ResponseValidationError,
    SchemaValidationError,
    ValidationException,
)

ERRORS = [
    {
        "type": "int_parsing",
        "loc": ("query", "limit"),
        "msg": "Input should be a valid integer",
        "input": "x",
    },
    {"type": "missing", "loc": ("body", "todo", "title"), "msg": "Field required", "input": None},
]


def test_validation_errors_print_each_problem_with_its_location() -> None:
    error = RequestValidationError(ERRORS, body={"todo": {}})
    assert str(error) == "query.limit: Input should be a valid integer; body.todo.title: Field required"
    assert error.errors() == ERRORS and error.body == {"todo": {}}
    assert isinstance(error, ValidationException)


def test_response_validation_error_source() -> None:
    assert ResponseValidationError(ERRORS).source == "app"
    assert ResponseValidationError(ERRORS, body=1, source="route").source == "route"


def test_schema_validation_error_with_a_message() -> None:
    assert str(SchemaValidationError("bad extension")) == "bad extension"


def test_unsupported_content_type_prints_its_message_and_is_a_not_implemented_error() -> None:
    error = RequestUnsupportedContentType("text/csv bodies are not supported", ERRORS)
    assert str(error) == "text/csv bodies are not supported"
    assert error.errors() == ERRORS
    with pytest.raises(NotImplementedError):
        raise error


def test_depends_keeps_its_dependency() -> None:
    def tenant() -> str:
        return "t"

    declared = Depends(tenant)
    assert (declared.dependency, declared.use_cache) == (tenant, True)
    assert repr(Depends(tenant, use_cache=False)).endswith("tenant, use_cache=False)")


def test_depends_refuses_what_cannot_be_called() -> None:
    with pytest.raises(DependencyResolutionError, match=r"needs a callable .*str: 'tenant'"):
        Depends("tenant")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="use_cache"):
        Depends(len, use_cache="yes")  # type: ignore[arg-type]


def test_depends_is_exported_by_the_package() -> None:
    assert apiway.Depends is Depends and apiway.DependencyResolutionError is DependencyResolutionError
    assert {"Depends", "DependencyResolutionError", "openapi"} <= set(dir(apiway))

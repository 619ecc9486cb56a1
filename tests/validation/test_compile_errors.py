"""What apiway.validation refuses at compile time, and how it says so."""

# The typing forms (Union, Optional) are what these tests are about.
# ruff: noqa: UP007, UP045

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Annotated, Any, Optional, Union

import pytest
from pydantic import AfterValidator, Field

from apiway.exceptions import RouteError
from apiway.validation import AnnotationError, Constraints, compile_type


class Plain:
    """Not a record of any kind."""


@dataclasses.dataclass
class Broken:
    child: Missing  # type: ignore[name-defined]  # noqa: F821


@dataclasses.dataclass
class BadDefault:
    size: Annotated[int, Field(gt=0)] = -1


@dataclasses.dataclass
class HasPlain:
    thing: Plain


@pytest.mark.parametrize(
    ("annotation", "constraints", "message"),
    [
        (Plain, None, "Plain"),
        (Callable[[int], int], None, "Callable"),
        ("Item", None, "forward reference 'Item'"),
        (Broken, None, "Missing"),
        (
            HasPlain,
            None,
            "field HasPlain.thing: apiway cannot validate test_compile_errors.Plain".replace("test_", ""),
        ),
        (str, Constraints(gt=0), "gt=0 does not apply to str"),
        (Annotated[str, Field(gt=0)], None, "gt=0 does not apply to str"),
        (list[int], Constraints(pattern="x"), "pattern='x' does not apply to list"),
        (bool, Constraints(min_length=1), "min_length=1 does not apply to bool"),
        (Union[int, str], Constraints(gt=1), "do not apply to the union"),
        (Annotated[int, AfterValidator(lambda v: v)], None, "validator functions"),
        (Annotated[float, Field(allow_inf_nan=False)], None, "allow_inf_nan=False"),
        (Annotated[int, Field(strict=True)], None, "strict=True"),
        (Annotated[list[int], Field(fail_fast=True)], None, "fail_fast=True"),
        (Annotated[str, Field(pattern="^a", coerce_numbers_to_str=True)], None, "coerce_numbers_to_str=True"),
        (BadDefault, None, "the default -1 of BadDefault.size is not valid: Input should be greater than 0"),
        (Annotated[str, Field(pattern="(")], None, "not a valid regular expression"),
    ],
    ids=lambda v: repr(v)[:40],
)
def test_refused_with_a_message_naming_the_problem(annotation: Any, constraints: Any, message: str) -> None:
    with pytest.raises(AnnotationError, match=re.escape(message.split(": apiway", maxsplit=1)[0])) as caught:
        compile_type(annotation, constraints)
    assert isinstance(caught.value, RouteError) and isinstance(caught.value, TypeError)


def test_pydantic_settings_equal_to_apiways_own_behaviour_are_accepted() -> None:
    assert compile_type(Annotated[int, Field(strict=False)]).validate("1", (), []) == 1
    assert compile_type(Annotated[list[int], Field(fail_fast=False)]).validate(["1"], (), []) == [1]


def test_a_default_that_breaks_the_given_constraints_is_refused() -> None:
    with pytest.raises(AnnotationError, match="the default 0 of"):
        compile_type(int, Constraints(gt=0), default=0)
    compile_type(int, Constraints(gt=0), default=1)
    compile_type(Optional[int], Constraints(gt=0), default=None)
    compile_type(int, default="not checked without constraints")


@pytest.mark.parametrize(
    "kwargs", [{"min_length": -1}, {"max_length": 1.5}, {"pattern": 3}, {"multiple_of": 0}], ids=str
)
def test_constraints_refuse_impossible_values(kwargs: dict[str, Any]) -> None:
    with pytest.raises(AnnotationError):
        Constraints(**kwargs)


def test_constraints_are_immutable_values() -> None:
    first = Constraints(gt=1, max_length=None)
    assert first == Constraints(gt=1) and hash(first) == hash(Constraints(gt=1))
    assert repr(first) == "Constraints(gt=1)" and first and not Constraints()
    assert first.merge(Constraints(gt=2, lt=5)) == Constraints(gt=2, lt=5)
    with pytest.raises(AttributeError):
        first.gt = 3  # type: ignore[misc]


def test_a_failed_record_is_not_cached_half_built() -> None:
    for _ in range(2):
        with pytest.raises(AnnotationError, match="Plain"):
            compile_type(HasPlain)

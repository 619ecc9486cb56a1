"""Route plans on the way out: ``plan.result(value)`` against the handler's return annotation.

No ``from __future__ import annotations``: handlers defined inside tests name local classes.
"""

import dataclasses
import datetime
import uuid
from decimal import Decimal
from typing import Any, Generic, TypeVar

import pytest

from apiway import Response
from apiway.openapi.exceptions import ResponseValidationError

from .plan_support import plan_for

T = TypeVar("T")


class TypedResponse(Response, Generic[T]):
    """A generic subclass of ``Response``: ``TypedResponse[Todo]`` validates ``Todo`` too."""


@dataclasses.dataclass
class Todo:
    title: str
    due: "datetime.date | None" = None


def returning(annotation: Any) -> Any:
    def handler() -> annotation:  # type: ignore[valid-type]
        ...

    return plan_for(handler)


def test_plain_values_are_validated_and_serialized() -> None:
    plan = returning(Todo)
    assert plan.result(Todo("a", datetime.date(2024, 1, 2))) == {"title": "a", "due": "2024-01-02"}
    assert plan.result({"title": "b"}) == {"title": "b", "due": None}


def test_tuples_keep_status_and_headers() -> None:
    plan = returning(Todo)
    assert plan.result(({"title": "a"}, 201)) == ({"title": "a", "due": None}, 201)
    assert plan.result((Todo("a"), 202, {"X-A": "1"})) == ({"title": "a", "due": None}, 202, {"X-A": "1"})


def test_response_bodies_are_validated_in_place() -> None:
    response = Response(201, "application/json", Todo("a"))
    assert returning(Todo).result(response) is response
    assert response.body == {"title": "a", "due": None}
    typed = Response(200, "application/json", {"title": "b"})
    assert returning(Response[Todo]).result(typed).body == {"title": "b", "due": None}
    subclassed = Response(200, "application/json", {"title": "c"})
    assert returning(TypedResponse[Todo]).result(subclassed).body == {"title": "c", "due": None}


def test_failures_list_every_problem_under_response() -> None:
    with pytest.raises(ResponseValidationError) as caught:
        returning(Todo).result({"due": "someday"})
    assert [(error["type"], error["loc"]) for error in caught.value.errors()] == [
        ("missing", ("response", "title")),
        ("date_from_datetime_parsing", ("response", "due")),
    ]
    assert caught.value.body == {"due": "someday"}
    assert caught.value.source == "app"


def test_a_route_with_its_own_status_for_failures_is_the_source() -> None:
    def handler() -> int:
        return 1

    with pytest.raises(ResponseValidationError) as caught:
        plan_for(handler, custom_response_validation_http_code=502).result("x")
    assert caught.value.source == "route"


def test_scalar_and_none_annotations() -> None:
    assert (
        returning(uuid.UUID).result("5b7b5a3c-3f0e-4c47-9e0d-2d8f6a1b9c11")
        == "5b7b5a3c-3f0e-4c47-9e0d-2d8f6a1b9c11"
    )
    assert returning(Decimal).result(Decimal("1.50")) == "1.50"
    assert returning(None).result(None) is None
    with pytest.raises(ResponseValidationError):
        returning(None).result({})


def test_tuple_annotations_validate_the_body() -> None:
    assert returning(tuple[Todo, int]).result(({"title": "a"}, 201)) == ({"title": "a", "due": None}, 201)


@pytest.mark.parametrize("annotation", [None, Response])
def test_no_annotation_or_bare_response_encodes_json_bodies_only(annotation: Any) -> None:
    if annotation is None:

        def handler():  # type: ignore[no-untyped-def]
            ...

        plan = plan_for(handler)
    else:
        plan = returning(annotation)
    assert plan.response.check is None
    assert plan.result({"at": datetime.date(2024, 1, 2), "ids": {1}}) == {"at": "2024-01-02", "ids": [1]}
    assert plan.result(b"\x00raw") == b"\x00raw"
    text = Response(200, "text/plain", "as is")
    assert plan.result(text).body == "as is"
    json_response = Response(200, "application/json", {"id": uuid.UUID(int=1)})
    assert plan.result(json_response).body == {"id": "00000000-0000-0000-0000-000000000001"}

"""What Python 3.10 (a Lambda runtime apiway supports) does differently with annotations,
checked on any version:

- ``isinstance(list[int], type)`` is True there, and ``issubclass(list[int], ...)`` then
  raises; the engine asks :func:`is_class` instead;
- ``typing.get_type_hints`` wraps ``x: Annotated[T, m] = None`` in ``Optional[...]``, which
  hides the marker; the engine unwraps it when the written annotation is an ``Annotated``.
"""

# The typing forms (Optional, Union) are what these tests are about.
# ruff: noqa: UP007, UP045

from typing import Annotated, Any, Optional, Union

import pytest

from apiway import APIGatewayRestResolver, is_class
from apiway.openapi.params import Query
from apiway.validation.signature import _undo_implicit_optional, _written_annotated


def test_a_parametrized_builtin_is_not_a_class() -> None:
    assert is_class(int) and is_class(dict) and is_class(APIGatewayRestResolver)
    assert not is_class(list[int]) and not is_class(dict[str, int]) and not is_class(Optional[int])
    assert not is_class(None) and not is_class("int")


MARKED = Annotated[Optional[str], Query(min_length=1)]


@pytest.mark.parametrize(
    ("written", "unwrapped"),
    [
        ("Annotated[str | None, Query(min_length=1)]", True),
        ("typing.Annotated[str | None, Query(min_length=1)]", True),
        ("Annotated[Optional[str], Query(pattern='^[a-z]+$')]", True),  # brackets in the metadata
        ('Annotated[str, Query(pattern="]|[")]', True),
        ("Annotated[str, Query()] | None", False),  # a union written so keeps its None
        ("Optional[Annotated[str, Query()]]", False),
        ("Union[Annotated[str, Query()], None]", False),
        ("NotAnnotated[str]", False),
        ("str", False),
    ],
)
def test_the_implicit_optional_of_a_none_default_is_undone_for_an_annotated(
    written: str, unwrapped: bool
) -> None:
    hint = Optional[MARKED]  # what get_type_hints gives on Python 3.10 for `= None`
    found = _undo_implicit_optional(hint, written)
    assert (found is MARKED) is unwrapped
    assert _written_annotated(written) is unwrapped


def test_other_hints_are_left_as_they_are() -> None:
    assert _undo_implicit_optional(int, "int") is int
    both = Union[MARKED, int, None]
    assert _undo_implicit_optional(both, "Annotated[str, Query()]") is both
    plain = Optional[int]
    assert _undo_implicit_optional(plain, "int") is plain
    assert _undo_implicit_optional(Optional[MARKED], MARKED) is MARKED  # written as the object


def test_an_exception_handler_for_a_parametrized_builtin_is_refused_by_name() -> None:
    app = APIGatewayRestResolver()
    with pytest.raises(TypeError, match=r"needs exception classes, not list\[int\]"):
        app.exception_handler(list[int])  # type: ignore[arg-type]


def handler_with_string_annotations() -> Any:
    source = (
        "from __future__ import annotations\n"
        "from typing import Annotated\n"
        "from apiway.openapi.params import Query\n"
        "def handler(tag: Annotated[str | None, Query(min_length=1)] = None, "
        "tags: Annotated[list[str] | None, Query()] = None):\n"
        "    return {'tag': tag, 'tags': tags}\n"
    )
    space: dict[str, Any] = {}
    exec(source, space)  # the test's own source: annotations stay text until compiled
    return space["handler"]


def test_a_marker_with_a_none_default_keeps_its_constraints() -> None:
    app = APIGatewayRestResolver(enable_validation=True)
    app.get("/todos")(handler_with_string_annotations())

    def get(**query: str) -> tuple[int, str]:
        event = {
            "httpMethod": "GET",
            "path": "/todos",
            "queryStringParameters": query or None,
            "requestContext": {},
        }
        response = app.resolve(event, None)
        return response["statusCode"], response["body"]

    assert get() == (200, '{"tag":null,"tags":null}')
    assert get(tag="a", tags="x") == (200, '{"tag":"a","tags":["x"]}')
    status, body = get(tag="")
    assert status == 422 and "string_too_short" in body

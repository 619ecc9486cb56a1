"""``pattern=`` reads as pydantic reads it (Rust's regex dialect), not as Python's ``re``.

The difference that matters: Python's ``$`` also matches before a final newline, so
``^[a-z]+$`` would let ``"ab\\n"`` through a constraint written to keep such text out.
"""

import json
from typing import Annotated, Any

import pytest

from apiway import APIGatewayRestResolver
from apiway.openapi.fields import python_pattern
from apiway.openapi.params import Query
from apiway.validation import compile_type
from support.events import REST

from .support import theirs

PATTERNS = [
    r"^[a-z]+$",
    r"^a$|^b$",
    r"^(a|b)$",
    r"[$]",
    r"^x\$",
    r"\\$",
    r"(?m)^a$",
    r"(?i)^A$",
    r"^a\z",
    r"^[]a]+$",
    r"^[^]a]+$",
    r"^[a\]]$",
    r"^a$?",
    r"^a$*",
    r"^(?P<x>a)$",
    r"\(?m$",
]
VALUES = ["a", "ab", "ab\n", "a\n", "b\n", "$", "x$", "x$\n", "]a", "]a\n", "A", "A\n", "a\nb", "", "\n"]
VALUES += ["\\", "\\\n", "m", "(m", "m\n"]


def pydantic_field(pattern: str) -> Any:
    pydantic = pytest.importorskip("pydantic")
    return Annotated[str, pydantic.Field(pattern=pattern)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_value_passes_or_fails_as_in_pydantic(pattern: str) -> None:
    annotation = pydantic_field(pattern)
    check = compile_type(annotation)
    for value in VALUES:
        errors: list[dict[str, Any]] = []
        check.check(value, errors)
        ours = [error["type"] for error in errors]
        assert ours == [error["type"] for error in theirs(annotation, value)[1]], (pattern, value)


@pytest.mark.parametrize(
    ("pattern", "read"),
    [
        ("^[a-z]+$", r"^[a-z]+(?:\Z)"),
        (r"^a\z", r"^a(?:\Z)"),
        (r"[$]$", r"[$](?:\Z)"),
        (r"[]$]$", r"[]$](?:\Z)"),
        (r"\$$", r"\$(?:\Z)"),
        ("(?m)^a$", "(?m)^a$"),
        ("(?im:a$)", "(?im:a$)"),
        ("(?i-m)a$", r"(?i-m)a(?:\Z)"),
        ("^[a-z]+", "^[a-z]+"),
    ],
)
def test_python_pattern(pattern: str, read: str) -> None:
    assert python_pattern(pattern) == read


def test_a_query_value_with_a_final_newline_breaks_an_anchored_pattern() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.get("/users")
    def users(name: Annotated[str, Query(pattern="^[a-z]+$")]) -> dict[str, str]:
        return {"name": name}

    answer = app.resolve(REST.event("GET", "/users", query={"name": "ann\n"}), None)
    assert answer["statusCode"] == 422
    problems = [{"loc": ["query", "name"], "type": "string_pattern_mismatch"}]
    assert json.loads(answer["body"])["detail"] == problems
    answer = app.resolve(REST.event("GET", "/users", query={"name": "ann"}), None)
    assert (answer["statusCode"], json.loads(answer["body"])) == (200, {"name": "ann"})
    document = app.get_openapi_schema()
    assert document.paths["/users"].get.parameters[0].schema_.pattern == "^[a-z]+$"  # written as given


def test_the_end_of_text_escape_is_a_valid_marker_pattern() -> None:
    assert Query(pattern=r"^\d+\z").pattern == r"^\d+\z"
    with pytest.raises(ValueError, match="not a valid regular expression"):
        Query(pattern="^(a$")

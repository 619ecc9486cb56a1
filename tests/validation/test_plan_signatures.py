"""Route plans at compile time: where each handler parameter is read from, and the annotations
refused when the route is declared, with a message naming the route and the parameter.

No ``from __future__ import annotations``: handlers defined inside tests name local classes,
which string annotations could not resolve.
"""

import dataclasses
import datetime
import enum
import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal, NamedTuple, TypedDict

import pytest

from apiway.depends import Depends
from apiway.exceptions import RouteError
from apiway.openapi.params import Body, Cookie, File, Form, Header, Path, Query, UploadFile
from apiway.request import Request
from apiway.validation import AnnotationError
from apiway.validation.plan import compile_plan

from .plan_support import plan_for


class Color(enum.Enum):
    red = "red"


@dataclasses.dataclass
class Todo:
    title: str


class Point(NamedTuple):
    x: int
    y: int


class Movie(TypedDict):
    name: str


def where(handler: Any, rule: str = "/things/<thing_id>", method: str = "POST") -> dict[str, tuple[str, str]]:
    plan = plan_for(handler, rule, method)
    return {field.name: (field.where, field.key) for field in plan.fields}


def test_parameters_go_where_powertools_reads_them() -> None:
    def handler(
        thing_id: int,
        limit: int,
        maybe: int | None,
        color: Color,
        kind: Literal["a", "b"],
        day: datetime.date,
        ref: uuid.UUID,
        untyped,  # type: ignore[no-untyped-def]
        todo: Todo,
    ) -> None: ...

    assert where(handler) == {
        "thing_id": ("path", "thing_id"),
        "limit": ("query", "limit"),
        "maybe": ("query", "maybe"),
        "color": ("query", "color"),
        "kind": ("query", "kind"),
        "day": ("query", "day"),
        "ref": ("query", "ref"),
        "untyped": ("query", "untyped"),
        "todo": ("body", "todo"),
    }


@pytest.mark.parametrize("annotation", [Todo, Movie, Point, dict[str, int], list[int], Todo | None])
def test_models_mappings_and_sequences_without_a_marker_are_the_body(annotation: Any) -> None:
    def handler(value: annotation) -> None:  # type: ignore[valid-type]
        ...

    assert where(handler, "/") == {"value": ("body", "value")}


def test_markers_in_annotated_or_as_defaults() -> None:
    def handler(
        thing: Annotated[int, Path(alias="thing_id")],
        page: Annotated[int, Query(alias="p")] = 1,
        size: int = Query(10),
        x_api_key: Annotated[str, Header()] = "",
        raw_name: Annotated[str, Header(convert_underscores=False)] = "",
        token: Annotated[str, Header(alias="X-Token")] = "",
        session: Annotated[str, Cookie()] = "",
        note: Annotated[str, Body()] = "",
        name: Annotated[str, Form()] = "",
        upload: Annotated[bytes, File()] = b"",
    ) -> None: ...

    assert where(handler) == {
        "thing": ("path", "thing_id"),
        "page": ("query", "p"),
        "size": ("query", "size"),
        "x_api_key": ("header", "x-api-key"),
        "raw_name": ("header", "raw_name"),
        "token": ("header", "x-token"),
        "session": ("cookie", "session"),
        "note": ("body", "note"),
        "name": ("body", "name"),
        "upload": ("body", "upload"),
    }


def test_marker_classes_without_parentheses_are_markers() -> None:
    def handler(x_id: Annotated[str, Header] = "") -> None: ...

    assert where(handler, "/") == {"x_id": ("header", "x-id")}


def test_request_and_dependencies_are_not_request_values() -> None:
    def tenant(request: Request, page: Annotated[int, Query()] = 1) -> str:
        return "t"

    def handler(
        request: Request,
        maybe: Request | None,
        first: Annotated[str, Depends(tenant)],
        second: str = Depends(tenant),
    ) -> None: ...

    plan = plan_for(handler, "/")
    assert plan.signature.request_names == ["request", "maybe"]
    assert [dep.name for dep in plan.signature.dependencies] == ["first", "second"]
    assert [(field.name, field.where, field.owner) for field in plan.fields] == [
        ("page", "query", 1),
        ("page", "query", 2),
    ]


def test_several_body_values_are_embedded_and_one_is_the_whole_body() -> None:
    def one(todo: Todo) -> None: ...

    def embedded(todo: Annotated[Todo, Body(embed=True)]) -> None: ...

    def two(todo: Todo, note: Annotated[str, Body()]) -> None: ...

    assert not plan_for(one, "/", "POST").embed_body
    assert plan_for(embedded, "/", "POST").embed_body
    assert plan_for(two, "/", "POST").embed_body


def test_a_handler_taking_kwargs_need_not_name_the_rule_parameters() -> None:
    def handler(**rest: Any) -> None: ...

    assert plan_for(handler, "/things/<thing_id>").fields == []


def test_string_annotations_are_resolved_once() -> None:
    def handler(limit: "int", todo: "Todo") -> "Todo":
        return todo

    plan = plan_for(handler, "/", "POST")
    assert [(field.name, field.where) for field in plan.fields] == [("limit", "query"), ("todo", "body")]
    assert plan.response.check is not None


def refused(handler: Any, rule: str = "/things/<thing_id>", method: str = "GET", **options: Any) -> str:
    with pytest.raises(RouteError) as caught:
        compile_plan(handler, method, rule, options=options)
    return str(caught.value)


def test_refusals_name_the_route_and_the_parameter() -> None:
    def unsupported(thing_id: int, value: complex) -> None: ...

    message = refused(unsupported)
    assert message.startswith("route GET /things/<thing_id>, parameter 'value':")
    assert "complex" in message


def _path_not_in_rule(thing_id: int, other: Annotated[int, Path()]) -> None: ...


def _rule_parameter_not_taken(other: int) -> None: ...


def _rule_parameter_as_query(thing_id: Annotated[int, Query()]) -> None: ...


def _path_parameter_not_scalar(thing_id: list[int]) -> None: ...


def _default_breaks_constraint(thing_id: int, limit: Annotated[int, Query(le=10)] = 50) -> None: ...


def _file_of_int(thing_id: int, upload: Annotated[int, File()]) -> None: ...


def _two_markers(thing_id: int, limit: Annotated[int, Query(), Header()]) -> None: ...


def _default_inside_marker(thing_id: int, limit: Annotated[int, Query(5)]) -> None: ...


def _marker_twice(thing_id: int, limit: Annotated[int, Query()] = Query(5)) -> None: ...


def _positional_only(thing_id: int, /) -> None: ...


def _strict(thing_id: int, limit: Annotated[int, Query(strict=True)] = 1) -> None: ...


def _max_digits(thing_id: int, price: Annotated[float, Query(max_digits=3)] = 1.0) -> None: ...


def _length_of_int(thing_id: int, limit: Annotated[int, Query(max_length=3)] = 1) -> None: ...


def _query_mapping(thing_id: int, filters: Annotated[dict[str, str], Query()]) -> None: ...


def _cookie_model(thing_id: int, prefs: Annotated[Todo, Cookie()]) -> None: ...


def _upload_in_query(thing_id: int, upload: UploadFile) -> None: ...


def _upload_with_constraints(thing_id: int, upload: Annotated[UploadFile, File(max_length=10)]) -> None: ...


def _unknown_name(thing_id: int, when: "Tomorrow") -> None: ...  # type: ignore[name-defined]  # noqa: F821


def _upload_in_dict(thing_id: int, files: Annotated[dict[str, UploadFile], File()]) -> None: ...


def _depends_and_marker(thing_id: int, user: Annotated[str, Depends(str), Query()]) -> None: ...


def _returns_unsupported(thing_id: int) -> complex:
    return 1j


def _generator_dependency() -> Iterator[str]:
    yield "x"


def _uses_generator(thing_id: int, value: Annotated[str, Depends(_generator_dependency)]) -> None: ...


def _self_dependency(value: Annotated[str, Depends(lambda: "x")]) -> str:
    return value


_self_dependency.__annotations__["value"] = Annotated[str, Depends(_self_dependency)]


def _uses_cycle(thing_id: int, value: Annotated[str, Depends(_self_dependency)]) -> None: ...


REFUSALS = [
    (_path_not_in_rule, "'other'", "Path() names 'other', which the rule does not have (it has: thing_id)"),
    (_rule_parameter_not_taken, "rule parameter 'thing_id'", "is not a parameter of the handler"),
    (_rule_parameter_as_query, "'thing_id'", "is a path parameter of the rule; use Path() or no marker"),
    (_path_parameter_not_scalar, "'thing_id'", "a path parameter must be a scalar type"),
    (_default_breaks_constraint, "'limit'", "the default 50"),
    (_file_of_int, "'upload'", "File() takes bytes or UploadFile"),
    (_two_markers, "'limit'", "give one parameter marker, not 2"),
    (_default_inside_marker, "'limit'", "give the default as the parameter's default"),
    (_marker_twice, "'limit'", "the marker is given twice"),
    (_positional_only, "'thing_id'", "a positional-only parameter cannot be passed by name"),
    (_strict, "'limit'", "Query(strict=True) is not supported"),
    (_max_digits, "'price'", "Query(max_digits=3) is not supported"),
    (_length_of_int, "'limit'", "max_length"),
    (
        _query_mapping,
        "'filters'",
        "a query parameter must be a scalar, a list of scalars or a model grouping",
    ),
    (_cookie_model, "'prefs'", "a cookie parameter must be a scalar, a list of scalars, not"),
    (_unknown_name, "_unknown_name", "Tomorrow"),
    (_upload_in_dict, "'files'", "File() takes bytes or UploadFile"),
    (_upload_in_query, "'upload'", "UploadFile comes from a multipart body: declare it with File()"),
    (_upload_with_constraints, "'upload'", "without constraints"),
    (_depends_and_marker, "'user'", "either a Depends() or a Query()"),
    (_returns_unsupported, "return annotation", "complex"),
    (_uses_generator, "'value'", "generator or coroutine function"),
    (_uses_cycle, "'value'", "dependency cycle"),
]


@pytest.mark.parametrize(("handler", "names", "says"), REFUSALS, ids=[row[0].__name__ for row in REFUSALS])
def test_malformed_annotations_are_refused_at_compile_time(handler: Any, names: str, says: str) -> None:
    message = refused(handler)
    assert message.startswith("route GET /things/<thing_id>"), message
    assert names in message, message
    assert says in message, message


def test_refusals_are_annotation_errors_too() -> None:
    with pytest.raises(AnnotationError):
        compile_plan(_strict, "GET", "/things/<thing_id>")


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"summry": "x"}, "unknown route option(s) ['summry']; valid: summary, description"),
        ({"status_code": 99}, "status_code must be an HTTP status code"),
        ({"status_code": True}, "status_code must be an HTTP status code"),
        ({"custom_response_validation_http_code": 1000}, "custom_response_validation_http_code"),
        ({"include_in_schema": "no"}, "include_in_schema must be True or False"),
        ({"tags": "admin"}, "tags must be a list of strings"),
        ({"enable_validation": "yes"}, "enable_validation must be True, False or None"),
        ({"responses": {200: "ok"}}, "responses must map status codes to OpenAPI response dicts"),
        (
            {"responses": {200: {"description": "x", "content": {"application/json": {"model": complex}}}}},
            "responses[200] application/json",
        ),
    ],
)
def test_route_options_are_checked(options: dict[str, Any], says: str) -> None:
    def handler(thing_id: int) -> None: ...

    assert says in refused(handler, **options)


def test_lax_settings_that_change_nothing_are_accepted() -> None:
    def handler(
        limit: Annotated[int, Query(strict=False)] = 1,
        ratio: Annotated[float, Query(allow_inf_nan=True)] = 0.5,
    ) -> None: ...

    assert len(plan_for(handler, "/").fields) == 2


def test_class_and_callable_dependencies() -> None:
    class Pager:
        def __init__(self, page: Annotated[int, Query(ge=1)] = 1) -> None:
            self.page = page

    class Caller:
        def __call__(self, token: Annotated[str, Header()] = "") -> str:
            return token

    def handler(
        pager: Annotated[Pager, Depends(Pager)], token: Annotated[str, Depends(Caller())]
    ) -> None: ...

    plan = plan_for(handler, "/")
    assert [(field.name, field.where, field.owner) for field in plan.fields] == [
        ("page", "query", 1),
        ("token", "header", 2),
    ]

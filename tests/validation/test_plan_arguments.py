"""Route plans per request: ``plan.arguments(request)`` from real events.

What Powertools also does is compared in tests/compat/test_compat_validation.py; this covers
apiway's own behaviour (docs/migrating.md, "Typed parameters and validation"), dependencies,
uploads and the errors of bodies that cannot be read.

No ``from __future__ import annotations``: handlers defined inside tests name local classes.
"""

import base64
import dataclasses
import json
from typing import Annotated, Any, TypedDict

import pytest

from apiway.depends import DependencyResolutionError, Depends
from apiway.exceptions import InvalidBodyError
from apiway.openapi.exceptions import RequestUnsupportedContentType, RequestValidationError
from apiway.openapi.params import Body, Cookie, File, Form, Header, Path, Query, UploadFile
from apiway.request import Request
from apiway.validation.plan import compile_plan
from support.events import ALB, ALB_MULTI, HTTP, REST

from .plan_support import arguments, plan_for, problems, request_for

JSON = {"Content-Type": "application/json"}


@dataclasses.dataclass
class Todo:
    title: str
    priority: int = 3


def create(todo: Todo, dry_run: bool = False) -> Todo:
    return todo


def post(body: Any, content_type: "str | None" = "application/json", **fields: Any) -> dict[str, Any]:
    headers = {} if content_type is None else {"Content-Type": content_type}
    text = body if body is None or isinstance(body, str) else json.dumps(body)
    return {"headers": headers, "body": text, **fields}


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "Application/JSON",
        "application/json; charset=utf-8",
        "application/merge-patch+json",
        None,
    ],
)
def test_json_bodies_by_any_json_media_type(content_type: "str | None") -> None:
    kwargs = arguments(create, "/todos", "POST", "/todos", **post({"title": "t"}, content_type))
    assert kwargs == {"todo": Todo("t"), "dry_run": False}


def test_other_media_types_answer_415_with_the_powertools_error() -> None:
    with pytest.raises(RequestUnsupportedContentType) as caught:
        arguments(create, "/todos", "POST", "/todos", **post("hello", "text/plain"))
    assert caught.value.errors() == [
        {"type": "unsupported_content_type", "loc": ("body",), "msg": "Unsupported content type: text/plain",
         "input": {}, "ctx": {}}
    ]  # fmt: skip
    assert isinstance(caught.value, NotImplementedError)


def test_invalid_json_is_listed_with_the_other_problems() -> None:
    fields = post('{"title": ', query={"dry_run": "perhaps"})
    with pytest.raises(RequestValidationError) as caught:
        arguments(create, "/todos", "POST", "/todos", **fields)
    errors = caught.value.errors()
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("bool_parsing", ("query", "dry_run")),
        ("json_invalid", ("body", 10)),
    ]
    assert errors[1]["ctx"] == {"error": "Expecting value"}
    assert caught.value.body == '{"title": '


@pytest.mark.parametrize("text", ["NaN", "[1e999]", '{"a": Infinity}'])
def test_json_apiway_refuses_is_json_invalid_too(text: str) -> None:
    expected = [{"loc": ["body", 0], "type": "json_invalid"}]
    assert problems(create, "/todos", "POST", "/todos", **post(text)) == expected


def test_a_body_that_is_not_base64_answers_400_before_any_validation() -> None:
    with pytest.raises(InvalidBodyError):
        arguments(create, "/todos", "POST", "/todos", **post("%%%", is_base64=True))


def test_embedded_values_of_a_body_that_is_not_an_object_are_each_missing_once() -> None:
    def handler(todo: Annotated[Todo, Body(embed=True)], note: Annotated[str, Body()] = "n") -> None: ...

    assert problems(handler, "/", "POST", "/", **post([1])) == [{"loc": ["body", "todo"], "type": "missing"}]


def test_embedded_json_values_are_taken_as_they_are() -> None:
    def handler(name: Annotated[str, Body()], count: Annotated[int, Body()]) -> None: ...

    # A JSON list is not a string: no first-item unwrapping as for form fields.
    assert problems(handler, "/", "POST", "/", **post({"name": ["a"], "count": 1})) == [
        {"loc": ["body", "name"], "type": "string_type"}
    ]


def tagged(ids: Annotated[list[int], Query()] = [], tags: Annotated[list[str], Header()] = []) -> None:  # noqa: B006
    ...


@pytest.mark.parametrize("source", [REST, HTTP, ALB_MULTI], ids=["rest", "http", "alb_multi"])
def test_list_query_values_are_never_split_at_commas(source: Any) -> None:
    assert problems(tagged, "/", "GET", "/", source, query={"ids": "1,2"}) == [
        {"loc": ["query", "ids", 0], "type": "int_parsing"}
    ]
    assert arguments(tagged, "/", "GET", "/", source, query={"ids": ["1", "2"]})["ids"] == [1, 2]


@pytest.mark.parametrize("source", [REST, HTTP, ALB, ALB_MULTI], ids=["rest", "http", "alb", "alb_multi"])
def test_list_headers_split_at_commas_on_every_source(source: Any) -> None:
    assert arguments(tagged, "/", "GET", "/", source, headers={"Tags": "a, b,c"})["tags"] == ["a", "b", "c"]


@pytest.mark.parametrize("source", [REST, ALB_MULTI], ids=["rest", "alb_multi"])
def test_repeated_header_lines_are_every_value(source: Any) -> None:
    assert arguments(tagged, "/", "GET", "/", source, headers={"Tags": ["a", "b, c"]})["tags"] == [
        "a",
        "b",
        "c",
    ]


def test_a_repeated_header_line_gives_a_scalar_the_rest_api_value() -> None:
    def handler(x_key: Annotated[str, Header()]) -> None: ...

    # REST APIs put the last line in `headers`; Powertools refuses the list of lines instead.
    assert arguments(handler, "/", "GET", "/", REST, headers={"X-Key": ["a", "b"]}) == {"x_key": "b"}


def test_headers_and_cookies_by_name_alias_and_source() -> None:
    def handler(
        x_api_key: Annotated[str, Header()],
        raw_name: Annotated[str, Header(convert_underscores=False)] = "-",
        token: Annotated[str, Header(alias="X-Token")] = "-",
        session: Annotated[str, Cookie()] = "-",
    ) -> None: ...

    for source in (REST, HTTP, ALB):
        kwargs = arguments(
            handler, "/", "GET", "/", source,
            headers={"X-API-KEY": "k", "raw_name": "r", "x-token": "t"}, cookies=["session=s", "other=o"],
        )  # fmt: skip
        assert kwargs == {"x_api_key": "k", "raw_name": "r", "token": "t", "session": "s"}, source


def test_path_values_by_alias() -> None:
    def handler(ident: Annotated[int, Path(alias="item_id", ge=1)]) -> None: ...

    assert arguments(handler, "/items/<item_id>", "GET", "/items/7") == {"ident": 7}
    assert problems(handler, "/items/<item_id>", "GET", "/items/0") == [
        {"loc": ["path", "item_id"], "type": "greater_than_equal"}
    ]


def test_allow_inf_nan_false_refuses_them() -> None:
    def handler(ratio: Annotated[float, Query(allow_inf_nan=False)] = 0.5) -> None: ...

    assert problems(handler, "/", "GET", "/", query={"ratio": "inf"}) == [
        {"loc": ["query", "ratio"], "type": "finite_number"}
    ]
    assert arguments(handler, "/", "GET", "/", query={"ratio": "0.25"}) == {"ratio": 0.25}


def test_defaults_and_factories_are_used_as_they_are() -> None:
    def handler(
        tags: Annotated[list[str], Query(default_factory=list)],
        limit: Annotated[int, Query(le=10)] = 5,
        note: "str | None" = None,
    ) -> None: ...

    first = arguments(handler, "/", "GET", "/")
    second = arguments(handler, "/", "GET", "/")
    assert first == {"tags": [], "limit": 5, "note": None}
    assert first["tags"] is not second["tags"]


def test_forms_read_lists_and_first_values() -> None:
    def handler(
        name: Annotated[str, Form()],
        colors: Annotated[list[str], Form()] = [],  # noqa: B006
        size: Annotated[int, Form()] = 0,
    ) -> None: ...

    body = post("name=a&name=b&colors=red&colors=blue&size=3", "application/x-www-form-urlencoded")
    assert arguments(handler, "/", "POST", "/", **body) == {"name": "a", "colors": ["red", "blue"], "size": 3}


def multipart_body(parts: list[tuple[str, "str | None", bytes]], boundary: str = "XyZ") -> bytes:
    out = b""
    for name, filename, content in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + content + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


def upload(
    parts: list[tuple[str, "str | None", bytes]], content_type: str = "multipart/form-data; boundary=XyZ"
) -> Any:
    return post(base64.b64encode(multipart_body(parts)).decode(), content_type, is_base64=True)


def uploads(
    files: Annotated[list[UploadFile], File()],
    raw: Annotated[bytes, File()],
    extra: Annotated["UploadFile | None", File()] = None,
    captions: Annotated[list[str], Form()] = [],  # noqa: B006
) -> None: ...


def test_multipart_files_texts_and_lists() -> None:
    payload = bytes(range(256)) + b"\r\n--XyZ-not-a-boundary\r\n"
    parts = [("files", "a.bin", payload), ("files", "b.txt", b"b"), ("raw", "r.bin", b"raw")]
    parts.append(("captions", None, b"one"))
    kwargs = arguments(uploads, "/", "POST", "/", **upload(parts))
    assert [(f.filename, f.content) for f in kwargs["files"]] == [("a.bin", payload), ("b.txt", b"b")]
    assert kwargs["raw"] == b"raw"
    assert kwargs["extra"] is None
    assert kwargs["captions"] == ["one"]


def test_multipart_text_where_a_file_is_expected() -> None:
    parts = [("files", None, b"text"), ("raw", "r.bin", b"raw"), ("extra", None, b"text")]
    assert problems(uploads, "/", "POST", "/", **upload(parts)) == [
        {"loc": ["body", "files", 0], "type": "value_error"},
        {"loc": ["body", "extra"], "type": "value_error"},
    ]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (base64.b64encode(b"no parts at all").decode(), "multipart/form-data; boundary=XyZ"),
        (base64.b64encode(multipart_body([("raw", "r", b"x")])).decode(), "multipart/form-data"),
        (
            base64.b64encode(multipart_body([("raw", "r", b"x")])[:-9]).decode(),
            "multipart/form-data; boundary=XyZ",
        ),
    ],
    ids=["no-parts", "no-boundary", "truncated"],
)
def test_a_body_that_is_not_multipart_is_one_422(body: str, content_type: str) -> None:
    assert problems(uploads, "/", "POST", "/", **post(body, content_type, is_base64=True)) == [
        {"loc": ["body"], "type": "multipart_invalid"}
    ]


def test_multipart_without_base64_is_read_as_utf8_text() -> None:
    text = multipart_body([("raw", "r.txt", "grüße".encode()), ("files", "f", b"x")]).decode()
    kwargs = arguments(uploads, "/", "POST", "/", **post(text, "multipart/form-data; boundary=XyZ"))
    assert kwargs["raw"] == "grüße".encode()


class Calls:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> int:
        self.count += 1
        return self.count


def test_dependencies_nested_cached_per_invocation_with_the_request() -> None:
    counter = Calls()

    def counted() -> int:
        return counter()

    def user(request: Request, number: Annotated[int, Depends(counted)]) -> str:
        return f"{request.method}:{number}"

    def handler(
        who: Annotated[str, Depends(user)],
        again: Annotated[int, Depends(counted)],
        fresh: Annotated[int, Depends(counted, use_cache=False)],
        request: "Request | None" = None,
    ) -> None: ...

    plan = plan_for(handler, "/")
    first = plan.arguments(request_for("/", "GET", "/"))
    assert first == {"who": "GET:1", "again": 1, "fresh": 2, "request": first["request"]}
    assert isinstance(first["request"], Request)
    second = plan.arguments(request_for("/", "GET", "/"))
    assert (second["who"], second["again"], second["fresh"]) == ("GET:3", 3, 4)
    shared: dict[Any, Any] = {}
    plan.arguments(request_for("/", "GET", "/"), shared)
    assert shared == {counted: 5, user: "GET:5"}


def test_dependencies_read_and_validate_request_values() -> None:
    Pair = tuple[int, int]

    def paging(page: Annotated[int, Query(ge=1)] = 1, size: Annotated[int, Query(le=50)] = 10) -> Pair:
        return page, size

    def handler(
        paged: Annotated[Pair, Depends(paging)], also: Annotated[Pair, Depends(paging, use_cache=False)]
    ) -> None: ...

    assert arguments(handler, "/", "GET", "/", query={"page": "2"}) == {"paged": (2, 10), "also": (2, 10)}
    # read by two dependencies, each problem is listed once
    assert problems(handler, "/", "GET", "/", query={"page": "0", "size": "99"}) == [
        {"loc": ["query", "page"], "type": "greater_than_equal"},
        {"loc": ["query", "size"], "type": "less_than_equal"},
    ]


def test_a_failing_dependency_raises_dependency_resolution_error() -> None:
    def broken() -> str:
        raise KeyError("tenant")

    def handler(value: Annotated[str, Depends(broken)]) -> None: ...

    with pytest.raises(DependencyResolutionError) as caught:
        arguments(handler, "/", "GET", "/")
    assert str(caught.value) == "Failed to resolve dependency 'broken' for parameter 'value': 'tenant'"
    assert isinstance(caught.value.__cause__, KeyError)


def test_dependency_overrides_apply_as_the_mapping_changes() -> None:
    def real_db() -> str:
        return "real"

    def repo(db: Annotated[str, Depends(real_db)]) -> str:
        return f"repo({db})"

    def handler(store: Annotated[str, Depends(repo)]) -> None: ...

    overrides: dict[Any, Any] = {}
    plan = compile_plan(handler, "GET", "/", dependency_overrides=overrides)
    assert plan.arguments(request_for("/", "GET", "/")) == {"store": "repo(real)"}

    def fake_db(flavour: Annotated[str, Query()] = "fake") -> str:
        return flavour

    overrides[real_db] = fake_db
    assert plan.arguments(request_for("/", "GET", "/", query={"flavour": "mock"})) == {"store": "repo(mock)"}
    overrides[repo] = lambda: "stub"
    assert plan.arguments(request_for("/", "GET", "/")) == {"store": "stub"}
    overrides.clear()
    assert plan.arguments(request_for("/", "GET", "/")) == {"store": "repo(real)"}


def test_an_overridden_dependency_does_not_read_the_request_values_of_the_original() -> None:
    def strict(token: Annotated[str, Header()]) -> str:
        return token

    def handler(token: Annotated[str, Depends(strict)]) -> None: ...

    overrides: dict[Any, Any] = {strict: lambda: "test-token"}
    plan = compile_plan(handler, "GET", "/", dependency_overrides=overrides)
    assert plan.arguments(request_for("/", "GET", "/")) == {"token": "test-token"}


def test_models_group_query_parameters_and_headers() -> None:
    @dataclasses.dataclass
    class Paging:
        page: int = 1
        size: int = 10
        tags: list[str] = dataclasses.field(default_factory=list)

    class Trace(TypedDict):
        trace_id: str

    class Raw(TypedDict, total=False):
        raw_name: str

    def handler(
        paging: Annotated[Paging, Query()],
        trace: Annotated[Trace, Header()],
        raw: Annotated[Raw, Header(convert_underscores=False)],
    ) -> None: ...

    kwargs = arguments(
        handler,
        "/",
        "GET",
        "/",
        query={"page": "2", "tags": ["a", "b"]},
        headers={"Trace-Id": "t", "raw_name": "r"},
    )
    assert kwargs == {
        "paging": Paging(2, 10, ["a", "b"]),
        "trace": {"trace_id": "t"},
        "raw": {"raw_name": "r"},
    }
    assert problems(handler, "/", "GET", "/", query={"page": "x"}) == [
        {"loc": ["query", "paging", "page"], "type": "int_parsing"},
        {"loc": ["header", "trace", "trace-id"], "type": "missing"},
    ]

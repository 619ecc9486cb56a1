"""Route plans against the Powertools REST event handler with ``enable_validation=True``.

The typed app of ``typed_apps`` is built on both sides from the same code. Each request goes
through Powertools (``app.resolve``) and through apiway's route plan, driven with the
``Request`` apiway builds from the same real event (``plan.arguments``, the handler,
``plan.result``); the status and the body (the 422/415 ``detail`` as Powertools writes it,
``{"loc": [...], "type": ...}`` per problem) must be the same. The requests avoid the
deliberate differences (docs/migrating.md); tests/validation covers those.
"""

from __future__ import annotations

import base64
import json
import warnings
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
pytest.importorskip("pydantic", reason="the Powertools validation needs pydantic")

from compat.typed_apps import typed_routes
from support.events import ALB, HTTP, REST, EventSource


def apiway_markers() -> SimpleNamespace:
    from apiway import Response
    from apiway.depends import Depends
    from apiway.openapi import params
    from apiway.request import Request

    return SimpleNamespace(
        Query=params.Query, Path=params.Path, Header=params.Header, Cookie=params.Cookie, Body=params.Body,
        Form=params.Form, File=params.File, UploadFile=params.UploadFile, Depends=Depends, Request=Request,
        Response=Response,
    )  # fmt: skip


def powertools_markers() -> SimpleNamespace:
    from aws_lambda_powertools.event_handler import Response
    from aws_lambda_powertools.event_handler.depends import Depends
    from aws_lambda_powertools.event_handler.openapi import params
    from aws_lambda_powertools.event_handler.request import Request

    return SimpleNamespace(
        Query=params.Query, Path=params.Path, Header=params.Header, Cookie=params.Cookie, Body=params.Body,
        Form=params.Form, File=params.File, UploadFile=params.UploadFile, Depends=Depends, Request=Request,
        Response=Response,
    )  # fmt: skip


class PowertoolsSide:
    """The typed app on Powertools, for one event source."""

    def __init__(self, source: EventSource):
        from aws_lambda_powertools import event_handler

        resolvers = {
            "rest": event_handler.APIGatewayRestResolver,
            "http": event_handler.APIGatewayHttpResolver,
            "alb": event_handler.ALBResolver,
        }
        resolver = resolvers[source.kind]
        # apiway's ALBResolver decodes ALB query strings by default (docs/migrating.md, Query strings).
        extra = {"decode_query_parameters": True} if source.kind == "alb" else {}
        # A response that fails validation answers 500 on apiway (Powertools: 422 unless this is set).
        self.app = resolver(enable_validation=True, response_validation_error_http_code=500, **extra)
        for method, rule, func, options in typed_routes(powertools_markers()):
            self.app.route(rule, method, **options)(func)

    def answer(self, event: dict[str, Any]) -> tuple[int, Any]:
        from aws_lambda_powertools.event_handler.depends import DependencyResolutionError

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                response = self.app.resolve(event, SimpleNamespace(aws_request_id="test"))
            except DependencyResolutionError as exc:  # no handler: the resolver lets it out
                return 500, {"dependency_error": str(exc)}
        body = response["body"]
        return response["statusCode"], json.loads(body) if body else None


class ApiwaySide:
    """The typed app as apiway route plans, driven with the Request apiway builds for the event."""

    def __init__(self, source: EventSource):
        from apiway.validation.plan import compile_plan

        self.app = source.app()
        self.outcome: tuple[int, Any] | None = None
        for method, rule, func, options in typed_routes(apiway_markers()):
            plan = compile_plan(func, method, rule, options=options)
            self.app.route(rule, method)(self._runner(plan))

    def _runner(self, plan: Any) -> Any:
        def run(**route_args: Any) -> dict[str, Any]:
            self.outcome = outcome(plan, self.app._active_request())
            return {}

        return run

    def answer(self, event: dict[str, Any]) -> tuple[int, Any]:
        self.outcome = None
        response = self.app.resolve(event, None)
        assert self.outcome is not None, response
        return self.outcome


def outcome(plan: Any, request: Any) -> tuple[int, Any]:
    """What the validated route answers: its status and JSON body (422/415 as Powertools writes them)."""
    from apiway import Response
    from apiway.depends import DependencyResolutionError
    from apiway.openapi.exceptions import (
        RequestUnsupportedContentType,
        RequestValidationError,
        ResponseValidationError,
    )

    try:
        value = plan.result(plan.func(**plan.arguments(request)))
    except RequestValidationError as exc:
        return 422, {"statusCode": 422, "detail": detail(exc.errors())}
    except RequestUnsupportedContentType as exc:
        return 415, {"statusCode": 415, "detail": detail(exc.errors())}
    except ResponseValidationError as exc:
        return 500, {"statusCode": 500, "detail": detail(exc.errors())}
    except DependencyResolutionError as exc:
        return 500, {"dependency_error": str(exc)}
    if isinstance(value, Response):
        return value.status_code, json.loads(json.dumps(value.body))
    return plan.options["status_code"], json.loads(json.dumps(value))


def detail(errors: Any) -> list[dict[str, Any]]:
    return [{"loc": list(error["loc"]), "type": error["type"]} for error in errors]


def multipart(fields: list[tuple[str, str | None, bytes]], boundary: str = "b0undary") -> tuple[str, str]:
    """A base64 multipart body and its Content-Type, from (name, filename, content) parts."""
    chunks = []
    for name, filename, content in fields:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        if filename:
            head += "Content-Type: application/octet-stream\r\n"
        chunks.append(head.encode() + b"\r\n" + content + b"\r\n")
    body = b"".join(chunks) + f"--{boundary}--\r\n".encode()
    return base64.b64encode(body).decode(), f"multipart/form-data; boundary={boundary}"


JSON = {"Content-Type": "application/json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TODO = {"title": "write", "priority": 2, "tags": ["a"], "due": "2024-05-01"}
REF = "5b7b5a3c-3f0e-4c47-9e0d-2d8f6a1b9c11"
ORDER = {
    "id": REF,
    "total": "12.50",
    "address": {"street": "Main", "zip_code": "12345"},
    "lines": [TODO, {"title": "x"}],
}
BAD_ORDER = {
    **ORDER,
    "id": "1",
    "total": "a",
    "address": {"street": 1, "zip_code": "1"},
    "lines": [{"title": ""}, "x"],
    "color": "pink",
}
UPLOAD_OK, UPLOAD_TYPE = multipart(
    [("file", "a.txt", b"hello\x00\xff"), ("raw", "r.bin", b"\x01\x02"), ("caption", None, b"hi")]
)
UPLOAD_BAD, _ = multipart([("file", None, b"not a file"), ("caption", None, b"x")])

Row = tuple[str, str, str, dict[str, Any]]


def get(case: str, path: str, **fields: Any) -> Row:
    return (case, "GET", path, fields)


def query(case: str, path: str, **values: Any) -> Row:
    return (case, "GET", path, {"query": values})


def send(case: str, method: str, path: str, body: Any, headers: Any = JSON, **fields: Any) -> Row:
    text = body if body is None or isinstance(body, str) else json.dumps(body)
    return (case, method, path, {"headers": headers, "body": text, **fields})


REQUESTS: list[Row] = [
    get("path-ok", "/todos/12"),
    get("path-bad", "/todos/twelve"),
    query("query-all", "/todos/1", limit="5", color="green", size="2", since="2024-01-31", verbose="yes"),
    query("query-bad", "/todos/1", limit="0", color="blue", size="3", since="2024-13-01", verbose="maybe"),
    query("query-float-int", "/todos/1", limit="5.0"),
    query("query-too-big", "/todos/1", limit="101"),
    query("query-repeated-scalar", "/todos/1", limit=["1", "2"]),
    query("query-empty-value", "/todos/1", limit=""),
    query("query-bool-1", "/todos/1", verbose="1"),
    query("query-bool-off", "/todos/1", verbose="off"),
    query("query-bool-upper", "/todos/1", verbose="TRUE"),
    query("query-date-from-datetime", "/todos/1", since="2024-01-31T00:00:00"),
    query("query-int-enum-by-name", "/todos/1", size="small"),
    query("query-int-underscore", "/todos/1", limit="1_0"),
    get("search-missing", "/search"),
    query(
        "search-ok",
        "/search",
        q="abc",
        ids=["1", "2", "3"],
        kind="b",
        ratio="0.25",
        ref=REF,
        amount="1.50",
        at="2024-01-02T03:04:05Z",
    ),
    query(
        "search-bad",
        "/search",
        q="A",
        ids=["1", "x"],
        kind="c",
        ratio="1",
        ref="nope",
        amount="abc",
        at="yesterday",
    ),
    query("search-pattern", "/search", q="ab1"),
    query("search-too-long", "/search", q="abcdefghijkl"),
    query("search-empty", "/search", q=""),
    query("search-comma-scalar", "/search", q="a,b"),
    query("search-one-id", "/search", q="ab", ids="7"),
    query("search-nan", "/search", q="ab", ratio="nan"),
    query("search-decimal-exponent", "/search", q="ab", amount="1e5"),
    query("search-uuid-hex", "/search", q="ab", ref=REF.replace("-", "").upper()),
    query("search-datetime-offset", "/search", q="ab", at="2024-01-02T03:04:05-02:00"),
    query("search-datetime-epoch", "/search", q="ab", at="1700000000"),
    query("list-repeated", "/tags", ids=["1", "2"]),
    get(
        "headers-ok",
        "/headers",
        headers={"X-Api-Key": "secret", "X-Count": "3", "User-Agent": "curl", "X-Token": "t"},
        cookies=["session=s1", "theme=dark"],
    ),
    get("headers-missing", "/headers", headers={"X-Count": "x"}),
    get("headers-short", "/headers", headers={"x-api-key": "ab"}, cookies=["theme=blue"]),
    get("headers-any-case", "/headers", headers={"X-API-KEY": "abcd"}),
    get("headers-cookie-without-value", "/headers", headers={"x-api-key": "abc"}, cookies=["session"]),
    send("body-ok", "POST", "/todos", TODO),
    send("body-no-content-type", "POST", "/todos", {"title": "t"}, headers={}),
    send(
        "body-charset",
        "POST",
        "/todos",
        {"title": "t"},
        headers={"Content-Type": "application/json; charset=utf-8"},
    ),
    send(
        "body-invalid",
        "POST",
        "/todos",
        {"title": "", "priority": 9, "done": "perhaps", "tags": "x", "due": "no"},
    ),
    send("body-missing", "POST", "/todos", None),
    send("body-empty", "POST", "/todos", ""),
    send("body-null", "POST", "/todos", "null"),
    send("body-empty-object", "POST", "/todos", {}),
    send("body-not-object", "POST", "/todos", 42),
    send("body-list", "POST", "/todos", [1]),
    send("body-bad-json", "POST", "/todos", '{"title": "x",'),
    send("body-bad-json-quotes", "POST", "/todos", "{'title': 1}"),
    send("body-whitespace", "POST", "/todos", "   "),
    send("body-415", "POST", "/todos", "hello", headers={"Content-Type": "text/plain"}),
    send("body-form-to-json-route", "POST", "/todos", "title=x", headers=FORM),
    send("body-base64", "POST", "/todos", base64.b64encode(b'{"title": "b64"}').decode(), is_base64=True),
    send("order-ok", "PUT", f"/orders/{REF}", ORDER),
    send("order-bad", "PUT", "/orders/x", BAD_ORDER),
    send("pet-ok", "POST", "/pets", {"name": "rex", "age": "3", "kind": "dog"}),
    send("pet-bad", "POST", "/pets", {"name": "r", "age": -1, "kind": "cow"}),
    send("pet-extra-key", "POST", "/pets", {"name": "rex", "age": 1, "extra": 1}),
    send("pet-float-age", "POST", "/pets", {"name": "rex", "age": 1.5}),
    send("embedded-ok", "POST", "/embedded", {"todo": TODO}),
    send("embedded-flat", "POST", "/embedded", TODO),
    send("many-ok", "POST", "/many-bodies", {"name": "ab", "count": "2"}),
    send("many-bad", "POST", "/many-bodies", {"name": "a", "count": -1}),
    send("many-missing", "POST", "/many-bodies", {}),
    send("many-null-body", "POST", "/many-bodies", "null"),
    send("many-null-field", "POST", "/many-bodies", {"name": None, "count": 1}),
    send("form-ok", "POST", "/form", "username=alice&age=30&colors=red&colors=blue", headers=FORM),
    send("form-bad", "POST", "/form", "username=al&age=12", headers=FORM),
    send("form-missing", "POST", "/form", "", headers=FORM),
    send("form-blank-values", "POST", "/form", "username=&age=", headers=FORM),
    send("form-as-json", "POST", "/form", {"username": "alice", "age": 20}),
    send("upload-ok", "POST", "/upload", UPLOAD_OK, headers={"Content-Type": UPLOAD_TYPE}, is_base64=True),
    send("upload-bad", "POST", "/upload", UPLOAD_BAD, headers={"Content-Type": UPLOAD_TYPE}, is_base64=True),
    get(
        "grouped-ok",
        "/grouped",
        query={"limit": "5", "tags": ["a", "b"], "fullName": "Ada"},
        headers={"X-Request-Id": "r1", "User-Agent": "curl"},
    ),
    get("grouped-bad", "/grouped", query={"limit": "500"}),
    get("grouped-repeated-scalar", "/grouped", query={"limit": ["1", "2"]}, headers={"x-request-id": "r"}),
    get("path-alias-ok", "/items/7"),
    get("path-alias-bad", "/items/0"),
    get("deps", "/deps/thing"),
    get("deps-failing", "/failing"),
    get("answer-good", "/answer/good"),
    get("answer-dict", "/answer/dict"),
    get("answer-bad", "/answer/bad"),
    get("wrapped-good", "/wrapped/good"),
    get("wrapped-bad", "/wrapped/bad"),
    get("plain", "/plain"),
]

SOURCES = [REST, HTTP, ALB]


@pytest.fixture(scope="module")
def sides() -> dict[str, tuple[PowertoolsSide, ApiwaySide]]:
    return {source.name: (PowertoolsSide(source), ApiwaySide(source)) for source in SOURCES}


@pytest.mark.parametrize("source", SOURCES, ids=[source.name for source in SOURCES])
@pytest.mark.parametrize(("case", "method", "path", "fields"), REQUESTS, ids=[row[0] for row in REQUESTS])
def test_same_answer_as_powertools(
    sides: dict[str, tuple[PowertoolsSide, ApiwaySide]],
    source: EventSource,
    case: str,
    method: str,
    path: str,
    fields: dict[str, Any],
) -> None:
    theirs, ours = sides[source.name]
    event = source.event(method, path, **fields)
    expected = theirs.answer(json.loads(json.dumps(event)))
    assert ours.answer(event) == expected


def missing(*loc: Any) -> dict[str, Any]:
    return {"loc": list(loc), "type": "missing"}


def unprocessable(*problems: tuple[list[Any], str]) -> tuple[int, Any]:
    return 422, {"statusCode": 422, "detail": [{"loc": loc, "type": kind} for loc, kind in problems]}


CREATED = (201, {"title": "t", "priority": 3, "done": False, "tags": [], "due": None})
UNSUPPORTED = (415, {"statusCode": 415, "detail": [{"loc": ["body"], "type": "unsupported_content_type"}]})
NO_TAGS: dict[str, Any] = {"x_tags": [], "ids": []}

# Where apiway answers differently on purpose (docs/migrating.md, "Typed parameters and
# validation"): (id, source, request, apiway's answer, Powertools' answer).
DELIBERATE: list[tuple[str, EventSource, Row, Any, Any]] = [
    (
        "json-media-type-any-case", REST,
        send("-", "POST", "/todos", {"title": "t"}, headers={"Content-Type": "Application/JSON"}),
        CREATED, UNSUPPORTED,
    ),
    (
        "json-media-type-suffix", HTTP,
        send("-", "POST", "/todos", {"title": "t"}, headers={"Content-Type": "application/merge-patch+json"}),
        CREATED, UNSUPPORTED,
    ),
    (
        "invalid-json-with-other-problems", REST,
        send("-", "POST", "/todos", '{"title": ', query={"dry_run": "perhaps"}),
        unprocessable((["query", "dry_run"], "bool_parsing"), (["body", 10], "json_invalid")),
        unprocessable((["body", 10], "json_invalid")),
    ),
    (
        "multipart-without-boundary", REST,
        send("-", "POST", "/upload", "eA==", headers={"Content-Type": "multipart/form-data"}, is_base64=True),
        unprocessable((["body"], "multipart_invalid")), ("raised", "ValueError"),
    ),
    (
        "embedded-body-not-an-object", REST, send("-", "POST", "/embedded", [1]),
        (422, {"statusCode": 422, "detail": [missing("body", "todo")]}),
        (422, {"statusCode": 422, "detail": [missing("body", "todo"), missing("body", "todo")]}),
    ),
    (
        "list-query-not-split-at-commas", HTTP, query("-", "/tags", ids="1,2"),
        unprocessable((["query", "ids", 0], "int_parsing")), (200, {**NO_TAGS, "ids": [1, 2]}),
    ),
    (
        "list-header-split-at-commas", REST, get("-", "/tags", headers={"X-Tags": "a, b,c"}),
        (200, {**NO_TAGS, "x_tags": ["a", "b", "c"]}), (200, {**NO_TAGS, "x_tags": ["a, b,c"]}),
    ),
    (
        "list-header-alb-single-value", ALB, get("-", "/tags", headers={"X-Tags": "a"}),
        (200, {**NO_TAGS, "x_tags": ["a"]}), unprocessable((["header", "x-tags"], "list_type")),
    ),
    (
        "repeated-header-line-for-a-scalar", REST,
        get("-", "/headers", headers={"X-Api-Key": ["abc", "def"]}),
        (200, {"x_api_key": "def", "x_count": 1, "user_agent": None, "token": None, "session": None,
               "theme": "light"}),
        unprocessable((["header", "x-api-key"], "string_type")),
    ),
    (
        "dependency-reads-the-query", REST, query("-", "/paged", page="3"),
        (200, {"page": 3}), (200, {"page": 1}),
    ),
]  # fmt: skip


def answer_or_error(side: Any, event: dict[str, Any]) -> Any:
    try:
        return side.answer(event)
    except Exception as exc:  # noqa: BLE001 - the reference lets some errors out of resolve()
        return ("raised", type(exc).__name__)


@pytest.mark.parametrize(
    ("case", "source", "row", "apiway", "powertools"), DELIBERATE, ids=[r[0] for r in DELIBERATE]
)
def test_deliberate_differences(
    sides: dict[str, tuple[PowertoolsSide, ApiwaySide]],
    case: str,
    source: EventSource,
    row: Row,
    apiway: Any,
    powertools: Any,
) -> None:
    theirs, ours = sides[source.name]
    _, method, path, fields = row
    event = source.event(method, path, **fields)
    assert answer_or_error(theirs, json.loads(json.dumps(event))) == powertools
    assert answer_or_error(ours, event) == apiway

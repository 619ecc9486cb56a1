"""The WSGI adapter, checked by wsgiref's own WSGI compliance validator."""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
from typing import Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest

from apiway.local.context import LambdaContext
from apiway.local.wsgi import (
    LambdaWSGIApp,
    UnreadableBodyError,
    environ_body,
    environ_headers,
    environ_target,
    to_wsgi,
)

from .apps import BIG, ONE_COOKIE, PNG, SOURCES, make_app


class Result:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes):
        self.status = status
        self.status_code = int(status.split(" ", 1)[0])
        self.headers = headers
        self.body = body

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]


def call(app: Any, method: str = "GET", path: str = "/", body: bytes = b"", **environ: Any) -> Result:
    """One request through the (validated) WSGI app."""
    env: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "wsgi.input": io.BytesIO(body),
    }
    if body:
        env["CONTENT_LENGTH"] = str(len(body))
    env.update(environ)
    setup_testing_defaults(env)
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured["status"], captured["headers"] = status, headers
        return lambda data: None

    chunks = validator(app)(env, start_response)
    try:
        data = b"".join(chunks)
    finally:
        chunks.close()  # type: ignore[attr-defined]
    return Result(captured["status"], captured["headers"], data)


@pytest.mark.parametrize("source", SOURCES)
def test_routes_json_and_status(source: str) -> None:
    app = to_wsgi(make_app(source), source=source)
    result = call(app, "GET", "/todos/1")
    assert result.status == "200 OK"
    assert json.loads(result.body) == {"id": "1", "title": "write docs"}
    assert result.header("Content-Length") == str(len(result.body))
    assert call(app, "GET", "/todos/9").status_code == 404
    assert call(app, "DELETE", "/todos").status_code == 405


@pytest.mark.parametrize("source", SOURCES)
def test_post_json_and_binary_echo(source: str) -> None:
    app = to_wsgi(make_app(source), source=source)
    created = call(app, "POST", "/todos", b'{"title": "t"}', CONTENT_TYPE="application/json")
    assert created.status == "201 Created"
    echoed = call(app, "POST", "/echo", PNG, CONTENT_TYPE="image/png")
    assert echoed.body == PNG
    assert echoed.header("X-Base64") == "True"


@pytest.mark.parametrize("source", SOURCES)
def test_gzip_and_cookies(source: str) -> None:
    app = to_wsgi(make_app(source), source=source)
    zipped = call(app, "GET", "/big", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped.header("Content-Encoding") == "gzip"
    assert json.loads(gzip.decompress(zipped.body)) == BIG
    cookies = call(app, "GET", "/cookies").all("Set-Cookie")
    assert cookies == (["theme=dark"] if source in ONE_COOKIE else ["session=abc123", "theme=dark"])


def test_path_is_encoded_again_from_path_info_and_raw_uri_wins() -> None:
    assert environ_target({"PATH_INFO": "/files/a b", "QUERY_STRING": "x=1"}) == ("/files/a%20b", "x=1")
    assert environ_target({"PATH_INFO": "/files/\xc3\xa9"}) == ("/files/%C3%A9", "")  # WSGI bytes-as-latin-1
    raw = {"RAW_URI": "/files/a%2Fb?x=%20", "PATH_INFO": "/files/a/b"}
    assert environ_target(raw) == ("/files/a%2Fb", "x=%20")
    assert environ_target({"REQUEST_URI": "http://h:1/p?q"}) == ("/p", "q")
    app = to_wsgi(make_app("rest"))
    assert json.loads(call(app, "GET", "/files/a/b", RAW_URI="/files/a%2Fb").body) == {"name": "a/b"}


def test_the_query_is_query_string_when_the_raw_target_leaves_it_out() -> None:
    """werkzeug's test client (and so Schemathesis' WSGI runs) sets REQUEST_URI and RAW_URI to
    the path alone: the query still comes from QUERY_STRING."""
    werkzeug_like = {
        "RAW_URI": "/todos",
        "REQUEST_URI": "/todos",
        "PATH_INFO": "/todos",
        "QUERY_STRING": "a=1",
    }
    assert environ_target(werkzeug_like) == ("/todos", "a=1")
    assert environ_target({"REQUEST_URI": "/p?q=raw"}) == ("/p", "q=raw")  # no QUERY_STRING at all
    app = to_wsgi(make_app("rest"))
    answer = json.loads(call(app, "GET", "/echo", RAW_URI="/echo", QUERY_STRING="q=apiway&tag=a&tag=b").body)
    assert answer["query"] == {"q": ["apiway"], "tag": ["a", "b"]}


def test_headers_rebuilt_from_the_environ_or_taken_raw() -> None:
    env = {
        "HTTP_X_API_KEY": "k",
        "CONTENT_TYPE": "text/plain",
        "CONTENT_LENGTH": "",
        "HTTP_X_UTF8": "\xc3\xa9",
    }
    assert sorted(environ_headers(env)) == [
        ("Content-Type", "text/plain"),
        ("X-Api-Key", "k"),
        ("X-Utf8", "é"),
    ]
    raw = [("X-Multi", "one"), ("x-multi", "two")]
    assert environ_headers({"apiway.headers": raw}) == raw


def test_repeated_headers_reach_the_app_as_multi_value() -> None:
    app = to_wsgi(make_app("alb"), source="alb-multi")
    result = call(app, "GET", "/echo", **{"apiway.headers": [("X-Multi", "one"), ("X-Multi", "two")]})
    assert json.loads(result.body)["x_multi"] == "one, two"


def test_head_sends_no_body_and_204_no_length() -> None:
    app = to_wsgi(make_app("http"))
    head = call(app, "HEAD", "/todos")
    assert head.status_code == 200
    assert head.body == b""
    assert head.header("Content-Length") is None  # the resolver sends no body: length unknown
    empty = call(app, "GET", "/multi")
    assert empty.status_code == 204
    assert empty.header("Content-Length") is None
    assert empty.all("X-Multi") == ["one, two"]  # HTTP APIs have one value per header


def test_multi_value_response_headers_for_rest() -> None:
    result = call(to_wsgi(make_app("rest")), "GET", "/multi")
    assert result.all("X-Multi") == ["one", "two"]


def test_plain_handler_and_lambda_context() -> None:
    seen: dict[str, Any] = {}

    def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        seen["event"], seen["context"] = event, context
        return {
            "statusCode": 200,
            "headers": {"Connection": "close", "Content-Length": "999", "X-Ok": "1"},
            "body": "hi",
        }

    result = call(to_wsgi(handler, source="http", stage="v1"), "GET", "/x", QUERY_STRING="a=1")
    assert result.body == b"hi"
    assert result.header("X-Ok") == "1"
    assert result.header("Connection") is None  # hop-by-hop headers belong to the server
    assert result.header("Content-Length") == "2"
    event, context = seen["event"], seen["context"]
    assert event["rawPath"] == "/v1/x"
    assert event["queryStringParameters"] == {"a": "1"}
    assert context.aws_request_id == event["requestContext"]["requestId"]
    assert context.function_name == "apiway-local"
    assert context.memory_limit_in_mb == 128
    assert context.invoked_function_arn.endswith(":function:apiway-local")
    assert 0 < context.get_remaining_time_in_millis() <= 30_000


def test_malformed_response_is_a_502_with_the_reason(caplog: pytest.LogCaptureFixture) -> None:
    app = to_wsgi(lambda event, context: {"statusCode": 200, "body": {"not": "a string"}})
    with caplog.at_level(logging.ERROR, "apiway.local"):
        result = call(app, "GET", "/")
    assert result.status == "502 Bad Gateway"
    assert json.loads(result.body) == {
        "message": "Internal server error",
        "detail": "Malformed Lambda proxy response: 'body' must be a string, not dict",
    }
    assert "malformed Lambda proxy response" in caplog.text


def test_handler_exception_is_a_502_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        raise KeyError("oops")

    with caplog.at_level(logging.ERROR, "apiway.local"):
        result = call(to_wsgi(handler), "GET", "/")
    assert result.status_code == 502
    assert json.loads(result.body)["message"] == "Internal server error"
    assert "KeyError" in caplog.text


def test_unhandled_route_exception_is_the_apps_own_500() -> None:
    result = call(to_wsgi(make_app("rest")), "GET", "/boom")
    assert result.status_code == 500
    assert b"secret detail" not in result.body


def test_source_is_inferred_and_mismatches_refused() -> None:
    assert to_wsgi(make_app("http")).source == "http"
    assert to_wsgi(make_app("alb")).source == "alb"
    assert to_wsgi(make_app("alb"), source="alb-multi").source == "alb-multi"
    assert to_wsgi(lambda e, c: {}).source == "rest"
    with pytest.raises(ValueError, match="APIGatewayRestResolver reads rest events, not 'http'"):
        to_wsgi(make_app("rest"), source="http")
    with pytest.raises(ValueError, match="unknown event source"):
        to_wsgi(make_app("rest"), source="graphql")
    with pytest.raises(ValueError, match="no stages"):
        to_wsgi(make_app("alb"), stage="prod")
    with pytest.raises(TypeError, match="cannot serve int"):
        to_wsgi(42)


def test_public_alias_and_repr() -> None:
    from apiway.wsgi import to_wsgi as public

    app = public(make_app("rest"))
    assert isinstance(app, LambdaWSGIApp)
    assert "source=rest" in repr(app)


def test_head_gives_the_get_length_a_handler_tells() -> None:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        if event["path"] == "/declared":  # answers HEAD itself, declaring the GET length
            return {"statusCode": 200, "headers": {"Content-Length": "1234"}, "body": ""}
        return {"statusCode": 200, "body": "the GET body"}

    app = to_wsgi(handler)
    head = call(app, "HEAD", "/")
    assert (head.body, head.header("Content-Length")) == (b"", "12")
    declared = call(app, "HEAD", "/declared")
    assert (declared.body, declared.all("Content-Length")) == (b"", ["1234"])
    assert call(app, "GET", "/declared").all("Content-Length") == ["0"]  # GET: the body's own


def test_an_app_mounted_under_a_prefix_routes_path_info() -> None:
    app = to_wsgi(make_app("rest"))
    mounted = call(app, "GET", "/todos/1", SCRIPT_NAME="/api")
    assert json.loads(mounted.body) == {"id": "1", "title": "write docs"}
    echo = json.loads(call(app, "GET", "/echo", SCRIPT_NAME="/api", QUERY_STRING="a=1").body)
    assert (echo["path"], echo["query"]) == ("/echo", {"a": ["1"]})
    # the raw request target (gunicorn's RAW_URI) still holds the prefix: it is cut off
    raw = {"SCRIPT_NAME": "/api", "RAW_URI": "/api/files/a%2Fb?x=1"}
    assert json.loads(call(app, "GET", "/files/a/b", **raw).body) == {"name": "a/b"}


def test_a_mounted_app_behind_a_dispatcher() -> None:
    from wsgiref.util import shift_path_info

    inner = to_wsgi(make_app("http"))

    def dispatcher(environ: dict[str, Any], start_response: Any) -> Any:
        if shift_path_info(environ) == "api":  # moves /api from PATH_INFO to SCRIPT_NAME
            return inner(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not mounted"]

    result = call(dispatcher, "GET", "/api/todos/1")
    assert json.loads(result.body) == {"id": "1", "title": "write docs"}
    assert call(dispatcher, "GET", "/todos/1").status_code == 404


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"SCRIPT_NAME": "/api", "PATH_INFO": "/a b"}, ("/a%20b", "")),
        ({"SCRIPT_NAME": "/api", "PATH_INFO": ""}, ("/", "")),
        ({"SCRIPT_NAME": "/api", "RAW_URI": "/api"}, ("/", "")),
        ({"SCRIPT_NAME": "/api/", "RAW_URI": "/api/x"}, ("/x", "")),
        ({"SCRIPT_NAME": "/my api", "RAW_URI": "/my%20api/x%2Fy?q"}, ("/x%2Fy", "q")),
        ({"SCRIPT_NAME": "/caf\xc3\xa9", "RAW_URI": "/caf%C3%A9/x"}, ("/x", "")),
        # /apiv2 is not under /api: a segment boundary is needed
        ({"SCRIPT_NAME": "/api", "RAW_URI": "/apiv2/x", "PATH_INFO": "/x"}, ("/x", "")),
        # a proxy rewrote the path: the raw target does not hold the prefix, PATH_INFO rules
        ({"SCRIPT_NAME": "/api", "RAW_URI": "/other/x?q=1", "PATH_INFO": "/x"}, ("/x", "q=1")),
    ],
)
def test_environ_target_under_a_mount_point(environ: dict[str, str], expected: tuple[str, str]) -> None:
    assert environ_target(environ) == expected


def test_request_bodies_by_length_terminated_input_or_refused() -> None:
    def environ(body: bytes, **extra: Any) -> dict[str, Any]:
        return {"wsgi.input": io.BytesIO(body), **extra}

    assert environ_body(environ(b"abcdef", CONTENT_LENGTH="3")) == b"abc"
    assert environ_body(environ(b"abc")) == b""
    # gunicorn decodes a chunked body and says so with wsgi.input_terminated
    decoded = environ(b"all of it", HTTP_TRANSFER_ENCODING="chunked", **{"wsgi.input_terminated": True})
    assert environ_body(decoded) == b"all of it"
    with pytest.raises(UnreadableBodyError, match="chunked request bodies") as undecoded:
        environ_body(environ(b"2\r\nhi\r\n0\r\n\r\n", HTTP_TRANSFER_ENCODING="chunked"))
    assert undecoded.value.status == 411
    with pytest.raises(UnreadableBodyError, match="invalid Content-Length '-1'") as invalid:
        environ_body(environ(b"x", CONTENT_LENGTH="-1"))
    assert invalid.value.status == 400


def test_unreadable_bodies_are_answered_before_the_handler_runs() -> None:
    calls = []

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        calls.append(event)
        return {"statusCode": 200, "body": ""}

    env = {"HTTP_TRANSFER_ENCODING": "chunked"}
    result = call(to_wsgi(handler), "POST", "/", b"", **env)
    assert result.status == "411 Length Required"
    assert json.loads(result.body)["message"] == "Length Required"
    assert calls == []


@pytest.mark.parametrize(
    ("app", "message"),
    [
        (LambdaContext, "cannot serve LambdaContext: it is a class; serve an instance of it"),
        (lambda: None, "cannot serve <lambda>: it takes (); a Lambda handler takes (event, context)"),
        (lambda event, context, extra: None, "it takes (event, context, extra)"),
        (lambda environ, start_response: [], "that is a WSGI application"),
        ("app.py", "cannot serve str: expected a resolver"),
    ],
)
def test_what_is_not_a_resolver_or_handler_is_refused(app: Any, message: str) -> None:
    with pytest.raises(TypeError, match=re.escape(message)):
        to_wsgi(app)


def test_handlers_that_take_more_are_still_served() -> None:
    def handler(event: dict[str, Any], context: Any = None, *rest: Any, **options: Any) -> dict[str, Any]:
        return {"statusCode": 204}

    assert call(to_wsgi(handler), "GET", "/").status_code == 204
    assert call(to_wsgi(print), "GET", "/").status_code == 502  # print(event, context): None

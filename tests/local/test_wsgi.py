"""The WSGI adapter, checked by wsgiref's own WSGI compliance validator."""

from __future__ import annotations

import gzip
import io
import json
import logging
from typing import Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest

from apiway.local.context import LambdaContext
from apiway.local.wsgi import LambdaWSGIApp, environ_headers, environ_target, to_wsgi

from .apps import BIG, PNG, SOURCES, make_app


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
    assert cookies == (["theme=dark"] if source == "alb" else ["session=abc123", "theme=dark"])


def test_path_is_encoded_again_from_path_info_and_raw_uri_wins() -> None:
    assert environ_target({"PATH_INFO": "/files/a b", "QUERY_STRING": "x=1"}) == ("/files/a%20b", "x=1")
    assert environ_target({"PATH_INFO": "/files/\xc3\xa9"}) == ("/files/%C3%A9", "")  # WSGI bytes-as-latin-1
    raw = {"RAW_URI": "/files/a%2Fb?x=%20", "PATH_INFO": "/files/a/b"}
    assert environ_target(raw) == ("/files/a%2Fb", "x=%20")
    assert environ_target({"REQUEST_URI": "http://h:1/p?q"}) == ("/p", "q")
    app = to_wsgi(make_app("rest"))
    assert json.loads(call(app, "GET", "/files/a/b", RAW_URI="/files/a%2Fb").body) == {"name": "a/b"}


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

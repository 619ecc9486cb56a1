"""What handlers return, end to end: Response, tuples, text, bytes, compression, caching."""

from __future__ import annotations

import base64
import enum
import gzip
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from apiway import Response, content_types
from apiway.cookies import Cookie, SameSite
from apiway.exceptions import BadRequestError
from support.events import EventSource, each_source
from support.responses import body_bytes, header, header_tokens, header_values, json_body, set_cookies


def returning(source: EventSource, result: Any, **route_options: Any) -> dict[str, Any]:
    app = source.app()

    @app.get("/thing", **route_options)
    def thing() -> Any:
        return result() if callable(result) else result

    return source.request(app, "GET", "/thing")


@each_source
def test_dict_is_compact_json(source: EventSource) -> None:
    response = returning(source, {"a": 1, "b": [True, None], "c": "é"})
    assert response["statusCode"] == 200
    assert response["body"] == '{"a":1,"b":[true,null],"c":"\\u00e9"}'
    assert header(response, "Content-Type") == "application/json"


@each_source
def test_list_is_json(source: EventSource) -> None:
    assert returning(source, [1, 2, 3])["body"] == "[1,2,3]"


@each_source
def test_decimal_keeps_its_precision(source: EventSource) -> None:
    response = returning(
        source, {"price": Decimal("19.990"), "big": Decimal("12345678901234567890.123456789")}
    )
    assert json_body(response) == {"price": "19.990", "big": "12345678901234567890.123456789"}


@each_source
def test_tuple_sets_the_status(source: EventSource) -> None:
    response = returning(source, ({"created": True}, 201))
    assert response["statusCode"] == 201
    assert json_body(response) == {"created": True}


@each_source
def test_tuple_with_a_response(source: EventSource) -> None:
    response = returning(source, (Response(200, "text/plain", "made"), 202))
    assert response["statusCode"] == 202
    assert response["body"] == "made"


@each_source
def test_str_is_sent_as_is(source: EventSource) -> None:
    response = returning(source, "plain words")
    assert response["statusCode"] == 200
    assert response["body"] == "plain words"
    assert response["isBase64Encoded"] is False


@each_source
def test_bytes_are_base64(source: EventSource) -> None:
    response = returning(source, b"\x00\xffbinary")
    assert response["isBase64Encoded"] is True
    assert body_bytes(response) == b"\x00\xffbinary"
    assert header(response, "Content-Type") == "application/octet-stream"


@each_source
@pytest.mark.parametrize(
    ("result", "status", "body", "content_type"),
    [
        ("plain text", 200, "plain text", "application/json"),
        (b"\x01\x02", 200, "AQI=", "application/octet-stream"),
        (({"a": 1}, 202), 202, '{"a":1}', "application/json"),
        ((["x"], 400, {"X-Extra": "1"}), 400, '["x"]', "application/json"),
        (None, 200, "null", "application/json"),
    ],
)
def test_handler_results_become_responses(
    source: EventSource, result: Any, status: int, body: str, content_type: str
) -> None:
    response = returning(source, result)
    assert (response["statusCode"], response["body"]) == (status, body)
    assert header(response, "Content-Type") == content_type
    if isinstance(result, tuple) and len(result) == 3:
        assert header(response, "X-Extra") == "1"


@each_source
def test_response_headers_str_and_list(source: EventSource) -> None:
    result = Response(
        200,
        content_types.APPLICATION_JSON,
        {"ok": True},
        headers={"X-Transaction-Id": "tx-1", "X-Tags": ["a", "b"]},
    )
    response = returning(source, result)
    assert json_body(response) == {"ok": True}
    assert header(response, "X-Transaction-Id") == "tx-1"
    assert header_tokens(response, "X-Tags") == ["a", "b"]
    if "multiValueHeaders" in response:
        assert header_values(response, "X-Tags") == ["a", "b"]
    else:
        assert header_values(response, "X-Tags") == ["a, b"]


@each_source
@pytest.mark.parametrize("content_type", ["text/plain", "application/json", None])
def test_response_without_a_body_answers_an_empty_body(source: EventSource, content_type: str | None) -> None:
    response = returning(source, lambda: Response(status_code=200, content_type=content_type))
    assert response["statusCode"] == 200
    assert response["body"] == ""
    assert header(response, "Content-Type") == content_type


@each_source
def test_none_returned_by_a_handler_is_json_null(source: EventSource) -> None:
    response = returning(source, None)
    assert (response["body"], header(response, "Content-Type")) == ("null", "application/json")


@each_source
@pytest.mark.parametrize(("body", "text"), [({"a": 1}, '{"a":1}'), ([1, "b"], '[1,"b"]'), (7, "7")])
def test_response_body_without_a_content_type_is_json(source: EventSource, body: Any, text: str) -> None:
    response = returning(source, lambda: Response(status_code=200, body=body))
    assert response["statusCode"] == 200
    assert response["body"] == text
    assert header(response, "Content-Type") == "application/json"


@each_source
def test_response_dict_body_with_another_content_type_is_refused(source: EventSource) -> None:
    # Only the handler knows how to write a dict as text/csv: a logged 500, not a guess.
    response = returning(source, lambda: Response(200, "text/csv", {"a": 1}))
    assert response["statusCode"] == 500


def test_response_is_subscriptable_like_a_generic() -> None:
    def handler() -> Response[str]:
        return Response[str](200, "text/plain", "typed")

    assert handler().body == "typed"
    assert Response[dict[str, int]].__origin__ is Response


@each_source
def test_response_content_type_header_wins(source: EventSource) -> None:
    result = Response(200, "text/plain", "<x/>", headers={"Content-Type": "application/xml"})
    response = returning(source, result)
    assert header(response, "Content-Type") == "application/xml"


@each_source
def test_cookies(source: EventSource) -> None:
    result = Response(
        200,
        "text/plain",
        "ok",
        cookies=[
            Cookie("session_id", "12345"),
            Cookie("pref", "dark", secure=False, http_only=True, same_site=SameSite.LAX_MODE, path="/"),
        ],
    )
    response = returning(source, result)
    expected = ["session_id=12345; Secure", "pref=dark; Path=/; HttpOnly; SameSite=Lax"]
    if source.one_cookie:
        # one value per header: one Set-Cookie header only, the last cookie
        assert set_cookies(response) == expected[-1:]
    else:
        assert set_cookies(response) == expected


@each_source
def test_binary_response(source: EventSource) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    response = returning(source, Response(200, "image/png", png))
    assert response["isBase64Encoded"] is True
    assert base64.b64decode(response["body"]) == png
    assert header(response, "Content-Type") == "image/png"


# -- custom serializer -----------------------------------------------------------------------------
class Color(enum.Enum):
    RED = "red"


@dataclass
class Todo:
    id: str
    color: Color


def enum_aware_dumps(value: Any) -> str:
    def default(obj: Any) -> Any:
        if isinstance(obj, enum.Enum):
            return obj.value
        if isinstance(obj, Todo):
            return {"id": obj.id, "color": obj.color}
        raise TypeError(type(obj).__name__)

    return json.dumps(value, separators=(",", ":"), default=default, sort_keys=True)


@each_source
def test_custom_serializer(source: EventSource) -> None:
    app = source.app(serializer=enum_aware_dumps)

    @app.get("/todos")
    def todos() -> dict[str, Any]:
        return {"todos": [Todo("1", Color.RED)], "b": 1}

    @app.get("/error")
    def error() -> dict[str, Any]:
        raise BadRequestError("nope")

    response = source.request(app, "GET", "/todos")
    assert response["body"] == '{"b":1,"todos":[{"color":"red","id":"1"}]}'
    # error bodies go through the same serializer
    assert source.request(app, "GET", "/error")["body"] == '{"message":"nope","statusCode":400}'


# -- compression -----------------------------------------------------------------------------------
BIG = {"todos": [{"id": i, "title": "write more tests", "completed": False} for i in range(50)]}


def compress_app(source: EventSource) -> Any:
    app = source.app()

    @app.get("/todos", compress=True)
    def todos() -> dict[str, Any]:
        return BIG

    @app.get("/tiny", compress=True)
    def tiny() -> dict[str, Any]:
        return {"a": 1}

    @app.get("/response")
    def response() -> Response:
        return Response(200, "application/json", BIG, compress=True)

    @app.get("/plain")
    def plain() -> dict[str, Any]:
        return BIG

    return app


@each_source
@pytest.mark.parametrize("accept", ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*"])
def test_compressed_when_the_client_accepts_gzip(source: EventSource, accept: str) -> None:
    response = source.request(compress_app(source), "GET", "/todos", headers={"Accept-Encoding": accept})
    assert response["statusCode"] == 200
    assert response["isBase64Encoded"] is True
    assert header(response, "Content-Encoding") == "gzip"
    assert header(response, "Vary") == "Accept-Encoding"
    raw = base64.b64decode(response["body"])
    assert raw[:2] == b"\x1f\x8b"
    assert json.loads(gzip.decompress(raw)) == BIG
    assert len(raw) < len(json.dumps(BIG, separators=(",", ":")))


@each_source
def test_response_object_can_ask_for_compression(source: EventSource) -> None:
    response = source.request(compress_app(source), "GET", "/response", headers={"Accept-Encoding": "gzip"})
    assert header(response, "Content-Encoding") == "gzip"
    assert json_body(response) == BIG


@each_source
@pytest.mark.parametrize("headers", [{}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip;q=0"}])
def test_not_compressed_when_the_client_does_not_accept_gzip(
    source: EventSource, headers: dict[str, str]
) -> None:
    response = source.request(compress_app(source), "GET", "/todos", headers=headers)
    assert response["isBase64Encoded"] is False
    assert header(response, "Content-Encoding") is None
    assert json.loads(response["body"]) == BIG
    assert "Accept-Encoding" in header_tokens(response, "Vary")


@each_source
def test_route_without_compress_is_not_compressed(source: EventSource) -> None:
    response = source.request(compress_app(source), "GET", "/plain", headers={"Accept-Encoding": "gzip"})
    assert header(response, "Content-Encoding") is None
    assert json.loads(response["body"]) == BIG


@each_source
def test_body_that_would_not_shrink_is_left_alone(source: EventSource) -> None:
    response = source.request(compress_app(source), "GET", "/tiny", headers={"Accept-Encoding": "gzip"})
    assert header(response, "Content-Encoding") is None
    assert response["body"] == '{"a":1}'


# -- cache control ----------------------------------------------------------------------------------
@each_source
def test_cache_control_on_success_and_no_cache_on_errors(source: EventSource) -> None:
    app = source.app()

    @app.get("/cached/<item>", cache_control="max-age=100")
    def cached(item: str) -> dict[str, Any]:
        if item == "missing":
            raise BadRequestError("no such item")
        return {"item": item}

    @app.get("/uncached")
    def uncached() -> dict[str, Any]:
        return {}

    ok = source.request(app, "GET", "/cached/a")
    assert header(ok, "Cache-Control") == "max-age=100"
    error = source.request(app, "GET", "/cached/missing")
    assert error["statusCode"] == 400
    assert header(error, "Cache-Control") == "no-cache"
    assert header(source.request(app, "GET", "/uncached"), "Cache-Control") is None

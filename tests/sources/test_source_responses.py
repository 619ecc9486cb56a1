"""How each event source writes a response: header shapes, cookies, bodies, refusals."""

from __future__ import annotations

import base64
import logging
from http import HTTPStatus
from typing import Any

import pytest

from apiway import Response
from apiway.cookies import Cookie, SameSite
from support.events import (
    ALB,
    ALB_MULTI,
    FUNCTION_URL,
    HTTP,
    LATTICE,
    LATTICE_V2,
    REST,
    EventSource,
    each_of,
    each_source,
)
from support.responses import header, set_cookies

V2_SOURCES = each_of(HTTP, FUNCTION_URL)
LATTICE_SOURCES = each_of(LATTICE, LATTICE_V2)

GENERIC_500 = '{"statusCode":500,"message":"Internal server error"}'


def answer(source: EventSource, response: Response | Any, **event_fields: Any) -> dict[str, Any]:
    """Resolve a GET /thing whose handler returns ``response``."""
    app = source.app()

    @app.get("/thing")
    def thing() -> Any:
        return response

    return source.request(app, "GET", "/thing", **event_fields)


def full_response() -> Response:
    return Response(
        200,
        "text/plain",
        "hi",
        headers={"X-Single": "one", "X-List": ["a", "b"]},
        cookies=[Cookie("session", "s1", http_only=True), Cookie("theme", "dark", secure=False)],
    )


# -- REST ---------------------------------------------------------------------------------------
def test_rest_writes_multi_value_headers_and_cookies() -> None:
    response = answer(REST, full_response())
    assert response == {
        "statusCode": 200,
        "multiValueHeaders": {
            "X-Single": ["one"],
            "X-List": ["a", "b"],
            "Content-Type": ["text/plain"],
            "Set-Cookie": ["session=s1; HttpOnly; Secure", "theme=dark"],
        },
        "body": "hi",
        "isBase64Encoded": False,
    }


def test_rest_merges_a_set_cookie_header_with_cookies() -> None:
    result = Response(200, "text/plain", "hi", headers={"set-cookie": "a=1"}, cookies=[Cookie("b", "2")])
    response = answer(REST, result)
    assert set_cookies(response) == ["a=1", "b=2; Secure"]
    assert "Set-Cookie" not in response["multiValueHeaders"], "one entry per header name, any case"


# -- HTTP API and Function URL ------------------------------------------------------------------
@V2_SOURCES
def test_v2_writes_joined_headers_and_a_cookie_list(source: EventSource) -> None:
    response = answer(source, full_response())
    assert response == {
        "statusCode": 200,
        "headers": {"X-Single": "one", "X-List": "a, b", "Content-Type": "text/plain"},
        "cookies": ["session=s1; HttpOnly; Secure", "theme=dark"],
        "body": "hi",
        "isBase64Encoded": False,
    }


@V2_SOURCES
@pytest.mark.parametrize("name", ["Set-Cookie", "set-cookie", "SET-COOKIE"])
def test_v2_moves_set_cookie_headers_into_cookies(source: EventSource, name: str) -> None:
    result = Response(200, "text/plain", "hi", headers={name: ["a=1", "b=2"]}, cookies=[Cookie("c", "3")])
    response = answer(source, result)
    assert response["cookies"] == ["a=1", "b=2", "c=3; Secure"]
    assert all(key.lower() != "set-cookie" for key in response["headers"])


@V2_SOURCES
def test_v2_without_cookies_has_an_empty_cookie_list(source: EventSource) -> None:
    response = answer(source, {"a": 1})
    assert response["cookies"] == []
    assert response["headers"] == {"Content-Type": "application/json"}


# -- ALB ----------------------------------------------------------------------------------------
def test_alb_multi_value_mode_answers_multi_value_headers() -> None:
    response = answer(ALB_MULTI, full_response())
    assert "headers" not in response
    assert response["statusDescription"] == "200 OK"
    assert response["multiValueHeaders"] == {
        "X-Single": ["one"],
        "X-List": ["a", "b"],
        "Content-Type": ["text/plain"],
        "Set-Cookie": ["session=s1; HttpOnly; Secure", "theme=dark"],
    }


def test_alb_single_value_mode_sends_only_the_last_cookie(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="apiway"):
        response = answer(ALB, full_response())
    assert "multiValueHeaders" not in response
    assert response["headers"] == {
        "X-Single": "one",
        "X-List": "a, b",
        "Content-Type": "text/plain",
        "Set-Cookie": "theme=dark",
    }
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name.startswith("apiway")]
    assert [w.getMessage() for w in warnings] == [
        "only the last of 2 cookies is sent: the ALB target group is in single-value header mode; "
        "turn on multi-value headers on the target group to send them all"
    ]


def test_alb_single_value_mode_with_one_cookie_does_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="apiway"):
        response = answer(ALB, Response(200, "text/plain", "hi", cookies=[Cookie("a", "1")]))
    assert response["headers"]["Set-Cookie"] == "a=1; Secure"
    assert not [r for r in caplog.records if r.name.startswith("apiway")]


# -- VPC Lattice ----------------------------------------------------------------------------------
@LATTICE_SOURCES
def test_lattice_writes_single_value_headers_and_a_status_description(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="apiway"):
        response = answer(source, full_response())
    assert response == {
        "statusCode": 200,
        "statusDescription": "200 OK",
        "headers": {
            "X-Single": "one",
            "X-List": "a, b",
            "Content-Type": "text/plain",
            "Set-Cookie": "theme=dark",
        },
        "body": "hi",
        "isBase64Encoded": False,
    }
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name.startswith("apiway")]
    assert [w.getMessage() for w in warnings] == [
        "only the last of 2 cookies is sent: VPC Lattice takes one value per response header"
    ]


@LATTICE_SOURCES
def test_lattice_plain_answer_takes_the_fast_path(source: EventSource) -> None:
    assert answer(source, {"a": 1}) == {
        "statusCode": 200,
        "statusDescription": "200 OK",
        "headers": {"Content-Type": "application/json"},
        "body": '{"a":1}',
        "isBase64Encoded": False,
    }


@LATTICE_SOURCES
@pytest.mark.parametrize("name", ["Set-Cookie", "set-cookie"])
def test_lattice_set_cookie_header_is_the_one_cookie(
    source: EventSource, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="apiway"):
        response = answer(source, Response(200, "text/plain", "hi", headers={name: "a=1"}))
    assert response["headers"] == {"Content-Type": "text/plain", "Set-Cookie": "a=1"}
    assert not [r for r in caplog.records if r.name.startswith("apiway")]


@each_of(ALB, ALB_MULTI, LATTICE, LATTICE_V2)
@pytest.mark.parametrize(
    ("status", "description"),
    [
        (200, "200 OK"),
        (201, "201 Created"),
        (204, "204 No Content"),
        (302, "302 Found"),
        (404, "404 Not Found"),
        (405, "405 Method Not Allowed"),
        (418, "418 I'm a teapot"),
        (503, "503 Service Unavailable"),
        (299, "299 Success"),
        (599, "599 Server Error"),
    ],
)
def test_status_description(source: EventSource, status: int, description: str) -> None:
    response = answer(source, Response(status, "text/plain", ""))
    assert response["statusCode"] == status
    assert response["statusDescription"] == description


# -- bodies, every source -------------------------------------------------------------------------
@each_source
def test_bytes_body_is_base64_encoded(source: EventSource) -> None:
    data = bytes(range(256))
    response = answer(source, Response(200, "application/octet-stream", data))
    assert response["isBase64Encoded"] is True
    assert base64.b64decode(response["body"]) == data


@each_source
def test_bytes_return_is_octet_stream(source: EventSource) -> None:
    response = answer(source, b"\x89PNG\r\n")
    assert response["isBase64Encoded"] is True
    assert base64.b64decode(response["body"]) == b"\x89PNG\r\n"
    assert header(response, "Content-Type") == "application/octet-stream"


@each_source
def test_text_body_is_not_base64_encoded(source: EventSource) -> None:
    response = answer(source, Response(200, "text/html", "<p>ok</p>"))
    assert response["isBase64Encoded"] is False
    assert response["body"] == "<p>ok</p>"


@each_source
@pytest.mark.parametrize("status", [200, 204])
def test_none_body_is_an_empty_string(source: EventSource, status: int) -> None:
    response = answer(source, Response(status, "text/plain", None))
    assert response["body"] == ""
    assert response["isBase64Encoded"] is False


@each_source
def test_cookie_attributes(source: EventSource) -> None:
    from datetime import datetime, timezone

    cookie = Cookie(
        "id",
        "42",
        path="/",
        domain="example.com",
        secure=True,
        http_only=True,
        max_age=3600,
        expires=datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        same_site=SameSite.STRICT_MODE,
        custom_attributes=["Partitioned"],
    )
    response = answer(source, Response(200, "text/plain", "", cookies=[cookie]))
    assert set_cookies(response) == [
        "id=42; Path=/; Domain=example.com; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=3600; "
        "HttpOnly; Secure; SameSite=Strict; Partitioned"
    ]


# -- responses no source could deliver: a generic 500 instead ----------------------------------
def changed(cookie: Cookie, **attributes: Any) -> Cookie:
    """``cookie`` with attributes set after it was made (which skips the checks of its making)."""
    for name, value in attributes.items():
        setattr(cookie, name, value)
    return cookie


BAD_RESPONSES = [
    pytest.param(lambda: Response(600, "text/plain", "x"), id="status-600"),
    pytest.param(lambda: Response(99, "text/plain", "x"), id="status-99"),
    pytest.param(lambda: Response(-1, "text/plain", "x"), id="status-negative"),
    pytest.param(lambda: Response("teapot", "text/plain", "x"), id="status-text"),  # type: ignore[arg-type]
    pytest.param(lambda: Response(None, "text/plain", "x"), id="status-none"),  # type: ignore[arg-type]
    pytest.param(
        lambda: Response(200, "text/plain", "x", headers={"X-A": "ok\r\nX-Evil: 1"}), id="crlf-value"
    ),
    pytest.param(lambda: Response(200, "text/plain", "x", headers={"X-A": "ok\nbad"}), id="lf-value"),
    pytest.param(
        lambda: Response(200, "text/plain", "x", headers={"X-A": ["ok", "b\rad"]}), id="cr-list-value"
    ),
    pytest.param(lambda: Response(200, "text/plain", "x", headers={"X-A\r\nX-B": "1"}), id="crlf-name"),
    pytest.param(lambda: Response(200, "text/plain", "x", headers={"X-A": "nul\x00"}), id="nul-value"),
    pytest.param(
        lambda: Response(200, "text/plain", "x", cookies=[changed(Cookie("a", "1"), value="1\r\nX-Evil: 1")]),
        id="crlf-cookie",
    ),
    pytest.param(
        lambda: Response(200, "text/plain", "x", headers={"Set-Cookie": "a=1\nb"}), id="lf-set-cookie"
    ),
    pytest.param(
        lambda: Response(200, "text/plain", "x", headers={"Content-Type": "text/plain\r\n"}), id="crlf-ct"
    ),
]


@each_source
@pytest.mark.parametrize("make", BAD_RESPONSES)
def test_undeliverable_response_becomes_a_generic_500(
    source: EventSource, make: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = answer(source, make())
    assert response["statusCode"] == 500
    assert response["body"] == GENERIC_500
    assert header(response, "Content-Type") == "application/json"
    assert "Evil" not in str(response)
    assert any(record.levelno == logging.ERROR for record in caplog.records)


@each_source
@pytest.mark.parametrize(
    "make",
    [
        lambda: Response(HTTPStatus.CREATED, "text/plain", "made"),
        lambda: ({"made": True}, HTTPStatus.CREATED),
    ],
    ids=["response", "tuple"],
)
def test_http_status_enum_is_written_as_a_plain_int(source: EventSource, make: Any) -> None:
    response = answer(source, make())
    assert type(response["statusCode"]) is int
    assert response["statusCode"] == 201
    if source.kind in ("alb", "lattice"):
        assert response["statusDescription"] == "201 Created"


@each_source
def test_string_status_code_that_is_a_number_is_accepted(source: EventSource) -> None:
    response = answer(source, Response("201", "text/plain", "made"))  # type: ignore[arg-type]
    assert response["statusCode"] == 201


@each_source
def test_unserializable_body_becomes_a_generic_500(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = answer(source, {"when": object()})
    assert response["statusCode"] == 500
    assert response["body"] == GENERIC_500


@each_source
def test_non_json_body_of_unknown_type_becomes_a_generic_500(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = answer(source, Response(200, "text/plain", {"not": "text"}))
    assert response["statusCode"] == 500
    assert response["body"] == GENERIC_500

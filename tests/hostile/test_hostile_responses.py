"""Hostile responses (what handlers return), one named test per case.

A response no event source can deliver is refused when it is written (CR, LF or NUL in a
header name, value or cookie; a header name that is not an HTTP field name; a status outside
100-599 or not an integer) and answered with the generic 500, the reason logged. Values JSON
cannot carry become a logged 500 too; ``Decimal`` values are written exactly, as strings.
"""

from __future__ import annotations

import enum
import logging
from decimal import Decimal
from http import HTTPStatus
from typing import Any

import pytest

from apiway import Response
from apiway.cookies import Cookie
from support.events import (
    ALB,
    ALB_MULTI,
    FUNCTION_URL,
    HTTP,
    REST,
    EventSource,
    each_of,
    each_source,
)
from support.exact import GENERIC_500, assert_answer

TEXT = {"Content-Type": "text/plain"}


def answer(source: EventSource, result: Any) -> dict[str, Any]:
    """Resolve a GET /thing whose handler returns ``result``."""
    app = source.app()

    @app.get("/thing")
    def thing() -> Any:
        return result

    return source.request(app, "GET", "/thing")


def refused(source: EventSource, result: Any, caplog: pytest.LogCaptureFixture, reason: str) -> None:
    """``result`` is answered with the generic 500 and ``reason`` is logged."""
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = answer(source, result)
    assert_answer(response, 500, GENERIC_500)
    if source.kind in ("alb", "lattice"):
        assert response["statusDescription"] == "500 Internal Server Error"
    logged = [
        f"{record.getMessage()} {record.exc_info[1] if record.exc_info else ''}" for record in caplog.records
    ]
    assert any(reason in line for line in logged), logged
    assert "Evil" not in str(response)


# -- CR, LF, NUL and header names --------------------------------------------------------------
@each_source
def test_crlf_in_a_header_value(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"X-A": "ok\r\nX-Evil: 1"})
    refused(source, result, caplog, "contains a CR, LF or NUL character")


@each_source
def test_lone_lf_in_a_header_value(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"X-A": "ok\nX-Evil: 1"})
    refused(source, result, caplog, "contains a CR, LF or NUL character")


@each_source
def test_lone_cr_in_a_list_value(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"X-A": ["ok", "b\rX-Evil"]})
    refused(source, result, caplog, "contains a CR, LF or NUL character")


@each_source
def test_nul_in_a_header_value(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"X-A": "Evil\x00"})
    refused(source, result, caplog, "contains a CR, LF or NUL character")


@each_source
def test_crlf_in_a_header_name(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"X-A\r\nX-Evil": "1"})
    refused(source, result, caplog, "is not a valid HTTP field name")


@each_source
def test_colon_in_a_header_name(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"X-Evil: 1": "v"})
    refused(source, result, caplog, "is not a valid HTTP field name")


@each_source
def test_space_in_a_header_name(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"X Evil": "v"})
    refused(source, result, caplog, "is not a valid HTTP field name")


@each_source
def test_empty_header_name(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"": "Evil"})
    refused(source, result, caplog, "is not a valid HTTP field name")


@each_source
def test_non_ascii_header_name(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"X-Évil": "v"})
    refused(source, result, caplog, "is not a valid HTTP field name")


@each_source
def test_header_name_spelled_like_a_value_apiway_writes(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    result = Response(200, "text/plain", "x", headers={"application/json": "Evil"})
    refused(source, result, caplog, "is not a valid HTTP field name")


@each_source
def test_crlf_in_a_cookie_changed_after_it_was_made(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    cookie = Cookie("a", "1")  # refused when made (tests/hostile/test_hostile_cookies.py) ...
    cookie.value = "1\r\nX-Evil: 1"  # ... and when written
    refused(
        source, Response(200, "text/plain", "x", cookies=[cookie]), caplog, "would end or break the cookie"
    )


@each_source
def test_lf_in_a_set_cookie_header(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain", "x", headers={"Set-Cookie": "a=1\nX-Evil: 1"})
    refused(source, result, caplog, "contains a CR, LF or NUL character")


@each_source
def test_crlf_in_the_content_type(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    result = Response(200, "text/plain\r\nX-Evil: 1", "x")
    refused(source, result, caplog, "contains a CR, LF or NUL character")


@each_source
def test_crlf_in_headers_of_a_tuple_result(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    refused(source, ({"a": 1}, 200, {"X-A": "\r\nX-Evil: 1"}), caplog, "contains a CR, LF or NUL character")


# -- status codes --------------------------------------------------------------------------------
@each_source
@pytest.mark.parametrize("status", [600, 99, 0, -200, 1000], ids=str)
def test_status_outside_100_to_599(
    source: EventSource, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    refused(source, Response(status, "text/plain", "x"), caplog, "is outside 100-599")


@each_source
@pytest.mark.parametrize(
    "status", [True, 200.0, 200.5, "200.0", " 200", "2_00", "٢٠٠", "OK", None, b"200", [200]], ids=repr
)
def test_status_that_is_not_int_like(
    source: EventSource, status: Any, caplog: pytest.LogCaptureFixture
) -> None:
    refused(source, Response(status, "text/plain", "x"), caplog, "is not an integer")


@each_source
def test_http_status_enum_is_written_as_an_int(source: EventSource) -> None:
    response = answer(source, Response(HTTPStatus.CREATED, "text/plain", "made"))
    assert type(response["statusCode"]) is int
    assert_answer(response, 201, "made", TEXT)


@each_source
def test_int_enum_of_the_application_is_written_as_an_int(source: EventSource) -> None:
    class Status(enum.IntEnum):
        ACCEPTED = 202

    response = answer(source, ({"queued": True}, Status.ACCEPTED))
    assert type(response["statusCode"]) is int
    assert_answer(response, 202, '{"queued":true}')


@each_source
def test_numeric_string_status_is_written_as_an_int(source: EventSource) -> None:
    response = answer(source, Response("201", "text/plain", "made"))  # type: ignore[arg-type]
    assert type(response["statusCode"]) is int
    assert_answer(response, 201, "made", TEXT)


@each_source
def test_unusual_status_in_range(source: EventSource) -> None:
    response = answer(source, Response(599, "text/plain", "odd"))
    assert_answer(response, 599, "odd", TEXT)
    if source.kind in ("alb", "lattice"):
        assert response["statusDescription"] == "599 Server Error"


# -- header maps -----------------------------------------------------------------------------------
@each_source
def test_header_values_of_every_shape(source: EventSource) -> None:
    headers = {"X-List": ["a", "b"], "X-Empty": [], "X-None": None, "X-Int": 5, "X-Mixed": ["a", None, 2]}
    response = answer(source, Response(200, "text/plain", "x", headers=headers))  # type: ignore[arg-type]
    expected = {"X-List": "a, b", "X-Int": "5", "X-Mixed": "a, 2", "Content-Type": "text/plain"}
    assert_answer(response, 200, "x", expected)


@each_source
def test_header_name_that_is_not_a_string(source: EventSource) -> None:
    response = answer(source, Response(200, "text/plain", "x", headers={5: "v"}))  # type: ignore[dict-item]
    assert_answer(response, 200, "x", {"5": "v", "Content-Type": "text/plain"})


@each_source
def test_seventeen_headers_leave_the_fast_path_and_arrive(source: EventSource) -> None:
    headers = {f"X-H{i}": str(i) for i in range(17)}
    response = answer(source, Response(200, "text/plain", "x", headers=headers))
    assert_answer(response, 200, "x", {**headers, "Content-Type": "text/plain"})


@each_source
def test_long_header_value_leaves_the_fast_path_and_arrives(source: EventSource) -> None:
    value = "v" * 5000
    response = answer(source, Response(200, "text/plain", "x", headers={"Content-Security-Policy": value}))
    assert_answer(response, 200, "x", {"Content-Security-Policy": value, "Content-Type": "text/plain"})


@each_of(HTTP, FUNCTION_URL)
def test_payload_2_cookies_is_a_list_even_when_empty(source: EventSource) -> None:
    response = answer(source, {"a": 1})
    assert response["cookies"] == []


@each_of(HTTP, FUNCTION_URL)
def test_payload_2_set_cookie_header_moves_to_cookies(source: EventSource) -> None:
    response = answer(source, Response(200, "text/plain", "x", headers={"set-cookie": ["a=1", "b=2"]}))
    assert_answer(response, 200, "x", TEXT, cookies=["a=1", "b=2"])


@each_of(ALB, ALB_MULTI)
def test_alb_status_description_on_the_last_resort_500(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    refused(source, Response(200, "text/plain", "x", headers={"X": "\n"}), caplog, "CR, LF or NUL")


def test_rest_answers_multi_value_headers_only() -> None:
    response = answer(REST, {"a": 1})
    assert set(response) == {"statusCode", "multiValueHeaders", "body", "isBase64Encoded"}


# -- bodies --------------------------------------------------------------------------------------
@each_source
def test_none_body_is_an_empty_string(source: EventSource) -> None:
    assert_answer(answer(source, Response(200, "text/plain", None)), 200, "", TEXT)


@each_source
@pytest.mark.parametrize("make", [bytes, bytearray, memoryview], ids=lambda m: m.__name__)
def test_binary_bodies_are_base64(source: EventSource, make: Any) -> None:
    response = answer(source, Response(200, "application/octet-stream", make(b"\x00\xff\r\n")))
    assert response["isBase64Encoded"] is True
    assert_answer(response, 200, "AP8NCg==", {"Content-Type": "application/octet-stream"})


@each_source
def test_decimal_values_are_exact_strings(source: EventSource) -> None:
    result = {
        "nan": Decimal("NaN"),
        "snan": Decimal("sNaN"),
        "inf": Decimal("-Infinity"),
        "x": Decimal("1.10"),
    }
    response = answer(source, result)
    assert_answer(response, 200, '{"nan":"NaN","snan":"sNaN","inf":"-Infinity","x":"1.10"}')


@each_source
def test_float_nan(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    refused(source, {"a": float("nan")}, caplog, "Out of range float values are not JSON compliant")


@each_source
def test_float_infinity(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    refused(source, [float("inf")], caplog, "Out of range float values are not JSON compliant")


@each_source
def test_set_in_the_body(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    refused(source, {"a": {1, 2}}, caplog, "Object of type set is not JSON serializable")


@each_source
def test_object_the_serializer_cannot_encode(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    refused(source, {"when": object()}, caplog, "Object of type object is not JSON serializable")


@each_source
def test_body_that_refers_to_itself(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    looped: dict[str, Any] = {}
    looped["self"] = looped
    refused(source, looped, caplog, "response body could not be serialized")


@each_source
def test_dict_keys_the_serializer_cannot_encode(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    refused(source, {(1, 2): "tuple key"}, caplog, "response body could not be serialized")


@each_source
def test_non_json_body_of_an_unknown_type(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    refused(
        source,
        Response(200, "text/plain", {"not": "text"}),
        caplog,
        "response body of type dict was not serialized",
    )


@each_source
def test_custom_serializer_that_raises(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    def broken(value: Any) -> str:
        raise RuntimeError("serializer broke")

    app = source.app(serializer=broken)

    @app.get("/thing")
    def thing() -> dict[str, Any]:
        return {"a": 1}

    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = source.request(app, "GET", "/thing")
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_headers_replaced_by_something_that_is_not_a_dict(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    result = Response(200, "text/plain", "x")
    result.headers = [("X-A", "1")]  # type: ignore[assignment]
    refused(source, result, caplog, "request failed outside the exception stage")

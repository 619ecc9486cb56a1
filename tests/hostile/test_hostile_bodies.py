"""Hostile request bodies, one named test per case: each answers 400 with a message that never
repeats the body, or is read as it is; the framework never decompresses a request body."""

from __future__ import annotations

import base64
import gzip
import json
import sys
from typing import Any

import pytest

from support.events import REST, EventSource, each_source
from support.exact import assert_answer, error_body

SECRET = "s3cr3t-body-marker"
NOT_JSON = error_body(400, "Request body is not valid JSON")
TOO_DEEP = error_body(400, "Request body is not valid JSON: nested too deeply")
NOT_BASE64 = error_body(400, "Request body is not valid base64")
NOT_UTF8 = error_body(400, "Request body is not valid UTF-8 text")


def json_app(source: EventSource, **resolver_kwargs: Any) -> Any:
    app = source.app(**resolver_kwargs)

    @app.post("/json")
    def read_json() -> dict[str, Any]:
        return {"got": app.current_event.json_body}

    @app.post("/text")
    def read_text() -> dict[str, Any]:
        return {"got": app.current_event.decoded_body}

    return app


def post(
    source: EventSource, body: Any, is_base64: bool = False, path: str = "/json", **kwargs: Any
) -> dict[str, Any]:
    return source.request(json_app(source, **kwargs), "POST", path, body=body, is_base64=is_base64)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def assert_400(response: dict[str, Any], body: str) -> None:
    assert_answer(response, 400, body)
    assert SECRET not in response["body"]


# -- JSON ---------------------------------------------------------------------------------------
@each_source
def test_truncated_json(source: EventSource) -> None:
    assert_400(post(source, '{"token": "' + SECRET), NOT_JSON)


@each_source
def test_json_with_a_trailing_comma(source: EventSource) -> None:
    assert_400(post(source, f'{{"a": "{SECRET}",}}'), NOT_JSON)


@each_source
def test_json_with_single_quotes(source: EventSource) -> None:
    assert_400(post(source, f"{{'a': '{SECRET}'}}"), NOT_JSON)


@each_source
def test_json_nested_a_hundred_thousand_deep(source: EventSource) -> None:
    assert_400(post(source, "[" * 100_000 + f'"{SECRET}"' + "]" * 100_000), TOO_DEEP)


@each_source
def test_json_objects_nested_a_hundred_thousand_deep(source: EventSource) -> None:
    assert_400(post(source, '{"a":' * 100_000 + f'"{SECRET}"' + "}" * 100_000), TOO_DEEP)


@pytest.mark.skipif(not hasattr(sys, "get_int_max_str_digits"), reason="no integer digit limit")
@each_source
def test_json_integer_of_five_thousand_digits(source: EventSource) -> None:
    assert_400(post(source, f'{{"{SECRET}": {"9" * 5000}}}'), NOT_JSON)


@each_source
def test_json_nan(source: EventSource) -> None:
    assert_400(post(source, f'{{"{SECRET}": NaN}}'), NOT_JSON)


@each_source
def test_json_infinity(source: EventSource) -> None:
    assert_400(post(source, f'{{"{SECRET}": Infinity}}'), NOT_JSON)


@each_source
def test_json_negative_infinity(source: EventSource) -> None:
    assert_400(post(source, f'{{"{SECRET}": -Infinity}}'), NOT_JSON)


@each_source
def test_json_number_beyond_the_float_range(source: EventSource) -> None:
    assert_400(post(source, f'{{"{SECRET}": 1e999}}'), NOT_JSON)


@each_source
def test_json_with_a_byte_order_mark(source: EventSource) -> None:
    assert_400(post(source, f'\ufeff{{"a": "{SECRET}"}}'), NOT_JSON)


@each_source
def test_json_with_a_control_character_in_a_string(source: EventSource) -> None:
    assert_400(post(source, f'{{"a": "{SECRET}\x01"}}'), NOT_JSON)


@each_source
def test_json_lone_surrogate_escape_is_read_and_answered_escaped(source: EventSource) -> None:
    response = post(source, '{"a": "\\ud800"}')
    assert_answer(response, 200, '{"got":{"a":"\\ud800"}}')


@each_source
def test_json_tiny_float_underflows_to_zero(source: EventSource) -> None:
    assert_answer(post(source, "[1e-999]"), 200, '{"got":[0.0]}')


@each_source
def test_empty_body_reads_as_none(source: EventSource) -> None:
    assert_answer(post(source, ""), 200, '{"got":null}')


@each_source
def test_whitespace_only_body_is_not_json(source: EventSource) -> None:
    assert_400(post(source, "   \n"), NOT_JSON)


@each_source
def test_body_of_the_wrong_type_in_the_event(source: EventSource) -> None:
    assert_400(post(source, {"a": SECRET}), NOT_JSON)


@each_source
def test_large_valid_json_echoed_within_the_response_limit(source: EventSource) -> None:
    # 5 MB echoed back; 900 KB for ALB, whose responses are limited to 1 MB.
    items = ["x" * 1000] * (900 if source.kind == "alb" else 5000)
    response = post(source, json.dumps(items), path="/json")
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"got": items}


# -- base64 and UTF-8 ---------------------------------------------------------------------------
@each_source
def test_invalid_base64(source: EventSource) -> None:
    assert_400(post(source, f"%%{SECRET}%%", is_base64=True), NOT_BASE64)


@each_source
def test_base64_without_padding(source: EventSource) -> None:
    assert_400(post(source, b64(b'{"a": 1}').rstrip("="), is_base64=True), NOT_BASE64)


@each_source
def test_base64_with_line_breaks(source: EventSource) -> None:
    text = b64(b'{"a": "' + b"x" * 100 + b'"}')
    assert_400(post(source, text[:40] + "\n" + text[40:], is_base64=True), NOT_BASE64)


@each_source
def test_url_safe_base64(source: EventSource) -> None:
    assert_400(post(source, "-_-_", is_base64=True), NOT_BASE64)


@each_source
def test_base64_with_non_ascii_characters(source: EventSource) -> None:
    assert_400(post(source, "é" + b64(b"{}"), is_base64=True), NOT_BASE64)


@each_source
def test_base64_of_text_that_is_not_utf8(source: EventSource) -> None:
    assert_400(post(source, b64(b'{"a": "\xff\xfe"}'), is_base64=True), NOT_UTF8)


@each_source
def test_base64_of_text_that_is_not_utf8_read_as_text(source: EventSource) -> None:
    assert_400(post(source, b64(b"caf\xe9"), is_base64=True, path="/text"), NOT_UTF8)


@each_source
def test_valid_base64_json(source: EventSource) -> None:
    assert_answer(post(source, b64(b'{"a": 1}'), is_base64=True), 200, '{"got":{"a":1}}')


@each_source
def test_gzip_request_body_is_never_decompressed(source: EventSource) -> None:
    packed = gzip.compress(f'{{"a": "{SECRET}"}}'.encode())
    event = source.event(
        "POST", "/json", headers={"Content-Encoding": "gzip"}, body=b64(packed), is_base64=True
    )
    response = source.call(json_app(source), event)
    assert_400(response, NOT_UTF8)


# -- user-supplied deserializers and handlers ----------------------------------------------------
@each_source
def test_custom_deserializer_raising_value_error(source: EventSource) -> None:
    def refuse(text: str) -> Any:
        raise ValueError(f"cannot read {text}")

    assert_400(post(source, f'{{"a": "{SECRET}"}}', json_body_deserializer=refuse), NOT_JSON)


@each_source
def test_exception_handler_for_value_error_sees_invalid_bodies(source: EventSource) -> None:
    app = json_app(source)

    @app.exception_handler(ValueError)
    def bad_value(error: ValueError) -> Any:
        return {"handled": type(error).__name__, "text": str(error)}, 422

    response = source.request(app, "POST", "/json", body="{" + SECRET)
    assert_answer(response, 422, {"handled": "InvalidJSONError", "text": "Request body is not valid JSON"})
    assert SECRET not in response["body"]


def test_invalid_body_is_answered_only_when_the_handler_reads_it() -> None:
    app = REST.app()

    @app.post("/ignore")
    def ignore() -> dict[str, Any]:
        return {"ok": True}

    assert_answer(REST.request(app, "POST", "/ignore", body="{" + SECRET), 200, '{"ok":true}')

"""Proxy responses back to HTTP, and the malformed ones the platforms answer 502."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from apiway.local.proxy import HttpResponse, MalformedResponseError, gateway_error, parse_response

from .apps import PNG, SOURCES


def test_rest_response_merges_multi_value_headers_and_headers() -> None:
    http = parse_response(
        {
            "statusCode": 201,
            "headers": {"X-One": "a", "X-Two": "b", "Content-Type": "text/plain"},
            "multiValueHeaders": {"X-One": ["a", "z"], "Set-Cookie": ["s=1", "t=2"]},
            "body": "done",
            "isBase64Encoded": False,
        },
        "rest",
    )
    assert http.status == 201
    assert http.reason == "Created"
    assert http.headers == [
        ("X-One", "a"),
        ("X-One", "z"),
        ("Set-Cookie", "s=1"),
        ("Set-Cookie", "t=2"),
        ("X-Two", "b"),
        ("Content-Type", "text/plain"),
    ]
    assert http.body == b"done"
    assert http.header("content-type") == "text/plain"


@pytest.mark.parametrize("source", ["rest", "http", "function-url"])
def test_api_gateway_and_function_urls_default_the_content_type_to_json(source: str) -> None:
    http = parse_response({"statusCode": 200, "body": "{}"}, source)
    assert http.header("Content-Type") == "application/json"


def test_alb_adds_no_content_type_and_uses_the_status_description() -> None:
    http = parse_response({"statusCode": 418, "statusDescription": "418 Short And Stout", "body": ""}, "alb")
    assert http.reason == "Short And Stout"
    assert http.header("Content-Type") is None


@pytest.mark.parametrize("source", ["lattice", "lattice-v2"])
def test_vpc_lattice_adds_no_content_type_and_uses_the_status_description(source: str) -> None:
    result = {"statusCode": 418, "statusDescription": "418 Short And Stout", "headers": {"Set-Cookie": "a=1"}}
    http = parse_response(result, source)
    assert (http.status, http.reason) == (418, "Short And Stout")
    assert http.headers == [("Set-Cookie", "a=1")]


def test_v2_cookies_become_set_cookie_lines() -> None:
    http = parse_response(
        {"statusCode": 200, "headers": {"X-A": "1"}, "cookies": ["a=1; Path=/", "b=2"], "body": "x"}, "http"
    )
    assert [value for name, value in http.headers if name == "Set-Cookie"] == ["a=1; Path=/", "b=2"]


def test_v2_ignores_multi_value_headers_which_it_does_not_have() -> None:
    http = parse_response({"statusCode": 200, "multiValueHeaders": {"X-A": ["1"]}, "body": ""}, "http")
    assert http.header("X-A") is None


@pytest.mark.parametrize("source", ["http", "function-url"])
@pytest.mark.parametrize("result", [{"message": "hi"}, ["a", 1], "text", 42, None])
def test_v2_without_status_code_is_a_200_json_body(source: str, result: Any) -> None:
    http = parse_response(result, source)
    assert http.status == 200
    assert http.header("Content-Type") == "application/json"
    assert json.loads(http.body) == result


@pytest.mark.parametrize("source", SOURCES)
def test_base64_bodies_are_decoded(source: str) -> None:
    result = {"statusCode": 200, "body": base64.b64encode(PNG).decode(), "isBase64Encoded": True}
    assert parse_response(result, source).body == PNG


@pytest.mark.parametrize("flag", ["true", "True"])
def test_is_base64_encoded_as_a_string_is_accepted_like_api_gateway_does(flag: str) -> None:
    result = {"statusCode": 200, "body": base64.b64encode(b"\x00\x01").decode(), "isBase64Encoded": flag}
    assert parse_response(result, "rest").body == b"\x00\x01"


def test_null_body_is_empty_and_numbers_in_headers_are_text() -> None:
    http = parse_response({"statusCode": 204, "headers": {"X-Count": 3}, "body": None}, "rest")
    assert http.body == b""
    assert http.header("x-count") == "3"


@pytest.mark.parametrize(
    ("source", "result", "problem"),
    [
        ("rest", ["not", "an", "object"], "list, not a JSON object"),
        ("alb", "text", "str, not a JSON object"),
        ("rest", {"body": "x"}, "'statusCode' is missing"),
        ("alb", {"body": "x"}, "'statusCode' is missing"),
        ("rest", {"statusCode": "200"}, "'statusCode' must be an integer"),
        ("http", {"statusCode": "200"}, "'statusCode' must be an integer"),
        ("rest", {"statusCode": True}, "'statusCode' must be an integer"),
        ("rest", {"statusCode": 200.0}, "'statusCode' must be an integer"),
        ("function-url", {"statusCode": 700}, "outside 100-599"),
        ("rest", {"statusCode": 200, "body": {"a": 1}}, "'body' must be a string, not dict"),
        ("http", {"statusCode": 200, "body": 12}, "'body' must be a string, not int"),
        ("rest", {"statusCode": 200, "headers": ["X-A: 1"]}, "'headers' must be an object"),
        ("http", {"statusCode": 200, "headers": {"X-A": {"b": 1}}}, "header 'X-A' must be a string"),
        ("rest", {"statusCode": 200, "headers": {"X-A": None}}, "header 'X-A' must be a string"),
        ("rest", {"statusCode": 200, "multiValueHeaders": {"X-A": "1"}}, "must be a list"),
        ("alb-multi", {"statusCode": 200, "multiValueHeaders": []}, "'multiValueHeaders' must be an object"),
        ("rest", {"statusCode": 200, "headers": {"X-A": "1\r\nX-B: 2"}}, "CR, LF or NUL"),
        ("rest", {"statusCode": 200, "isBase64Encoded": "yes"}, "'isBase64Encoded' must be a boolean"),
        ("http", {"statusCode": 200, "body": "not base64!", "isBase64Encoded": True}, "not valid base64"),
        ("http", {"statusCode": 200, "cookies": "a=1"}, "'cookies' must be a list"),
        ("http", {"statusCode": 200, "cookies": [1]}, "cookie must be a string"),
        ("rest", {"statusCode": 200, "cookies": ["a=1"]}, "unknown keys 'cookies'"),
        ("http", {"statusCode": 200, "body": object()}, "'body' must be a string"),
    ],
)
def test_malformed_responses_are_refused_with_the_reason(source: str, result: Any, problem: str) -> None:
    with pytest.raises(MalformedResponseError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        parse_response(result, source)


def test_v2_result_that_is_not_json_is_malformed() -> None:
    with pytest.raises(MalformedResponseError, match="not JSON-serializable"):
        parse_response({"no_status": object()}, "http")


def test_gateway_error_is_json_like_api_gateway() -> None:
    error = gateway_error(502, "Internal server error", "Malformed Lambda proxy response: x")
    assert isinstance(error, HttpResponse)
    assert error.status == 502
    assert error.reason == "Bad Gateway"
    assert json.loads(error.body) == {
        "message": "Internal server error",
        "detail": "Malformed Lambda proxy response: x",
    }
    assert json.loads(gateway_error(502, "Internal server error").body) == {
        "message": "Internal server error"
    }
    assert "502" in repr(error)

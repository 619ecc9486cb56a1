"""``apiway.headers``: the helpers stages and the resolver use on response headers."""

from __future__ import annotations

from typing import Any

import pytest

from apiway.headers import (
    CaseInsensitiveDict,
    add_vary,
    allow_header,
    cors_headers,
    find_header,
    header_tokens,
    merge_headers,
)


def test_allow_header() -> None:
    assert allow_header(["GET"]) == "GET, HEAD, OPTIONS"
    assert allow_header(["POST", "DELETE"]) == "DELETE, OPTIONS, POST"
    assert allow_header([]) == "OPTIONS"


def test_allow_header_lists_each_method_once() -> None:
    assert allow_header(["GET", "HEAD", "OPTIONS", "GET"]) == "GET, HEAD, OPTIONS"
    assert allow_header(iter(["PUT"])) == "OPTIONS, PUT"


def test_cors_headers_keeps_access_control_and_vary_in_any_case() -> None:
    headers = {
        "Content-Type": "application/json",
        "Access-Control-Allow-Origin": "https://app.example",
        "access-control-expose-headers": "X-Total",
        "VARY": "Origin",
        "X-Access-Control-Note": "not a CORS header",
        "Set-Cookie": "sid=1",
    }
    assert cors_headers(headers) == {
        "Access-Control-Allow-Origin": "https://app.example",
        "access-control-expose-headers": "X-Total",
        "VARY": "Origin",
    }


def test_cors_headers_of_a_response_without_them_is_empty() -> None:
    assert cors_headers({"Content-Type": "text/plain"}) == {}
    assert cors_headers({}) == {}


def test_find_header_returns_the_stored_spelling() -> None:
    headers = {"content-type": "text/plain"}
    assert find_header(headers, "Content-Type") == "content-type"
    assert find_header(headers, "Vary") is None


@pytest.mark.parametrize(
    ("value", "tokens"),
    [(None, []), ("a, b,,c ", ["a", "b", "c"]), (["a, b", "c"], ["a", "b", "c"]), ("", [])],
)
def test_header_tokens(value: Any, tokens: list[str]) -> None:
    assert header_tokens(value) == tokens


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, {"Vary": "Origin"}),
        ({"vary": "Accept-Encoding"}, {"Vary": "Accept-Encoding, Origin"}),
        ({"Vary": "origin"}, {"Vary": "origin"}),
        ({"Vary": "*"}, {"Vary": "*"}),
    ],
)
def test_add_vary_merges_without_duplicates(headers: dict[str, str], expected: dict[str, str]) -> None:
    add_vary(headers, "Origin")
    assert headers == expected


def test_merge_headers_replaces_other_spellings_and_adds_vary() -> None:
    headers = {"access-control-allow-origin": "*", "Vary": "Accept-Encoding"}
    items = (("Access-Control-Allow-Origin", "access-control-allow-origin", "https://app.example"),)
    merge_headers(headers, items, "Origin")
    assert headers == {
        "Access-Control-Allow-Origin": "https://app.example",
        "Vary": "Accept-Encoding, Origin",
    }


def test_case_insensitive_dict() -> None:
    headers = CaseInsensitiveDict({"Content-Type": "text/plain"}, X_Trace="1")
    assert headers["content-type"] == headers["CONTENT-TYPE"] == "text/plain"
    assert "Content-Type" in headers and 3 not in headers
    assert headers == {"content-type": "text/plain", "x_trace": "1"}
    assert (headers | {"Vary": "Origin"})["vary"] == "Origin"
    assert headers.pop("CONTENT-TYPE") == "text/plain"
    assert headers.get("content-type") is None

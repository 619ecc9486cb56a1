"""Exact answers: one call asserts a proxy response's status, body and whole header map.

Hostile-input tests state the full answer they expect, whatever the event source: headers
are compared as one flat map (``multiValueHeaders`` values joined with ", "), so the same
expectation holds for REST, HTTP API, Function URL and ALB in both header modes.
"""

from __future__ import annotations

import json
from typing import Any

JSON_ONLY = {"Content-Type": "application/json"}


def flat_headers(response: dict[str, Any]) -> dict[str, str]:
    """The response headers as name -> value, whichever map the source uses."""
    flat: dict[str, str] = {}
    for name, values in (response.get("multiValueHeaders") or {}).items():
        flat[name] = ", ".join(values)
    for name, value in (response.get("headers") or {}).items():
        flat[name] = value
    return flat


def error_body(status: int, message: str) -> str:
    """The compact JSON body apiway answers errors with."""
    return json.dumps({"statusCode": status, "message": message}, separators=(",", ":"))


GENERIC_500 = error_body(500, "Internal server error")
NOT_FOUND = error_body(404, "Not found")
DOT_SEGMENTS = error_body(400, "Invalid path: '.' and '..' segments are not allowed")
URI_TOO_LONG = error_body(414, "URI too long")


def assert_answer(
    response: dict[str, Any],
    status: int,
    body: str | Any,
    headers: dict[str, str] | None = None,
    cookies: list[str] | None = None,
) -> None:
    """Assert the whole answer: status, body (text, or a value compared as parsed JSON),
    every header (``JSON_ONLY`` unless given) and, for payload 2.0, the cookies list."""
    assert response["statusCode"] == status, response
    if isinstance(body, str):
        assert response["body"] == body, response["body"][:300]
    else:
        assert json.loads(response["body"]) == body, response["body"][:300]
    assert flat_headers(response) == (JSON_ONLY if headers is None else headers)
    if "cookies" in response:
        assert response["cookies"] == (cookies or [])
    elif cookies is not None:
        assert flat_headers(response).get("Set-Cookie") == ", ".join(cookies)
    if "statusDescription" in response:
        assert response["statusDescription"].startswith(f"{status} ")

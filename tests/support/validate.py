"""The proxy response contract of each Lambda HTTP event source, as an assertion.

Every end-to-end test passes its responses through :func:`assert_valid_response`, so a
response that API Gateway, an ALB or a Function URL would refuse (or silently mangle) fails
the test that produced it.

- ``rest``: ``multiValueHeaders`` (str -> list[str]); ``headers`` (str -> str) optional.
- ``http`` and ``function_url``: ``headers`` (str -> str) without ``Set-Cookie``, which goes
  into the ``cookies`` list of strings.
- ``alb``: ``multiValueHeaders`` exactly when the request event had them, ``headers``
  otherwise; always ``statusDescription`` (``"200 OK"``).
- ``lattice`` (VPC Lattice, both event structure versions): ``headers`` (str -> str), one
  ``Set-Cookie`` at most, and ``statusDescription``.
- every source: ``statusCode`` an int in 100-599, ``body`` a str, ``isBase64Encoded`` a bool
  (and the body canonical base64 when it is true), no CR, LF or NUL in any header name,
  header value or cookie.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

SOURCES = ("rest", "http", "function_url", "alb", "lattice")

_ALIASES = {
    "rest": "rest",
    "apigatewayrestresolver": "rest",
    "http": "http",
    "apigatewayhttpresolver": "http",
    "function_url": "function_url",
    "lambdafunctionurlresolver": "function_url",
    "alb": "alb",
    "alb_multi": "alb",
    "albresolver": "alb",
    "lattice": "lattice",
    "lattice_v2": "lattice",
    "vpclatticeresolver": "lattice",
    "vpclatticev2resolver": "lattice",
}

_COMMON_KEYS = {"statusCode", "body", "isBase64Encoded"}
_ALLOWED_KEYS = {
    "rest": _COMMON_KEYS | {"multiValueHeaders", "headers"},
    "http": _COMMON_KEYS | {"headers", "cookies"},
    "function_url": _COMMON_KEYS | {"headers", "cookies"},
    "alb": _COMMON_KEYS | {"statusDescription", "headers", "multiValueHeaders"},
    "lattice": _COMMON_KEYS | {"statusDescription", "headers"},
}

_FORBIDDEN = ("\r", "\n", "\x00")
_STATUS_DESCRIPTION = re.compile(r"(\d{3}) \S.*")


class InvalidResponse(AssertionError):
    """A response breaks its event source's proxy response contract."""


def source_kind(source: Any) -> str:
    """``"rest"``, ``"http"``, ``"function_url"``, ``"alb"`` or ``"lattice"`` for a name, resolver
    or resolver class."""
    if isinstance(source, str):
        key = source.lower()
    else:
        klass = source if isinstance(source, type) else type(source)
        key = klass.__name__.lower()
    try:
        return _ALIASES[key]
    except KeyError:
        raise ValueError(f"unknown event source {source!r}; use one of {SOURCES}") from None


def _fail(source: str, problem: str) -> None:
    raise InvalidResponse(f"invalid {source} proxy response: {problem}")


def _check_text(source: str, what: str, text: Any) -> None:
    if not isinstance(text, str):
        _fail(source, f"{what} {text!r} is a {type(text).__name__}, not a str")
    for char in _FORBIDDEN:
        if char in text:
            _fail(source, f"{what} {text!r} contains {char!r}")


def _check_name(source: str, name: Any) -> None:
    _check_text(source, "header name", name)
    if not name or name != name.strip() or ":" in name:
        _fail(source, f"header name {name!r} is not a valid field name")


def _check_single_headers(source: str, headers: Any) -> None:
    if not isinstance(headers, dict):
        _fail(source, f"'headers' must be a dict, not {type(headers).__name__}")
    for name, value in headers.items():
        _check_name(source, name)
        _check_text(source, f"value of header {name!r}", value)


def _check_multi_headers(source: str, headers: Any) -> None:
    if not isinstance(headers, dict):
        _fail(source, f"'multiValueHeaders' must be a dict, not {type(headers).__name__}")
    for name, values in headers.items():
        _check_name(source, name)
        if not isinstance(values, list):
            _fail(source, f"multiValueHeaders[{name!r}] must be a list, not {type(values).__name__}")
        for value in values:
            _check_text(source, f"value of header {name!r}", value)


def _check_base64(source: str, body: str) -> None:
    try:
        decoded = base64.b64decode(body.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        _fail(source, f"isBase64Encoded is true but the body is not base64: {body[:40]!r}")
        return
    if base64.b64encode(decoded).decode("ascii") != body:
        _fail(source, f"isBase64Encoded is true but the body is not canonical base64: {body[:40]!r}")


def assert_valid_response(source: Any, response: Any, request_event: dict[str, Any] | None = None) -> None:
    """Assert that ``response`` is a proxy response the ``source`` integration accepts.

    ``source`` is ``"rest"``, ``"http"``, ``"function_url"``, ``"alb"`` or ``"lattice"`` (or a
    resolver or its class). For ALB, ``request_event`` decides whether ``multiValueHeaders`` or ``headers`` is
    required; without it exactly one of them must be present.
    """
    kind = source_kind(source)
    if not isinstance(response, dict):
        _fail(kind, f"must be a dict, not {type(response).__name__}")
    unexpected = set(response) - _ALLOWED_KEYS[kind]
    if unexpected:
        _fail(kind, f"unexpected keys {sorted(unexpected)}")

    status = response.get("statusCode")
    if type(status) is not int:
        _fail(kind, f"statusCode {status!r} is not an int")
    if not 100 <= status <= 599:
        _fail(kind, f"statusCode {status} is outside 100-599")

    body = response.get("body")
    if not isinstance(body, str):
        _fail(kind, f"body must be a str, not {type(body).__name__}")
    encoded = response.get("isBase64Encoded")
    if type(encoded) is not bool:
        _fail(kind, f"isBase64Encoded {encoded!r} is not a bool")
    if encoded:
        _check_base64(kind, body)

    if kind == "rest":
        if "multiValueHeaders" not in response:
            _fail(kind, "'multiValueHeaders' is missing")
        _check_multi_headers(kind, response["multiValueHeaders"])
        if "headers" in response:
            _check_single_headers(kind, response["headers"])
    elif kind in ("http", "function_url"):
        if "headers" not in response:
            _fail(kind, "'headers' is missing")
        _check_single_headers(kind, response["headers"])
        if any(name.lower() == "set-cookie" for name in response["headers"]):
            _fail(kind, "Set-Cookie belongs in 'cookies', not in 'headers'")
        cookies = response.get("cookies")
        if not isinstance(cookies, list):
            _fail(kind, f"'cookies' must be a list, not {type(cookies).__name__}")
        for cookie in cookies:
            _check_text(kind, "cookie", cookie)
            if not cookie:
                _fail(kind, "empty cookie")
    elif kind == "lattice":
        _check_status_description(kind, response)
        if "headers" not in response:
            _fail(kind, "'headers' is missing")
        _check_single_headers(kind, response["headers"])
    else:
        _check_alb(kind, response, request_event)


def _check_status_description(kind: str, response: dict[str, Any]) -> None:
    description = response.get("statusDescription")
    if not isinstance(description, str):
        _fail(kind, f"statusDescription {description!r} is missing or not a str")
    match = _STATUS_DESCRIPTION.fullmatch(description)
    if match is None or int(match.group(1)) != response["statusCode"]:
        _fail(kind, f"statusDescription {description!r} does not read '{response['statusCode']} <reason>'")
    _check_text(kind, "statusDescription", description)


def _check_alb(kind: str, response: dict[str, Any], request_event: dict[str, Any] | None) -> None:
    _check_status_description(kind, response)

    has_multi = "multiValueHeaders" in response
    has_single = "headers" in response
    if request_event is not None:
        multi_mode = "multiValueHeaders" in request_event
        if multi_mode and (not has_multi or has_single):
            _fail(kind, "the request came in multi-value mode: answer with 'multiValueHeaders' only")
        if not multi_mode and (has_multi or not has_single):
            _fail(kind, "the request came in single-value mode: answer with 'headers' only")
    elif has_multi == has_single:
        _fail(kind, "exactly one of 'headers' and 'multiValueHeaders' must be present")
    if has_multi:
        _check_multi_headers(kind, response["multiValueHeaders"])
    else:
        _check_single_headers(kind, response["headers"])

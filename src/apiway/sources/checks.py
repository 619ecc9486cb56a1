"""Checks the fast paths skip: events missing their fields, and responses that need work.

A source's writer answers the common response (a text body, a few short plain headers, no
cookies) on its own; anything else (cookies, many or long headers, a non-int status, a body
that may be over the size limit) goes through these functions, which validate every part
and refuse what the integration cannot deliver. perf: loaded with the first such response.
"""

from apiway.sources import _TOKEN_CHARS, invalid_event, response_error

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.response import Response

_FORBIDDEN = ("\r", "\n", "\x00")


def require_text(container: "Any", key: str, source: str, field: str) -> str:
    """``container[key]`` as a non-empty string, or :class:`InvalidEventError` naming ``field``."""
    if not isinstance(container, dict):
        raise invalid_event(source, field.rsplit(".", 1)[0] if "." in field else field, "is not an object")
    value = container.get(key)
    if value is None:
        raise invalid_event(source, field)
    if not isinstance(value, str):
        raise invalid_event(source, field, f"must be a string, not {type(value).__name__}")
    if not value:
        raise invalid_event(source, field, "is empty")
    return value


def check_text(kind: str, text: str) -> str:
    """Refuse header names, values and cookies that would split or corrupt a header line."""
    for char in _FORBIDDEN:
        if char in text:
            raise response_error(f"{kind} {text[:40]!r} contains a CR, LF or NUL character")
    return text


def check_name(name: str) -> str:
    """Refuse a header name that is not an HTTP field name (empty, spaces, ':', CR, LF, ...)."""
    if name and name.isascii() and not name.translate(_TOKEN_CHARS):
        return name
    raise response_error(f"header name {name[:40]!r} is not a valid HTTP field name")


def header_values(name: str, value: "Any") -> "list[str]":
    """A response header value (str, list or other) as a list of checked strings."""
    if isinstance(value, str):
        return [check_text("header value", value)]
    if isinstance(value, (list, tuple)):
        return [
            check_text("header value", v if isinstance(v, str) else str(v)) for v in value if v is not None
        ]
    return [check_text("header value", str(value))]


def status_and_body(response: "Response") -> "tuple[int, str, bool]":
    """Validated status code, string body and base64 flag of a response."""
    status = response.status_code
    body = response.body
    if type(body) is str and type(status) is int and 100 <= status <= 599:
        return status, body, response.base64_encoded is True  # perf: the common case
    if type(status) is not int:
        # int-like: an int subclass such as HTTPStatus, or a string of ASCII digits ("201");
        # bools, floats and anything else are refused rather than guessed at.
        given: object = status
        if isinstance(given, bool) or not (
            isinstance(given, int) or (isinstance(given, str) and given.isascii() and given.isdigit())
        ):
            raise response_error(f"status code {repr(given)[:60]} is not an integer")
        status = int(given)
    if not 100 <= status <= 599:
        raise response_error(f"status code {status} is outside 100-599")
    body = response.body
    encoded = response.base64_encoded is True
    if body is None:
        return status, "", False
    if isinstance(body, str):
        return status, body, encoded
    if isinstance(body, (bytes, bytearray, memoryview)):
        from apiway.codec import b64encode

        return status, b64encode(bytes(body)), True
    raise response_error(f"response body of type {type(body).__name__} was not serialized")


def checked_size(out: "dict[str, Any]", limit: int, limit_name: str) -> "dict[str, Any]":
    """``out`` when its JSON encoding fits in ``limit`` bytes, else ResponseSizeExceededError.

    An upper bound first (12 bytes a character, see ``quick_body_limit``); the exact size, which
    costs a ``json.dumps`` of the response, only when the bound is over the limit.
    """
    chars = len(out["body"])
    for key in ("headers", "multiValueHeaders"):
        headers = out.get(key)
        if headers:
            for name, value in headers.items():
                chars += len(name) + 8
                if type(value) is list:
                    for item in value:
                        chars += len(item) + 4
                else:
                    chars += len(value)
    for cookie in out.get("cookies") or ():
        chars += len(cookie) + 4
    if chars * 12 + 512 <= limit:
        return out
    size = encoded_size(out)
    if size > limit:
        from apiway.exceptions import ResponseSizeExceededError

        raise ResponseSizeExceededError(actual_size=size, max_size=limit, limit_name=limit_name)
    return out


def encoded_size(out: "dict[str, Any]") -> int:
    """Bytes of ``out`` as the Lambda runtime sends it: JSON with the default separators,
    non-ASCII escaped except on the managed Python 3.12+ runtimes, which send UTF-8."""
    import json
    import os

    runtime = os.environ.get("AWS_EXECUTION_ENV", "")
    minor = runtime[len("AWS_Lambda_python3.") :] if runtime.startswith("AWS_Lambda_python3.") else ""
    ensure_ascii = not (minor.isdigit() and int(minor) >= 12)
    return len(json.dumps(out, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass"))


def multi_value_headers(response: "Response") -> "dict[str, list[str]]":
    """Response headers and cookies as ``multiValueHeaders`` (one list per name)."""
    out: dict[str, list[str]] = {}
    for name, value in response.headers.items():
        if value is not None:
            key = check_name(str(name))
            values = header_values(key, value)
            if values:  # an empty list is no header at all, as in single-value answers
                out[key] = values
    if response.cookies:
        key = next((k for k in out if k.lower() == "set-cookie"), "Set-Cookie")
        out.setdefault(key, []).extend(check_text("cookie", str(c)) for c in response.cookies)
    return out


def single_value_headers(response: "Response") -> "tuple[dict[str, str], list[str]]":
    """Response headers joined one value per name, and the ``Set-Cookie`` values apart."""
    out: dict[str, str] = {}
    cookies: list[str] = []
    headers: dict[str, Any] = response.headers
    for name, value in headers.items():
        if value is None:
            continue
        key = str(name)
        values = header_values(key, value)
        if key.lower() == "set-cookie":
            cookies.extend(values)
        elif values:
            out[check_name(key)] = ", ".join(values)
    cookies.extend(check_text("cookie", str(c)) for c in response.cookies)
    return out, cookies


def last_cookie_only(headers: "dict[str, str]", cookies: "list[str]", advice: str) -> "dict[str, str]":
    """``headers`` with the last of ``cookies`` as ``Set-Cookie``: answers with one value per
    header carry one cookie. Dropping others is logged as a warning ending with ``advice``."""
    if cookies:
        if len(cookies) > 1:
            import logging

            logging.getLogger("apiway").warning(
                "only the last of %d cookies is sent: %s", len(cookies), advice
            )
        headers["Set-Cookie"] = cookies[-1]
    return headers

"""Turn a Lambda proxy response back into HTTP, refusing what the platform would refuse.

API Gateway answers a malformed proxy response with ``502 {"message": "Internal server
error"}`` and logs "Malformed Lambda proxy response". Locally the same 502 is sent, with the
reason added to the body and the log so it can be fixed.

Rules applied (the platform's, as far as they are documented or observed):

- the result is a JSON object with an integer ``statusCode`` in 100-599; payload 2.0
  sources (``http``, ``function-url``) instead treat any result without ``statusCode`` as a
  200 JSON body;
- ``body`` is a string or null; ``isBase64Encoded`` a boolean (``"true"``/``"false"``
  accepted), and when true the body must be valid base64;
- ``headers`` maps names to strings or numbers; ``multiValueHeaders`` maps names to lists
  of them (REST and ALB; merged with ``headers`` as API Gateway does); payload 2.0
  ``cookies`` is a list of strings, each sent as one ``Set-Cookie`` line;
- REST APIs refuse unknown top-level keys; the ``statusDescription`` of ALB and VPC Lattice
  answers sets the reason phrase;
- API Gateway and Function URLs default ``Content-Type`` to ``application/json`` (except on
  204 and 304, which have no content).
"""

import json

from apiway.codec import b64decode_strict
from apiway.exceptions import InvalidBodyError
from apiway.status import reason_phrase

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_REST_KEYS = frozenset(("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"))
_BAD_CHARS = ("\r", "\n", "\x00")
#: Sources whose answers carry a ``statusDescription`` and get no default ``Content-Type``.
_DESCRIBED = frozenset(("alb", "alb-multi", "lattice", "lattice-v2"))


class MalformedResponseError(ValueError):
    """The handler's result is not a proxy response its event source's platform would accept."""


class HttpResponse:
    """A proxy response as HTTP: status, reason phrase, header lines and body bytes."""

    __slots__ = ("body", "headers", "reason", "status")

    def __init__(self, status: int, reason: str, headers: "list[tuple[str, str]]", body: bytes):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body

    def header(self, name: str) -> "str | None":
        """The first value of header ``name`` (any case), or None."""
        lowered = name.lower()
        return next((value for key, value in self.headers if key.lower() == lowered), None)

    def __repr__(self) -> str:
        return (
            f"<HttpResponse {self.status} {self.reason} headers={self.headers!r} body={len(self.body)} bytes>"
        )


def gateway_error(status: int, message: str, detail: "str | None" = None) -> "HttpResponse":
    """The JSON error answer the gateway itself gives (``{"message": ...}``), plus ``detail``."""
    payload: dict[str, str] = {"message": message}
    if detail:
        payload["detail"] = detail
    body = json.dumps(payload).encode()
    return HttpResponse(status, reason_phrase(status), [("Content-Type", "application/json")], body)


def failed_invocation(error: BaseException) -> "HttpResponse":
    """The 502 answer to a handler that raised (the traceback belongs in the log)."""
    return gateway_error(502, "Internal server error", f"the handler raised {type(error).__name__}")


def malformed_response(error: "MalformedResponseError") -> "HttpResponse":
    """The 502 answer to a malformed proxy response, saying what is wrong with it."""
    return gateway_error(502, "Internal server error", f"Malformed Lambda proxy response: {error}")


def _text(kind: str, value: "Any") -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise MalformedResponseError(f"{kind} must be a string, not {type(value).__name__}")
    text = value if isinstance(value, str) else str(value)
    if any(char in text for char in _BAD_CHARS):
        raise MalformedResponseError(f"{kind} {text[:40]!r} contains a CR, LF or NUL character")
    return text


def _single_headers(value: "Any") -> "list[tuple[str, str]]":
    if value is None:
        return []
    if not isinstance(value, dict):
        raise MalformedResponseError(f"'headers' must be an object, not {type(value).__name__}")
    return [(_text("header name", name), _text(f"header {name!r}", item)) for name, item in value.items()]


def _multi_headers(value: "Any") -> "list[tuple[str, str]]":
    if value is None:
        return []
    if not isinstance(value, dict):
        raise MalformedResponseError(f"'multiValueHeaders' must be an object, not {type(value).__name__}")
    lines: list[tuple[str, str]] = []
    for name, items in value.items():
        if not isinstance(items, list):
            raise MalformedResponseError(
                f"'multiValueHeaders' entry {name!r} must be a list, not {type(items).__name__}"
            )
        key = _text("header name", name)
        lines.extend((key, _text(f"header {name!r}", item)) for item in items)
    return lines


def _merge(multi: "list[tuple[str, str]]", single: "list[tuple[str, str]]") -> "list[tuple[str, str]]":
    """``multiValueHeaders`` lines, then ``headers`` lines not already among them."""
    seen = {(name.lower(), value) for name, value in multi}
    return multi + [(name, value) for name, value in single if (name.lower(), value) not in seen]


def _base64_flag(value: "Any") -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if value in ("true", "True", "false", "False"):
        return value in ("true", "True")
    raise MalformedResponseError(f"'isBase64Encoded' must be a boolean, not {value!r}")


def _body(value: "Any", encoded: bool) -> bytes:
    if value is None:
        return b""
    if not isinstance(value, str):
        raise MalformedResponseError(f"'body' must be a string, not {type(value).__name__}")
    if not encoded:
        return value.encode("utf-8", "surrogatepass")
    try:
        return b64decode_strict(value)
    except InvalidBodyError:
        raise MalformedResponseError(
            "'body' is not valid base64 although 'isBase64Encoded' is true"
        ) from None


def _status(result: "dict[str, Any]") -> int:
    if "statusCode" not in result:
        raise MalformedResponseError("'statusCode' is missing")
    status = result["statusCode"]
    if isinstance(status, bool) or not isinstance(status, int):
        raise MalformedResponseError(f"'statusCode' must be an integer, not {status!r}")
    if not 100 <= status <= 599:
        raise MalformedResponseError(f"'statusCode' {status} is outside 100-599")
    return status


def parse_response(result: "Any", source: str) -> "HttpResponse":
    """The HTTP response a ``source`` platform makes of a handler's ``result``.

    Raises :class:`MalformedResponseError` where the platform would answer 502.
    """
    v2 = source in ("http", "function-url")
    if v2 and (not isinstance(result, dict) or "statusCode" not in result):
        try:
            body = json.dumps(result).encode()
        except (TypeError, ValueError) as error:
            raise MalformedResponseError(f"result is not JSON-serializable: {error}") from None
        return HttpResponse(200, "OK", [("Content-Type", "application/json")], body)
    if not isinstance(result, dict):
        raise MalformedResponseError(f"the handler returned {type(result).__name__}, not a JSON object")
    status = _status(result)
    reason = reason_phrase(status)
    if source == "rest":
        unknown = sorted(set(result) - _REST_KEYS)
        if unknown:
            raise MalformedResponseError(f"unknown keys {', '.join(map(repr, unknown))}")
    if v2:
        headers = _single_headers(result.get("headers"))
        cookies = result.get("cookies")
        if cookies is not None:
            if not isinstance(cookies, list):
                raise MalformedResponseError(f"'cookies' must be a list, not {type(cookies).__name__}")
            for cookie in cookies:
                if not isinstance(cookie, str):
                    raise MalformedResponseError(f"cookie must be a string, not {type(cookie).__name__}")
                headers.append(("Set-Cookie", _text("cookie", cookie)))
    else:
        headers = _merge(
            _multi_headers(result.get("multiValueHeaders")), _single_headers(result.get("headers"))
        )
    if source in _DESCRIBED:
        description = result.get("statusDescription")
        if description is not None:
            code, _, phrase = _text("'statusDescription'", description).partition(" ")
            reason = phrase if code == str(status) and phrase else reason
    elif status not in (204, 304) and not any(name.lower() == "content-type" for name, _ in headers):
        headers.append(("Content-Type", "application/json"))
    body = _body(result.get("body"), _base64_flag(result.get("isBase64Encoded")))
    return HttpResponse(status, reason, headers, body)

"""Read headers, cookies and bodies out of a proxy response of any event source."""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any


def header_values(response: dict[str, Any], name: str) -> list[str]:
    """Every value of response header ``name`` (any case), from ``multiValueHeaders`` or ``headers``."""
    lowered = name.lower()
    found: list[str] = []
    for key, values in (response.get("multiValueHeaders") or {}).items():
        if key.lower() == lowered:
            found.extend(values)
    for key, value in (response.get("headers") or {}).items():
        if key.lower() == lowered:
            found.append(value)
    return found


def header(response: dict[str, Any], name: str) -> str | None:
    """Response header ``name`` (any case) as one string (repeated values joined with ", ")."""
    values = header_values(response, name)
    return ", ".join(values) if values else None


def header_tokens(response: dict[str, Any], name: str) -> list[str]:
    """The comma-separated tokens of header ``name`` (``Vary``, ``Allow``, ...), trimmed."""
    return [
        token.strip()
        for value in header_values(response, name)
        for token in value.split(",")
        if token.strip()
    ]


def set_cookies(response: dict[str, Any]) -> list[str]:
    """Every cookie the response sets: the ``cookies`` list (payload 2.0) and ``Set-Cookie`` headers."""
    return list(response.get("cookies") or []) + header_values(response, "Set-Cookie")


def body_bytes(response: dict[str, Any]) -> bytes:
    """The body as the client receives it: base64-decoded, then gunzipped when gzip-encoded."""
    body = response["body"]
    data = base64.b64decode(body) if response["isBase64Encoded"] else body.encode("utf-8")
    if (header(response, "Content-Encoding") or "").lower() == "gzip":
        data = gzip.decompress(data)
    return data


def body_text(response: dict[str, Any]) -> str:
    """The decoded body as text."""
    return body_bytes(response).decode("utf-8")


def json_body(response: dict[str, Any]) -> Any:
    """The decoded body parsed as JSON."""
    return json.loads(body_bytes(response))

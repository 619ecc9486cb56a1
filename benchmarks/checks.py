"""Correctness of a framework's answer, checked before anything is timed.

A fast wrong answer is worth nothing: each framework's proxy response to each scenario event
must carry the expected status, Content-Type, JSON body (after base64 and gzip decoding)
and any scenario-specific headers.
"""

from __future__ import annotations

import base64
import gzip
import json
from dataclasses import dataclass, field
from typing import Any


class WrongAnswerError(AssertionError):
    """A framework answered a scenario event incorrectly."""


@dataclass(frozen=True)
class Expect:
    status: int
    body: Any
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


def header(response: dict[str, Any], name: str) -> str | None:
    """A response header by name, whatever its case, from ``headers`` or ``multiValueHeaders``."""
    lowered = name.lower()
    for key, value in (response.get("headers") or {}).items():
        if key.lower() == lowered:
            return str(value)
    for key, values in (response.get("multiValueHeaders") or {}).items():
        if key.lower() == lowered:
            return ", ".join(values)
    return None


def body_of(response: dict[str, Any]) -> Any:
    """The decoded JSON body of a proxy response."""
    body = response.get("body") or ""
    data = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode("utf-8")
    if header(response, "Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return json.loads(data) if data else None


def check(framework: str, scenario: str, response: Any, expect: Expect) -> None:
    """Raise :class:`WrongAnswerError` naming what differs from ``expect``."""
    problems = []
    if not isinstance(response, dict):
        raise WrongAnswerError(f"{framework} / {scenario}: the response is not a dict: {response!r}")
    if response.get("statusCode") != expect.status:
        problems.append(f"status {response.get('statusCode')!r}, expected {expect.status}")
    content_type = (header(response, "Content-Type") or "").split(";", 1)[0].strip().lower()
    if content_type != expect.content_type:
        problems.append(f"Content-Type {content_type!r}, expected {expect.content_type!r}")
    try:
        body = body_of(response)
    except (ValueError, OSError) as error:
        problems.append(f"body cannot be decoded ({error})")
    else:
        if body != expect.body:
            problems.append(f"body {str(body)[:120]}, expected {str(expect.body)[:120]}")
    for name, value in expect.headers.items():
        if header(response, name) != value:
            problems.append(f"header {name} is {header(response, name)!r}, expected {value!r}")
    if problems:
        raise WrongAnswerError(f"{framework} / {scenario}: " + "; ".join(problems))

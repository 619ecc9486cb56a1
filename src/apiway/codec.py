"""Body codecs shared by events and stages: base64, JSON decoding.

perf: binascii is a built-in C module; ``base64`` and ``json`` are only imported on the
paths that need them.
"""

import binascii
import sys

from apiway.exceptions import InvalidBodyError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_STRICT_B64 = sys.version_info >= (3, 11)


def b64encode(data: bytes) -> str:
    """Standard base64 text of ``data`` (no newline)."""
    return binascii.b2a_base64(data, newline=False).decode("ascii")


def b64decode_strict(text: "str | bytes") -> bytes:
    """Decode base64, refusing anything that is not canonical base64 (400 on failure)."""
    try:
        if isinstance(text, str):
            text = text.encode("ascii")
        if _STRICT_B64:
            return binascii.a2b_base64(text, strict_mode=True)  # type: ignore[call-arg,unused-ignore]
        import base64

        return base64.b64decode(text, validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise InvalidBodyError("Request body is not valid base64") from None


def utf8_text(data: bytes) -> str:
    """Decode UTF-8 request text (400 on failure)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidBodyError("Request body is not valid UTF-8 text") from None


def _reject_constant(name: str) -> "Any":
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    # "1e999" is valid JSON grammar, but Python reads it as infinity, which no JSON answer can
    # carry: refused like the Infinity constant.
    value = float(text)
    if value - value != 0.0:
        raise ValueError("number out of range")
    return value


_decoder: "Any" = None


def parse_json(text: "str | bytes", loads: "Callable[..., Any] | None" = None) -> "Any":
    """Parse a JSON request body; invalid, too deep, NaN/Infinity, numbers out of a float's
    range or integers of thousands of digits answer 400.

    The error (:class:`~apiway.invalid_json.InvalidJSONError`, also a ``json.JSONDecodeError``)
    has a message that never repeats the body.
    """
    global _decoder
    try:
        if loads is not None:
            return loads(text)
        if _decoder is None:
            # perf: one decoder for every request (json.loads with options builds a new one).
            from json import JSONDecoder

            _decoder = JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)
        if not isinstance(text, str):
            text = utf8_text(bytes(text))
        return _decoder.decode(text)
    except InvalidBodyError:
        raise
    except RecursionError:
        from apiway.invalid_json import invalid_json

        raise invalid_json("Request body is not valid JSON: nested too deeply", text) from None
    except (ValueError, TypeError) as error:
        from apiway.invalid_json import invalid_json

        raise invalid_json("Request body is not valid JSON", text, error) from None

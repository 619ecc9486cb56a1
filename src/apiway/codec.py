"""Body codecs shared by events and stages: base64, JSON decoding.

perf: ``binascii`` (a C extension module), ``base64`` and ``json`` are only imported on the
paths that need them.
"""

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_STRICT_B64 = sys.version_info >= (3, 11)


def b64encode(data: bytes) -> str:
    """Standard base64 text of ``data`` (no newline)."""
    import binascii

    return binascii.b2a_base64(data, newline=False).decode("ascii")


def b64decode_strict(text: "str | bytes") -> bytes:
    """Decode base64, refusing anything that is not canonical base64 (400 on failure)."""
    import binascii

    try:
        if isinstance(text, str):
            text = text.encode("ascii")
        if _STRICT_B64:
            return binascii.a2b_base64(text, strict_mode=True)  # type: ignore[call-arg,unused-ignore]
        import base64

        return base64.b64decode(text, validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise invalid_body("Request body is not valid base64") from None


def utf8_text(data: bytes) -> str:
    """Decode UTF-8 request text (400 on failure)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid_body("Request body is not valid UTF-8 text") from None


def invalid_body(message: str) -> Exception:
    """An :class:`~apiway.exceptions.InvalidBodyError` (perf: that module loads when one is raised)."""
    from apiway.exceptions import InvalidBodyError

    return InvalidBodyError(message)


def is_invalid_body(error: BaseException) -> bool:
    """Whether ``error`` is an :class:`~apiway.exceptions.InvalidBodyError` (none exists while
    its module is not loaded)."""
    errors = sys.modules.get("apiway.exceptions")
    return errors is not None and isinstance(error, errors.InvalidBodyError)


def _reject_constant(name: str) -> "Any":
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    # "1e999" is valid JSON grammar, but Python reads it as infinity, which no JSON answer can
    # carry: refused like the Infinity constant.
    value = float(text)
    if value - value != 0.0:
        raise ValueError("number out of range")
    return value


#: JSON's whitespace, which may surround the value.
_WHITESPACE = " \t\n\r"


class _ScannerSettings:
    """What the C scanner reads off the decoder it serves (``json.JSONDecoder``'s attributes)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = staticmethod(_finite_float)
    parse_int = int
    parse_constant = staticmethod(_reject_constant)


_scan: "Any" = None
_decoder: "Any" = None


def _decode(text: str) -> "Any":
    """``JSONDecoder.decode`` with the scanner alone, for a document that is valid JSON; a
    document that is not goes to the full decoder, for its exact error."""
    global _scan
    if _scan is None:
        # perf: the C scanner behind json.loads, made without importing json, whose modules
        # compile regular expressions when imported (about a millisecond of cold start);
        # _json is already loaded for responses.
        from _json import make_scanner

        _scan = make_scanner(_ScannerSettings)  # type: ignore[arg-type]  # read as attributes
    start = len(text) - len(text.lstrip(_WHITESPACE))
    try:
        value, end = _scan(text, start)
    except StopIteration:  # no value at all: the decoder words the error
        return _full_decode(text)
    if end != len(text) and text[end:].strip(_WHITESPACE):
        return _full_decode(text)  # data after the value
    return value


def _full_decode(text: str) -> "Any":
    global _decoder
    if _decoder is None:
        # one decoder for every request (json.loads with options builds a new one)
        from json import JSONDecoder

        _decoder = JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)
    return _decoder.decode(text)


def parse_json(text: "str | bytes", loads: "Callable[..., Any] | None" = None) -> "Any":
    """Parse a JSON request body; invalid, too deep, NaN/Infinity, numbers out of a float's
    range or integers of thousands of digits answer 400.

    The error (:class:`~apiway.invalid_json.InvalidJSONError`, also a ``json.JSONDecodeError``)
    has a message that never repeats the body.
    """
    try:
        if loads is not None:
            return loads(text)
        if not isinstance(text, str):
            text = utf8_text(bytes(text))
        return _decode(text)
    except RecursionError:
        from apiway.invalid_json import invalid_json

        raise invalid_json("Request body is not valid JSON: nested too deeply", text) from None
    except (ValueError, TypeError) as error:
        if is_invalid_body(error):
            raise  # not UTF-8: its own 400
        from apiway.invalid_json import invalid_json

        raise invalid_json("Request body is not valid JSON", text, error) from None

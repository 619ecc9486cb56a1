"""Values of YAML scalars and tags, as :mod:`apiway.local.sam.yaml_reader` reads them.

Plain scalars resolve as in YAML 1.1 (``yes`` and ``on`` are true, ``0x1F`` is 31, ``012``
is octal, ``1.5`` a float), except dates, which stay strings, as CloudFormation reads them.
CloudFormation's short-form tags read as their long form: ``!Ref Name`` as
``{"Ref": "Name"}``, ``!GetAtt A.B`` as ``{"Fn::GetAtt": ["A", "B"]}``, ``!Sub ...`` as
``{"Fn::Sub": ...}``.
"""

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
# YAML 1.1 integers (binary, octal, decimal, hexadecimal, base 60) and floats; the exponent of
# a float needs its sign and the number a dot, as in the 1.1 type repository.
_INT = r"[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*(?::[0-5]?[0-9])*)"
_FLOAT = (
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_CORE_TAGS = ("str", "int", "float", "bool", "null", "map", "seq")


class YAMLError(ValueError):
    """The text is not YAML this reader understands; ``line`` and ``column`` count from 1."""

    def __init__(self, message: str, line: int, column: int):
        self.message = message
        self.line = line
        self.column = column
        super().__init__(f"line {line}, column {column}: {message}")


def resolve_plain(text: str) -> "Any":
    """The value of a plain (unquoted) scalar: null, a boolean, a number, else the text."""
    if text in _NULLS:
        return None
    found = _BOOLS.get(text)
    if found is not None:
        return found
    if text[:1] not in "+-.0123456789":
        return text
    try:
        if re.fullmatch(_INT, text):
            return _to_int(text.replace("_", ""))
        if re.fullmatch(_FLOAT, text):
            return _to_float(text.replace("_", "").lower())
    except ValueError:  # only underscores after the prefix ("0b_"): text, not a number
        pass
    return text


def _to_int(text: str) -> int:
    sign = -1 if text[0] == "-" else 1
    digits = text.lstrip("+-")
    if ":" in digits:
        value = 0
        for part in digits.split(":"):
            value = value * 60 + int(part)
        return sign * value
    if digits.startswith("0b"):
        return sign * int(digits[2:], 2)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    if len(digits) > 1 and digits[0] == "0":
        return sign * int(digits, 8)
    return sign * int(digits)


def _to_float(text: str) -> float:
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text.lstrip("+-")
    if digits == ".inf":
        return sign * float("inf")
    if digits == ".nan":
        return float("nan")
    if ":" in digits:
        value = 0.0
        for part in digits.split(":"):
            value = value * 60 + float(part)
        return sign * value
    return sign * float(digits)


def intrinsic(name: str, value: "Any") -> "dict[str, Any]":
    """CloudFormation's long form of the short-form tag ``!name``."""
    if name in ("Ref", "Condition"):
        return {name: value}
    if name == "GetAtt" and isinstance(value, str) and "." in value:
        value = value.split(".", 1)
    return {f"Fn::{name}": value}


def core_tag(name: str, value: "Any") -> "Any":
    """``value`` read as the YAML core tag ``!!name``; ValueError when it cannot be."""
    if name not in _CORE_TAGS:
        raise ValueError(f"the tag !!{name} is not supported")
    if name == "str":
        if isinstance(value, (dict, list)):
            raise ValueError("!!str needs a scalar")
        return "" if value is None else value
    if name in ("map", "seq"):
        if not isinstance(value, dict if name == "map" else list):
            raise ValueError(f"!!{name} needs a {'mapping' if name == 'map' else 'sequence'}")
        return value
    resolved = resolve_plain(value if isinstance(value, str) else "" if value is None else "?")
    valid = {
        "int": type(resolved) is int,
        "float": type(resolved) in (int, float),
        "bool": type(resolved) is bool,
        "null": resolved is None,
    }
    if isinstance(value, (dict, list)) or not valid[name]:
        raise ValueError(f"{value!r} is not a valid !!{name}")
    return float(resolved) if name == "float" else resolved

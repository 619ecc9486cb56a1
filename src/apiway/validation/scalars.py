"""Validators for int, float, bool, str, bytes, None and Any, coercing as pydantic v2's lax mode."""

import sys

from apiway.validation.check import EXACT, INVALID, LAX, STRICT, TypeCheck, fail, identity
from apiway.validation.constraints import bound_check

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Errors = list[dict[str, Any]]

_TRUE = frozenset(("1", "on", "t", "true", "y", "yes"))
_FALSE = frozenset(("0", "off", "f", "false", "n", "no"))
_BOUND_KEYS = (("gt", "exclusiveMinimum"), ("ge", "minimum"), ("lt", "exclusiveMaximum"), ("le", "maximum"))


def _decimal_type() -> "Any":
    # perf: decimal is looked up, never imported; a Decimal input means the caller loaded it.
    module = sys.modules.get("decimal")
    return module.Decimal if module is not None else None


def parse_int(value: "Any", errors: "Errors") -> "Any":
    """``value`` as an int (pydantic's lax int rules), or INVALID after one error."""
    kind = type(value)
    if kind is int:
        return value
    if kind is str or kind is bytes:
        text = value if kind is str else value.decode("utf-8", "replace")
        text = text.strip()
        if text.isascii():
            try:
                return int(text)
            except ValueError:
                head, dot, tail = text.partition(".")
                if dot and head and tail.strip("0") == "" and head[-1:].isdigit():
                    try:
                        return int(head)
                    except ValueError:
                        pass
        return fail(errors, "int_parsing", value)
    if kind is float:
        if value.is_integer():
            return int(value)
        if value - value != 0:  # nan or an infinity
            return fail(errors, "finite_number", value)
        return fail(errors, "int_from_float", value)
    if isinstance(value, int):
        return int(value)
    decimal = _decimal_type()
    if decimal is not None and isinstance(value, decimal):
        if not value.is_finite():
            return fail(errors, "finite_number", value)
        if value == value.to_integral_value():
            return int(value)
        return fail(errors, "int_from_float", value)
    return fail(errors, "int_type", value)


def parse_float(value: "Any", errors: "Errors") -> "Any":
    """``value`` as a float (pydantic's lax float rules), or INVALID after one error."""
    kind = type(value)
    if kind is float:
        return value
    if kind is int or kind is bool:
        return float(value)
    if kind is str or kind is bytes:
        text = value if kind is str else value.decode("utf-8", "replace")
        if text.isascii():
            try:
                return float(text)
            except ValueError:
                pass
        return fail(errors, "float_parsing", value)
    if isinstance(value, (int, float)):
        return float(value)
    decimal = _decimal_type()
    if decimal is not None and isinstance(value, decimal):
        return float(value)
    return fail(errors, "float_type", value)


def _number_exactness(exact: type) -> "Any":
    def exactness(value: "Any") -> int:
        kind = type(value)
        if kind is exact:
            return EXACT
        if kind is not bool and isinstance(value, (int, float)):
            return STRICT
        return LAX

    return exactness


def _number_schema(json_type: str, given: "dict[str, Any]") -> "Any":
    schema: dict[str, Any] = {"type": json_type}
    for name, key in _BOUND_KEYS:
        if name in given:
            schema[key] = given[name]
    if "multiple_of" in given:
        schema["multipleOf"] = given["multiple_of"]
    return lambda ctx: dict(schema)


def _bounded(parse: "Any", bounds: "Any") -> "Any":
    if bounds is None:
        return parse

    def check(value: "Any", errors: "Errors") -> "Any":
        result = parse(value, errors)
        if result is not INVALID:
            broken = bounds(result)
            if broken is not None:
                return fail(errors, broken[0], value, broken[1], broken[2])
        return result

    return check


def build_int(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """int, with optional bounds and multiple_of."""
    check = _bounded(parse_int, bound_check(given, lambda bound: bound))
    label = "constrained-int" if given else "int"
    return TypeCheck(
        annotation, check, identity, _number_schema("integer", given), label, _number_exactness(int)
    )


def build_float(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """float, with optional bounds and multiple_of."""
    check = _bounded(parse_float, bound_check(given, float))
    label = "constrained-float" if given else "float"
    given = {name: float(value) for name, value in given.items()}
    return TypeCheck(
        annotation, check, identity, _number_schema("number", given), label, _number_exactness(float)
    )


def check_bool(value: "Any", errors: "Errors") -> "Any":
    """pydantic's lax bool: bools, 0/1, and the usual words (``"true"``, ``"off"``, ...)."""
    kind = type(value)
    if kind is bool:
        return value
    if kind is str or kind is bytes:
        text = (value if kind is str else value.decode("utf-8", "replace")).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return fail(errors, "bool_parsing", value)
    if kind is int or kind is float:
        if value == 1:
            return True
        if value == 0:
            return False
        return fail(errors, "bool_parsing" if kind is int else "bool_type", value)
    decimal = _decimal_type()
    if decimal is not None and isinstance(value, decimal):
        if value in (0, 1):
            return bool(value == 1)
        return fail(errors, "bool_parsing", value)
    return fail(errors, "bool_type", value)


def build_bool(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """bool."""
    exact = lambda value: EXACT if type(value) is bool else LAX  # noqa: E731
    return TypeCheck(annotation, check_bool, identity, lambda ctx: {"type": "boolean"}, "bool", exact)


def _length_check(given: "dict[str, Any]", short: str, long: str) -> "Any":
    low, high = given.get("min_length"), given.get("max_length")
    pattern = given.get("pattern")
    search = None
    if pattern is not None:
        import re

        try:
            search = re.compile(pattern).search
        except re.error as exc:
            from apiway.validation import check as _check

            raise _check.AnnotationError(
                f"constraint pattern={pattern!r} is not a valid regular expression: {exc}"
            ) from None

    def broken(result: "Any") -> "tuple[str, dict[str, Any], None] | None":
        if low is not None and len(result) < low:
            return short, {"min_length": low}, None
        if high is not None and len(result) > high:
            return long, {"max_length": high}, None
        if search is not None and search(result) is None:
            return "string_pattern_mismatch", {"pattern": pattern}, None
        return None

    return broken if (low is not None or high is not None or search is not None) else None


def parse_str(value: "Any", errors: "Errors") -> "Any":
    """``value`` as a str: str (subclasses too, str enums give their value) or UTF-8 bytes."""
    kind = type(value)
    if kind is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if kind is bytes or kind is bytearray:
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return fail(errors, "string_unicode", value)
    enum = sys.modules.get("enum")
    if enum is not None and isinstance(value, enum.Enum) and isinstance(value.value, str):
        return str.__str__(value.value)
    return fail(errors, "string_type", value)


def _length_schema(base: "dict[str, Any]", given: "dict[str, Any]") -> "Any":
    schema = dict(base)
    if "min_length" in given:
        schema["minLength"] = given["min_length"]
    if "max_length" in given:
        schema["maxLength"] = given["max_length"]
    if "pattern" in given:
        schema["pattern"] = given["pattern"]
    return lambda ctx: dict(schema)


def build_str(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """str, with optional min_length, max_length and pattern (searched, as pydantic does)."""
    check = _bounded(parse_str, _length_check(given, "string_too_short", "string_too_long"))
    exact = lambda value: EXACT if type(value) is str else (STRICT if isinstance(value, str) else LAX)  # noqa: E731
    label = "constrained-str" if given else "str"
    return TypeCheck(annotation, check, identity, _length_schema({"type": "string"}, given), label, exact)


def parse_bytes(value: "Any", errors: "Errors") -> "Any":
    """``value`` as bytes: bytes, bytearray, or a str encoded as UTF-8."""
    kind = type(value)
    if kind is bytes:
        return value
    if kind is str:
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return fail(errors, "bytes_type", value)


def dump_bytes(value: "Any") -> str:
    """bytes as UTF-8 text (pydantic's default JSON form for bytes)."""
    return bytes(value).decode("utf-8")


def build_bytes(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """bytes, with optional min_length and max_length."""
    check = _bounded(parse_bytes, _length_check(given, "bytes_too_short", "bytes_too_long"))
    exact = lambda value: EXACT if type(value) is bytes else LAX  # noqa: E731
    schema = _length_schema({"format": "binary", "type": "string"}, given)
    label = "constrained-bytes" if given else "bytes"
    return TypeCheck(annotation, check, dump_bytes, schema, label, exact)


def check_none(value: "Any", errors: "Errors") -> "Any":
    """None only."""
    return None if value is None else fail(errors, "none_required", value)


def build_none(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """None (also written ``type(None)``)."""
    exact = lambda value: EXACT  # noqa: E731
    return TypeCheck(annotation, check_none, identity, lambda ctx: {"type": "null"}, "none", exact)


def build_any(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """Any (and ``object``): every value passes; serialized by its runtime type."""
    from apiway.validation.dump_any import dump_any

    return TypeCheck(
        annotation, lambda value, errors: value, dump_any, lambda ctx: {}, "any", lambda v: EXACT
    )

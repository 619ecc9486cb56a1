"""Validators of the standard types: int, float, bool, str, bytes, None and Any, coercing as
pydantic v2's lax mode, and list, set, frozenset, tuple (fixed and variadic), dict, Sequence and
Mapping.

perf: one module for what every validated app loads (each module costs its own finding and
loading at cold start), hence its size.
"""

import sys

from apiway.validation.check import (
    EXACT,
    INVALID,
    LAX,
    MAX_ERRORS,
    STRICT,
    TypeCheck,
    bound_check,
    error_dict,
    fail,
    identity,
    json_float,
    relocate,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Errors = list[dict[str, Any]]
    from collections.abc import Callable


_TRUE = frozenset(("1", "on", "t", "true", "y", "yes"))
_FALSE = frozenset(("0", "off", "f", "false", "n", "no"))
_BOUND_KEYS = (("gt", "exclusiveMinimum"), ("ge", "minimum"), ("lt", "exclusiveMaximum"), ("le", "maximum"))


def decimal_type() -> "Any":
    # perf: decimal is looked up, never imported; a Decimal input means the caller loaded it.
    module = sys.modules.get("decimal")
    return module.Decimal if module is not None else None


#: The most digits an integer's text may have (pydantic's limit, and Python's default one).
_MAX_DIGITS = 4300
#: 2**63: pydantic reads floats (to int) and ints (to bool) as 64-bit integers, which stay below it.
_I64_LIMIT = 2**63


def fits_i64(number: "Any") -> bool:
    """Whether a whole number is one pydantic reads as a 64-bit integer."""
    return bool(-_I64_LIMIT <= number < _I64_LIMIT)


def _long_int(raw: str, text: str, value: "Any", errors: "Errors") -> "Any":
    """An integer text of over 4,300 characters, which ``int()`` refused, read as pydantic
    reads it: a number whose digits run past the limit from the first character (a sign
    aside, no zero first) is too large (``int_parsing_size``); otherwise the text counts
    without its blanks, a ``+``, leading zeros and a decimal point followed by zeros."""
    digits = raw[1:] if raw[:1] == "-" else raw
    run = digits[: _MAX_DIGITS + 1]
    if run[:1] != "0" and len(run) > _MAX_DIGITS and run.isascii() and run.isdigit():
        return fail(errors, "int_parsing_size", value)
    sign = "-" if text[:1] == "-" else ""
    plain = text[1:] if text[:1] in "+-" else text
    head, dot, tail = plain.partition(".")
    if dot and tail and tail.strip("0") == "":
        plain = head
    plain = plain.lstrip("0") or ("0" if plain else "")
    if plain.isdigit() and len(plain) <= _MAX_DIGITS:
        return int(sign + plain)
    return fail(errors, "int_parsing", value)


def parse_int(value: "Any", errors: "Errors") -> "Any":
    """``value`` as an int (pydantic's lax int rules), or INVALID after one error."""
    kind = type(value)
    if kind is int:
        return value
    if kind is str or kind is bytes:
        raw = value if kind is str else value.decode("utf-8", "replace")
        text = raw.strip()
        if text.isascii():
            try:
                return int(text)
            except ValueError:
                if len(text) > _MAX_DIGITS:
                    return _long_int(raw, text, value, errors)
                head, dot, tail = text.partition(".")
                if dot and head and tail and tail.strip("0") == "" and head[-1:].isdigit():
                    try:
                        return int(head)
                    except ValueError:
                        pass
        return fail(errors, "int_parsing", value)
    if kind is float:
        if value.is_integer():
            if not -_I64_LIMIT < value < _I64_LIMIT:
                return fail(errors, "int_parsing_size", value)  # pydantic reads floats as 64-bit ints
            return int(value)
        if value - value != 0:  # nan or an infinity
            return fail(errors, "finite_number", value)
        return fail(errors, "int_from_float", value)
    if isinstance(value, int):
        return int(value)
    decimal = decimal_type()
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
    if kind is str or kind is bytes:
        text = value if kind is str else value.decode("utf-8", "replace")
        if text.isascii():
            try:
                return float(text)
            except ValueError:
                pass
        return fail(errors, "float_parsing", value)
    if isinstance(value, (int, float)):
        try:
            return float(value)
        except OverflowError:  # an int past a float's range (a JSON number of 309+ digits)
            return fail(errors, "float_type", value)
    decimal = decimal_type()
    if decimal is not None and isinstance(value, decimal):
        return float(value)
    return fail(errors, "float_type", value)


def _number_exactness(exact: type) -> "Any":
    # pydantic's strict mode takes an int for a float, never a float for an int
    strict_kinds = (int, float) if exact is float else (int,)

    def exactness(value: "Any") -> int:
        kind = type(value)
        if kind is exact:
            return EXACT
        if kind is not bool and isinstance(value, strict_kinds):
            return STRICT
        if exact is float:  # and a Decimal, for a float
            decimal = decimal_type()
            if decimal is not None and isinstance(value, decimal):
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
        annotation, check, json_float, _number_schema("number", given), label, _number_exactness(float)
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
        # pydantic reads a whole number that fits a 64-bit int, and refuses it; anything else
        # is not a number it reads as a bool at all
        whole = (kind is int or value.is_integer()) and fits_i64(value)
        return fail(errors, "bool_parsing" if whole else "bool_type", value)
    decimal = decimal_type()
    if decimal is not None and isinstance(value, decimal):
        if value in (0, 1):
            return bool(value == 1)
        whole = value.is_finite() and value == value.to_integral_value() and fits_i64(value)
        return fail(errors, "bool_parsing" if whole else "bool_type", value)
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

        from apiway.openapi.fields import python_pattern  # perf: only constraints with a pattern load it

        try:
            search = re.compile(python_pattern(pattern)).search
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
        annotation, lambda value, errors: value, dump_any, lambda ctx: {}, "any", lambda v: STRICT
    )


# -- containers: list, set, frozenset, tuple, dict, Sequence, Mapping ------------------------
_NOT_ITEMS = (str, bytes, bytearray, dict)


def _items_of(value: "Any") -> "Any":
    """The input's items as a list or tuple, or None when it is not a collection of items."""
    kind = type(value)
    if kind is list or kind is tuple:
        return value
    if isinstance(value, _NOT_ITEMS) or not hasattr(value, "__iter__") or hasattr(value, "keys"):
        return None
    try:
        return list(value)
    except TypeError:
        return None


def _length_error(
    given: "dict[str, Any]", field_type: str, sized: bool = True
) -> "Callable[[Any, int, bool], Any] | None":
    """The length check: ``max_length`` on the input before its items are validated (as
    pydantic does; sets report no length), ``min_length`` on the result afterwards."""
    low, high = given.get("min_length"), given.get("max_length")
    if low is None and high is None:
        return None

    def broken(value: "Any", size: int, before: bool) -> "Any":
        if before:
            if high is not None and size > high:
                ctx = {"field_type": field_type, "max_length": high, "actual_length": size if sized else None}
                return error_dict("too_long", (), value, ctx)
        elif low is not None and size < low:
            ctx = {"field_type": field_type, "min_length": low, "actual_length": size}
            return error_dict("too_short", (), value, ctx)
        return None

    return broken


def _array_schema(item: TypeCheck, given: "dict[str, Any]", unique: bool = False) -> "Any":
    def schema(ctx: "Any") -> "dict[str, Any]":
        body: dict[str, Any] = {"items": item.schema_fn(ctx), "type": "array"}
        if unique:
            body["uniqueItems"] = True
        if "min_length" in given:
            body["minItems"] = given["min_length"]
        if "max_length" in given:
            body["maxItems"] = given["max_length"]
        return body

    return schema


_ARRAYS = {
    # origin name: (error type, length field_type, result type, label prefix, unique items)
    "list": ("list_type", "List", list, "list", False),
    "set": ("set_type", "Set", set, "set", True),
    "frozenset": ("frozen_set_type", "Frozenset", frozenset, "frozenset", True),
    "tuple": ("tuple_type", "Tuple", tuple, "tuple", False),
    "Sequence": ("is_instance_of", "List", None, "sequence", False),
}


def build_array(annotation: "Any", kind: str, item: TypeCheck, given: "dict[str, Any]") -> TypeCheck:
    """list[T], set[T], frozenset[T], tuple[T, ...] or Sequence[T]."""
    error_type, field_type, result_type, prefix, unique = _ARRAYS[kind]
    item_check = item.check
    too_many = _length_error(given, field_type, sized=not unique)
    is_sequence = kind == "Sequence"

    def check(value: "Any", errors: "Errors") -> "Any":
        if is_sequence:
            if isinstance(value, str):
                return fail(errors, "sequence_str", value, {"type_name": "str"})
            if not (isinstance(value, (list, tuple, range)) or _is_sequence(value)):
                return fail(errors, "is_instance_of", value, {"class": "Sequence"})
        items = _items_of(value)
        if items is None:
            return fail(errors, error_type, value)
        if too_many is not None:
            problem = too_many(value, len(items), True)
            if problem is not None:
                errors.append(problem)
                return INVALID
        out: Any = []
        start = failed = len(errors)
        for index, element in enumerate(items):
            result = item_check(element, errors)
            if result is INVALID:
                relocate(errors, start, index)
                start = len(errors)
                if start >= MAX_ERRORS:
                    return INVALID
            else:
                out.append(result)
        if start != failed:
            return INVALID
        if result_type is not None and result_type is not list:
            try:
                out = result_type(out)
            except TypeError:
                return fail(errors, "set_item_not_hashable", value)
        elif is_sequence and type(value) is not list:
            out = tuple(out) if isinstance(value, tuple) else out
        if too_many is not None:
            problem = too_many(value, len(out), False)
            if problem is not None:
                errors.append(problem)
                return INVALID
        return out

    dump_item = item.serialize
    if dump_item is identity:
        serialize: Callable[[Any], Any] = list
    else:

        def serialize(value: "Any") -> "Any":
            return [dump_item(element) for element in value]

    exact_type: Any = result_type or list
    item_exactness = item.exactness

    def exactness(value: "Any") -> int:
        if type(value) is not exact_type:
            return LAX
        return min((item_exactness(element) for element in value), default=EXACT)

    if kind == "tuple":
        label = f"tuple[{item.label}, ...]"
    elif is_sequence:
        label = (
            f"json-or-python[json=list[{item.label}],python=chain[is-instance[Sequence],"
            "function-wrap[sequence_validator()]]]"
        )
    else:
        label = f"{prefix}[{item.label}]"
    schema = _array_schema(item, given, unique)
    return TypeCheck(annotation, check, serialize, schema, label, exactness)


def _is_sequence(value: "Any") -> bool:
    import collections.abc

    return isinstance(value, collections.abc.Sequence) and not isinstance(value, (bytes, bytearray))


def fixed_items(value: "Any", size: int, field_type: str, errors: "Errors") -> "Any":
    """The items of an input for ``size`` positions (a fixed tuple or a NamedTuple): a list or
    tuple of at most ``size`` items, None when the input is not a collection of items, or
    ``INVALID`` after a ``too_long`` error. As pydantic does, a list, tuple or set longer than
    ``size`` is refused before any item is validated; any other iterable is read one item past
    ``size`` at most, and its length is then unknown ("not more")."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = value if isinstance(value, (list, tuple)) else list(value)
        if len(items) > size:
            ctx = {"field_type": field_type, "max_length": size, "actual_length": len(items)}
            errors.append(error_dict("too_long", (), value, ctx))
            return INVALID
        return items
    if isinstance(value, _NOT_ITEMS) or not hasattr(value, "__iter__") or hasattr(value, "keys"):
        return None
    items = []
    try:
        for item in value:
            if len(items) == size:
                ctx = {"field_type": field_type, "max_length": size, "actual_length": None}
                errors.append(error_dict("too_long", (), value, ctx))
                return INVALID
            items.append(item)
    except TypeError:
        return None
    return items


def build_fixed_tuple(annotation: "Any", members: "list[TypeCheck]", given: "dict[str, Any]") -> TypeCheck:
    """tuple[A, B, ...] with one type per position (``tuple[()]`` for the empty tuple)."""
    checks = [member.check for member in members]
    size = len(checks)
    too_many = _length_error(given, "Tuple")

    def check(value: "Any", errors: "Errors") -> "Any":
        items = fixed_items(value, size, "Tuple", errors)
        if items is None:
            return fail(errors, "tuple_type", value)
        if items is INVALID:
            return INVALID
        out = []
        start = failed = len(errors)
        for index, member_check in enumerate(checks):
            if index >= len(items):
                errors.append(error_dict("missing", (index,), value))
                start = len(errors)
                continue
            result = member_check(items[index], errors)
            if result is INVALID:
                relocate(errors, start, index)
                start = len(errors)
            else:
                out.append(result)
        if start != failed:
            return INVALID
        if too_many is not None:
            problem = too_many(value, len(out), True) or too_many(value, len(out), False)
            if problem is not None:
                errors.append(problem)
                return INVALID
        return tuple(out)

    dumps = [member.serialize for member in members]

    def serialize(value: "Any") -> "Any":
        return [dump(element) for dump, element in zip(dumps, value, strict=False)]

    def schema(ctx: "Any") -> "dict[str, Any]":
        body: dict[str, Any] = {"maxItems": size, "minItems": size, "type": "array"}
        if members:
            body["prefixItems"] = [member.schema_fn(ctx) for member in members]
        return body

    def exactness(value: "Any") -> int:
        if type(value) is not tuple:
            return LAX
        return min((m.exactness(e) for m, e in zip(members, value, strict=False)), default=EXACT)

    label = "tuple[" + ", ".join(member.label for member in members) + "]"
    return TypeCheck(annotation, check, serialize, schema, label, exactness)


def build_dict(annotation: "Any", keys: TypeCheck, values: TypeCheck, given: "dict[str, Any]") -> TypeCheck:
    """dict[K, V] or Mapping[K, V]: a dict or any mapping; key errors are located at
    ``(key, "[key]")`` and value errors at ``(key,)``, as pydantic does."""
    key_check, value_check = keys.check, values.check
    too_many = _length_error(given, "Dictionary")
    high = given.get("max_length")

    def check(value: "Any", errors: "Errors") -> "Any":
        pairs: Any
        if type(value) is dict:
            pairs = value.items()
        elif hasattr(value, "keys") and hasattr(value, "__getitem__") and not isinstance(value, type):
            try:
                pairs = [(key, value[key]) for key in value]
            except Exception:  # noqa: BLE001 - a broken mapping is a type error, not a crash
                return fail(errors, "dict_type", value)
        else:
            return fail(errors, "dict_type", value)
        out = {}
        start = failed = len(errors)
        for key, item in pairs:
            new_key = key_check(key, errors)
            if new_key is INVALID:
                relocate(errors, start, "[key]")
                relocate(errors, start, key)
                start = len(errors)
            new_item = value_check(item, errors)
            if new_item is INVALID:
                relocate(errors, start, key)
                start = len(errors)
            elif new_key is not INVALID:
                out[new_key] = new_item
                if high is not None and len(out) > high:
                    # pydantic stops at the first entry past max_length, and reports only that.
                    del errors[failed:]
                    ctx = {"field_type": "Dictionary", "max_length": high, "actual_length": None}
                    errors.append(error_dict("too_long", (), value, ctx))
                    return INVALID
                continue
            if start >= MAX_ERRORS:
                return INVALID
        if start != failed:
            return INVALID
        if too_many is not None:
            problem = too_many(value, len(out), False)
            if problem is not None:
                errors.append(problem)
                return INVALID
        return out

    from apiway.validation.dump_any import dump_key  # perf: only apps with dict types load it

    dump_k, dump_v = keys.serialize, values.serialize

    def serialize(value: "Any") -> "Any":
        return {dump_key(dump_k(key)): dump_v(item) for key, item in value.items()}

    def schema(ctx: "Any") -> "dict[str, Any]":
        # as pydantic writes it: a key pattern becomes patternProperties; the keys' other
        # constraints (or their component) propertyNames, without a type (keys are text)
        key_schema = dict(keys.schema_fn(ctx))
        pattern = None
        if "$ref" not in key_schema:
            pattern = key_schema.pop("pattern", None)
            key_schema.pop("title", None)
        value_schema = dict(values.schema_fn(ctx))
        value_schema.pop("title", None)
        body: dict[str, Any] = {}
        if pattern is not None:
            body["patternProperties"] = {pattern: value_schema}
        else:
            body["additionalProperties"] = value_schema or True
        body["type"] = "object"
        if (key_schema.get("type") == "string" and len(key_schema) > 1) or "$ref" in key_schema:
            key_schema.pop("type", None)
            body["propertyNames"] = key_schema
        if "min_length" in given:
            body["minProperties"] = given["min_length"]
        if "max_length" in given:
            body["maxProperties"] = given["max_length"]
        return body

    def exactness(value: "Any") -> int:
        if type(value) is not dict:
            return LAX
        return min((min(keys.exactness(k), values.exactness(v)) for k, v in value.items()), default=EXACT)

    label = f"dict[{keys.label},{values.label}]"
    return TypeCheck(annotation, check, serialize, schema, label, exactness)

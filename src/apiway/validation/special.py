"""Validators for Decimal, UUID, Enum and Literal."""

from apiway.validation.check import EXACT, INVALID, LAX, STRICT, TypeCheck, bound_check, fail
from apiway.validation.dump_any import dump_any
from apiway.validation.scalars import fits_i64, parse_float, parse_int, parse_str

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Errors = list[dict[str, Any]]

_BOUND_KEYS = (("gt", "exclusiveMinimum"), ("ge", "minimum"), ("lt", "exclusiveMaximum"), ("le", "maximum"))


def build_decimal(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """Decimal from a Decimal, int, float or numeric text; finite values only."""
    from decimal import Decimal, InvalidOperation

    def parse(value: "Any", errors: "Errors") -> "Any":
        kind = type(value)
        if (
            kind is Decimal
            or kind is int
            or kind is str
            or kind is float
            or isinstance(value, (Decimal, int, str))
        ):
            if kind is bool:
                return fail(errors, "decimal_type", value)
            try:
                result = Decimal(str(value).strip() if kind is str or kind is float else value)
            except (InvalidOperation, ValueError):
                return fail(errors, "decimal_parsing", value)
            if not result.is_finite():
                return fail(errors, "finite_number", value)
            return result
        return fail(errors, "decimal_type", value)

    bounds = bound_check(given, lambda bound: Decimal(str(bound)))
    check = parse
    if bounds is not None:

        def check(value: "Any", errors: "Errors") -> "Any":
            result = parse(value, errors)
            if result is not INVALID:
                broken = bounds(result)
                if broken is not None:
                    return fail(errors, broken[0], value, broken[1], broken[2])
            return result

    number: dict[str, Any] = {"type": "number"}
    for name, key in _BOUND_KEYS:
        if name in given:
            number[key] = float(given[name])
    if "multiple_of" in given:
        number["multipleOf"] = float(given["multiple_of"])
    text = {"type": "string"}

    def schema(ctx: "Any") -> "dict[str, Any]":
        return dict(text) if ctx.mode == "serialization" else {"anyOf": [dict(number), dict(text)]}

    exact = lambda value: EXACT if type(value) is Decimal else LAX  # noqa: E731
    return TypeCheck(annotation, check, str, schema, "decimal", exact)


_HEX = frozenset("0123456789abcdefABCDEF")


def _uuid_text(text: str) -> "str | None":
    """The 32 hex digits of a UUID written as pydantic reads it, or None. The form follows from
    the UTF-8 length: 32 simple, 36 hyphenated, 38 braced, 45 URN (lower-case prefix)."""
    # perf: only non-ASCII text needs encoding to count its bytes.
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    if size == 32:
        digits = text
    elif size in (36, 38, 45):
        if size == 38 and text[0] == "{" and text[-1] == "}":
            text = text[1:-1]
        elif size == 45 and text.startswith("urn:uuid:"):
            text = text[9:]
        elif size != 36:
            return None
        if len(text) != 36 or not text[8] == text[13] == text[18] == text[23] == "-":
            return None
        digits = text.replace("-", "")
    else:
        return None
    # UUID(digits) alone would also take "_", "+", spaces and non-ASCII digits.
    return digits if len(digits) == 32 and _HEX.issuperset(digits) else None


def _uuid_reason(text: str) -> str:
    """Why pydantic refuses ``text`` as a UUID, in its words (those of the Rust uuid crate).

    The crate works on UTF-8 bytes: lengths and positions count bytes, and it judges each
    character by its lowest byte. A 36/38/45-byte text was read as hyphenated (the braced and
    URN forms without their wrapping), any other length as any form."""
    raw = text.encode("utf-8", "surrogatepass")
    hyphenated = len(raw) in (36, 38, 45)
    if len(raw) == 38 and text[0] == "{" and text[-1] == "}":
        text, raw = text[1:-1], raw[1:-1]
    elif len(raw) == 45 and text.startswith("urn:uuid:"):
        text, raw = text[9:], raw[9:]
    elif len(raw) in (38, 45):
        hyphenated = False
    if not raw or len(raw) > 45:
        return f"invalid length: found {len(raw)}"
    start, end = 0, len(text)
    if not hyphenated and len(text) >= 2 and text[0] == "{" and text[-1] == "}":
        start, end, hyphenated = 1, end - 1, True
    elif not hyphenated and text.startswith("urn:uuid:"):
        start, hyphenated = 9, True
    hyphens: list[int] = []
    offset = start
    for char in text[start:end]:
        low = ord(char) & 0xFF
        if low == 0x2D:
            hyphenated = True
            hyphens.append(offset - start)
        elif not (0x30 <= low <= 0x39 or 0x61 <= (low | 0x20) <= 0x66):
            return f"invalid character: found `{char}` at {offset}"
        offset += len(char.encode("utf-8", "surrogatepass"))
    if not hyphenated:
        return f"invalid length: found {len(raw)}"
    if len(hyphens) != 4:
        return f"invalid group count: expected 5, found {len(hyphens) + 1}"
    for group, (at, begin, size) in enumerate(zip(hyphens, (0, 9, 14, 19), (8, 4, 4, 4), strict=False)):
        if at != begin + size:
            return f"invalid group length in group {group}: expected {size}, found {at - begin}"
    return f"invalid group length in group 4: expected 12, found {len(raw) - 24}"


def build_uuid(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """UUID from a UUID, its text (hyphenated, simple, braced or URN), or bytes: 16 raw ones
    or the UTF-8 of such a text."""
    from uuid import UUID

    def check(value: "Any", errors: "Errors") -> "Any":
        if isinstance(value, UUID):
            return value
        kind = type(value)
        if kind is str:
            digits = _uuid_text(value)
            if digits is not None:
                return UUID(digits)
            return fail(errors, "uuid_parsing", value, {"error": _uuid_reason(value)})
        if kind is bytes:
            if len(value) == 16:
                return UUID(bytes=value)
            try:
                digits = _uuid_text(value.decode())
            except UnicodeDecodeError:
                digits = None
            if digits is not None:
                return UUID(digits)
            return fail(
                errors,
                "uuid_parsing",
                value,
                {"error": f"invalid length: expected 16 bytes, found {len(value)}"},
            )
        return fail(errors, "uuid_type", value)

    exact = lambda value: EXACT if type(value) is UUID else LAX  # noqa: E731
    schema = lambda ctx: {"format": "uuid", "type": "string"}  # noqa: E731
    return TypeCheck(annotation, check, str, schema, "uuid", exact)


def expected_text(values: "list[Any]") -> str:
    """``'a', 'b' or 'c'``: the choices as pydantic lists them in messages."""
    texts = [repr(value) for value in values]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " or " + texts[-1]


def _json_type(values: "list[Any]") -> "str | None":
    kinds = {type(value) for value in values}
    for kind, name in ((str, "string"), (bool, "boolean"), (int, "integer"), (float, "number")):
        if kinds == {kind}:
            return name
    if kinds == {type(None)}:
        return "null"
    if kinds <= {int, float}:
        return "number"
    return None


def _past_i64(number: "Any") -> bool:
    """Whether an int read for an int enum or literal is too large for a 64-bit int."""
    return number is not INVALID and not fits_i64(number)


def build_enum(cls: "Any", given: "dict[str, Any]") -> TypeCheck:
    """An Enum class: its members, or their values (coerced for int, float and str enums)."""
    members = list(cls)
    lookup = cls._value2member_map_
    ctx = {"expected": expected_text([m.value for m in members])}
    coerce, prefix = None, "enum"
    for base, parse, name in (
        (int, parse_int, "int-enum"),
        (float, parse_float, "float-enum"),
        (str, parse_str, "str-enum"),
    ):
        if issubclass(cls, base):
            coerce, prefix = parse, name
            break

    def check(value: "Any", errors: "Errors") -> "Any":
        if type(value) is cls:
            return value
        try:
            return lookup[value]
        except (KeyError, TypeError):
            pass
        if coerce is not None:
            scratch: list[dict[str, Any]] = []
            parsed = coerce(value, scratch)
            if parsed is not INVALID and parsed in lookup:
                return lookup[parsed]
            textual = type(value) is int or isinstance(value, (str, bytes))  # (not a float)
            if coerce is parse_int and textual and _past_i64(parsed):
                return fail(errors, "int_parsing_size", parsed)  # pydantic reads it as a 64-bit int
        return fail(errors, "enum", value, dict(ctx))

    values = [member.value for member in members]

    def schema(sctx: "Any") -> "dict[str, Any]":
        def build() -> "dict[str, Any]":
            body: dict[str, Any] = {"enum": [dump_any(v) for v in values], "title": cls.__name__}
            json_type = _json_type(values)
            if json_type is not None:
                body["type"] = json_type
            doc = cls.__doc__
            if doc and doc != "An enumeration." and "__doc__" in vars(cls):
                import inspect

                body["description"] = inspect.cleandoc(doc)
            return body

        reference: dict[str, Any] = sctx.reference(cls, build)
        return reference

    exact = lambda value: EXACT if type(value) is cls else LAX  # noqa: E731
    dump = lambda member: dump_any(member.value)  # noqa: E731
    return TypeCheck(cls, check, dump, schema, f"{prefix}[{cls.__name__}]", exact, named=cls)


def _family(value: "Any") -> "Any":
    # Literal values match by kind as well as value: 1 is not True, "1" is not 1.
    if isinstance(value, bool):
        return bool
    if isinstance(value, int):
        return int
    if isinstance(value, str):
        return str
    if isinstance(value, float):
        return float
    return None


def build_literal(annotation: "Any", values: "tuple[Any, ...]") -> TypeCheck:
    """``Literal[...]``: one of the given values (ints also from whole floats, bools from 0/1)."""
    table = {(_family(value), value if _family(value) else id(value)): value for value in values}
    ctx = {"expected": expected_text(list(values))}
    has_bool = any(type(value) is bool for value in values)
    has_int = any(type(value) is int for value in values)

    def check(value: "Any", errors: "Errors") -> "Any":
        family = _family(value)
        key = value if family else id(value)
        found = table.get((family, key), INVALID)
        if found is INVALID:
            if family is float and value.is_integer():
                found = table.get((int, int(value)), INVALID)
            elif family is int and has_bool and value in (0, 1):
                found = table.get((bool, bool(value)), INVALID)
            elif family is bool:
                found = table.get((int, int(value)), INVALID)
            if found is INVALID:
                if family is int and has_int and _past_i64(value):
                    return fail(errors, "int_parsing_size", value)  # pydantic reads it as a 64-bit int
                return fail(errors, "literal_error", value, dict(ctx))
        return found

    plain = [
        getattr(value, "value", value) if _family(value) is None and value is not None else value
        for value in values
    ]
    dumped = [dump_any(value) for value in plain]
    json_type = _json_type(dumped)

    def schema(sctx: "Any") -> "dict[str, Any]":
        body: dict[str, Any] = {"const": dumped[0]} if len(dumped) == 1 else {"enum": list(dumped)}
        if json_type is not None:
            body["type"] = json_type
        return body

    def exactness(value: "Any") -> int:
        return EXACT if any(type(value) is type(v) and value == v for v in values) else STRICT

    label = "literal[" + ",".join(repr(value) for value in values) + "]"
    return TypeCheck(annotation, check, dump_any, schema, label, exactness)

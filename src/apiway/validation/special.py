"""Validators for Decimal, UUID, Enum and Literal."""

from apiway.validation.check import EXACT, LAX, STRICT, TypeCheck
from apiway.validation.constraints import bound_check
from apiway.validation.dump_any import dump_any
from apiway.validation.errors import INVALID, fail
from apiway.validation.scalars import parse_float, parse_int, parse_str

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Errors = list[dict[str, Any]]

# pydantic's pattern for decimals written as JSON strings.
DECIMAL_PATTERN = r"^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$"
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
    text = {"pattern": DECIMAL_PATTERN, "type": "string"}

    def schema(ctx: "Any") -> "dict[str, Any]":
        return dict(text) if ctx.mode == "serialization" else {"anyOf": [dict(number), dict(text)]}

    exact = lambda value: EXACT if type(value) is Decimal else LAX  # noqa: E731
    return TypeCheck(annotation, check, str, schema, "decimal", exact)


def _uuid_reason(text: str) -> str:
    # The reasons pydantic gives (from the Rust uuid crate), for the common malformations.
    body = text
    if body.startswith("urn:uuid:"):
        body = body[9:]
    elif body.startswith("{") and body.endswith("}"):
        body = body[1:-1]
    offset = len(text) - len(body) - (1 if text.endswith("}") and text.startswith("{") else 0)
    for index, char in enumerate(body):
        if char not in "0123456789abcdefABCDEF-":
            return f"invalid character: found `{char}` at {index + offset + 1}"
    groups = body.split("-")
    if len(groups) == 1:
        return f"invalid length: expected length 32 for simple format, found {len(body)}"
    if len(groups) != 5:
        return f"invalid group count: expected 5, found {len(groups)}"
    for number, (group, size) in enumerate(zip(groups, (8, 4, 4, 4, 12), strict=False)):
        if len(group) != size:
            return f"invalid group length in group {number}: expected {size}, found {len(group)}"
    return "invalid format"


def build_uuid(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """UUID from a UUID, its text (hyphenated, simple, braced or URN) or 16 raw bytes."""
    from uuid import UUID

    def check(value: "Any", errors: "Errors") -> "Any":
        if isinstance(value, UUID):
            return value
        kind = type(value)
        if kind is bytes and len(value) == 16:
            return UUID(bytes=value)
        if kind is str or kind is bytes:
            text = value if kind is str else value.decode("utf-8", "replace")
            body = text[9:] if text.startswith("urn:uuid:") else text
            if body.startswith("{") and body.endswith("}"):
                body = body[1:-1]
            simple = len(body) == 32 and "-" not in body
            hyphenated = len(body) == 36 and body[8] == body[13] == body[18] == body[23] == "-"
            if simple or hyphenated:
                try:
                    return UUID(body)
                except ValueError:
                    pass
            return fail(errors, "uuid_parsing", value, {"error": _uuid_reason(text)})
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

"""Validators for list, set, frozenset, tuple (fixed and variadic), dict, Sequence and Mapping."""

from apiway.validation.check import (
    EXACT,
    INVALID,
    LAX,
    MAX_ERRORS,
    TypeCheck,
    error_dict,
    fail,
    identity,
    relocate,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Errors = list[dict[str, Any]]

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
        body: dict[str, Any] = {"additionalProperties": values.schema_fn(ctx) or True, "type": "object"}
        key_schema = keys.schema_fn(ctx)
        if key_schema not in ({"type": "string"}, {}):
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

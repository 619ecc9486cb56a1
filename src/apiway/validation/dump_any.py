"""The JSON-compatible form of a value of any runtime type (how ``Any`` is serialized)."""

import sys

from apiway.validation.check import json_float

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_PLAIN = (str, int, float, bool, type(None))


def dump_any(value: "Any") -> "Any":
    """``value`` in JSON-compatible form, inferred from its type as pydantic's JSON mode does:
    containers become lists/dicts, dates ISO text, Decimal/UUID text, enums their value,
    dataclasses/models/Structs dicts. Raises ``TypeError`` for a type with no JSON form."""
    kind = type(value)
    if kind in _PLAIN:
        return json_float(value) if kind is float else value
    if kind is list or kind is tuple:
        return [dump_any(item) for item in value]
    if kind is dict:
        return {dump_key(key): dump_any(item) for key, item in value.items()}
    return _dump_other(value)


def dump_key(key: "Any") -> str:
    """A dict key as text: JSON's own spelling for bools/None, list items joined by commas."""
    if isinstance(key, str):
        return str.__str__(key)
    if key is None:
        return "None"
    dumped = dump_any(key)
    if isinstance(dumped, bool):
        return "true" if dumped else "false"
    if isinstance(dumped, list):
        return ",".join(str(item) for item in dumped)
    return str(dumped)


def _dump_other(value: "Any") -> "Any":
    if _is_enum(value):
        return dump_any(value.value)
    if isinstance(value, (str, int, float)):
        return _plain(value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8")
    if isinstance(value, dict) or _is_mapping(value):
        return {dump_key(key): dump_any(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)) or _is_iterator(value):
        return [dump_any(item) for item in value]
    temporal = sys.modules.get("datetime")
    if temporal is not None and isinstance(value, (temporal.date, temporal.time, temporal.timedelta)):
        from apiway.validation.datetime_text import format_duration, format_moment

        if isinstance(value, temporal.timedelta):
            return format_duration(value)
        return value.isoformat() if type(value) is temporal.date else format_moment(value)
    for module, name in (("decimal", "Decimal"), ("uuid", "UUID")):
        loaded = sys.modules.get(module)
        if loaded is not None and isinstance(value, getattr(loaded, name)):
            return str(value)
    if hasattr(type(value), "__dataclass_fields__"):
        import dataclasses

        return {field.name: dump_any(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if callable(getattr(value, "model_dump", None)) and hasattr(type(value), "model_fields"):
        return value.model_dump(mode="json")
    if hasattr(type(value), "__struct_fields__"):
        msgspec = sys.modules.get("msgspec")
        if msgspec is not None:
            return dump_any(msgspec.to_builtins(value))
    raise TypeError(f"cannot serialize a value of type {type(value).__qualname__} to JSON")


def _plain(value: "Any") -> "Any":
    for base in (bool, int, float, str):
        if isinstance(value, base):
            if base is float:
                return json_float(float(value))
            return base(value) if base is not str else str.__str__(value)
    return value


def _is_enum(value: "Any") -> bool:
    enum = sys.modules.get("enum")
    return enum is not None and isinstance(value, enum.Enum)


def _is_mapping(value: "Any") -> bool:
    return callable(getattr(value, "items", None)) and callable(getattr(value, "keys", None))


def _is_iterator(value: "Any") -> bool:
    return hasattr(value, "__iter__") and not isinstance(value, (str, bytes, dict))

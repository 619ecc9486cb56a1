"""JSON forms of the values an OpenAPI document may carry in free-form fields (``default``, ``example``).

The forms are pydantic's JSON mode, which the Powertools models use: ISO 8601 dates, times and
durations (``"PT1M30S"``), ``Decimal`` as text, enums by value, dataclasses as objects.
Modules are looked up, never imported: a value's module is loaded if the value exists.
"""

import sys

from apiway.openapi.exceptions import SerializationError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def _offset(value: "Any") -> str:
    offset = value.utcoffset()
    if offset is None:
        return ""
    total = int(offset.total_seconds())
    if total == 0:
        return "Z"
    hours, minutes = divmod(abs(total) // 60, 60)  # seconds of an offset are dropped
    return f"{'-' if total < 0 else '+'}{hours:02d}:{minutes:02d}"


def iso_duration(value: "Any") -> str:
    """A ``timedelta`` in ISO 8601 duration form (``P1DT2H``, ``-PT0.5S``; 365-day years)."""
    sign = "-" if value.days < 0 else ""
    if sign:
        value = -value
    years, days = divmod(value.days, 365)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    date_part = (f"{years}Y" if years else "") + (f"{days}D" if days else "")
    second_text = ""
    if seconds or value.microseconds:
        second_text = f"{seconds}.{value.microseconds:06d}".rstrip("0").rstrip(".") + "S"
    time_part = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + second_text
    if not date_part and not time_part:
        return "PT0S"
    return f"{sign}P{date_part}" + (f"T{time_part}" if time_part else "")


def _module_type(module: str, name: str) -> "Any":
    loaded = sys.modules.get(module)
    return getattr(loaded, name, None) if loaded is not None else None


def json_scalar(value: "Any", json: bool, recurse: "Callable[[Any], Any]") -> "Any":
    """``value`` (not a dict, list, str, int or model) in JSON form; unchanged when not ``json``.

    ``recurse`` writes nested values (an enum's value, a dataclass's fields).
    """
    enum_type = _module_type("enum", "Enum")
    if enum_type is not None and isinstance(value, enum_type):
        return recurse(value.value) if json else value
    if not json:
        return value
    for plain in (bool, int, float, str):
        if isinstance(value, plain):  # subclasses of the JSON types
            return recurse(plain(value))
    datetime = sys.modules.get("datetime")
    if datetime is not None:
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None).isoformat() + _offset(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, datetime.time):
            return value.replace(tzinfo=None).isoformat() + _offset(value)
        if isinstance(value, datetime.timedelta):
            return iso_duration(value)
    for module, name in (("decimal", "Decimal"), ("uuid", "UUID"), ("pathlib", "PurePath")):
        kind = _module_type(module, name)
        if kind is not None and isinstance(value, kind):
            return str(value)
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            raise SerializationError(
                f"cannot write {bytes(value)[:40]!r} as JSON text: it is not UTF-8"
            ) from None
    if hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type):
        return {name: recurse(getattr(value, name)) for name in type(value).__dataclass_fields__}
    if hasattr(value, "model_dump") and hasattr(type(value), "model_fields"):  # a pydantic model
        return value.model_dump(mode="json")
    raise SerializationError(
        f"cannot write a {type(value).__qualname__} value in an OpenAPI document: {value!r:.80}; "
        "use JSON-compatible data (dict, list, str, int, float, bool, None)"
    )

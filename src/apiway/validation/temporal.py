"""Validators for datetime, date, time and timedelta (ISO text, Unix timestamps, objects)."""

import datetime as dt

from apiway.validation.check import EXACT, INVALID, LAX, STRICT, TypeCheck, bound_check, fail
from apiway.validation.datetime_text import (
    UTC,
    TextError,
    format_duration,
    format_moment,
    from_timestamp,
    is_nan,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_time_text,
)
from apiway.validation.scalars import decimal_type

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Errors = list[dict[str, Any]]
    Parse = Callable[[Any, Errors], Any]


def _text_of(value: "Any") -> "str | None":
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is bytes or kind is bytearray:
        return bytes(value).decode("utf-8", "replace")
    return None


def _number_of(value: "Any") -> "int | float | None":
    """A numeric input as an int or float (a Decimal as a float, as pydantic reads it), else None."""
    if type(value) is not bool and isinstance(value, (int, float)):
        return value
    decimal = decimal_type()
    if decimal is not None and isinstance(value, decimal):
        return float(value)
    return None


def check_datetime(value: "Any", errors: "Errors") -> "Any":
    """A datetime from a datetime, a date (midnight), RFC 3339 text or a Unix timestamp."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = _text_of(value)
    if text is not None:
        try:
            return parse_datetime(text)
        except TextError as exc:
            return fail(errors, "datetime_from_date_parsing", value, {"error": str(exc)})
    number = _number_of(value)
    if number is not None:
        try:
            return from_timestamp(number)
        except TextError as exc:
            return fail(errors, "datetime_parsing", value, {"error": str(exc)})
    return fail(errors, "datetime_type", value)


def check_date(value: "Any", errors: "Errors") -> "Any":
    """A date from a date, a datetime at midnight, ISO text or a whole-day Unix timestamp."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            return fail(errors, "date_from_datetime_inexact", value)
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text_of(value)
    number = None if text is not None else _number_of(value)
    if text is not None or number is not None:
        try:
            if text is not None:
                day, inexact = parse_date(text)
            else:
                moment = from_timestamp(number)  # type: ignore[arg-type]
                day, inexact = moment.date(), moment.time() != dt.time(0)
        except TextError as exc:
            return fail(errors, "date_from_datetime_parsing", value, {"error": str(exc)})
        if inexact:
            return fail(errors, "date_from_datetime_inexact", value)
        return day
    return fail(errors, "date_type", value)


def check_time(value: "Any", errors: "Errors") -> "Any":
    """A time from a time, ISO text, or seconds since midnight (UTC)."""
    if isinstance(value, dt.time):
        return value
    text = _text_of(value)
    if text is not None:
        try:
            return parse_time_text(text)
        except TextError as exc:
            return fail(errors, "time_parsing", value, {"error": str(exc)})
    number = _number_of(value)
    if number is not None:
        if not 0 <= number < 86400:
            if is_nan(number):
                reason = "NaN values not permitted"
            elif number < 0:
                reason = "time in seconds should be positive"
            else:
                reason = "numeric times may not exceed 86,399 seconds"
            return fail(errors, "time_parsing", value, {"error": reason})
        moment = from_timestamp(number)
        return moment.timetz().replace(tzinfo=UTC)
    return fail(errors, "time_type", value)


def check_timedelta(value: "Any", errors: "Errors") -> "Any":
    """A timedelta from a timedelta, ISO 8601 / clock text, or a number of seconds."""
    if isinstance(value, dt.timedelta):
        return value
    text = _text_of(value)
    if text is not None:
        try:
            return parse_duration(text)
        except TextError as exc:
            return fail(errors, "time_delta_parsing", value, {"error": str(exc)})
        except OverflowError:
            return fail(
                errors, "time_delta_parsing", value, {"error": "durations may not exceed 999,999,999 days"}
            )
    number = int(value) if type(value) is bool else _number_of(value)  # pydantic: a bool is 0 or 1 second
    if number is not None:
        if is_nan(number):
            return fail(errors, "time_delta_parsing", value, {"error": "NaN values not permitted"})
        try:
            return dt.timedelta(seconds=number)
        except (OverflowError, ValueError):
            return fail(
                errors, "time_delta_parsing", value, {"error": "durations may not exceed 999,999,999 days"}
            )
    return fail(errors, "time_delta_type", value)


def _exactness(kind: type) -> "Callable[[Any], int]":
    def exactness(value: "Any") -> int:
        if type(value) is kind:
            return EXACT
        return (
            STRICT
            if isinstance(value, kind) and not (kind is dt.date and isinstance(value, dt.datetime))
            else LAX
        )

    return exactness


_KINDS: "dict[type, tuple[Parse, Callable[[Any], Any], str, str]]" = {
    dt.datetime: (check_datetime, format_moment, "datetime", "date-time"),
    dt.date: (check_date, dt.date.isoformat, "date", "date"),
    dt.time: (check_time, format_moment, "time", "time"),
    dt.timedelta: (check_timedelta, format_duration, "timedelta", "duration"),
}


def build_temporal(annotation: "Any", given: "dict[str, Any]") -> TypeCheck:
    """datetime, date, time or timedelta, with optional gt/ge/lt/le bounds of the same type."""
    parse, dump, label, fmt = _KINDS[annotation]
    bounds = bound_check(given, lambda bound: _bound(annotation, parse, bound), dump)
    check = parse
    if bounds is not None:

        def check(value: "Any", errors: "Errors") -> "Any":
            result = parse(value, errors)
            if result is not INVALID:
                broken = bounds(result)
                if broken is not None:
                    return fail(errors, broken[0], value, broken[1], broken[2])
            return result

    def schema(ctx: "Any") -> "dict[str, Any]":
        return {"format": fmt, "type": "string"}

    return TypeCheck(annotation, check, dump, schema, label, _exactness(annotation))


def _bound(kind: type, parse: "Parse", bound: "Any") -> "Any":
    errors: list[dict[str, Any]] = []
    result = parse(bound, errors)
    if result is INVALID:
        raise ValueError(errors[0]["msg"])
    return result

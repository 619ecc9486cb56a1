"""Parsing of RFC 3339 / ISO 8601 dates, times, datetimes, durations and Unix timestamps,
accepting what pydantic v2 accepts and failing with the same reasons."""

import datetime as dt

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
_DIGITS = frozenset("0123456789")
# Timestamps larger than this (in absolute value) are read as milliseconds.
_MS_THRESHOLD = 20_000_000_000


class TextError(ValueError):
    """A date/time text is malformed; the message is pydantic's reason."""


def _two(text: str, at: int, what: str) -> int:
    pair = text[at : at + 2]
    if len(pair) != 2 or not (pair[0] in _DIGITS and pair[1] in _DIGITS):
        raise TextError(f"invalid character in {what}")
    return int(pair)


def parse_date_prefix(text: str) -> dt.date:
    """The ``YYYY-MM-DD`` at the start of ``text``."""
    if len(text) < 10:
        raise TextError("input is too short")
    year = text[:4]
    if not all(c in _DIGITS for c in year):
        raise TextError("invalid character in year")
    if text[4] != "-":
        raise TextError("invalid date separator, expected `-`")
    month = _two(text, 5, "month")
    if text[7] != "-":
        raise TextError("invalid date separator, expected `-`")
    day = _two(text, 8, "day")
    if not 1 <= month <= 12:
        raise TextError("month value is outside expected range of 1-12")
    try:
        return dt.date(int(year), month, day)
    except ValueError:
        raise TextError("day value is outside expected range") from None


def _number(text: str) -> "int | float | None":
    # speedate's numeric form: an optional minus, digits, optionally "." and digits.
    body = text[1:] if text[:1] == "-" else text
    head, dot, tail = body.partition(".")
    if not head or not all(c in _DIGITS for c in head) or (dot and not all(c in _DIGITS for c in tail)):
        return None
    return float(text) if dot else int(text)


def is_nan(value: "int | float") -> bool:
    """Whether a number is NaN (the one value unequal to itself)."""
    return value != value  # noqa: PLR0124 (math.isnan, without importing math)


def from_timestamp(value: "int | float") -> dt.datetime:
    """A Unix timestamp (seconds, or milliseconds when large) as an aware UTC datetime."""
    if is_nan(value):
        raise TextError("NaN values not permitted")
    if abs(value) > _MS_THRESHOLD:
        value = value / 1000
    try:
        whole = int(value) if value >= 0 else -int(-value)
        micros = round((value - whole) * 1_000_000)
        return _EPOCH + dt.timedelta(seconds=whole, microseconds=micros)
    except OverflowError:  # (an infinity, or past the years datetime holds)
        after = "dates after 9999" if value > 0 else "dates before 0000"
        raise TextError(f"{after} are not supported as unix timestamps") from None


def parse_date(text: str) -> "tuple[dt.date, bool]":
    """A date from text; the flag says the text held a datetime with a non-zero time."""
    try:
        if len(text) == 10:
            return parse_date_prefix(text), False
        moment = parse_datetime(text)
    except TextError:
        number = _number(text)
        if number is None:
            raise
        moment = from_timestamp(number)
    inexact = (moment.hour, moment.minute, moment.second, moment.microsecond) != (0, 0, 0, 0)
    return moment.date(), inexact


def parse_time_text(text: str, start: int = 0) -> dt.time:
    """``HH:MM[:SS[.ffffff]][Z|±HH[:]MM]`` from ``start`` to the end of ``text``."""
    if len(text) - start < 5:
        raise TextError("input is too short")
    hour = _two(text, start, "hour")
    if text[start + 2] != ":":
        raise TextError("invalid time separator, expected `:`")
    minute = _two(text, start + 3, "minute")
    at, second, micro = start + 5, 0, 0
    if text[at : at + 1] == ":":
        second = _two(text, at + 1, "second")
        at += 3
        if text[at : at + 1] in (".", ","):
            end = at + 1
            while end < len(text) and text[end] in _DIGITS:
                end += 1
            if end == at + 1:
                raise TextError("second fraction digits missing after `.`")
            micro = int(text[at + 1 : end][:6].ljust(6, "0"))
            at = end
    if hour > 23:
        raise TextError("hour value is outside expected range of 0-23")
    if minute > 59:
        raise TextError("minute value is outside expected range of 0-59")
    if second > 59:
        raise TextError("second value is outside expected range of 0-59")
    zone = _parse_zone(text, at)
    return dt.time(hour, minute, second, micro, tzinfo=zone)


def _parse_zone(text: str, at: int) -> "dt.tzinfo | None":
    if at == len(text):
        return None
    sign = text[at]
    if sign in "Zz":
        if at + 1 != len(text):
            raise TextError("unexpected extra characters at the end of the input")
        return UTC
    if sign not in "+-":
        raise TextError("invalid timezone sign")
    hours = _two(text, at + 1, "timezone hour") if text[at + 1 : at + 3].isdigit() else None
    if hours is None:
        raise TextError("invalid timezone hour")
    at += 3
    if text[at : at + 1] == ":":
        at += 1
    pair = text[at : at + 2]
    if len(pair) != 2 or not pair.isdigit():
        raise TextError("invalid timezone minute")
    minutes = int(pair)
    if at + 2 != len(text):
        raise TextError("unexpected extra characters at the end of the input")
    if hours >= 24:
        raise TextError("timezone offset must be less than 24 hours")
    if minutes >= 60:
        raise TextError("timezone minute value is outside expected range of 0-59")
    offset = dt.timedelta(hours=hours, minutes=minutes)
    return UTC if not offset else dt.timezone(-offset if sign == "-" else offset)


def parse_datetime(text: str) -> dt.datetime:
    """A datetime from RFC 3339 text, a date alone (midnight), or a numeric Unix timestamp."""
    try:
        day = parse_date_prefix(text)
        if len(text) == 10:
            return dt.datetime(day.year, day.month, day.day)
        if text[10] not in "Tt _":
            raise TextError("unexpected extra characters at the end of the input")
        try:
            clock = parse_time_text(text, 11)
        except TextError:
            # pydantic then reads the text as a date and reports why that failed.
            raise TextError("unexpected extra characters at the end of the input") from None
        return dt.datetime.combine(day, clock)
    except TextError:
        number = _number(text)
        if number is None:
            raise
        return from_timestamp(number)


def parse_duration(text: str) -> dt.timedelta:
    """An ISO 8601 duration (``P1DT2H``), ``[-][D day[s][,] ]HH:MM[:SS[.f]]`` or ``Nd``."""
    if not text:
        raise TextError("input is too short")
    sign, body = 1, text
    if body[0] in "+-":
        sign, body = (-1 if body[0] == "-" else 1), body[1:]
    if body[:1] == "P":
        return sign * _parse_iso_duration(body[1:])
    if not body[:1].isdigit():
        raise TextError("invalid digit in duration")
    if ":" in body and " " not in body:
        return sign * _clock_duration(body)
    digits = 0
    while digits < len(body) and body[digits] in _DIGITS:
        digits += 1
    days, rest = int(body[:digits]), body[digits:]
    for word in (" days", " day", "d"):
        if rest.startswith(word):
            rest = rest[len(word) :].lstrip(",").lstrip(" ")
            total = dt.timedelta(days=days)
            if rest:
                total += _clock_duration(rest)
            return sign * total
    raise TextError('"day" identifier in duration not correctly formatted')


def _clock_duration(text: str) -> dt.timedelta:
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(parts):
        raise TextError("invalid character in hour")
    try:
        hours, minutes = int(parts[0]), int(parts[1])
        seconds = float(parts[2]) if len(parts) == 3 else 0.0
    except ValueError:
        raise TextError("invalid character in hour") from None
    if minutes > 59 or seconds >= 60 or len(parts[0]) > 2:
        raise TextError("invalid character in hour")
    return dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)


_DATE_UNITS = {"Y": 365.0, "M": 30.0, "W": 7.0, "D": 1.0}
_TIME_UNITS = {"H": 3600.0, "M": 60.0, "S": 1.0}


def _parse_iso_duration(body: str) -> dt.timedelta:
    if not body or body == "T":
        raise TextError("input is too short")
    days, seconds, number, in_time = 0.0, 0.0, "", False
    for char in body:
        if char in _DIGITS or char == ".":
            number += char
        elif char == "T" and not in_time and not number:
            in_time = True
        else:
            units = _TIME_UNITS if in_time else _DATE_UNITS
            if char not in units or not number:
                raise TextError("invalid digit in duration")
            try:
                amount = float(number)
            except ValueError:
                raise TextError("invalid digit in duration") from None
            if in_time:
                seconds += amount * units[char]
            else:
                days += amount * units[char]
            number = ""
    if number:
        raise TextError("invalid digit in duration")
    return dt.timedelta(days=days, seconds=seconds)


def format_duration(value: dt.timedelta) -> str:
    """pydantic's ISO 8601 form: ``P1Y35DT1H2M3.5S``, ``-PT1S``, ``PT0S``."""
    negative = value < dt.timedelta(0)
    if negative:
        value = -value
    years, days = divmod(value.days, 365)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    out = "-P" if negative else "P"
    if years:
        out += f"{years}Y"
    if days:
        out += f"{days}D"
    clock = ""
    if hours:
        clock += f"{hours}H"
    if minutes:
        clock += f"{minutes}M"
    if seconds or value.microseconds:
        clock += f"{seconds}"
        if value.microseconds:
            clock += "." + f"{value.microseconds:06d}".rstrip("0")
        clock += "S"
    if clock:
        out += "T" + clock
    elif out.endswith("P"):
        out += "T0S"
    return out


def format_moment(value: "Any") -> str:
    """A datetime or time in ISO form, with ``Z`` for a zero UTC offset (as pydantic writes)."""
    text: str = value.isoformat()
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    return text

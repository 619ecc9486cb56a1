"""apiway.validation against pydantic v2 on a broad table of annotations and inputs: the same
validated value, the same errors (type, loc, msg, input, ctx), the same JSON dump."""

# The typing forms (Union, Optional) are what these tests are about.
# ruff: noqa: UP007, UP045

from __future__ import annotations

import collections
import datetime as dt
import decimal
import math
import uuid
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, Optional, Union

import pytest
from annotated_types import Ge, Gt, Lt, MaxLen, MinLen, MultipleOf
from pydantic import Field

from apiway.validation import INVALID, compile_type

from .models import Body, Checked, Color, Item, Level, Mixed, Movie, Node, Pair, Partial, Point
from .support import normalized, ours, their_dump, theirs

D = decimal.Decimal
U = "12345678-1234-5678-1234-567812345678"

SCALARS: list[tuple[Any, list[Any]]] = [
    (
        int,
        [
            1,
            -7,
            True,
            False,
            1.0,
            2.5,
            math.nan,
            math.inf,
            "1",
            " 12 ",
            "1.0",
            "1.50",
            "1_000",
            "+3",
            "-0",
            "1e3",
            "0x10",
            "x",
            "",
            "١٢",
            b"7",
            bytearray(b"8"),
            D("2"),
            D("2.5"),
            None,
            [],
            {},
            10**30,
            "9" * 30,
            "1.",
            "007.",
            "1.00",
            # past the 4,300-digit limit: too large, or read again without zeros and blanks
            "9" * 4301,
            "-" + "9" * 4301,
            "9" * 4301 + ".5",
            "9" * 4301 + "x",
            b"9" * 4301,
            "0" + "9" * 4301,
            " " + "9" * 4301,
            "9" * 4300,
            "0" * 4400 + "7",
            "-" + "0" * 4400 + "7",
            "+" + "0" * 4400 + "7.000",
            "0" * 5000,
            "0" * 4400 + ".",
            # whole floats are read as 64-bit ints
            1e20,
            float(2**63),
            -float(2**63),
            float(2**63 - 1024),
        ],
    ),
    (
        float,
        [
            1,
            1.5,
            True,
            "1.5",
            " 2 ",
            "inf",
            "-Infinity",
            "nan",
            "1e400",
            "1_0.5",
            "x",
            "",
            b"2",
            D("1.1"),
            None,
            [1],
            10**400,
            -(10**400),
        ],
    ),
    (
        bool,
        [
            True,
            False,
            1,
            0,
            2,
            -1,
            1.0,
            0.0,
            0.5,
            "true",
            "False",
            "TRUE",
            "yes",
            "no",
            "on",
            "off",
            "t",
            "f",
            "y",
            "n",
            "1",
            "0",
            " yes",
            "2",
            "",
            b"true",
            None,
            [],
            D("1"),
            # whole numbers that fit a 64-bit int are read, and refused; others are no number
            D("2"),
            D("1.5"),
            D("NaN"),
            D("1e30"),
            2.0,
            -1.0,
            1e20,
            math.nan,
            10**20,
            2**63,
            2**63 - 1,
            -(2**63),
            -(2**63) - 1,
        ],
    ),
    (str, ["a", "", " x ", b"bytes", b"\xff", bytearray(b"y"), 1, 1.5, True, None, [], Color.RED]),
    (bytes, [b"a", "a", "é", bytearray(b"x"), 1, None, []]),
    (type(None), [None, 0, "", "null"]),
    (None, [None, 0]),
    (Any, [1, "a", None, [1], {"a": 1}]),
    (object, [1, None]),
]

CONSTRAINED: list[tuple[Any, list[Any]]] = [
    (Annotated[int, Field(gt=0, le=100)], [0, 1, 100, 101, "0", "50", -5, "x", 5.5]),
    (Annotated[int, Field(ge=1, lt=10, multiple_of=3)], [0, 3, 9, 10, 4, 12, "6"]),
    (Annotated[int, Gt(1), Lt(5), MultipleOf(2)], [7, 6, 2, 4, 1, 0]),
    (Annotated[float, Field(gt=0.5, le=2)], [0.5, 0.6, 2, 2.01, "1.5", math.nan, "nan", 1]),
    (Annotated[float, Field(multiple_of=0.5)], [1.0, 1.5, 1.2, -2.5, 0.1]),
    (Annotated[float, Ge(1.5)], [1, 1.5, 2]),
    (Annotated[str, Field(min_length=2, max_length=4)], ["a", "ab", "abcd", "abcde", "", b"abc"]),
    (Annotated[str, Field(min_length=1)], ["", "a"]),
    (Annotated[str, Field(max_length=1)], ["ab", "a"]),
    (Annotated[str, Field(pattern=r"^[a-z]+$")], ["abc", "aB", "", "x1"]),
    (Annotated[str, Field(pattern=r"\d")], ["a1b", "ab"]),
    (Annotated[str, Field(min_length=3, pattern="^a")], ["b", "bbbb", "abc"]),
    (Annotated[str, MinLen(2), MaxLen(3)], ["a", "abcd", "abc"]),
    (Annotated[bytes, Field(min_length=2, max_length=3)], [b"a", b"abcd", b"ab", "a"]),
    (Annotated[D, Field(gt=1, le=5)], ["0.5", "1", "1.5", 5, "5.01", 1.2]),
    (Annotated[D, Field(multiple_of=D("0.25"))], ["0.5", "0.3"]),
    (
        Annotated[list[int], Field(min_length=2, max_length=3)],
        [[1], [1, 2], [1, 2, 3, 4], ["x"], ["x", "y"], []],
    ),
    (Annotated[set[int], Field(min_length=2)], [[1], [1, 1], [1, 2]]),
    (Annotated[frozenset[int], Field(max_length=1)], [[1, 2], [1]]),
    (Annotated[dict[str, int], Field(min_length=1, max_length=2)], [{}, {"a": 1}, {"a": 1, "b": 2, "c": 3}]),
    # Past max_length only the too_long error counts; entries with errors are not counted.
    (
        Annotated[dict[str, int], Field(max_length=2)],
        [
            {"a": "x", "b": 2, "c": 3},
            {"a": 1, "b": "x", "c": 3, "d": 4},
            {1: 1, "b": 2, "c": 3, "d": 4},
            {"a": 1, "b": 2, "c": "x"},
            collections.Counter(a=1, b=2, c=3),
        ],
    ),
    (Annotated[dict[int, int], Field(max_length=2)], [{"1": 1, 1: 2, "01": 3}, {"1": 1, "2": 2, "x": 3}]),
    (Annotated[tuple[int, ...], Field(max_length=1)], [[1, 2], [1]]),
    (list[Annotated[int, Field(gt=0)]], [[1, 0, -1, "x"], [3]]),
    (Annotated[list[Annotated[int, Field(gt=0)]], Field(min_length=3)], [[0, "x"], [1]]),
    (Annotated[int | None, Field(gt=0)], [None, 0, 1, "2"]),
    (Optional[Annotated[int, Field(le=3)]], [None, 4]),
    (Annotated[dt.date, Field(gt=dt.date(2020, 1, 1))], ["2020-01-01", "2020-01-02"]),
    (
        Annotated[dt.datetime, Field(le=dt.datetime(2020, 1, 1))],
        ["2020-01-01T00:00:00", "2020-01-02T00:00:00"],
    ),
]

SPECIAL: list[tuple[Any, list[Any]]] = [
    (
        D,
        [
            "1.5",
            " 1.5 ",
            "1.",
            1,
            1.1,
            3,
            "NaN",
            "Infinity",
            "-inf",
            "1e3",
            "1_000",
            "x",
            "",
            True,
            None,
            D("1.00"),
            D("NaN"),
            b"1",
            math.nan,
            [1],
        ],
    ),
    (
        uuid.UUID,
        [
            U,
            U.replace("-", ""),
            "urn:uuid:" + U,
            "{" + U + "}",
            U.upper(),
            b"1234567812345678",
            U.encode(),
            "x",
            "",
            U[:-1] + "g",
            U + "0",
            "1234-5678",
            # The reasons count UTF-8 bytes from 0, and depend on the form the length suggests.
            "a" * 36,
            "a" * 33,
            "é" * 16,
            "é" * 36,
            "{x}",
            "{}",
            "urn:uuid:x",
            "urn:uuid:" + U.replace("-", ""),
            "{" + U[:-1] + "x}",
            U.replace("-", "_"),
            " " + U.replace("-", "")[1:],
            "+" + U.replace("-", "")[1:],
            U[:-1] + "š",
            U.replace("-", "ĭ"),
            "urn:uuid:{" + U + "}",
            U.encode()[:-1],
            b"\xff" * 5,
            1,
            None,
            uuid.UUID(U),
        ],
    ),
    (Color, ["red", "green", "blue", Color.RED, 1, None, "RED"]),
    (Level, [1, 2, 3, "1", "2", 1.0, 1.5, "x", Level.LOW, True, "9" * 19, "9" * 30, "9" * 4400, 10**20]),
    (Level, [2**63, 2**63 - 1, -(2**63), -(2**63) - 1, 1e20, b"9" * 30]),
    (Mixed, ["a", 1, "1", 1.0, "b"]),
    (Literal["a", "b"], ["a", "b", "c", 1, None, b"a"]),
    (Literal[1, 2], [1, 2, "1", 1.0, True, 3, 10**20, 2**63, 2**63 - 1, -(2**63) - 1, 1e20, "9" * 30]),
    (Literal["a", True], [10**20]),
    (Literal[True], [True, 1, "true", False]),
    (Literal["a", 1, None], [None, "a", 1, 5]),
    (Literal[Color.RED], [Color.RED, "red", Color.GREEN]),
    (Literal["x"], ["x", "y"]),
    # smart unions rank Any as a strict match, an int for a float strict, a float for an int lax
    (Union[float, Any], [1, 1.0, "1", D("1"), None]),
    (Union[int, Any], [1, 1.0, "1", True]),
    (Union[Any, float], [1, 1.5]),
    (Union[int, float], [1, 1.0, 1.5, "1", D("1"), D("1.5")]),
    (Union[float, int], [1, 1.0, "2"]),
    (Union[D, int], [1, 1.0, D("1")]),
    (Union[int, D], [1.0, "1.5"]),
]

#: Numbers for the temporal types: Decimals, NaN, the infinities and values past any date.
NUMBERS_AT_EDGES = [
    D("1.5"),
    D("86400"),
    D("NaN"),
    D("Infinity"),
    math.inf,
    -math.inf,
    math.nan,
    1e300,
    -1e300,
]

TEMPORAL: list[tuple[Any, list[Any]]] = [
    (
        dt.datetime,
        [
            *NUMBERS_AT_EDGES,
            "2020-01-02",
            "2020-01-02T03:04:05",
            "2020-01-02 03:04:05.123Z",
            "2020-01-02T03:04:05+01:00",
            "2020-01-02T03:04",
            "2020-01-02T03:04:05.1234567",
            "2020-13-01",
            "2020-01-32",
            "20200102",
            "2020-01-02T25:00:00",
            "1700000000",
            "-1",
            1700000000,
            1700000000.5,
            1e11,
            "x",
            "",
            "2020-02-30",
            "2020-02-29",
            "2021-02-29",
            "2020-01-02t03:04:05z",
            "2020-01-02T03:04:05.000001-00:30",
            "2020-01-02T03:04:05+0100",
            "2020-01-02T03:04:05+01",
            "abcd-01-02",
            "2020-0x-02",
            "2020-01-0x",
            "2020/01/02",
            "2020-01-02_03:04",
            " 2020-01-02",
            "1e3",
            dt.date(2020, 1, 2),
            dt.datetime(2020, 1, 2, 3),
            None,
            [],
            True,
        ],
    ),
    (
        dt.date,
        [
            *NUMBERS_AT_EDGES,
            "2020-01-02",
            "2020-01-02T00:00:00",
            "2020-01-02T03:00:00",
            0,
            86400,
            1700000000,
            "1700000000",
            dt.datetime(2020, 1, 1),
            dt.datetime(2020, 1, 1, 1),
            "2020-1-2",
            "2020/01/02",
            "x",
            None,
            dt.date(2021, 5, 6),
            "2020-02-30",
        ],
    ),
    (
        dt.time,
        [
            *NUMBERS_AT_EDGES,
            "03:04",
            "03:04:05.5",
            "03:04:05Z",
            "03:04:05+01:00",
            3600,
            3600.5,
            86400,
            "25:00",
            "3:04",
            "03:04:05.",
            "03:04:5",
            "03-04",
            "03",
            "03:04:05+01",
            "x3:04",
            "03:x4",
            "03:04:x5",
            "03:04:60",
            "03:04:05-25:00",
            dt.time(1, 2),
            dt.datetime(2020, 1, 1),
            None,
        ],
    ),
    (
        dt.timedelta,
        [
            *NUMBERS_AT_EDGES,
            True,
            False,
            "P1D",
            "PT1H",
            "P1DT2H3M4.5S",
            "-P1D",
            "+P1D",
            "P1W",
            "P1Y",
            "P1M",
            "P1.5D",
            "PT1.5H",
            "P1DT",
            "01:02:03",
            "1:02:03",
            "01:02",
            "01:02:03.5",
            "2 days, 01:02:03",
            "1 day",
            "1d",
            "-1 day, 23:00:00",
            3661,
            1.5,
            -1,
            "P",
            "PT",
            "",
            "x",
            "P-1D",
            "p1d",
            "3661",
            dt.timedelta(days=-1, seconds=5),
            None,
        ],
    ),
]

CONTAINERS: list[tuple[Any, list[Any]]] = [
    (
        list[int],
        [
            [1, "2"],
            (1, 2),
            {1, 2},
            frozenset([3]),
            collections.deque([1]),
            "ab",
            b"ab",
            {"a": 1},
            1,
            None,
            [1, "x", 3, "y"],
            [],
            {}.keys(),
        ],
    ),
    (list, [[1, "a"], (1,), "x"]),
    (list[Any], [[1, None]]),
    (set[int], [[1, 1, "2"], {1}, (1, 2), [[1]], "ab", None, [1, "x"]]),
    (frozenset[str], [["a", "a"], ("b",), "c"]),
    (tuple[int, ...], [[1, "2"], (1,), "x", [1, "y"], {1}]),
    (
        tuple[int, str],
        [
            [1, "a"],
            [1],
            [1, "a", 3],
            ["x", 2],
            [],
            "ab",
            (1, "b"),
            # Too long: refused before the items are validated; "not more" when it has no known length.
            ("x", "y", "z"),
            {1, 2, 3},
            collections.deque(range(5)),
            range(3),
            collections.deque([1, "a"]),
        ],
    ),
    (tuple[()], [[], [1]]),
    (tuple, [[1, "a"]]),
    (dict[str, int], [{"a": "1"}, {"a": "x", "b": 2}, [("a", 1)], None, {1: 1}, {}]),
    (dict[int, int], [{"a": "b", "1": "x", "2": "3"}, {1: 2}]),
    (dict[str, list[int]], [{"a": [1, "x"], "b": "y"}]),
    (dict, [{"a": 1}, [1]]),
    (Mapping[str, int], [{"a": "1"}, [1]]),
    (Sequence[int], [[1, "2"], (1, "2"), "ab", [1, "x"], None, {1, 2}]),
    (list[list[int]], [[[1], [2, "x"]], [1]]),
    (dict[str, dict[str, int]], [{"a": {"b": "x"}}]),
    (list[int | None], [[1, None, "x"]]),
]

UNIONS: list[tuple[Any, list[Any]]] = [
    (Union[int, str], [1, "1", "a", 1.0, 1.5, None, True, b"x"]),
    (Union[str, int], [1, "1", 2.0]),
    (Union[float, int], [1, 1.5, "1", "1.5", True]),
    (Union[int, float], [1, 1.5, "1", "1.5"]),
    (Union[bool, int], [1, True, "true", "1", 2]),
    (Union[int, bool], [1, True, "true"]),
    (Union[int, list[int]], [[1], "1", ["x"], None]),
    (Union[list[int], dict[str, int]], [[1], {"a": 1}, "x", {"a": "x"}, (1, 2)]),
    (Optional[int], [None, 1, "x", "2"]),
    (Optional[int | str], [None, 1, "a", []]),
    (Union[int, str, None], [None, [], 2]),
    (Union[None, int], [None, "x"]),
    (int | None, [None, "3", "x"]),
    (int | str, [[], "a"]),
    (Union[Literal["a"], int], ["a", 1, "b"]),
    (Union[Color, int], ["red", 1, "x"]),
    (Union[Level, str], [1, "1", "x"]),
    (Union[dt.date, dt.datetime], ["2020-01-01", "2020-01-01T10:00:00", "x", dt.datetime(2020, 1, 1)]),
    (Union[D, float], ["1.5", 1.5, "x"]),
    (Union[uuid.UUID, int], [U, 1, "x"]),
    (Union[Annotated[int, Field(gt=0)], str], [-1, 1, "a", []]),
    (Union[Annotated[str, Field(min_length=2)], int], ["a", "ab", 3]),
    (Union[Point, int], [{"x": 1}, 1, "x", {"y": 1}]),
    (Union[Point, Pair], [{"x": 1}, (1, "a"), 5, [1, 2, 3], {"y": 1}]),
    (Union[list[Pair], int], ["x", [5], [["x"]]]),
    (Union[Movie, int], [{"title": "t", "year": 1}, 5, {}]),
    (Union[set[int], frozenset[int]], [[1], {1}, frozenset([1]), 1]),
    (Union[tuple[int, ...], tuple[int, str]], [[1, "a"], 1]),
    (Union[Sequence[int], int], ["a", 1]),
    (Union[Mapping[str, int], int], [{"a": 1}, "x"]),
    (Union[bytes, int], [b"a", "a", None]),
    (Union[dt.timedelta, dt.time], [None, "x"]),
    (Union[Annotated[float, Field(gt=0)], Annotated[bytes, Field(min_length=1)], Literal[None]], [object]),
]

RECORDS: list[tuple[Any, list[Any]]] = [
    (
        Point,
        [{"x": 1}, {"x": "2", "y": "3"}, {}, {"x": "a", "y": "b"}, [1], None, Point(5), {"x": 1, "z": 9}],
    ),
    (
        Item,
        [
            {"name": "n", "price": "1.5"},
            {"name": "n", "price": 1, "tags": ["a", 1], "color": "red", "location": {"x": 3}, "count": "5"},
            {"price": "x", "tags": "no", "color": "blue", "location": {"x": "a"}, "count": -1},
            {},
            "x",
        ],
    ),
    (Node, [{"value": 1, "children": [{"value": 2}, {"value": "x", "children": [{"value": "y"}]}]}]),
    (Body, [{"name": "a", "price": 1, "quantity": "3", "tags": ["x"]}, {"name": 1, "tags": [1]}]),
    (Checked, [{"value": 1}, {"value": 13}, {"value": "x"}]),
    (
        Movie,
        [
            {"title": "t", "year": "1999"},
            {"title": "t", "year": 1, "rating": "4.5", "extra": 1},
            {},
            [],
            {"title": 1, "year": "x", "rating": "y"},
        ],
    ),
    (Partial, [{"a": 1}, {"b": "x"}, {"a": "1", "b": 2}]),
    (
        Pair,
        [
            (1,),
            [1, "a"],
            {"left": 1},
            (1, "b", 3),
            (),
            {"left": 1, "c": 2},
            5,
            ("x", 1),
            {"right": "a"},
            ("x", "y", "z"),
            {"z": 1, "left": "x", 5: 2, "right": 3},
            collections.OrderedDict(left="2"),
            collections.UserDict(left=1),
            collections.deque([1, "a"]),
            collections.deque(range(5)),
            frozenset({1}),
            {"left": 1}.values(),
            "ab",
            None,
            Pair(3),
        ],
    ),
    (list[Point], [[{"x": 1}, {"x": "a"}, {}]]),
    (dict[str, Point], [{"a": {"x": 1}, "b": {"y": 2}}]),
    (Optional[Point], [None, {"x": 1}, {"y": "z"}]),
]

TABLE = [
    pytest.param(annotation, value, id=f"{annotation!r:.50}-{index}-{value!r:.30}")
    for group in (SCALARS, CONSTRAINED, SPECIAL, TEMPORAL, CONTAINERS, UNIONS, RECORDS)
    for annotation, values in group
    for index, value in enumerate(values)
]


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types (nan equal to nan), containers compared item by item."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (dt.datetime, dt.time)):
        return a == b and (a.utcoffset() == b.utcoffset())
    return bool(a == b)


@pytest.mark.parametrize(("annotation", "value"), TABLE)
def test_validate_matches_pydantic(annotation: Any, value: Any) -> None:
    expected, expected_errors = theirs(annotation, value)
    result, errors = ours(annotation, value)
    assert errors == expected_errors
    if expected is not INVALID:
        assert same(result, expected), (result, expected)


@pytest.mark.parametrize(("annotation", "value"), TABLE)
def test_serialize_matches_pydantic(annotation: Any, value: Any) -> None:
    valid, _ = theirs(annotation, value)
    if valid is INVALID:
        return
    dumped = compile_type(annotation).serialize(valid)
    assert same(dumped, their_dump(annotation, valid)) or dumped == their_dump(annotation, valid)


JSON_INPUTS = [
    (int, ['"1"', "1.0", "true", "null", "1e2"]),
    (float, ['"1.5"', "1", '"nan"', "NaN"]),
    (bool, ['"yes"', "1", "0.0"]),
    (list[int], ['[1, "2"]', "{}"]),
    (dict[str, int], ['{"a": "1"}']),
    (dt.datetime, ['"2020-01-02T03:04:05Z"', "1700000000"]),
    (uuid.UUID, [f'"{U}"']),
    (Point, ['{"x": "1"}', "[]"]),
]


@pytest.mark.parametrize(
    ("annotation", "text"), [(a, t) for a, texts in JSON_INPUTS for t in texts], ids=lambda v: repr(v)[:40]
)
def test_values_from_json_match_validate_json(annotation: Any, text: str) -> None:
    """Bodies arrive as JSON: decoding with json.loads then validating gives what pydantic's
    validate_json gives (where the two pydantic modes agree on the decoded value)."""
    import json

    expected, expected_errors = theirs(annotation, text, json=True)
    result, errors = ours(annotation, json.loads(text))
    assert [(e["type"], e["loc"]) for e in errors] == [(e["type"], e["loc"]) for e in expected_errors]
    if expected is not INVALID:
        assert same(result, expected) or result == expected


def test_errors_carry_the_callers_location() -> None:
    errors: list[dict[str, Any]] = []
    assert compile_type(Point).validate({"x": "a"}, ("body", "point"), errors) is INVALID
    assert [normalized(e)["loc"] for e in errors] == [("body", "point", "x")]

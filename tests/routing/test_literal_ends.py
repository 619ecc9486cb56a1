"""The literal start and end a catch-all checks before running its regular expression.

A wrong prefix or suffix would silently stop a rule from matching, so besides the table, a
property: every string the regex matches starts and ends with them.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apiway.routing import check_path, has_dot_segment
from apiway.routing.trie import literal_ends

CASES = [
    (".+", "", ""),
    ("/proxy/.+/items", "/proxy/", "/items"),
    (".+/items", "", "/items"),
    ("/files/.+", "/files/", ""),
    (r"/v\d+/.+", "/v", ""),
    (r"\d+/x", "", "/x"),
    (r".+\bx", "", "x"),
    ("/ab+/x", "/a", "/x"),
    ("/ab*", "/a", ""),
    ("/ab?c", "/a", "c"),
    ("/a{2}/b", "/", "/b"),
    ("/x/.+/items?", "/x/", ""),
    ("(?P<id>[^/]+)/items", "", "/items"),
    ("(?:a)/x", "", "/x"),
    ("/a|/b", "", ""),
    ("(?i)/a/.+", "", ""),
    ("/a(?=b).+", "", ""),
    (r"/a/.+\.json", "/a/", "json"),
    (r".+\\/x", "", "x"),
    ("/a/.+$", "/a/", ""),
    ("[/]x", "", "x"),
]


@pytest.mark.parametrize(("source", "prefix", "suffix"), CASES, ids=[c[0] for c in CASES])
def test_literal_ends(source: str, prefix: str, suffix: str) -> None:
    assert literal_ends(source) == (prefix, suffix)


@pytest.mark.parametrize("source", [c[0] for c in CASES])
@settings(max_examples=50)
@given(data=st.data())
def test_every_match_has_the_literal_ends(source: str, data: st.DataObject) -> None:
    prefix, suffix = literal_ends(source)
    text = data.draw(st.from_regex(re.compile(source), fullmatch=True))
    assert re.fullmatch(source, text)
    assert text.startswith(prefix)
    assert text.endswith(suffix)


@pytest.mark.parametrize(
    ("path", "decoded", "expected"),
    [
        ("/a/b", False, False),
        ("/a/..", False, True),
        ("/a/./b", False, True),
        ("/.well-known/x", False, False),
        ("/a/...", False, False),
        ("/a/%2e%2e", False, True),
        ("/a/%2E", False, True),
        ("/a/.%2e/b", False, True),
        ("/a/%2e%2e", True, False),
        ("/a/..", True, True),
        ("/a/%2e%2ex", False, False),
        ("/a/%252e", False, False),
        ("..", False, False),
    ],
)
def test_has_dot_segment(path: str, decoded: bool, expected: bool) -> None:
    assert has_dot_segment(path, decoded) is expected


def test_check_path_refuses_long_paths_first() -> None:
    from apiway.exceptions import BadRequestError, URITooLongError

    check_path("/" + "a" * 8191, False)
    with pytest.raises(URITooLongError):
        check_path("/" + "a" * 8192, False)
    with pytest.raises(BadRequestError):
        check_path("/a/..", False)

"""Parsing of route rules into trie segments and catch-all remainders."""

from __future__ import annotations

import pytest

from apiway import APIGatewayRestResolver
from apiway.exceptions import RouteError
from apiway.registry import Route
from apiway.routing import LITERAL, PARAM, PATTERN, ParsedRule, RouteTable, is_regex, normalize_rule


def test_literal_rule_is_static() -> None:
    parsed = ParsedRule("/todos/done")
    assert parsed.segments == [(LITERAL, "todos"), (LITERAL, "done")]
    assert parsed.catch_all is None
    assert parsed.param_names == ()
    assert parsed.is_static


def test_root_rule_has_no_segments() -> None:
    parsed = ParsedRule("/")
    assert parsed.rule == "/"
    assert parsed.segments == []
    assert parsed.is_static


def test_whole_segment_parameter() -> None:
    parsed = ParsedRule("/users/<user_id>/todos/<todo_id>")
    assert parsed.segments == [
        (LITERAL, "users"),
        (PARAM, "user_id"),
        (LITERAL, "todos"),
        (PARAM, "todo_id"),
    ]
    assert parsed.param_names == ("user_id", "todo_id")
    assert not parsed.is_static


def test_several_parameters_in_one_segment() -> None:
    parsed = ParsedRule("/files/<name>.<ext>")
    assert parsed.segments == [(LITERAL, "files"), (PATTERN, ["", "name", ".", "ext", ""])]
    assert parsed.param_names == ("name", "ext")


def test_parameter_with_literal_text_around_it() -> None:
    parsed = ParsedRule("/api/v<version>-beta")
    assert parsed.segments[1] == (PATTERN, ["v", "version", "-beta"])


def test_lone_dot_stays_literal() -> None:
    parsed = ParsedRule("/robots.txt")
    assert parsed.is_static
    assert parsed.segments == [(LITERAL, "robots.txt")]
    assert not is_regex("robots.txt")


def test_bare_regex_rule_is_a_catch_all_from_the_root() -> None:
    parsed = ParsedRule(".+")
    assert parsed.catch_all == ".+"
    assert parsed.segments == []
    assert not parsed.is_static


def test_regex_segment_starts_the_catch_all() -> None:
    parsed = ParsedRule("/proxy/.+/items")
    assert parsed.segments == [(LITERAL, "proxy")]
    assert parsed.catch_all == "/.+/items"


def test_parameters_before_a_catch_all_stay_trie_parameters() -> None:
    parsed = ParsedRule("/tenants/<tenant>/.+")
    assert parsed.segments == [(LITERAL, "tenants"), (PARAM, "tenant")]
    assert parsed.catch_all == "/.+"
    assert parsed.param_names == ("tenant",)


@pytest.mark.parametrize(("rule", "expected"), [("/todos/", "/todos"), ("/todos//", "/todos"), ("/", "/")])
def test_trailing_slash_is_normalized(rule: str, expected: str) -> None:
    assert normalize_rule(rule) == expected
    assert ParsedRule(rule).rule == expected


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("todos", "must start with '/'"),
        ("/a//b", "empty segment"),
        ("/files/<name", "unbalanced '<'"),
        ("/files/name>", "unbalanced '>'"),
        ("/files/a>b<c>", "unbalanced '>'"),
        ("/files/<1st>", "Python identifier"),
        ("/files/<a-b>", "Python identifier"),
        ("/files/<>", "Python identifier"),
        ("/files/<a><b>", "literal text between them"),
        ("/users/<id>/friends/<id>", "parameter name twice"),
        ("/files/<name>.<name>", "parameter name twice"),
    ],
)
def test_bad_rules_raise_route_error(rule: str, message: str) -> None:
    with pytest.raises(RouteError, match=message):
        ParsedRule(rule)


def test_rule_must_be_a_string() -> None:
    with pytest.raises(RouteError, match="must be a string"):
        ParsedRule(42)  # type: ignore[arg-type]


def test_route_error_is_a_value_error() -> None:
    # Code that caught the ValueError of the API users migrate from keeps working.
    assert issubclass(RouteError, ValueError)


def test_invalid_regex_is_refused_when_added_to_a_table() -> None:
    table = RouteTable()
    with pytest.raises(RouteError, match="not a valid regular expression"):
        table.add(Route("GET", "/proxy/(unclosed", lambda: None))
    assert len(table) == 0


def test_bad_rule_is_refused_at_registration() -> None:
    app = APIGatewayRestResolver()
    with pytest.raises(RouteError):

        @app.get("/a//b")
        def handler() -> None: ...

    with pytest.raises(RouteError):

        @app.get("/proxy/[a-")
        def other() -> None: ...

    assert app.routes == []


def test_plain_dynamic_rules_share_their_repeated_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    """Segments common to many rules are one object each (fewer objects for the garbage
    collector when an app registers many routes); each rule keeps its own list of them."""
    import apiway.routing

    # A fresh table: other tests in this process may have filled the shared one to its bound.
    monkeypatch.setattr(apiway.routing, "_SHARED_SEGMENTS", {})
    first = ParsedRule("/api/v1/orders/<order_id>")
    second = ParsedRule("/api/v1/items/<order_id>")
    assert first.segments[0] is second.segments[0]
    assert first.segments[3] is second.segments[3] == (PARAM, "order_id")
    assert first.segments[2] != second.segments[2]
    assert first.segments is not second.segments
    assert (first.param_names, second.param_names) == (("order_id",), ("order_id",))


def test_once_the_shared_segments_are_full_rules_parse_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    import apiway.routing

    full = {f"filler{index}": (LITERAL, f"filler{index}") for index in range(apiway.routing._SHARED_LIMIT)}
    monkeypatch.setattr(apiway.routing, "_SHARED_SEGMENTS", full)
    rule = ParsedRule("/api/v2/orders/<order_id>")
    assert rule.segments == [(LITERAL, "api"), (LITERAL, "v2"), (LITERAL, "orders"), (PARAM, "order_id")]
    assert rule.param_names == ("order_id",)
    assert len(full) == apiway.routing._SHARED_LIMIT  # nothing added beyond the bound

"""RouteTable matching: fast path, trie walk, catch-alls, precedence and decoding."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apiway.registry import Route
from apiway.routing import Match, RouteTable


def handler() -> None:
    """Stands in for a user function; matching never calls it."""


def make_table(*specs: str) -> RouteTable:
    """A table from ``"METHOD /rule"`` specs, registered in the order given."""
    table = RouteTable()
    for spec in specs:
        method, rule = spec.split(" ", 1)
        assert table.add(Route(method, rule, handler))
    return table


def matched(table: RouteTable, method: str, path: str, decoded: bool = False) -> tuple[str, dict[str, str]]:
    found = table.match(method, path, decoded)
    assert found.route is not None, f"{method} {path} did not match"
    assert found.args is not None
    return f"{found.route.method} {found.route.rule}", found.args


def no_match(table: RouteTable, method: str, path: str, decoded: bool = False) -> Match:
    found = table.match(method, path, decoded)
    assert found.route is None, f"{method} {path} unexpectedly matched {found.route}"
    return found


# -- static rules -------------------------------------------------------------------------------


def test_static_rule_is_kept_in_the_dict() -> None:
    table = make_table("GET /todos", "POST /todos", "GET /todos/<todo_id>")
    assert set(table.static) == {"/todos"}
    assert set(table.static["/todos"]) == {"GET", "POST"}


def test_static_match_does_not_walk_the_trie(monkeypatch: pytest.MonkeyPatch) -> None:
    table = make_table("GET /todos", "GET /todos/<todo_id>")

    def forbidden(*args: object) -> None:
        raise AssertionError("the trie was walked for a static path")

    monkeypatch.setattr(table.trie, "_walk", forbidden)
    assert matched(table, "GET", "/todos") == ("GET /todos", {})
    assert matched(table, "GET", "/todos/") == ("GET /todos", {})


def test_root_rule() -> None:
    table = make_table("GET /")
    assert matched(table, "GET", "/") == ("GET /", {})
    no_match(table, "GET", "/x")


def test_unknown_path_and_relative_path() -> None:
    table = make_table("GET /todos")
    found = no_match(table, "GET", "/nope")
    assert found.allowed == frozenset()
    assert found.args is None
    no_match(table, "GET", "todos")


# -- parameters ---------------------------------------------------------------------------------


def test_whole_segment_parameters() -> None:
    table = make_table("GET /users/<user_id>/todos/<todo_id>")
    assert matched(table, "GET", "/users/u-1/todos/42") == (
        "GET /users/<user_id>/todos/<todo_id>",
        {"user_id": "u-1", "todo_id": "42"},
    )
    no_match(table, "GET", "/users/u-1/todos")
    no_match(table, "GET", "/users/u-1/todos/42/extra")


def test_parameter_takes_any_characters_but_slash() -> None:
    table = make_table("GET /things/<name>")
    for value in ("a.b", "a b", "ü", "a+b", "~x_y-z", "(1)", "*", "a;b=c"):
        assert matched(table, "GET", f"/things/{value}", decoded=True)[1] == {"name": value}


def test_two_parameters_in_one_segment_take_the_shortest_match_first() -> None:
    table = make_table("GET /files/<name>.<ext>")
    assert matched(table, "GET", "/files/report.pdf")[1] == {"name": "report", "ext": "pdf"}
    assert matched(table, "GET", "/files/archive.tar.gz")[1] == {"name": "archive", "ext": "tar.gz"}


@pytest.mark.parametrize("segment", ["report", ".pdf", "report.", "."])
def test_every_parameter_in_a_segment_needs_a_character(segment: str) -> None:
    table = make_table("GET /files/<name>.<ext>")
    no_match(table, "GET", f"/files/{segment}")


def test_parameter_before_a_literal_tail_takes_up_to_the_tail() -> None:
    table = make_table("GET /files/<name>.json")
    assert matched(table, "GET", "/files/a.b.json")[1] == {"name": "a.b"}
    no_match(table, "GET", "/files/.json")
    no_match(table, "GET", "/files/a.yaml")


def test_parameter_after_a_literal_head() -> None:
    table = make_table("GET /api/v<version>/items")
    assert matched(table, "GET", "/api/v2/items")[1] == {"version": "2"}
    no_match(table, "GET", "/api/v/items")
    no_match(table, "GET", "/api/x2/items")


def test_three_parameters_in_one_segment() -> None:
    table = make_table("GET /d/<y>-<m>-<d>")
    assert matched(table, "GET", "/d/2024-01-31")[1] == {"y": "2024", "m": "01", "d": "31"}
    assert matched(table, "GET", "/d/a-b-c-d")[1] == {"y": "a", "m": "b", "d": "c-d"}
    no_match(table, "GET", "/d/2024-01")


# -- catch-all regex rules ----------------------------------------------------------------------


def test_dot_plus_matches_every_path() -> None:
    table = make_table("GET .+")
    for path in ("/a", "/a/b/c", "/a/b/"):
        assert matched(table, "GET", path) == ("GET .+", {})


def test_catch_all_with_literal_tail() -> None:
    table = make_table("GET /proxy/.+/items")
    assert matched(table, "GET", "/proxy/a/items")[0] == "GET /proxy/.+/items"
    assert matched(table, "GET", "/proxy/a/b/c/items")[0] == "GET /proxy/.+/items"
    no_match(table, "GET", "/proxy/items")
    no_match(table, "GET", "/proxy/a/b")
    no_match(table, "GET", "/other/a/items")


def test_named_groups_of_a_catch_all_become_arguments() -> None:
    table = make_table("GET /proxy/(?P<rest>.+)")
    assert matched(table, "GET", "/proxy/a/b/c")[1] == {"rest": "a/b/c"}


def test_angle_bracket_parameters_inside_a_catch_all_become_arguments() -> None:
    table = make_table("GET /proxy/.+/<item_id>")
    assert matched(table, "GET", "/proxy/a/b/42")[1] == {"item_id": "42"}


def test_trie_parameters_and_catch_all_groups_are_combined() -> None:
    table = make_table("GET /tenants/<tenant>/(?P<rest>.+)")
    assert matched(table, "GET", "/tenants/acme/x/y")[1] == {"tenant": "acme", "rest": "x/y"}


def test_catch_all_must_match_the_whole_rest_of_the_path() -> None:
    table = make_table("GET /a/b[0-9]")
    assert matched(table, "GET", "/a/b1")[0] == "GET /a/b[0-9]"
    no_match(table, "GET", "/a/b12")
    no_match(table, "GET", "/x/a/b1")


# -- precedence ---------------------------------------------------------------------------------

PRECEDENCE_RULES = ["GET /todos/done", "GET /todos/d<suffix>", "GET /todos/<todo_id>", "GET /todos/.+"]


@pytest.mark.parametrize("order", ["as written", "reversed"])
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/todos/done", "GET /todos/done"),
        ("/todos/dx", "GET /todos/d<suffix>"),
        ("/todos/abc", "GET /todos/<todo_id>"),
        ("/todos/a/b", "GET /todos/.+"),
    ],
)
def test_precedence_does_not_depend_on_registration_order(order: str, path: str, expected: str) -> None:
    rules = PRECEDENCE_RULES if order == "as written" else PRECEDENCE_RULES[::-1]
    assert matched(make_table(*rules), "GET", path)[0] == expected


@pytest.mark.parametrize("order", ["as written", "reversed"])
def test_segment_with_more_literal_text_wins(order: str) -> None:
    rules = ["GET /f/<name>.<ext>", "GET /f/<name>.json"]
    table = make_table(*(rules if order == "as written" else rules[::-1]))
    assert matched(table, "GET", "/f/data.json") == ("GET /f/<name>.json", {"name": "data"})
    assert matched(table, "GET", "/f/data.yaml") == ("GET /f/<name>.<ext>", {"name": "data", "ext": "yaml"})


@pytest.mark.parametrize("order", ["as written", "reversed"])
def test_catch_all_with_more_literal_text_wins(order: str) -> None:
    rules = ["GET /p/.+", "GET /p/.+/items"]
    table = make_table(*(rules if order == "as written" else rules[::-1]))
    assert matched(table, "GET", "/p/x/items")[0] == "GET /p/.+/items"
    assert matched(table, "GET", "/p/x/other")[0] == "GET /p/.+"


@pytest.mark.parametrize("order", ["as written", "reversed"])
def test_deeper_literal_beats_shallower_catch_all(order: str) -> None:
    rules = ["GET /a/.+", "GET /a/b/c"]
    table = make_table(*(rules if order == "as written" else rules[::-1]))
    assert matched(table, "GET", "/a/b/c")[0] == "GET /a/b/c"
    assert matched(table, "GET", "/a/b/d")[0] == "GET /a/.+"


def test_dead_end_literal_backtracks_to_a_parameter() -> None:
    table = make_table("GET /a/b/d", "GET /a/<x>/c")
    assert matched(table, "GET", "/a/b/c") == ("GET /a/<x>/c", {"x": "b"})


def test_literal_path_without_the_method_falls_back_to_a_parameter_route() -> None:
    table = make_table("GET /todos/done", "DELETE /todos/<todo_id>")
    assert matched(table, "DELETE", "/todos/done") == ("DELETE /todos/<todo_id>", {"todo_id": "done"})


# -- trailing slash, decoding, empty segments ---------------------------------------------------


@pytest.mark.parametrize("decoded", [False, True])
@pytest.mark.parametrize(
    ("rule", "path"),
    [
        ("/todos", "/todos/"),
        ("/todos/", "/todos"),
        ("/todos/<todo_id>", "/todos/1/"),
        ("/files/<name>.<ext>", "/files/a.txt/"),
    ],
)
def test_trailing_slash_reaches_the_same_route(rule: str, path: str, decoded: bool) -> None:
    table = make_table(f"GET {rule}")
    assert table.match("GET", path, decoded).route is not None
    assert table.match("GET", path.rstrip("/") or "/", decoded).route is not None


def test_trailing_slash_with_catch_all() -> None:
    table = make_table("GET /proxy/.+/items")
    assert matched(table, "GET", "/proxy/a/items/")[0] == "GET /proxy/.+/items"


def test_encoded_slash_stays_inside_its_parameter() -> None:
    table = make_table("GET /files/<name>", "GET /files/<name>/meta")
    assert matched(table, "GET", "/files/a%2Fb") == ("GET /files/<name>", {"name": "a/b"})
    assert matched(table, "GET", "/files/a%2Fb/meta") == ("GET /files/<name>/meta", {"name": "a/b"})


def test_encoded_path_is_decoded_once() -> None:
    table = make_table("GET /files/<name>")
    assert matched(table, "GET", "/files/a%20b")[1] == {"name": "a b"}
    assert matched(table, "GET", "/files/100%2520")[1] == {"name": "100%20"}


def test_already_decoded_path_is_not_decoded_again() -> None:
    table = make_table("GET /files/<name>")
    assert matched(table, "GET", "/files/a%20b", decoded=True)[1] == {"name": "a%20b"}
    assert matched(table, "GET", "/files/100%", decoded=True)[1] == {"name": "100%"}


def test_plus_is_not_a_space_in_paths() -> None:
    table = make_table("GET /q/<term>")
    assert matched(table, "GET", "/q/a+b%2Bc")[1] == {"term": "a+b+c"}


def test_encoded_static_path_matches_the_literal_rule() -> None:
    table = make_table("GET /hello world", "GET /hello%20there")
    assert matched(table, "GET", "/hello%20world")[0] == "GET /hello world"
    # Already decoded: "%20" is three literal characters.
    assert matched(table, "GET", "/hello%20there", decoded=True)[0] == "GET /hello%20there"
    no_match(table, "GET", "/hello%20world", decoded=True)


def test_encoded_literal_before_a_parameter() -> None:
    table = make_table("GET /caf\u00e9/<item>")
    assert matched(table, "GET", "/caf%C3%A9/tea")[1] == {"item": "tea"}


@pytest.mark.parametrize("path", ["/todos//1", "//todos/1", "/todos/1//", "/todos//"])
def test_empty_segments_never_match_literals_or_parameters(path: str) -> None:
    table = make_table("GET /todos/<todo_id>", "GET /todos/1", "GET /todos/<a>/<b>", "GET /todos")
    found = no_match(table, "GET", path)
    assert found.allowed == frozenset()


@pytest.mark.parametrize("decoded", [False, True])
def test_double_slash_is_not_the_root(decoded: bool) -> None:
    # "//" is one empty segment; the static fast path and the trie must agree on it.
    table = make_table("GET /", "GET /todos")
    no_match(table, "GET", "//", decoded)
    assert table.routes_for("//", decoded) == {}
    assert matched(table, "GET", "/", decoded)[0] == "GET /"


def test_empty_segment_does_not_match_a_pattern_segment() -> None:
    table = make_table("GET /files/<name>.<ext>/x")
    no_match(table, "GET", "/files//x")


@given(st.text(min_size=1).filter(lambda value: "/" not in value))
def test_decoded_parameter_round_trips(value: str) -> None:
    table = make_table("GET /items/<item>/tail")
    assert matched(table, "GET", f"/items/{value}/tail", decoded=True)[1] == {"item": value}


@given(st.text(min_size=1))
def test_encoded_parameter_round_trips(value: str) -> None:
    table = make_table("GET /items/<item>/tail")
    encoded = quote(value, safe="")
    assert matched(table, "GET", f"/items/{encoded}/tail", decoded=False)[1] == {"item": value}


# -- methods ------------------------------------------------------------------------------------


def test_known_path_with_another_method_reports_the_allowed_methods() -> None:
    table = make_table("GET /todos", "POST /todos", "GET /todos/<todo_id>", "DELETE /todos/<todo_id>")
    assert no_match(table, "PUT", "/todos").allowed == {"GET", "POST"}
    assert no_match(table, "PUT", "/todos/7").allowed == {"GET", "DELETE"}
    assert no_match(table, "PUT", "/nope").allowed == frozenset()


def test_allowed_methods_of_a_catch_all() -> None:
    table = make_table("POST /proxy/.+")
    assert no_match(table, "GET", "/proxy/a/b").allowed == {"POST"}


def test_allowed_methods_collect_every_rule_the_path_matches() -> None:
    table = make_table("GET /todos/done", "DELETE /todos/<todo_id>")
    assert no_match(table, "PUT", "/todos/done").allowed == {"GET", "DELETE"}


def test_head_is_served_by_get() -> None:
    table = make_table("GET /todos", "GET /todos/<todo_id>", "GET /proxy/.+")
    assert matched(table, "HEAD", "/todos")[0] == "GET /todos"
    assert matched(table, "HEAD", "/todos/1")[0] == "GET /todos/<todo_id>"
    assert matched(table, "HEAD", "/proxy/x/y")[0] == "GET /proxy/.+"


def test_explicit_head_route_wins_over_get() -> None:
    table = make_table("GET /todos", "HEAD /todos")
    assert matched(table, "HEAD", "/todos")[0] == "HEAD /todos"


def test_get_is_not_served_by_head() -> None:
    table = make_table("HEAD /todos")
    assert no_match(table, "GET", "/todos").allowed == {"HEAD"}


# -- registration -------------------------------------------------------------------------------


def test_duplicate_registration_keeps_the_first() -> None:
    table = RouteTable()
    first = Route("GET", "/todos/<todo_id>", handler)
    assert table.add(first)
    assert not table.add(Route("GET", "/todos/<todo_id>", lambda: None))
    assert not table.add(Route("GET", "/todos/<todo_id>/", lambda: None))
    assert table.match("GET", "/todos/1", False).route is first
    assert list(table) == [first]


def test_same_rule_with_another_method_is_not_a_duplicate() -> None:
    table = RouteTable()
    assert table.add(Route("GET", "/proxy/.+", handler))
    assert table.add(Route("POST", "/proxy/.+", handler))
    assert len(table) == 2


def test_iteration_keeps_registration_order() -> None:
    specs = ["GET /b", "GET /a/<x>", "POST .+", "GET /a"]
    table = make_table(*specs)
    assert [f"{route.method} {route.rule}" for route in table] == specs


def test_routes_for_lists_the_route_of_each_method() -> None:
    table = make_table("GET /todos/done", "DELETE /todos/<todo_id>", "PUT /todos/.+", "POST /todos")
    found = table.routes_for("/todos/done", False)
    assert {method: route.rule for method, route in found.items()} == {
        "GET": "/todos/done",
        "DELETE": "/todos/<todo_id>",
        "PUT": "/todos/.+",
    }
    assert table.routes_for("/todos/done/", False).keys() == found.keys()
    assert table.routes_for("/nothing", False) == {}
    assert table.routes_for("relative", False) == {}


def test_routes_for_prefers_the_most_specific_route_per_method() -> None:
    table = make_table("GET /todos/<todo_id>", "GET /todos/done")
    assert table.routes_for("/todos/done", False)["GET"].rule == "/todos/done"


def test_routes_for_decodes_like_match() -> None:
    table = make_table("GET /files/<name>")
    assert set(table.routes_for("/files/a%2Fb", False)) == {"GET"}
    assert table.routes_for("/files/a/b", True) == {}


def test_last_of_many_routes_is_found() -> None:
    table = RouteTable()
    count = 2500
    for index in range(count):
        table.add(Route("GET", f"/static/s{index}/page", handler))
        table.add(Route("GET", f"/dynamic/d{index}/<item_id>/f<name>.<ext>", handler))
    assert len(table) == 2 * count
    last = count - 1
    assert matched(table, "GET", f"/static/s{last}/page") == (f"GET /static/s{last}/page", {})
    assert matched(table, "GET", f"/dynamic/d{last}/42/fdata.json") == (
        f"GET /dynamic/d{last}/<item_id>/f<name>.<ext>",
        {"item_id": "42", "name": "data", "ext": "json"},
    )
    no_match(table, "GET", f"/dynamic/d{count}/42/fdata.json")
    assert no_match(table, "POST", f"/static/s{last}/page").allowed == {"GET"}

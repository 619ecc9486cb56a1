"""``RouteTable.find`` / ``Trie.find``, the router's shortcut, and ``RouteTable.remove``.

``find`` answers a ``(route, args)`` pair, ``NOT_FOUND`` (a 404 for sure) or None ("ask
``match``"). Whatever it answers must agree with :meth:`RouteTable.match`: a pair is the
match's route and arguments, ``NOT_FOUND`` a path no method of which is routed.
"""

from __future__ import annotations

from typing import Any

import pytest

from apiway.registry import Route
from apiway.routing import NOT_FOUND, RouteTable


def handler() -> None:
    """Stands in for a user function; matching never calls it."""


def make_table(*specs: str) -> tuple[RouteTable, dict[str, Route]]:
    """A table from ``"METHOD /rule"`` specs, and its routes by spec."""
    table = RouteTable()
    routes = {}
    for spec in specs:
        method, rule = spec.split(" ", 1)
        route = routes[spec] = Route(method, rule, handler)
        assert table.add(route)
    return table, routes


TABLE_SPECS = (
    "GET /todos",
    "GET /todos/<todo_id>",
    "DELETE /todos/<todo_id>",
    "GET /users/<user_id>/todos/<todo_id>",
    "GET /a/<x>/b",
    "GET /a/c/<y>",
)


def spec_of(found: Any) -> tuple[str, dict[str, str]]:
    route, args = found
    return f"{route.method} {route.rule}", args


# -- find: each kind of answer --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "path", "decoded", "expected"),
    [
        ("GET", "/todos/7", False, ("GET /todos/<todo_id>", {"todo_id": "7"})),
        ("DELETE", "/todos/7/", False, ("DELETE /todos/<todo_id>", {"todo_id": "7"})),
        (
            "GET",
            "/users/u1/todos/t9",
            False,
            ("GET /users/<user_id>/todos/<todo_id>", {"user_id": "u1", "todo_id": "t9"}),
        ),
        ("GET", "/a/c/b", False, ("GET /a/c/<y>", {"y": "b"})),  # the literal first, as match() does
        ("GET", "/todos/a b", True, ("GET /todos/<todo_id>", {"todo_id": "a b"})),
        ("GET", "/todos/a%20b", True, ("GET /todos/<todo_id>", {"todo_id": "a%20b"})),  # decoded already
    ],
)
def test_find_answers_the_pair_match_would(
    method: str, path: str, decoded: bool, expected: tuple[str, dict[str, str]]
) -> None:
    table, _ = make_table(*TABLE_SPECS)
    found = table.find(method, path, decoded)
    assert found is not None and found is not NOT_FOUND
    assert spec_of(found) == expected
    match = table.match(method, path, decoded)
    assert (match.route, match.args) == found


@pytest.mark.parametrize(
    "path", ["/nothing", "/users/u1", "/users/u1/todos", "/a/zzz/q", "/todos/7/8", "/todos//"]
)
def test_find_answers_not_found_when_no_method_can_match(path: str) -> None:
    table, _ = make_table(*TABLE_SPECS)
    assert table.find("GET", path, False) is NOT_FOUND
    match = table.match("GET", path, False)
    assert (match.route, match.allowed) == (None, frozenset())


@pytest.mark.parametrize(
    ("method", "path", "why"),
    [
        ("POST", "/todos/7", "the path has other methods: 405"),
        ("HEAD", "/todos/7", "HEAD is served by GET"),
        ("GET", "/todos/a%20b", "still percent-encoded"),
        ("GET", "todos/7", "not an absolute path"),
        ("GET", "/a/c", "a literal child was passed over a parameter one"),
    ],
)
def test_find_leaves_the_rest_to_match(method: str, path: str, why: str) -> None:
    table, _ = make_table(*TABLE_SPECS)
    assert table.find(method, path, False) is None, why


@pytest.mark.parametrize(
    ("specs", "path"),
    [
        (("GET /files/<name>.json", "GET /files/<name>"), "/files/report.json"),  # a mixed segment
        (("GET /todos/<todo_id>", "GET /proxy/.+"), "/proxy/a"),  # a catch-all on the way
        (("GET /todos/<todo_id>", "GET .+"), "/elsewhere"),  # a catch-all at the root
    ],
)
def test_find_defers_to_match_where_the_trie_offers_other_choices(specs: tuple[str, ...], path: str) -> None:
    table, _ = make_table(*specs)
    assert table.find("GET", path, False) is None
    assert table.match("GET", path, False).route is not None


def test_find_without_dynamic_rules_is_not_found() -> None:
    table, _ = make_table("GET /todos")
    assert table.find("GET", "/elsewhere", False) is NOT_FOUND
    assert table._trie is None  # and the trie was never loaded


# -- remove ---------------------------------------------------------------------------------------------
def test_remove_a_static_route_keeps_the_other_methods_of_its_rule() -> None:
    table, routes = make_table("GET /todos", "POST /todos", "GET /users")
    table.remove(routes["GET /todos"])
    assert list(table.static["/todos"]) == ["POST"]
    assert list(table) == [routes["POST /todos"], routes["GET /users"]]
    table.remove(routes["POST /todos"])
    assert "/todos" not in table.static
    assert table.match("GET", "/todos", False).route is None
    assert len(table) == 1


def test_remove_a_dynamic_route() -> None:
    table, routes = make_table("GET /todos/<todo_id>", "DELETE /todos/<todo_id>")
    table.remove(routes["GET /todos/<todo_id>"])
    assert list(table) == [routes["DELETE /todos/<todo_id>"]]
    match = table.match("GET", "/todos/7", False)
    assert (match.route, match.allowed) == (None, frozenset({"DELETE"}))
    assert table.find("GET", "/todos/7", False) is None  # a 405 now, for match() to tell
    assert spec_of(table.find("DELETE", "/todos/7", False)) == ("DELETE /todos/<todo_id>", {"todo_id": "7"})


@pytest.mark.parametrize("rule", ["/proxy/.+", "/files/<name>.json"])
def test_remove_a_catch_all_or_mixed_segment_route(rule: str) -> None:
    table, routes = make_table(f"GET {rule}", "GET /todos/<todo_id>")
    path = "/proxy/a/b" if "proxy" in rule else "/files/x.json"
    assert table.match("GET", path, False).route is routes[f"GET {rule}"]
    table.remove(routes[f"GET {rule}"])
    assert table.match("GET", path, False).route is None
    assert list(table) == [routes["GET /todos/<todo_id>"]]


def test_remove_leaves_another_route_object_for_the_same_rule_alone() -> None:
    table, routes = make_table("GET /todos", "GET /todos/<todo_id>")
    for spec in routes:
        method, rule = spec.split(" ", 1)
        table.remove(Route(method, rule, handler))  # equal in all but identity
    assert list(table) == list(routes.values())
    assert table.match("GET", "/todos", False).route is routes["GET /todos"]
    assert table.match("GET", "/todos/1", False).route is routes["GET /todos/<todo_id>"]


def test_remove_of_a_route_never_added() -> None:
    table = RouteTable()
    table.remove(Route("GET", "/todos/<todo_id>", handler))  # no trie yet: nothing to do
    table.remove(Route("GET", "/todos", handler))
    assert len(table) == 0 and table._trie is None


def test_a_removed_route_can_be_registered_again() -> None:
    table, routes = make_table("GET /todos/<todo_id>")
    table.remove(routes["GET /todos/<todo_id>"])
    again = Route("GET", "/todos/<todo_id>", handler)
    assert table.add(again)
    assert table.match("GET", "/todos/1", False).route is again

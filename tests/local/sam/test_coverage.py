"""Matching template paths and methods with route rules, both ways."""

from __future__ import annotations

import re

import pytest

from apiway.local.sam.coverage import TemplatePath, compare, covers, method_answered, method_sends, reaches
from apiway.local.sam.template import ApiEvent
from apiway.registry import Route


def route(rule: str, method: str = "GET") -> Route:
    return Route(method, rule, lambda: None)


@pytest.mark.parametrize(
    ("path", "rule", "sends", "reaches_it"),
    [
        ("/", "/", True, True),
        ("/{proxy+}", "/", False, False),  # a greedy parameter needs a segment
        ("/{proxy+}", "/todos", True, True),
        ("/{proxy+}", "/todos/<todo_id>/tags", True, True),
        ("/todos", "/todos", True, True),
        ("/todos/", "/todos", True, True),
        ("/todos", "/todos/<todo_id>", False, False),
        ("/todos/{id}", "/todos/<todo_id>", True, True),
        ("/todos/{id}", "/todos/done", True, True),  # {id} sends "done" too
        ("/todos/done", "/todos/<todo_id>", False, True),  # only part of the route
        ("/todos/done", "/todos/other", False, False),
        ("/todos/{id}", "/todos/<todo_id>/tags", False, False),
        ("/todos/{proxy+}", "/todos", False, False),
        ("/todos/{proxy+}", "/todos/<todo_id>/tags", True, True),
        ("/files/{proxy+}", "/files/.+", True, True),  # a catch-all starting where {proxy+} does
        ("/{proxy+}", "/files/.+", True, True),
        ("/files/{name}", "/files/.+", False, True),
        ("/files", "/files/.+", False, False),
        ("/other/{proxy+}", "/files/.+", False, False),
        ("/reports/report.json", "/reports/<name>.json", False, True),
        ("/reports/report.csv", "/reports/<name>.json", False, False),
        ("/reports/{file}", "/reports/<name>.json", True, True),
        ("$default", "/", True, True),
        ("$default", "/anything/.+", True, True),
    ],
)
def test_paths(path: str, rule: str, sends: bool, reaches_it: bool) -> None:
    template = TemplatePath(path)
    assert covers(template, route(rule)) is sends
    assert reaches(template, route(rule)) is reaches_it


def test_methods() -> None:
    assert method_sends("ANY", "DELETE") and method_sends("GET", "GET")
    assert not method_sends("GET", "HEAD") and not method_sends("POST", "GET")
    assert method_answered("HEAD", "GET") and method_answered("OPTIONS", "POST")  # the router answers
    assert method_answered("ANY", "PATCH") and not method_answered("POST", "GET")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("todos", "must start with '/'"),
        ("/a//b", "has an empty segment"),
        ("/{proxy+}/x", "{proxy+} must be the last segment"),
        ("/files/{name}.json", "mixes text and a {parameter}"),
    ],
)
def test_invalid_template_paths(path: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        TemplatePath(path)


@pytest.mark.parametrize(
    ("path", "prefixes", "rule", "sends"),
    [
        ("/api/todos", ["/api"], "/todos", True),
        ("/api", ["/api"], "/", True),
        ("/api/{proxy+}", ["/api"], "/todos", True),
        ("/apis/todos", ["/api"], "/todos", False),
        ("/v2/todos/{id}", [re.compile(r"/v\d+")], "/todos/<todo_id>", True),
        ("/{stage}/todos", ["/api"], "/todos", False),  # a parameter is never stripped
    ],
)
def test_strip_prefixes_apply_to_template_paths(path: str, prefixes: list, rule: str, sends: bool) -> None:
    template = TemplatePath(path)
    template.strip(prefixes)
    assert covers(template, route(rule)) is sends


def test_compare_reports_both_directions() -> None:
    routes = [route("/todos"), route("/todos", "POST"), route("/todos/<todo_id>"), route("/admin")]
    events = [
        ApiEvent("List", "HttpApi", "GET", "/todos"),
        ApiEvent("One", "HttpApi", "GET", "/todos/special"),
        ApiEvent("Put", "HttpApi", "PUT", "/todos"),
        ApiEvent("Old", "HttpApi", "ANY", "/v1/{proxy+}"),
        ApiEvent("Computed", "Api", "", "", "its Path is the intrinsic function Fn::Sub, not a string"),
        ApiEvent("Bad", "Api", "GET", "/files/{name}.json"),
    ]
    result = compare(routes, events, [])
    assert [(r.method, r.rule, [e.name for e in partly]) for r, partly in result.unsent] == [
        ("POST", "/todos", []),
        ("GET", "/todos/<todo_id>", ["One"]),
        ("GET", "/admin", []),
    ]
    assert [(e.name, methods) for e, methods in result.unanswered] == [("Put", ["GET", "POST"]), ("Old", [])]
    assert [(e.name, why) for e, why in result.unreadable] == [
        ("Computed", "its Path is the intrinsic function Fn::Sub, not a string"),
        ("Bad", "path '/files/{name}.json': segment '{name}.json' mixes text and a {parameter}"),
    ]
    assert not result.ok
    everything = compare(routes, [ApiEvent("All", "HttpApi", "ANY", "$default")], [])
    assert everything.ok and not everything.unsent and not everything.unanswered

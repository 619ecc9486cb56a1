"""The prefix stage on its own: strip_prefixes at segment boundaries, in order."""

from __future__ import annotations

import re
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from apiway.stages.prefix import PrefixStage, strip_prefix

V_NUMBER = re.compile(r"/v\d+")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/pay", "/"),
        ("/pay/", "/"),
        ("/pay/x", "/x"),
        ("/pay/x/y/", "/x/y/"),
        ("/payment", "/payment"),
        ("/payment/x", "/payment/x"),
        ("/other/pay", "/other/pay"),
        ("/", "/"),
    ],
)
def test_string_prefix_is_stripped_at_a_segment_boundary(path: str, expected: str) -> None:
    assert strip_prefix(path, ["/pay"]) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/v2/x", "/x"),
        ("/v2", "/"),
        ("/v2/", "/"),
        ("/v123/x", "/x"),
        ("/v2x/y", "/v2x/y"),  # the match must end at a segment boundary
        ("/api/v2/x", "/api/v2/x"),  # and start at the start of the path
        ("/v/x", "/v/x"),
    ],
)
def test_regex_prefix_must_match_at_the_start_and_end_at_a_boundary(path: str, expected: str) -> None:
    assert strip_prefix(path, [V_NUMBER]) == expected


def test_empty_regex_match_strips_nothing() -> None:
    assert strip_prefix("/x/y", [re.compile(r"(/v\d+)?")]) == "/x/y"


def test_prefixes_apply_cumulatively_in_order() -> None:
    assert strip_prefix("/pay/v2/x", ["/pay", V_NUMBER]) == "/x"
    # In the other order the regex does not match at the start, so only /pay goes.
    assert strip_prefix("/pay/v2/x", [V_NUMBER, "/pay"]) == "/v2/x"
    assert strip_prefix("/v2/x", ["/pay", V_NUMBER]) == "/x"


def test_stage_normalizes_and_validates_prefixes() -> None:
    assert PrefixStage(["/pay/", V_NUMBER]).prefixes == ["/pay", V_NUMBER]
    with pytest.raises(ValueError, match="must start with '/'"):
        PrefixStage(["pay"])
    with pytest.raises(TypeError, match="strings starting with '/' or compiled regular expressions"):
        PrefixStage([42])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("given", "error", "message"),
    [
        ("/foo", TypeError, "not the string '/foo': write strip_prefixes=['/foo']"),
        ("", TypeError, "not the string '': write strip_prefixes=['/foo']"),
        ({"/foo": "/"}, TypeError, "not dict {'/foo': '/'}: write strip_prefixes=['/foo']"),
        ({}, TypeError, "not dict {}: write, e.g., strip_prefixes=['/foo']"),
        (
            V_NUMBER,
            TypeError,
            "not Pattern re.compile('/v\\\\d+'): write strip_prefixes=[re.compile('/v\\\\d+')]",
        ),
        (1, TypeError, "not int 1: write, e.g., strip_prefixes=['/foo']"),
        ([None], TypeError, "not NoneType None: write, e.g., strip_prefixes=['/foo']"),
        ([1], TypeError, "entries are strings starting with '/' or compiled regular expressions, not int 1"),
        ([""], ValueError, "an empty prefix strips nothing; remove it, or write strip_prefixes=['/foo']"),
        (["/"], ValueError, "'/' strips nothing"),
        (["foo"], ValueError, "'foo' must start with '/': write strip_prefixes=['/foo']"),
        (["/ok", "api/v1/"], ValueError, "'api/v1/' must start with '/': write strip_prefixes=['/api/v1']"),
    ],
)
def test_misconfigured_prefixes_say_what_to_write_instead(given: Any, error: type, message: str) -> None:
    with pytest.raises(error) as raised:
        APIGatewayRestResolver(strip_prefixes=given)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    "given",
    [["/pay", V_NUMBER], ("/pay", V_NUMBER), (p for p in ["/pay", V_NUMBER]), ["/pay/", V_NUMBER]],
    ids=["list", "tuple", "generator", "trailing-slash"],
)
def test_any_iterable_of_prefixes_is_accepted(given: Any) -> None:
    app = APIGatewayRestResolver(strip_prefixes=given)
    app.get("/orders")(lambda: {"ok": True})
    assert app.resolve({"httpMethod": "GET", "path": "/pay/v2/orders"}, None)["statusCode"] == 200


def test_a_set_of_prefixes_is_tried_longest_first() -> None:
    # A set has no order: the same, deterministic one on every cold start.
    app = APIGatewayRestResolver(strip_prefixes={"/api", "/api/v1", V_NUMBER})
    assert app.strip_prefixes == ["/api/v1", "/api", V_NUMBER]
    app.get("/orders")(lambda: {"ok": True})
    for path in ("/api/v1/orders", "/api/orders", "/api/v2/orders"):
        assert app.resolve({"httpMethod": "GET", "path": path}, None)["statusCode"] == 200, path


@pytest.mark.parametrize("empty", [None, [], (), set()])
def test_no_prefixes_leave_the_stage_out(empty: Any) -> None:
    app = APIGatewayRestResolver(strip_prefixes=empty)
    app.build()
    assert "prefix" not in app.pipeline.names()


def test_stage_is_left_out_without_prefixes() -> None:
    app = APIGatewayRestResolver()
    assert not PrefixStage().enabled(app)
    assert not PrefixStage([]).enabled(app)
    assert PrefixStage(["/pay"]).enabled(app)


def test_stage_rewrites_the_routing_path_only(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    stage = PrefixStage(["/pay", V_NUMBER])
    stage.setup(app)
    request = make_request(app, "GET", "/pay/v1/orders/7")
    answer = Response(200, "text/plain", "ok")
    inner = fake_next(answer)
    assert stage.handle(request, inner) is answer
    assert inner.requests == [request]
    assert request.route_path == "/orders/7"
    assert request.path == "/pay/v1/orders/7"


def test_stage_leaves_unrelated_paths_alone(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    stage = PrefixStage(["/pay"])
    request = make_request(app, "GET", "/payment/7")
    stage.handle(request, fake_next(Response(200, body="")))
    assert request.route_path == "/payment/7"

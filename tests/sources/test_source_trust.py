"""What a source's writers take without checking: ``EventSource.trust`` and the header names
and values each resolver knows (``known_names``, ``known_safe``).

Each resolver has its own: what one app's CORS configuration made trusted must never be
trusted by another app, whose responses may carry the same text from elsewhere.
"""

from __future__ import annotations

from typing import Any

import pytest

from apiway import APIGatewayRestResolver, CORSConfig, Response
from apiway.sources import DEFAULT_KNOWN_NAMES, DEFAULT_KNOWN_SAFE, FAST_TEXT, EventSource
from apiway.sources.rest import RestApiSource
from support.events import ALL_SOURCES, each_of, each_source
from support.events import HTTP as HTTP_SOURCE
from support.events import EventSource as SampleSource


def test_a_new_source_knows_apiways_own_headers_only() -> None:
    source = RestApiSource()
    assert source.known_names == set(DEFAULT_KNOWN_NAMES)
    assert source.known_safe == set(DEFAULT_KNOWN_SAFE)
    assert source.known_names is not RestApiSource().known_names


def test_trust_adds_the_name_and_the_value() -> None:
    source = EventSource()
    source.trust("Access-Control-Allow-Origin", "https://app.example")
    assert "Access-Control-Allow-Origin" in source.known_names
    assert "https://app.example" in source.known_safe


def test_trust_of_a_long_value_adds_the_name_only() -> None:
    source = EventSource()
    long_value = "x" * (FAST_TEXT + 1)
    source.trust("X-Long", long_value)
    assert "X-Long" in source.known_names
    assert long_value not in source.known_safe  # the fast paths' size bound counts on it
    source.trust("X-Edge", "y" * FAST_TEXT)
    assert "y" * FAST_TEXT in source.known_safe


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("Bad Name", "ok"),
        ("X-Crlf\r\n", "ok"),
        ("", "ok"),
        ("Ünicode", "ok"),
        ("n" * (FAST_TEXT + 1), "ok"),
        ("X-Value", "line\r\nX-Evil: 1"),
        ("X-Value", "nul\x00"),
    ],
)
def test_trust_refuses_what_would_corrupt_a_header(name: str, value: str) -> None:
    source = EventSource()
    with pytest.raises(ValueError) as raised:
        source.trust(name, value)
    assert str(raised.value) == f"header {name!r}: {value!r} is not a header apiway can trust"
    assert name not in source.known_names
    assert value not in source.known_safe


def cors_app(source: SampleSource, origin: str) -> Any:
    app = source.app(cors=CORSConfig(allow_origin=origin, allow_headers=[f"X-From-{origin[8:11]}"]))

    @app.get("/")
    def index() -> dict[str, Any]:
        return {}

    return app


@each_source
def test_two_resolvers_never_share_what_they_trust(source: SampleSource) -> None:
    one = cors_app(source, "https://one.example")
    two = cors_app(source, "https://two.example")
    for app, origin in ((one, "https://one.example"), (two, "https://two.example")):
        response = source.request(app, "GET", "/", headers={"Origin": origin})
        assert response["statusCode"] == 200
    one_headers = one.pipeline["cors"].config.allow_headers_value
    two_headers = two.pipeline["cors"].config.allow_headers_value
    assert {"https://one.example", one_headers} <= one.source.known_safe
    assert {"https://two.example", two_headers} <= two.source.known_safe
    assert not {"https://two.example", two_headers} & one.source.known_safe
    assert not {"https://one.example", one_headers} & two.source.known_safe
    assert "Access-Control-Allow-Origin" in one.source.known_names
    # The shared defaults are untouched (frozensets), and a third app starts from them.
    three = source.app()
    assert three.source.known_safe == set(DEFAULT_KNOWN_SAFE)
    assert "Access-Control-Allow-Origin" not in three.source.known_names


#: The sources whose fast writers learn header names (ALB in multi-value mode always checks).
LEARNING = [source for source in ALL_SOURCES if source.name != "alb_multi"]


@each_of(*LEARNING)
def test_header_names_learnt_by_one_resolver_stay_with_it(source: SampleSource) -> None:
    learner, other = source.app(), source.app()

    @learner.get("/")
    def index() -> Response:
        return Response(200, "text/plain", "ok", headers={"X-Learnt-Name": "1"})

    assert source.request(learner, "GET", "/")["statusCode"] == 200
    assert "X-Learnt-Name" in learner.source.known_names
    assert "X-Learnt-Name" not in other.source.known_names


def test_debug_mode_trusts_no_echoed_origin() -> None:
    app = APIGatewayRestResolver(debug=True)
    app.get("/")(dict)
    origin = "http://localhost:5173"
    response = app.resolve({"httpMethod": "GET", "path": "/", "headers": {"Origin": origin}}, None)
    assert response["multiValueHeaders"]["Access-Control-Allow-Origin"] == [origin]
    assert origin not in app.source.known_safe  # client input, echoed: checked on every write


# -- the last header set found plain (EventSource.plain_seen) --------------------------------


def headers_app(source: SampleSource) -> Any:
    """Routes that answer with the same header names; ``/bad`` with a value that would split
    the header, ``/cookie`` with a ``Set-Cookie`` header among them."""
    app = source.app()
    values = {"/good": "one", "/other": "two", "/bad": "one\r\nX-Evil: 1", "/cookie": "one"}

    @app.get("/<name>")
    def answer(name: str) -> Response:
        headers = {"X-Plain": values[f"/{name}"], "Cache-Control": "no-store"}
        if name == "cookie":
            headers["Set-Cookie"] = "sid=1"
        return Response(200, "text/plain", name, headers=headers)

    return app


def header_fields(response: dict[str, Any]) -> dict[str, Any]:
    return {key: response.get(key) for key in ("headers", "multiValueHeaders", "cookies")}


@each_of(*LEARNING)
def test_a_header_set_seen_before_is_written_as_a_fresh_check_writes_it(source: SampleSource) -> None:
    app = headers_app(source)
    for path in ("/good", "/good", "/other", "/good", "/cookie", "/good"):
        answer = source.request(app, "GET", path)
        fresh = source.request(headers_app(source), "GET", path)  # a source that saw nothing
        assert header_fields(answer) == header_fields(fresh)
        assert answer["statusCode"] == 200


@each_of(*LEARNING)
def test_a_bad_value_after_a_plain_set_of_the_same_names_is_still_refused(source: SampleSource) -> None:
    app = headers_app(source)
    assert source.request(app, "GET", "/good")["statusCode"] == 200
    assert app.source.plain_seen == {
        "Content-Type": "text/plain",
        "X-Plain": "one",
        "Cache-Control": "no-store",
    }
    refused = source.request(app, "GET", "/bad")
    assert refused["statusCode"] == 500
    assert "X-Evil" not in str(header_fields(refused))


@each_of(*LEARNING)
def test_the_set_kept_is_a_copy_of_what_was_checked(source: SampleSource) -> None:
    app = headers_app(source)
    event = source.event("GET", "/good")
    first = app.resolve(event, None)
    seen = app.source.plain_seen
    written = first.get("multiValueHeaders") or first["headers"]
    written["X-Plain"] = ["changed\r\n"] if isinstance(written["X-Plain"], list) else "changed\r\n"
    assert seen == {"Content-Type": "text/plain", "X-Plain": "one", "Cache-Control": "no-store"}
    second = app.resolve(event, None)
    again = second.get("multiValueHeaders") or second["headers"]
    assert again["X-Plain"] in (["one"], "one")
    assert again is not written  # each answer has its own dict (and lists)


def test_a_single_value_source_never_keeps_a_set_with_set_cookie() -> None:
    app = headers_app(HTTP_SOURCE)
    answer = HTTP_SOURCE.request(app, "GET", "/cookie")
    assert answer["cookies"] == ["sid=1"]
    assert "Set-Cookie" not in app.source.plain_seen

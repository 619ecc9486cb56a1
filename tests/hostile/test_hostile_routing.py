"""Hostile paths, one named test per case, for every event source.

REST APIs, Function URLs and ALBs hand the path over still percent-encoded; apiway splits it,
then decodes each segment exactly once. HTTP APIs hand it over decoded, and apiway leaves it
alone: there ``%2e`` or ``%2F`` in the path is literal text (the client sent ``%252e``).

The policy for dot segments: a path with a ``.`` or ``..`` segment (``%2e``, ``%2E`` and
``%2e%2e`` included, where the platform has not decoded them yet) answers 400 and never
reaches a route, not even a catch-all.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from apiway import CORSConfig
from apiway.exceptions import RouteError
from support.events import HTTP, REST, EventSource, each_source
from support.exact import DOT_SEGMENTS, NOT_FOUND, assert_answer

ORIGIN = "https://app.example"
CORS_HEADERS = {
    "Content-Type": "application/json",
    "Access-Control-Allow-Origin": ORIGIN,
    "Access-Control-Allow-Headers": "Authorization,Content-Type,X-Amz-Date,X-Amz-Security-Token,X-Api-Key",
    "Vary": "Origin",
}


def files_app(source: EventSource, **resolver_kwargs: Any) -> Any:
    app = source.app(**resolver_kwargs)

    @app.get("/files/<name>")
    def file(name: str) -> dict[str, Any]:
        return {"name": name}

    @app.get("/files/<name>/raw")
    def raw(name: str) -> dict[str, Any]:
        return {"raw": name}

    @app.get("/admin")
    def admin() -> dict[str, Any]:
        return {"admin": True}

    @app.get("/static/.+")
    def static() -> dict[str, Any]:
        return {"static": True}

    return app


def get(source: EventSource, path: str, **resolver_kwargs: Any) -> dict[str, Any]:
    return source.request(files_app(source, **resolver_kwargs), "GET", path)


def decodes(source: EventSource) -> bool:
    """True when apiway decodes the path (the platform has not)."""
    return not source.path_decoded


# -- dot segments: 400 ----------------------------------------------------------------------------
@each_source
def test_dot_dot_segment(source: EventSource) -> None:
    assert_answer(get(source, "/files/.."), 400, DOT_SEGMENTS)


@each_source
def test_dot_segment(source: EventSource) -> None:
    assert_answer(get(source, "/files/."), 400, DOT_SEGMENTS)


@each_source
def test_dot_dot_segment_never_reaches_the_route_beyond(source: EventSource) -> None:
    assert_answer(get(source, "/files/../admin"), 400, DOT_SEGMENTS)


@each_source
def test_dot_segment_never_reaches_a_catch_all(source: EventSource) -> None:
    assert_answer(get(source, "/static/../admin"), 400, DOT_SEGMENTS)


@each_source
def test_dot_dot_as_the_first_segment(source: EventSource) -> None:
    assert_answer(get(source, "/../admin"), 400, DOT_SEGMENTS)


@each_source
def test_dot_dot_as_the_last_segment_with_a_trailing_slash(source: EventSource) -> None:
    assert_answer(get(source, "/files/x/../"), 400, DOT_SEGMENTS)


@each_source
def test_percent_encoded_dot_dot(source: EventSource) -> None:
    response = get(source, "/files/%2e%2e")
    if decodes(source):
        assert_answer(response, 400, DOT_SEGMENTS)
    else:
        assert_answer(response, 200, {"name": "%2e%2e"})  # literal text: the client sent %252e%252e


@each_source
def test_upper_case_percent_encoded_dot(source: EventSource) -> None:
    response = get(source, "/files/%2E")
    if decodes(source):
        assert_answer(response, 400, DOT_SEGMENTS)
    else:
        assert_answer(response, 200, {"name": "%2E"})


@each_source
def test_half_encoded_dot_dot(source: EventSource) -> None:
    response = get(source, "/files/.%2e")
    if decodes(source):
        assert_answer(response, 400, DOT_SEGMENTS)
    else:
        assert_answer(response, 200, {"name": ".%2e"})


@each_source
def test_percent_encoded_dot_dot_then_another_route(source: EventSource) -> None:
    response = get(source, "/files/%2e%2e/admin")
    if decodes(source):
        assert_answer(response, 400, DOT_SEGMENTS)
    else:
        assert_answer(response, 404, NOT_FOUND)


@each_source
def test_double_encoded_dot_dot_is_decoded_once(source: EventSource) -> None:
    response = get(source, "/files/%252e%252e")
    assert_answer(response, 200, {"name": "%2e%2e" if decodes(source) else "%252e%252e"})


@each_source
def test_three_dots_are_an_ordinary_segment(source: EventSource) -> None:
    assert_answer(get(source, "/files/..."), 200, {"name": "..."})


@each_source
def test_dot_file_is_an_ordinary_segment(source: EventSource) -> None:
    assert_answer(get(source, "/files/.env"), 200, {"name": ".env"})


@each_source
def test_dot_dot_followed_by_an_encoded_slash_is_one_parameter_value(source: EventSource) -> None:
    # Not a dot segment: one segment whose decoded value is "../admin". Parameter values may
    # hold any character; an application must validate them before using them as file paths.
    response = get(source, "/files/..%2Fadmin")
    assert_answer(response, 200, {"name": "../admin" if decodes(source) else "..%2Fadmin"})


@each_source
def test_backslash_dot_dot_is_literal_text(source: EventSource) -> None:
    assert_answer(
        get(source, "/files/..%5Cadmin" if decodes(source) else "/files/..\\admin"),
        200,
        {"name": "..\\admin"},
    )


# -- empty segments, case, plus, encoded slashes -----------------------------------------------
@each_source
def test_double_slash_inside_the_path(source: EventSource) -> None:
    assert_answer(get(source, "/files//raw"), 404, NOT_FOUND)


@each_source
def test_leading_double_slash(source: EventSource) -> None:
    assert_answer(get(source, "//admin"), 404, NOT_FOUND)


@each_source
def test_trailing_double_slash(source: EventSource) -> None:
    assert_answer(get(source, "/admin//"), 404, NOT_FOUND)


@each_source
def test_single_trailing_slash_reaches_the_route(source: EventSource) -> None:
    assert_answer(get(source, "/admin/"), 200, {"admin": True})


@each_source
def test_upper_case_variant_of_a_static_route(source: EventSource) -> None:
    assert_answer(get(source, "/ADMIN"), 404, NOT_FOUND)


@each_source
def test_mixed_case_variant_of_a_dynamic_route(source: EventSource) -> None:
    assert_answer(get(source, "/Files/x"), 404, NOT_FOUND)


@each_source
def test_plus_stays_a_plus(source: EventSource) -> None:
    assert_answer(get(source, "/files/a+b"), 200, {"name": "a+b"})


@each_source
def test_encoded_space_and_plus(source: EventSource) -> None:
    response = get(source, "/files/a%20b%2Bc" if decodes(source) else "/files/a b+c")
    assert_answer(response, 200, {"name": "a b+c"})


@each_source
def test_encoded_slash_stays_inside_its_parameter(source: EventSource) -> None:
    response = get(source, "/files/a%2Fb/raw")
    assert_answer(response, 200, {"raw": "a/b" if decodes(source) else "a%2Fb"})


@each_source
def test_encoded_slash_never_reaches_a_deeper_route(source: EventSource) -> None:
    response = get(source, "/files/x%2Fraw")
    assert_answer(response, 200, {"name": "x/raw" if decodes(source) else "x%2Fraw"})


@each_source
def test_lower_case_encoded_slash(source: EventSource) -> None:
    response = get(source, "/files/a%2fb")
    assert_answer(response, 200, {"name": "a/b" if decodes(source) else "a%2fb"})


@each_source
def test_encoded_slash_never_makes_a_static_route(source: EventSource) -> None:
    assert_answer(get(source, "/%2Fadmin" if decodes(source) else "/admin%2F"), 404, NOT_FOUND)


@each_source
def test_encoded_nul(source: EventSource) -> None:
    response = get(source, "/files/a%00b")
    assert_answer(response, 200, '{"name":"a\\u0000b"}' if decodes(source) else '{"name":"a%00b"}')


@each_source
def test_invalid_percent_escape_stays_as_it_is(source: EventSource) -> None:
    assert_answer(get(source, "/files/%zz"), 200, {"name": "%zz"})


@each_source
def test_percent_escape_that_is_not_utf8(source: EventSource) -> None:
    response = get(source, "/files/%ff")
    assert_answer(response, 200, {"name": "\ufffd" if decodes(source) else "%ff"})


@each_source
def test_path_without_a_leading_slash(source: EventSource) -> None:
    assert_answer(get(source, "admin"), 404, NOT_FOUND)


@each_source
def test_path_of_only_slashes(source: EventSource) -> None:
    assert_answer(get(source, "/" * 100), 404, NOT_FOUND)


# -- the stages around the router ---------------------------------------------------------------
@each_source
def test_preflight_to_a_dot_path_is_not_answered_as_if_it_existed(source: EventSource) -> None:
    app = files_app(source, cors=CORSConfig(allow_origin=ORIGIN))
    headers = {"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}
    response = source.request(app, "OPTIONS", "/files/..", headers=headers)
    assert_answer(response, 400, DOT_SEGMENTS, CORS_HEADERS)


@each_source
def test_dot_path_answer_carries_cors_headers(source: EventSource) -> None:
    app = files_app(source, cors=CORSConfig(allow_origin=ORIGIN))
    response = source.request(app, "GET", "/files/../admin", headers={"Origin": ORIGIN})
    assert_answer(response, 400, DOT_SEGMENTS, CORS_HEADERS)


@each_source
def test_prefix_never_strips_a_dot_segment(source: EventSource) -> None:
    response = get(source, "/../admin", strip_prefixes=[re.compile(r"/[^/]+")])
    assert_answer(response, 400, DOT_SEGMENTS)


@each_source
def test_regex_prefix_matches_only_at_the_start(source: EventSource) -> None:
    response = get(source, "/api/v1/admin", strip_prefixes=[re.compile(r"/v\d+")])
    assert_answer(response, 404, NOT_FOUND)


@each_source
def test_regex_prefix_at_the_start_is_stripped(source: EventSource) -> None:
    response = get(source, "/v1/admin", strip_prefixes=[re.compile(r"/v\d+")])
    assert_answer(response, 200, {"admin": True})


@each_source
def test_regex_prefix_stops_at_a_segment_boundary(source: EventSource) -> None:
    response = get(source, "/v1admin", strip_prefixes=[re.compile(r"/v\d")])
    assert_answer(response, 404, NOT_FOUND)


@each_source
def test_string_prefix_stops_at_a_segment_boundary(source: EventSource) -> None:
    response = get(source, "/adminx/admin", strip_prefixes=["/admin"])
    assert_answer(response, 404, NOT_FOUND)


@pytest.mark.parametrize("rule", ["/a/../b", "/a/./b", "/..", "/files/<name>/..", "/a/../.+"])
def test_rule_with_a_dot_segment_is_refused(rule: str) -> None:
    app = REST.app()
    with pytest.raises(RouteError, match="segment; requests with one answer 400"):
        app.get(rule)(dict)


def test_rule_with_dots_inside_a_segment_is_accepted() -> None:
    app = HTTP.app()

    @app.get("/.well-known/<name>..json")
    def well_known(name: str) -> dict[str, Any]:
        return {"name": name}

    assert_answer(HTTP.request(app, "GET", "/.well-known/x..json"), 200, {"name": "x"})

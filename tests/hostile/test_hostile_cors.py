"""CORS against a matrix of hostile origins, one named test per case, for every event source.

The answer carries exactly one ``Access-Control-Allow-Origin``, and only for an allowed
origin (compared without regard to case or a trailing slash, echoed in its configured
spelling); ``Vary: Origin`` on every answer that depends on the Origin, merged with what the
handler set and never duplicated.
"""

from __future__ import annotations

from typing import Any

import pytest

from apiway import CORSConfig, Response
from support.events import ALL_SOURCES, REST, SOURCE_IDS, EventSource
from support.exact import GENERIC_500, NOT_FOUND, assert_answer, error_body, flat_headers

sources = pytest.mark.parametrize("source", ALL_SOURCES, ids=SOURCE_IDS)

ORIGIN = "https://app.example"
ALLOW_HEADERS = "Authorization,Content-Type,X-Amz-Date,X-Amz-Security-Token,X-Api-Key"
BODY = '{"ok":true}'
REFUSED = {"Content-Type": "application/json", "Vary": "Origin"}


def allowed(origin: str = ORIGIN, **extra: str) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Headers": ALLOW_HEADERS,
        **extra,
        "Vary": "Origin",
    }


def cors_app(source: EventSource, config: CORSConfig | None = None, **kwargs: Any) -> Any:
    app = source.app(cors=config or CORSConfig(allow_origin=ORIGIN), **kwargs)

    @app.get("/ok")
    def ok() -> dict[str, Any]:
        return {"ok": True}

    @app.get("/set")
    def set_headers() -> Response:
        headers = app.current_event.json_body or {}
        return Response(200, "application/json", BODY, headers=headers)

    @app.get("/boom")
    def boom() -> dict[str, Any]:
        raise RuntimeError("boom")

    @app.get("/private", cors=False)
    def private() -> dict[str, Any]:
        return {"ok": True}

    return app


def from_origin(source: EventSource, origin: str | None, path: str = "/ok", **kwargs: Any) -> dict[str, Any]:
    headers = {} if origin is None else {"Origin": origin}
    return source.request(cors_app(source, **kwargs), "GET", path, headers=headers)


def handler_sets(source: EventSource, headers: dict[str, Any], origin: str = ORIGIN) -> dict[str, Any]:
    import json

    app = cors_app(source)
    return source.request(app, "GET", "/set", headers={"Origin": origin}, body=json.dumps(headers))


# -- the origin matrix ----------------------------------------------------------------------------
@sources
def test_allowed_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN), 200, BODY, allowed())


@sources
def test_origin_listed_in_extra_origins(source: EventSource) -> None:
    config = CORSConfig(allow_origin=ORIGIN, extra_origins=["https://admin.example"])
    response = from_origin(source, "https://admin.example", config=config)
    assert_answer(response, 200, BODY, allowed("https://admin.example"))


@sources
def test_disallowed_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, "https://evil.example"), 200, BODY, REFUSED)


@sources
def test_no_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, None), 200, BODY, REFUSED)


@sources
def test_empty_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, ""), 200, BODY, REFUSED)


@sources
def test_null_origin_is_refused(source: EventSource) -> None:
    assert_answer(from_origin(source, "null"), 200, BODY, REFUSED)


@sources
def test_null_origin_is_refused_even_with_a_wildcard(source: EventSource) -> None:
    response = from_origin(source, "null", config=CORSConfig())
    assert_answer(response, 200, BODY, REFUSED)


@sources
def test_null_origin_allowed_when_listed(source: EventSource) -> None:
    response = from_origin(source, "null", config=CORSConfig(allow_origin="null"))
    assert_answer(response, 200, BODY, allowed("null"))


@sources
def test_other_scheme(source: EventSource) -> None:
    assert_answer(from_origin(source, "http://app.example"), 200, BODY, REFUSED)


@sources
def test_upper_case_origin_is_the_same_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, "HTTPS://APP.EXAMPLE"), 200, BODY, allowed())


@sources
def test_trailing_slash_is_the_same_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN + "/"), 200, BODY, allowed())


@sources
def test_explicit_default_port_is_another_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN + ":443"), 200, BODY, REFUSED)


@sources
def test_other_port(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN + ":8443"), 200, BODY, REFUSED)


@sources
def test_suffix_attack(source: EventSource) -> None:
    assert_answer(from_origin(source, "https://app.example.evil.com"), 200, BODY, REFUSED)


@sources
def test_prefix_attack(source: EventSource) -> None:
    assert_answer(from_origin(source, "https://evilapp.example"), 200, BODY, REFUSED)


@sources
def test_subdomain_is_another_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, "https://sub.app.example"), 200, BODY, REFUSED)


@sources
def test_userinfo_attack(source: EventSource) -> None:
    assert_answer(from_origin(source, "https://app.example@evil.com"), 200, BODY, REFUSED)


@sources
def test_origin_with_a_path(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN + "/path"), 200, BODY, REFUSED)


@sources
def test_two_origins_in_one_header(source: EventSource) -> None:
    assert_answer(from_origin(source, f"{ORIGIN}, https://evil.example"), 200, BODY, REFUSED)


@sources
def test_origin_with_crlf(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN + "\r\nX-Evil: 1"), 200, BODY, REFUSED)


@sources
def test_wildcard_answers_star(source: EventSource) -> None:
    response = from_origin(source, "https://anyone.example", config=CORSConfig())
    assert_answer(response, 200, BODY, allowed("*"))


@sources
def test_wildcard_with_credentials_never_sends_credentials(source: EventSource) -> None:
    with pytest.warns(UserWarning, match="allow_credentials=True has no effect"):
        config = CORSConfig(allow_origin="*", allow_credentials=True)
    response = from_origin(source, "https://anyone.example", config=config)
    assert_answer(response, 200, BODY, allowed("*"))


@sources
def test_credentials_for_an_allowed_origin(source: EventSource) -> None:
    config = CORSConfig(allow_origin=ORIGIN, allow_credentials=True)
    response = from_origin(source, ORIGIN, config=config)
    assert_answer(response, 200, BODY, allowed(**{"Access-Control-Allow-Credentials": "true"}))


@sources
def test_credentials_never_for_a_disallowed_origin(source: EventSource) -> None:
    config = CORSConfig(allow_origin=ORIGIN, allow_credentials=True)
    assert_answer(from_origin(source, "https://evil.example", config=config), 200, BODY, REFUSED)


@sources
def test_origin_header_name_in_upper_case(source: EventSource) -> None:
    response = source.request(cors_app(source), "GET", "/ok", headers={"ORIGIN": ORIGIN})
    assert_answer(response, 200, BODY, allowed())


@sources
def test_route_with_cors_off(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN, path="/private"), 200, BODY)


def test_cache_of_origins_stays_bounded() -> None:
    app = cors_app(REST)
    for index in range(1000):
        REST.request(app, "GET", "/ok", headers={"Origin": f"https://o{index}.example"})
    assert len(app.pipeline["cors"]._items) <= 256


# -- CORS headers set by the handler ----------------------------------------------------------------
@sources
def test_handler_set_allow_origin_in_lower_case(source: EventSource) -> None:
    response = handler_sets(source, {"access-control-allow-origin": "*"})
    assert_answer(response, 200, BODY, allowed())


@sources
def test_handler_set_allow_origin_for_a_disallowed_origin_is_its_own_choice(source: EventSource) -> None:
    response = handler_sets(source, {"Access-Control-Allow-Origin": "*"}, origin="https://evil.example")
    assert_answer(response, 200, BODY, {**REFUSED, "Access-Control-Allow-Origin": "*"})


@sources
def test_handler_set_vary_is_merged(source: EventSource) -> None:
    response = handler_sets(source, {"Vary": "Accept-Encoding"})
    expected = allowed()
    expected["Vary"] = "Accept-Encoding, Origin"
    assert_answer(response, 200, BODY, expected)


@sources
def test_handler_set_vary_origin_in_lower_case_is_not_duplicated(source: EventSource) -> None:
    response = handler_sets(source, {"vary": "origin"})
    expected = allowed()
    expected["Vary"] = "origin"
    assert_answer(response, 200, BODY, expected)


@sources
def test_handler_set_vary_list_is_merged(source: EventSource) -> None:
    response = handler_sets(source, {"Vary": ["Accept", "Origin"]})
    expected = allowed()
    expected["Vary"] = "Accept, Origin"
    assert_answer(response, 200, BODY, expected)


@sources
def test_handler_set_vary_star_stays_star(source: EventSource) -> None:
    response = handler_sets(source, {"Vary": "*"})
    expected = allowed()
    expected["Vary"] = "*"
    assert_answer(response, 200, BODY, expected)


@sources
def test_exactly_one_allow_origin_whatever_the_handler_set(source: EventSource) -> None:
    response = handler_sets(source, {"ACCESS-CONTROL-ALLOW-ORIGIN": "https://evil.example"})
    names = [name for name in flat_headers(response) if name.lower() == "access-control-allow-origin"]
    assert names == ["Access-Control-Allow-Origin"]
    assert flat_headers(response)["Access-Control-Allow-Origin"] == ORIGIN


# -- preflights and error answers ---------------------------------------------------------------------
@sources
def test_preflight_from_an_allowed_origin(source: EventSource) -> None:
    headers = {"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}
    response = source.request(cors_app(source), "OPTIONS", "/ok", headers=headers)
    expected = allowed(**{"Access-Control-Allow-Methods": "GET,OPTIONS"})
    del expected["Content-Type"]
    assert_answer(response, 204, "", expected)


@sources
def test_preflight_from_a_disallowed_origin(source: EventSource) -> None:
    headers = {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    response = source.request(cors_app(source), "OPTIONS", "/ok", headers=headers)
    assert_answer(response, 204, "", {"Vary": "Origin"})


@sources
def test_preflight_to_an_unknown_path(source: EventSource) -> None:
    headers = {"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}
    response = source.request(cors_app(source), "OPTIONS", "/nope", headers=headers)
    assert_answer(response, 404, NOT_FOUND, allowed())


@sources
def test_wrong_method_answer_carries_cors_headers(source: EventSource) -> None:
    response = source.request(cors_app(source), "DELETE", "/ok", headers={"Origin": ORIGIN})
    assert_answer(response, 405, error_body(405, "Method not allowed"), allowed(Allow="GET, HEAD, OPTIONS"))


@sources
def test_generic_500_carries_cors_headers(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN, path="/boom"), 500, GENERIC_500, allowed())


# -- debug mode relaxes CORS, but never echoes what would corrupt a header -------------------------
@sources
def test_debug_mode_echoes_any_printable_origin(source: EventSource) -> None:
    response = from_origin(source, "http://localhost:5173", debug=True)
    assert_answer(response, 200, BODY, allowed("http://localhost:5173"))


@sources
def test_debug_mode_never_echoes_an_origin_with_crlf(source: EventSource) -> None:
    response = from_origin(source, "http://localhost\r\nX-Evil: 1", debug=True)
    assert_answer(response, 200, BODY, REFUSED)


@sources
def test_debug_preflight_never_echoes_requested_headers_with_crlf(source: EventSource) -> None:
    headers = {
        "Origin": "http://localhost:5173",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "X-A\r\nX-Evil: 1",
    }
    response = source.request(cors_app(source, debug=True), "OPTIONS", "/ok", headers=headers)
    expected = allowed("http://localhost:5173", **{"Access-Control-Allow-Methods": "GET,OPTIONS"})
    del expected["Content-Type"]
    assert_answer(response, 204, "", expected)

"""Attacks on CORS, one named test per case, for every event source.

Origins that only look like an allowed one (another scheme, port, host, a suffix or prefix, a
path, userinfo, two origins in one header, CR/LF), the Origin header under an odd name, a
flood of origins against the stage's cache, and debug mode, which echoes the client's Origin
and requested headers but never text that would corrupt a header. Each is refused without
an ``Access-Control-Allow-Origin``, with ``Vary: Origin``. The ordinary behaviour (allowed
origins, the wildcard, preflights, error answers, headers the handler set) is in
``tests/e2e/test_e2e_cors.py``.
"""

from __future__ import annotations

from typing import Any

from apiway import CORSConfig
from support.events import REST, EventSource, each_source
from support.exact import assert_answer

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

    return app


def from_origin(source: EventSource, origin: str | None, **kwargs: Any) -> dict[str, Any]:
    headers = {} if origin is None else {"Origin": origin}
    return source.request(cors_app(source, **kwargs), "GET", "/ok", headers=headers)


# -- origins that are not the allowed one ----------------------------------------------------------
@each_source
def test_empty_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, ""), 200, BODY, REFUSED)


@each_source
def test_other_scheme(source: EventSource) -> None:
    assert_answer(from_origin(source, "http://app.example"), 200, BODY, REFUSED)


@each_source
def test_explicit_default_port_is_another_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN + ":443"), 200, BODY, REFUSED)


@each_source
def test_other_port(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN + ":8443"), 200, BODY, REFUSED)


@each_source
def test_suffix_attack(source: EventSource) -> None:
    assert_answer(from_origin(source, "https://app.example.evil.com"), 200, BODY, REFUSED)


@each_source
def test_prefix_attack(source: EventSource) -> None:
    assert_answer(from_origin(source, "https://evilapp.example"), 200, BODY, REFUSED)


@each_source
def test_subdomain_is_another_origin(source: EventSource) -> None:
    assert_answer(from_origin(source, "https://sub.app.example"), 200, BODY, REFUSED)


@each_source
def test_userinfo_attack(source: EventSource) -> None:
    assert_answer(from_origin(source, "https://app.example@evil.com"), 200, BODY, REFUSED)


@each_source
def test_origin_with_a_path(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN + "/path"), 200, BODY, REFUSED)


@each_source
def test_two_origins_in_one_header(source: EventSource) -> None:
    assert_answer(from_origin(source, f"{ORIGIN}, https://evil.example"), 200, BODY, REFUSED)


@each_source
def test_origin_with_crlf(source: EventSource) -> None:
    assert_answer(from_origin(source, ORIGIN + "\r\nX-Evil: 1"), 200, BODY, REFUSED)


@each_source
def test_origin_header_name_in_upper_case(source: EventSource) -> None:
    response = source.request(cors_app(source), "GET", "/ok", headers={"ORIGIN": ORIGIN})
    assert_answer(response, 200, BODY, allowed())


def test_cache_of_origins_stays_bounded() -> None:
    app = cors_app(REST)
    for index in range(1000):
        REST.request(app, "GET", "/ok", headers={"Origin": f"https://o{index}.example"})
    assert len(app.pipeline["cors"]._origins) <= 256


# -- debug mode echoes the client's values, but never what would corrupt a header ----------------
@each_source
def test_debug_mode_never_echoes_an_origin_with_crlf(source: EventSource) -> None:
    response = from_origin(source, "http://localhost\r\nX-Evil: 1", debug=True)
    assert_answer(response, 200, BODY, REFUSED)


@each_source
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

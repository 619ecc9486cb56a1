"""Limits, one named test per case: path length (414), matching time, response size.

- A path longer than 8 KiB (8,192 characters) answers 414 from the router stage, so the
  stages around it (CORS) still apply.
- Matching a path of up to 8 KiB takes bounded time whatever the route set: each pathological
  case below must resolve in well under 50 ms. The bound guards against blow-ups (exponential
  backtracking, a join or regex per route), not speed; it is the only timing assertion here.
- An encoded response over the Lambda limit (6,291,556 bytes; 1,048,576 for ALB) is replaced
  by a generic 500 and the reason logged, never returned.
"""

from __future__ import annotations

import base64
import logging
import time
from typing import Any

import pytest

from apiway import CORSConfig, Response
from apiway.exceptions import ResponseSizeExceededError
from apiway.sources.checks import encoded_size
from support.events import (
    ALB,
    ALB_MULTI,
    FUNCTION_URL,
    HTTP,
    REST,
    EventSource,
    each_of,
    each_source,
)
from support.exact import GENERIC_500, NOT_FOUND, URI_TOO_LONG, assert_answer

LAMBDA_SOURCES = each_of(REST, HTTP, FUNCTION_URL)
ALB_SOURCES = each_of(ALB, ALB_MULTI)

MAX_PATH = 8192
LAMBDA_LIMIT = 6_291_556
ALB_LIMIT = 1_048_576
BOUND_MS = 50.0
ORIGIN = "https://app.example"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": ORIGIN,
    "Access-Control-Allow-Headers": "Authorization,Content-Type,X-Amz-Date,X-Amz-Security-Token,X-Api-Key",
    "Vary": "Origin",
}


@pytest.fixture(autouse=True)
def _outside_lambda(monkeypatch: pytest.MonkeyPatch) -> None:
    """Measure responses as a Lambda runtime before Python 3.12 does (non-ASCII escaped)."""
    monkeypatch.delenv("AWS_EXECUTION_ENV", raising=False)


def limit_of(source: EventSource) -> int:
    return ALB_LIMIT if source.kind == "alb" else LAMBDA_LIMIT


def limit_name(source: EventSource) -> str:
    return {"alb": "1 MB ALB", "lattice": "6 MB VPC Lattice"}.get(source.kind, "6 MB Lambda")


def app_with(source: EventSource, rules: list[str], **resolver_kwargs: Any) -> Any:
    app = source.app(**resolver_kwargs)
    for rule in rules:
        app.route(rule, method="GET")(lambda **_: {"matched": True})
    return app


def timed(source: EventSource, app: Any, path: str) -> dict[str, Any]:
    """Resolve ``path`` (once to warm up, then timed) and check the time bound.

    The bound is on this thread's CPU time, the best of three runs: the suite shares the
    machine with other processes, whose load must not count, while backtracking (what the
    bound guards against) costs CPU on every run.
    """
    source.request(app, "GET", path)
    event = source.event("GET", path)
    best = float("inf")
    for _ in range(3):
        started = time.thread_time()
        response = app.resolve(event, None)
        best = min(best, (time.thread_time() - started) * 1000)
    assert best < BOUND_MS, f"{best:.1f} ms of CPU for a path of {len(path)} characters"
    return response


def fill(prefix: str, unit: str, length: int = MAX_PATH) -> str:
    """``prefix`` followed by ``unit`` repeated to exactly ``length`` characters."""
    return (prefix + unit * length)[:length]


# -- 414 -------------------------------------------------------------------------------------------
@each_source
def test_path_of_exactly_8_kib_is_routed(source: EventSource) -> None:
    path = fill("/files/", "a")
    response = source.request(app_with(source, ["/files/<name>"]), "GET", path)
    assert_answer(response, 200, {"matched": True})


@each_source
def test_path_one_character_over_8_kib(source: EventSource) -> None:
    path = fill("/files/", "a", MAX_PATH + 1)
    response = source.request(app_with(source, ["/files/<name>"]), "GET", path)
    assert_answer(response, 414, URI_TOO_LONG)


@each_source
def test_path_of_one_megabyte(source: EventSource) -> None:
    response = timed(source, app_with(source, ["/files/<name>", "/.+"]), fill("/", "a/", 1 << 20))
    assert_answer(response, 414, URI_TOO_LONG)


@each_source
def test_long_percent_encoded_path(source: EventSource) -> None:
    response = timed(source, app_with(source, ["/files/<name>"]), fill("/files/", "%2e", MAX_PATH + 3))
    assert_answer(response, 414, URI_TOO_LONG)


@each_source
def test_long_path_answer_carries_cors_headers(source: EventSource) -> None:
    app = app_with(source, ["/files/<name>"], cors=CORSConfig(allow_origin=ORIGIN))
    path = fill("/files/", "a", MAX_PATH + 1)
    response = source.request(app, "GET", path, headers={"Origin": ORIGIN})
    assert_answer(response, 414, URI_TOO_LONG, {"Content-Type": "application/json", **CORS_HEADERS})


@each_source
def test_long_path_is_refused_before_prefix_stripping(source: EventSource) -> None:
    app = app_with(source, ["/files/<name>"], strip_prefixes=["/api"])
    response = source.request(app, "GET", fill("/api/files/", "a", MAX_PATH + 1))
    assert_answer(response, 414, URI_TOO_LONG)


# -- bounded matching time ---------------------------------------------------------------------
@each_source
def test_four_parameters_in_one_segment_of_dashes(source: EventSource) -> None:
    app = app_with(source, ["/<a>-<b>-<c>-<d>"])
    assert_answer(timed(source, app, fill("/", "-")), 200, {"matched": True})


@each_source
def test_four_parameters_in_one_segment_without_a_match(source: EventSource) -> None:
    app = app_with(source, ["/<a>-<b>-<c>-<d>.json"])
    assert_answer(timed(source, app, fill("/", "a-")), 404, NOT_FOUND)


@each_source
def test_a_thousand_mixed_segments_at_one_node(source: EventSource) -> None:
    app = app_with(source, [f"/<a>-{i}-<b>" for i in range(1000)])
    assert_answer(timed(source, app, fill("/", "-")), 404, NOT_FOUND)


@each_source
def test_five_thousand_static_routes(source: EventSource) -> None:
    app = app_with(source, [f"/s{i}/item" for i in range(5000)])
    assert_answer(timed(source, app, fill("/s4999/", "x")), 404, NOT_FOUND)


@each_source
def test_five_thousand_dynamic_routes(source: EventSource) -> None:
    app = app_with(source, [f"/d{i}/<id>" for i in range(5000)])
    assert_answer(timed(source, app, fill("/d4999/", "x")), 200, {"matched": True})


@each_source
def test_every_mix_of_literal_and_parameter_segments_without_a_match(source: EventSource) -> None:
    # 2,048 routes, one for each choice of "a" or a parameter at 11 levels: a path of "a"
    # segments that fails at the end visits the whole tree once, never a route twice.
    rules = [
        "/" + "/".join("a" if mask >> level & 1 else f"<p{level}>" for level in range(11)) + "/x"
        for mask in range(2048)
    ]
    app = app_with(source, rules)
    assert_answer(timed(source, app, "/" + "a/" * 11 + "y"), 404, NOT_FOUND)


@each_source
def test_deep_rule_against_thousands_of_segments(source: EventSource) -> None:
    app = app_with(source, ["/" + "/".join(f"<p{i}>" for i in range(100)) + "/end"])
    assert_answer(timed(source, app, fill("/", "a/")), 404, NOT_FOUND)


@each_source
def test_run_of_slashes(source: EventSource) -> None:
    app = app_with(source, ["/<a>/<b>/<c>", "/x/.+/y"])
    assert_answer(timed(source, app, "/" * MAX_PATH), 404, NOT_FOUND)


@each_source
def test_run_of_dashes_against_a_mixed_segment(source: EventSource) -> None:
    app = app_with(source, ["/files/<name>-<version>.tar.gz"])
    assert_answer(timed(source, app, fill("/files/", "-")), 404, NOT_FOUND)


@each_source
def test_run_of_encoded_slashes(source: EventSource) -> None:
    app = app_with(source, ["/files/<name>", "/files/<name>/raw"])
    assert_answer(timed(source, app, fill("/files/", "%2F")), 200, {"matched": True})


@each_source
def test_catch_all_with_a_suffix_against_a_long_path(source: EventSource) -> None:
    app = app_with(source, ["/proxy/.+/items"])
    assert_answer(timed(source, app, fill("/proxy/", "a/")), 404, NOT_FOUND)


@each_source
def test_catch_all_with_a_suffix_that_matches_a_long_path(source: EventSource) -> None:
    app = app_with(source, ["/proxy/.+/items"])
    path = fill("/proxy/", "a/", MAX_PATH - 6) + "/items"
    assert_answer(timed(source, app, path), 200, {"matched": True})


@each_source
def test_catch_all_against_encoded_slashes(source: EventSource) -> None:
    app = app_with(source, ["/proxy/.+/items"])
    assert_answer(timed(source, app, fill("/proxy/", "%2F")), 404, NOT_FOUND)


@each_source
def test_catch_alls_at_two_hundred_depths(source: EventSource) -> None:
    app = app_with(source, ["/" + "a/" * depth + ".+/z" for depth in range(200)])
    assert_answer(timed(source, app, fill("/", "a/")), 404, NOT_FOUND)


@each_source
def test_catch_all_with_a_parameter_against_a_long_path(source: EventSource) -> None:
    app = app_with(source, ["/repos/.+/<issue>/comments"])
    assert_answer(timed(source, app, fill("/repos/", "ab/")), 404, NOT_FOUND)


@each_source
def test_thousands_of_dot_segments(source: EventSource) -> None:
    app = app_with(source, ["/<a>/<b>", "/.+"])
    response = timed(source, app, fill("/", "./"))
    assert response["statusCode"] == 400


# -- response size -------------------------------------------------------------------------------
def sized_app(source: EventSource, make: Any, **resolver_kwargs: Any) -> Any:
    app = source.app(**resolver_kwargs)

    @app.get("/big")
    def big() -> Any:
        return make()

    return app


def text_of_size(source: EventSource, size: int) -> Response:
    """A text/plain response whose encoded proxy response is exactly ``size`` bytes."""
    empty = source.request(sized_app(source, lambda: Response(200, "text/plain", "")), "GET", "/big")
    return Response(200, "text/plain", "x" * (size - encoded_size(empty)))


def oversized(
    source: EventSource, make: Any, caplog: pytest.LogCaptureFixture, **kwargs: Any
) -> dict[str, Any]:
    app = sized_app(source, make, **kwargs)
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = source.request(app, "GET", "/big", headers={"Origin": ORIGIN})
    messages = [record.getMessage() + str(record.exc_info[1]) for record in caplog.records if record.exc_info]
    assert any(f"exceeds the {limit_name(source)} limit of {limit_of(source)} bytes" in m for m in messages)
    return response


@each_source
def test_response_of_exactly_the_limit_is_sent(source: EventSource) -> None:
    made = text_of_size(source, limit_of(source))
    response = source.request(sized_app(source, lambda: made), "GET", "/big")
    assert response["statusCode"] == 200
    assert encoded_size(response) == limit_of(source)


@each_source
def test_response_one_byte_over_the_limit(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    made = text_of_size(source, limit_of(source) + 1)
    assert_answer(oversized(source, lambda: made, caplog), 500, GENERIC_500)


@LAMBDA_SOURCES
def test_seven_megabyte_json_body(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    response = oversized(source, lambda: {"items": ["x" * 1000] * 7000}, caplog)
    assert_answer(response, 500, GENERIC_500)


@ALB_SOURCES
def test_alb_response_over_one_megabyte(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    response = oversized(source, lambda: Response(200, "text/plain", "x" * 1_100_000), caplog)
    assert_answer(response, 500, GENERIC_500)


@LAMBDA_SOURCES
def test_one_megabyte_is_fine_outside_alb(source: EventSource) -> None:
    response = source.request(
        sized_app(source, lambda: Response(200, "text/plain", "x" * 1_100_000)), "GET", "/big"
    )
    assert response["statusCode"] == 200


@each_source
def test_oversized_response_keeps_its_cors_headers(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    made = text_of_size(source, limit_of(source) + 1)
    response = oversized(source, lambda: made, caplog, cors=CORSConfig(allow_origin=ORIGIN))
    assert_answer(response, 500, GENERIC_500, {"Content-Type": "application/json", **CORS_HEADERS})


@each_source
def test_non_ascii_body_is_measured_escaped(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    # Each "é" is 6 bytes once escaped: a sixth of the limit in characters is over it.
    chars = limit_of(source) // 6 + 1
    response = oversized(source, lambda: Response(200, "text/plain", "é" * chars), caplog)
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_non_ascii_body_on_python_3_12_runtimes_is_measured_as_utf8(
    source: EventSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The managed Python 3.12+ runtimes send UTF-8: 2 bytes per "é".
    monkeypatch.setenv("AWS_EXECUTION_ENV", "AWS_Lambda_python3.12")
    chars = limit_of(source) // 6 + 1
    app = sized_app(source, lambda: Response(200, "text/plain", "é" * chars))
    assert source.request(app, "GET", "/big")["statusCode"] == 200


@each_source
def test_astral_characters_are_measured_as_two_escapes(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    chars = limit_of(source) // 12 + 1  # each "😀" is "\ud83d\ude00": 12 bytes
    response = oversized(source, lambda: Response(200, "text/plain", "😀" * chars), caplog)
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_binary_body_is_measured_after_base64(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    raw = limit_of(source) * 3 // 4 + 3  # base64 makes it 4/3 as large
    response = oversized(source, lambda: Response(200, "application/octet-stream", b"\x00" * raw), caplog)
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_one_huge_header(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    value = "v" * (limit_of(source) + 1)
    response = oversized(source, lambda: Response(200, "text/plain", "", headers={"X-Big": value}), caplog)
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_thousands_of_short_headers(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    count = limit_of(source) // 1000 + 1
    headers = {f"X-H{i}": "v" * 1000 for i in range(count)}
    response = oversized(source, lambda: Response(200, "text/plain", "", headers=headers), caplog)
    assert_answer(response, 500, GENERIC_500)


@each_of(REST, HTTP, FUNCTION_URL, ALB_MULTI)
def test_cookies_over_the_limit(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    cookies = [f"c{i}={'v' * 4000}" for i in range(limit_of(source) // 4000 + 1)]
    response = oversized(source, lambda: Response(200, "text/plain", "", cookies=cookies), caplog)  # type: ignore[arg-type]
    assert_answer(response, 500, GENERIC_500)


def test_alb_single_value_mode_sends_only_the_last_cookie(caplog: pytest.LogCaptureFixture) -> None:
    cookies = [f"c{i}={'v' * 4000}" for i in range(ALB_LIMIT // 4000 + 1)]
    app = sized_app(ALB, lambda: Response(200, "text/plain", "", cookies=cookies))  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="apiway"):
        response = ALB.request(app, "GET", "/big")
    assert_answer(response, 200, "", {"Content-Type": "text/plain", "Set-Cookie": cookies[-1]})


@each_source
def test_many_headers_well_within_the_limit(source: EventSource) -> None:
    headers = {f"X-H{i}": "v" * 100 for i in range(100)}
    app = sized_app(source, lambda: Response(200, "text/plain", "ok", headers=headers))
    response = source.request(app, "GET", "/big")
    assert_answer(response, 200, "ok", {**headers, "Content-Type": "text/plain"})


@LAMBDA_SOURCES
def test_gzip_brings_a_large_body_under_the_limit(source: EventSource) -> None:
    app = source.app()

    @app.get("/big", compress=True)
    def big() -> dict[str, Any]:
        return {"items": ["x" * 1000] * 7000}

    response = source.request(app, "GET", "/big", headers={"Accept-Encoding": "gzip"})
    assert response["statusCode"] == 200
    assert response["isBase64Encoded"] is True
    assert len(base64.b64decode(response["body"])) < 100_000


def test_propagate_exceptions_reraises_the_size_error() -> None:
    app = sized_app(REST, lambda: Response(200, "text/plain", "x" * LAMBDA_LIMIT), propagate_exceptions=True)
    with pytest.raises(ResponseSizeExceededError) as caught:
        app.resolve(REST.event("GET", "/big"), None)
    assert caught.value.max_size == LAMBDA_LIMIT
    assert caught.value.actual_size > LAMBDA_LIMIT


@ALB_SOURCES
@pytest.mark.parametrize("flag", [True, False])
def test_alb_accepts_enable_response_size_validation(
    source: EventSource, flag: bool, caplog: pytest.LogCaptureFixture
) -> None:
    response = oversized(
        source,
        lambda: Response(200, "text/plain", "x" * ALB_LIMIT),
        caplog,
        enable_response_size_validation=flag,
    )
    assert_answer(response, 500, GENERIC_500)

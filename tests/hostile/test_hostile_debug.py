"""Debug hygiene, one named test per case.

Debug off: no traceback or exception text ever reaches a response body, wherever the failure
happens. Debug on: the request and response log lines never contain credentials or bodies.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from apiway import Response
from apiway.cookies import Cookie
from support.events import HTTP, EventSource, each_source
from support.exact import GENERIC_500, NOT_FOUND, assert_answer, error_body

SECRET = "s3cr3t-marker"


def leaky_app(source: EventSource, **kwargs: Any) -> Any:
    """Routes that fail in every way, each failure carrying SECRET in its text."""
    app = source.app(**kwargs)

    @app.get("/raise")
    def raise_() -> Any:
        raise ValueError(f"password={SECRET}")

    @app.get("/unserializable")
    def unserializable() -> Any:
        class Leaky:
            def __repr__(self) -> str:
                return SECRET

        return {"value": Leaky()}

    @app.get("/handler-fails")
    def handler_fails() -> Any:
        raise KeyError(SECRET)

    @app.exception_handler(KeyError)
    def broken_handler(error: KeyError) -> Any:
        raise RuntimeError(f"handler failed on {error}")

    @app.get("/bad-header")
    def bad_header() -> Any:
        return Response(200, "text/plain", "x", headers={"X-A": f"{SECRET}\r\n"})

    @app.post("/json")
    def read_json() -> Any:
        return app.current_event.json_body

    return app


def call(source: EventSource, app: Any, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    response = source.request(app, method, path, **kwargs)
    assert SECRET not in json.dumps(response)
    assert "Traceback" not in response["body"]
    return response


# -- debug off: nothing of a failure reaches the body ---------------------------------------------
@each_source
def test_exception_in_a_route(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = call(source, leaky_app(source), "GET", "/raise")
    assert_answer(response, 500, GENERIC_500)
    assert SECRET in caplog.text  # logged for the operator, with its traceback
    assert "Traceback" in caplog.text


@each_source
def test_value_the_serializer_cannot_encode(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = call(source, leaky_app(source), "GET", "/unserializable")
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_exception_handler_that_fails(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = call(source, leaky_app(source), "GET", "/handler-fails")
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_response_refused_when_written(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = call(source, leaky_app(source), "GET", "/bad-header")
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_exception_in_a_user_stage_outside_the_exception_stage(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    app = leaky_app(source)

    def outer(request: Any, call_next: Any) -> Any:
        raise RuntimeError(SECRET)

    app.pipeline.insert_before("binary", outer)
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = call(source, app, "GET", "/raise")
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_exception_in_a_middleware(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    app = leaky_app(source)

    def middleware(app_: Any, next_middleware: Any) -> Any:
        raise RuntimeError(SECRET)

    app.use(middlewares=[middleware])
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = call(source, app, "GET", "/raise")
    assert_answer(response, 500, GENERIC_500)


@each_source
def test_invalid_json_body(source: EventSource) -> None:
    response = call(source, leaky_app(source), "POST", "/json", body='{"password": "' + SECRET)
    assert_answer(response, 400, error_body(400, "Request body is not valid JSON"))


@each_source
def test_unknown_path(source: EventSource) -> None:
    response = call(source, leaky_app(source), "GET", f"/{SECRET}")
    assert_answer(response, 404, NOT_FOUND)


@each_source
def test_unknown_method(source: EventSource) -> None:
    response = call(source, leaky_app(source), SECRET.upper(), "/raise")
    assert_answer(
        response,
        405,
        error_body(405, "Method not allowed"),
        {"Content-Type": "application/json", "Allow": "GET, HEAD, OPTIONS"},
    )


# -- debug on: tracebacks in bodies (documented), never credentials in logs ------------------------
CREDENTIALS = {
    "Authorization": f"Bearer {SECRET}-auth",
    "Proxy-Authorization": f"Basic {SECRET}-proxy",
    "Cookie": f"session={SECRET}-cookie",
    "X-Api-Key": f"{SECRET}-key",
    "X-Amz-Security-Token": f"{SECRET}-token",
    "X-Csrf-Token": f"{SECRET}-csrf",
}


def debug_log(source: EventSource, app: Any, caplog: pytest.LogCaptureFixture, **kwargs: Any) -> str:
    with caplog.at_level(logging.DEBUG, logger="apiway.debug"):
        response = source.request(app, kwargs.pop("method", "GET"), kwargs.pop("path", "/creds"), **kwargs)
    assert response["statusCode"] in (200, 500)
    return "\n".join(record.getMessage() for record in caplog.records if record.name == "apiway.debug")


def creds_app(source: EventSource) -> Any:
    app = source.app(debug=True)

    @app.route("/creds", method=["GET", "POST"])
    def creds() -> Response:
        return Response(
            200,
            "text/plain",
            f"body {SECRET}-response-body",
            headers={"Set-Cookie": f"id={SECRET}-set-cookie", "X-Auth-Token": f"{SECRET}-out"},
            cookies=[Cookie("session", f"{SECRET}-cookie-out")],
        )

    return app


@each_source
def test_debug_logs_redact_request_credentials(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    log = debug_log(source, creds_app(source), caplog, headers=CREDENTIALS)
    assert "request GET /creds" in log
    assert SECRET not in log
    assert log.count("***") >= len(CREDENTIALS)


@each_source
def test_debug_logs_redact_query_credentials(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    query = {"access_token": f"{SECRET}-q1", "api_key": f"{SECRET}-q2", "page": "2"}
    log = debug_log(source, creds_app(source), caplog, query=query)
    assert "'page': '2'" in log
    assert SECRET not in log


@each_source
def test_debug_logs_never_contain_bodies(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    log = debug_log(source, creds_app(source), caplog, method="POST", body=f'{{"password": "{SECRET}-in"}}')
    assert "body_length=" in log
    assert SECRET not in log


@each_source
def test_debug_logs_redact_response_cookies(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    log = debug_log(source, creds_app(source), caplog)
    assert "response GET /creds -> 200" in log
    assert SECRET not in log


def test_debug_logs_never_contain_http_api_cookies(caplog: pytest.LogCaptureFixture) -> None:
    log = debug_log(HTTP, creds_app(HTTP), caplog, cookies=[f"session={SECRET}-v2-cookie"])
    assert SECRET not in log


@each_source
def test_debug_mode_answers_the_traceback(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="apiway"):
        response = source.request(leaky_app(source, debug=True), "GET", "/raise")
    assert response["statusCode"] == 500
    assert "Traceback" in response["body"]
    assert "ValueError" in response["body"]
    debug_lines = [r.getMessage() for r in caplog.records if r.name == "apiway.debug"]
    assert all(SECRET not in line for line in debug_lines)

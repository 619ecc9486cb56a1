"""Errors end to end: ServiceError subclasses, exception handlers, unhandled exceptions, debug."""

from __future__ import annotations

import logging
import warnings
from typing import Any

import pytest

from apiway import Response, content_types
from apiway.exceptions import (
    BadRequestError,
    ForbiddenError,
    InternalServerError,
    NotFoundError,
    RequestEntityTooLargeError,
    RequestTimeoutError,
    ServiceError,
    ServiceUnavailableError,
    UnauthorizedError,
)
from support.events import EventSource, each_source
from support.responses import header, json_body

GENERIC_500 = '{"statusCode":500,"message":"Internal server error"}'

SERVICE_ERRORS = [
    pytest.param(
        lambda: BadRequestError("Missing required parameter"), 400, "Missing required parameter", id="400"
    ),
    pytest.param(lambda: UnauthorizedError("Unauthorized"), 401, "Unauthorized", id="401"),
    pytest.param(lambda: ForbiddenError("Access denied"), 403, "Access denied", id="403"),
    pytest.param(NotFoundError, 404, "Not found", id="404-default"),
    pytest.param(lambda: NotFoundError("No such todo"), 404, "No such todo", id="404"),
    pytest.param(lambda: RequestTimeoutError("Request timed out"), 408, "Request timed out", id="408"),
    pytest.param(
        lambda: RequestEntityTooLargeError("Request payload too large"),
        413,
        "Request payload too large",
        id="413",
    ),
    pytest.param(
        lambda: InternalServerError("Internal server error"), 500, "Internal server error", id="500"
    ),
    pytest.param(lambda: ServiceUnavailableError("Come back later"), 503, "Come back later", id="503"),
    pytest.param(lambda: ServiceError(502, "Something went wrong!"), 502, "Something went wrong!", id="502"),
    pytest.param(lambda: ServiceError(409, {"field": "name"}), 409, {"field": "name"}, id="409-dict"),
]


def raising_app(source: EventSource, make_error: Any, **kwargs: Any) -> Any:
    app = source.app(**kwargs)

    @app.get("/fail")
    def fail() -> dict[str, Any]:
        raise make_error()

    return app


@each_source
@pytest.mark.parametrize(("make_error", "status", "message"), SERVICE_ERRORS)
def test_service_errors(source: EventSource, make_error: Any, status: int, message: Any) -> None:
    response = source.request(raising_app(source, make_error), "GET", "/fail")
    assert response["statusCode"] == status
    assert json_body(response) == {"statusCode": status, "message": message}
    assert header(response, "Content-Type") == "application/json"


@each_source
def test_service_error_body_is_compact_json(source: EventSource) -> None:
    response = source.request(raising_app(source, lambda: BadRequestError("bad")), "GET", "/fail")
    assert response["body"] == '{"statusCode":400,"message":"bad"}'


@each_source
def test_bare_not_found_error_class(source: EventSource) -> None:
    def make() -> type[NotFoundError]:
        return NotFoundError

    response = source.request(raising_app(source, make), "GET", "/fail")
    assert response["statusCode"] == 404
    assert response["body"] == '{"statusCode":404,"message":"Not found"}'


@each_source
def test_exception_handler(source: EventSource) -> None:
    app = source.app()

    @app.exception_handler(ValueError)
    def invalid(error: ValueError) -> Response:
        return Response(400, content_types.TEXT_PLAIN, f"Invalid request parameters: {error}")

    @app.get("/todos")
    def todos() -> dict[str, Any]:
        limit = int(app.current_event.get_query_string_value("limit", "0") or "0")
        return {"limit": limit}

    ok = source.request(app, "GET", "/todos", query={"limit": "5"})
    assert json_body(ok) == {"limit": 5}
    bad = source.request(app, "GET", "/todos", query={"limit": "lots"})
    assert bad["statusCode"] == 400
    assert bad["body"] == "Invalid request parameters: invalid literal for int() with base 10: 'lots'"
    assert header(bad, "Content-Type") == "text/plain"


class AppError(Exception):
    pass


class PaymentError(AppError):
    pass


class CardDeclined(PaymentError):
    pass


@each_source
@pytest.mark.parametrize(
    ("error", "handled_by"),
    [(AppError, "app"), (PaymentError, "payment"), (CardDeclined, "payment")],
)
def test_exception_handler_follows_the_mro(source: EventSource, error: type, handled_by: str) -> None:
    app = source.app()

    @app.exception_handler(AppError)
    def app_error(exc: AppError) -> tuple[dict[str, str], int]:
        return {"handled_by": "app"}, 500

    @app.exception_handler([PaymentError, KeyError])
    def payment_error(exc: Exception) -> tuple[dict[str, str], int]:
        return {"handled_by": "payment"}, 402

    @app.get("/pay")
    def pay() -> dict[str, Any]:
        raise error()

    response = source.request(app, "GET", "/pay")
    assert json_body(response) == {"handled_by": handled_by}
    assert response["statusCode"] == (500 if handled_by == "app" else 402)


@each_source
def test_exception_handler_for_a_service_error(source: EventSource) -> None:
    app = raising_app(source, lambda: ForbiddenError("no"))

    @app.exception_handler(ForbiddenError)
    def forbidden(error: ForbiddenError) -> Response:
        return Response(403, "application/json", {"error": error.msg, "hint": "log in"})

    response = source.request(app, "GET", "/fail")
    assert response["statusCode"] == 403
    assert json_body(response) == {"error": "no", "hint": "log in"}


@each_source
def test_exception_handler_may_raise_a_service_error(source: EventSource) -> None:
    app = raising_app(source, lambda: LookupError("gone"))

    @app.exception_handler(LookupError)
    def lookup(error: LookupError) -> Response:
        raise NotFoundError(f"lookup failed: {error}")

    response = source.request(app, "GET", "/fail")
    assert response["statusCode"] == 404
    assert json_body(response) == {"statusCode": 404, "message": "lookup failed: gone"}


@each_source
def test_unhandled_exception_is_a_generic_500_that_leaks_nothing(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    app = raising_app(source, lambda: RuntimeError("database password is hunter2"))
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = source.request(app, "GET", "/fail")
    assert response["statusCode"] == 500
    assert response["body"] == GENERIC_500
    assert header(response, "Content-Type") == "application/json"
    assert "hunter2" not in str(response)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors, "the exception is logged"
    assert errors[0].exc_info is not None
    assert errors[0].exc_info[0] is RuntimeError


@each_source
def test_failing_exception_handler_is_a_generic_500(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    app = raising_app(source, lambda: ValueError("first"))

    @app.exception_handler(ValueError)
    def broken(error: ValueError) -> Response:
        raise KeyError("second")

    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = source.request(app, "GET", "/fail")
    assert response["statusCode"] == 500
    assert response["body"] == GENERIC_500


@each_source
def test_propagate_exceptions_re_raises(source: EventSource) -> None:
    app = raising_app(source, lambda: RuntimeError("let Lambda count me"), propagate_exceptions=True)
    with pytest.raises(RuntimeError, match="let Lambda count me"):
        app.resolve(source.event("GET", "/fail"), None)


@each_source
def test_propagate_exceptions_still_answers_service_errors(source: EventSource) -> None:
    app = raising_app(source, lambda: BadRequestError("bad"), propagate_exceptions=True)
    response = source.request(app, "GET", "/fail")
    assert response["statusCode"] == 400


@each_source
def test_debug_mode_answers_with_the_traceback(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    app = raising_app(source, lambda: ZeroDivisionError("boom in debug"), debug=True)
    with caplog.at_level(logging.DEBUG, logger="apiway"):
        response = source.request(app, "GET", "/fail")
    assert response["statusCode"] == 500
    body = response["body"]
    assert body.startswith("Traceback (most recent call last):")
    assert "ZeroDivisionError: boom in debug" in body
    assert "in fail" in body
    assert header(response, "Content-Type") == "text/plain"


@each_source
@pytest.mark.parametrize("variable", ["POWERTOOLS_EVENT_HANDLER_DEBUG", "POWERTOOLS_DEV", "APIWAY_DEBUG"])
def test_debug_mode_from_the_environment(
    source: EventSource, variable: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(variable, "true")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        app = raising_app(source, lambda: ZeroDivisionError("env debug"))
    # Only POWERTOOLS_DEV warns, with the words code written for Powertools filters on.
    said = [str(w.message).split(":")[0] for w in record]
    assert said == (
        ["POWERTOOLS_DEV environment variable is enabled"] if variable == "POWERTOOLS_DEV" else []
    )
    with caplog.at_level(logging.DEBUG, logger="apiway"):
        response = source.request(app, "GET", "/fail")
    assert "ZeroDivisionError: env debug" in response["body"]


@each_source
def test_explicit_debug_false_wins_over_the_environment(
    source: EventSource, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("POWERTOOLS_EVENT_HANDLER_DEBUG", "1")
    app = raising_app(source, lambda: ZeroDivisionError("secret"), debug=False)
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = source.request(app, "GET", "/fail")
    assert response["body"] == GENERIC_500


@each_source
def test_debug_mode_logs_requests_with_secrets_redacted(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    app = source.app(debug=True)

    @app.get("/me")
    def me() -> Response:
        return Response(200, "text/plain", "ok", headers={"Set-Cookie": "sid=response-secret"})

    headers = {"Authorization": "Bearer request-secret", "X-Api-Key": "key-secret", "X-Visible": "shown"}
    with caplog.at_level(logging.DEBUG, logger="apiway.debug"):
        response = source.request(app, "GET", "/me", headers=headers)
    assert response["statusCode"] == 200
    # One line for the request, one for the response.
    assert [record.name for record in caplog.records] == ["apiway.debug", "apiway.debug"]
    logged = "\n".join(record.getMessage() for record in caplog.records if record.name == "apiway.debug")
    assert "/me" in logged
    assert "shown" in logged
    for secret in ("request-secret", "key-secret", "response-secret"):
        assert secret not in logged


@each_source
def test_no_debug_logs_when_debug_is_off(source: EventSource, caplog: pytest.LogCaptureFixture) -> None:
    app = source.app()

    @app.get("/me")
    def me() -> dict[str, bool]:
        return {"ok": True}

    caplog.set_level(logging.DEBUG)
    headers = {"Authorization": "Bearer request-secret"}
    assert source.request(app, "GET", "/me", headers=headers)["statusCode"] == 200
    assert [record for record in caplog.records if record.name.startswith("apiway")] == []


# -- 405 and the user's exception handlers -------------------------------------------------------


def app_with_405(source: EventSource, handler: Any, **options: Any) -> Any:
    app = source.app(**options)
    app.get("/todos")(dict)
    app.post("/todos")(dict)
    app.exception_handler(ServiceError)(handler)
    return app


@each_source
@pytest.mark.parametrize("middlewares", [False, True], ids=["plain", "with-middleware"])
def test_a_405_reworded_by_a_service_error_handler_keeps_allow(
    source: EventSource, middlewares: bool
) -> None:
    def problem(error: ServiceError) -> Response:
        body = {"type": "about:blank", "status": error.status_code, "title": error.msg}
        return Response(error.status_code, "application/problem+json", body)

    app = app_with_405(source, problem)
    if middlewares:
        app.use(middlewares=[lambda app, next_middleware: next_middleware(app)])
    response = source.request(app, "DELETE", "/todos")
    assert response["statusCode"] == 405
    assert json_body(response) == {"type": "about:blank", "status": 405, "title": "Method not allowed"}
    assert header(response, "Allow") == "GET, HEAD, OPTIONS, POST"


@each_source
def test_a_handler_that_sets_allow_or_another_status_is_left_alone(source: EventSource) -> None:
    def own_allow(error: ServiceError) -> Response:
        return Response(error.status_code, "text/plain", "no", headers={"allow": "GET"})

    response = source.request(app_with_405(source, own_allow), "DELETE", "/todos")
    assert (response["statusCode"], header(response, "Allow")) == (405, "GET")

    def hide(error: ServiceError) -> Response:
        return Response(404, "text/plain", "nothing here")

    response = source.request(app_with_405(source, hide), "DELETE", "/todos")
    assert (response["statusCode"], header(response, "Allow")) == (404, None)


@each_source
def test_a_405_raised_by_a_route_keeps_allow_through_the_handler(source: EventSource) -> None:
    from apiway.exceptions import MethodNotAllowedError

    app = source.app()

    @app.post("/reports/<name>")
    def report(name: str) -> Any:
        raise MethodNotAllowedError(["GET"], "reports are read-only")

    app.exception_handler(ServiceError)(lambda error: ({"error": error.msg}, error.status_code))
    response = source.request(app, "POST", "/reports/q1")
    assert (response["statusCode"], json_body(response)) == (405, {"error": "reports are read-only"})
    assert header(response, "Allow") == "GET, HEAD, OPTIONS"

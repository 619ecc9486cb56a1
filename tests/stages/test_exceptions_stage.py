"""The exception-mapping stage on its own, with a fake next stage (the resolver's options it reads
included: exception handlers, debug, propagate_exceptions)."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from apiway.exceptions import (
    BadRequestError,
    ForbiddenError,
    InternalServerError,
    MethodNotAllowedError,
    NotFoundError,
    RequestEntityTooLargeError,
    RequestTimeoutError,
    ServiceError,
    ServiceUnavailableError,
    UnauthorizedError,
)
from apiway.failures import GENERIC_500
from apiway.stages.exceptions import ExceptionStage

SECRET = "db-password-s3cr3t"


class BaseAppError(Exception):
    pass


class MiddleError(BaseAppError):
    pass


class LeafError(MiddleError):
    pass


def handle(app: APIGatewayRestResolver, make_request: Any, fake_next: Any, error: BaseException) -> Response:
    stage = ExceptionStage()
    stage.setup(app)
    return stage.handle(make_request(app), fake_next(error))


def test_response_passes_through(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    stage = ExceptionStage()
    stage.setup(app)
    answer = Response(200, "text/plain", "fine")
    assert stage.handle(make_request(app), fake_next(answer)) is answer


@pytest.mark.parametrize("order", ["base first", "leaf first"])
def test_nearest_handler_in_the_mro_wins(order: str, make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()

    def on_base(error: Exception) -> Response:
        return Response(400, "text/plain", "base")

    def on_middle(error: Exception) -> Response:
        return Response(409, "text/plain", f"middle:{type(error).__name__}")

    registrations = [(BaseAppError, on_base), (MiddleError, on_middle)]
    for klass, func in registrations if order == "base first" else registrations[::-1]:
        app.exception_handler(klass)(func)

    response = handle(app, make_request, fake_next, LeafError())
    assert (response.status_code, response.body) == (409, "middle:LeafError")
    response = handle(app, make_request, fake_next, BaseAppError())
    assert (response.status_code, response.body) == (400, "base")


def test_handler_for_several_classes(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()

    @app.exception_handler([KeyError, LookupError, ValueError])
    def on_lookup(error: Exception) -> tuple[dict[str, str], int]:
        return {"kind": type(error).__name__}, 422

    for error in (KeyError("k"), IndexError("i"), ValueError("v")):
        response = handle(app, make_request, fake_next, error)
        assert response.status_code == 422
        assert response.body == {"kind": type(error).__name__}


def test_handler_can_handle_service_errors(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()

    @app.exception_handler(ServiceError)
    def on_service(error: ServiceError) -> dict[str, Any]:
        return {"wrapped": error.status_code}

    response = handle(app, make_request, fake_next, ForbiddenError("no"))
    assert response.status_code == 200
    assert response.body == {"wrapped": 403}


def test_handler_raising_a_service_error_is_mapped(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()

    @app.exception_handler(BaseAppError)
    def translate(error: BaseAppError) -> Response:
        raise BadRequestError("translated")

    response = handle(app, make_request, fake_next, LeafError())
    assert response.status_code == 400
    assert response.body == {"statusCode": 400, "message": "translated"}


def test_handler_raising_something_else_is_a_generic_500(
    make_request: Any, fake_next: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = APIGatewayRestResolver()

    @app.exception_handler(BaseAppError)
    def broken(error: BaseAppError) -> Response:
        raise RuntimeError(SECRET)

    caplog.set_level(logging.ERROR, logger="apiway")
    response = handle(app, make_request, fake_next, LeafError())
    assert response.status_code == 500
    assert response.body == GENERIC_500
    assert "exception handler failed" in caplog.text
    assert len(caplog.records) == 1


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (BadRequestError("bad"), 400),
        (UnauthorizedError("who"), 401),
        (ForbiddenError("no"), 403),
        (NotFoundError(), 404),
        (NotFoundError("gone"), 404),
        (RequestTimeoutError("slow"), 408),
        (RequestEntityTooLargeError("big"), 413),
        (InternalServerError("oops"), 500),
        (ServiceUnavailableError("later"), 503),
        (ServiceError(418, "teapot"), 418),
        (ServiceError(422, {"field": "name"}), 422),
    ],
)
def test_service_errors_answer_their_status(
    error: ServiceError, status: int, make_request: Any, fake_next: Any
) -> None:
    response = handle(APIGatewayRestResolver(), make_request, fake_next, error)
    assert response.status_code == status
    assert response.body == {"statusCode": status, "message": error.msg}
    assert response.is_json()


def test_method_not_allowed_carries_allow(make_request: Any, fake_next: Any) -> None:
    response = handle(
        APIGatewayRestResolver(), make_request, fake_next, MethodNotAllowedError(["POST", "GET"])
    )
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS, POST"


def test_a_handler_rewording_a_405_keeps_allow(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    app.exception_handler(ServiceError)(lambda error: Response(error.status_code, "text/plain", "nope"))
    response = handle(app, make_request, fake_next, MethodNotAllowedError(["GET"]))
    assert (response.status_code, response.body) == (405, "nope")
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    # Other errors the same handler words get no Allow.
    response = handle(app, make_request, fake_next, ServiceError(405, "not a routing error"))
    assert "Allow" not in response.headers


def test_unhandled_exception_is_a_generic_500_and_a_logged_traceback(
    make_request: Any, fake_next: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="apiway")
    response = handle(APIGatewayRestResolver(), make_request, fake_next, RuntimeError(SECRET))
    assert response.status_code == 500
    assert response.body == {"statusCode": 500, "message": "Internal server error"}
    assert SECRET not in json.dumps(response.body)
    assert "RuntimeError" not in json.dumps(response.body)
    assert "Traceback" in caplog.text
    assert SECRET in caplog.text
    assert "GET /" in caplog.text


def test_generic_500_body_is_not_shared_between_responses(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    first = handle(app, make_request, fake_next, RuntimeError("x"))
    first.body["message"] = "mutated"
    assert GENERIC_500["message"] == "Internal server error"


def test_debug_mode_answers_with_the_traceback(
    make_request: Any, fake_next: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="apiway")
    response = handle(APIGatewayRestResolver(debug=True), make_request, fake_next, RuntimeError(SECRET))
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "text/plain"
    assert response.body.startswith("Traceback (most recent call last):")
    assert f"RuntimeError: {SECRET}" in response.body
    assert caplog.records


def test_propagate_exceptions_reraises(make_request: Any, fake_next: Any) -> None:
    error = RuntimeError(SECRET)
    with pytest.raises(RuntimeError) as raised:
        handle(APIGatewayRestResolver(propagate_exceptions=True), make_request, fake_next, error)
    assert raised.value is error


def test_propagate_exceptions_still_maps_service_errors(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver(propagate_exceptions=True)
    assert handle(app, make_request, fake_next, NotFoundError()).status_code == 404

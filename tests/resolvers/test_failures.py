"""``apiway.failures``: the answers and log lines shared by everything that handles an error."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from apiway import APIGatewayRestResolver
from apiway.exceptions import BadRequestError, MethodNotAllowedError, ServiceError
from apiway.failures import (
    GENERIC_500,
    generic_500,
    generic_500_json,
    keep_allow,
    log_unhandled,
    raise_requested,
    service_error_response,
    traceback_response,
)
from apiway.request import PipelineRequest
from apiway.response import Response

GENERIC_TEXT = '{"statusCode":500,"message":"Internal server error"}'


def failing() -> ZeroDivisionError:
    try:
        1 / 0  # noqa: B018 - raised for its traceback
    except ZeroDivisionError as error:
        return error
    raise AssertionError("unreachable")


def a_request(lambda_context: Any = None) -> PipelineRequest:
    app = APIGatewayRestResolver()
    return PipelineRequest(app, {"httpMethod": "PUT", "path": "/todos/1"}, lambda_context, "PUT", "/todos/1")


def test_generic_500_is_serialized_already_and_new_each_time() -> None:
    first, second = generic_500(), generic_500()
    for response in (first, second):
        assert (response.status_code, response.headers, response.body) == (
            500,
            {"Content-Type": "application/json"},
            GENERIC_TEXT,
        )
    first.headers["X-Changed"] = "1"
    assert "X-Changed" not in second.headers
    assert json.loads(GENERIC_TEXT) == GENERIC_500


def test_generic_500_json_is_a_body_still_to_serialize() -> None:
    response = generic_500_json()
    assert (response.status_code, response.body) == (500, GENERIC_500)
    assert response.headers == {"Content-Type": "application/json"}
    response.body["message"] = "changed"
    assert GENERIC_500["message"] == "Internal server error"  # a copy, never the shared dict


def test_log_unhandled_logs_the_request_and_the_traceback(caplog: pytest.LogCaptureFixture) -> None:
    error = failing()
    with caplog.at_level(logging.ERROR, logger="apiway"):
        log_unhandled(a_request(), error)
        log_unhandled(None, error, "outside any request")
    first, second = caplog.records
    assert (first.name, first.levelno, first.getMessage()) == (
        "apiway",
        logging.ERROR,
        "unhandled exception in PUT /todos/1",
    )
    assert first.exc_info is not None and first.exc_info[1] is error
    assert second.getMessage() == "outside any request"


def test_traceback_response_is_plain_text() -> None:
    response = traceback_response(failing())
    assert (response.status_code, response.headers) == (500, {"Content-Type": "text/plain"})
    assert response.body.startswith("Traceback (most recent call last):")
    assert response.body.rstrip().endswith("ZeroDivisionError: division by zero")


@pytest.mark.parametrize(
    ("error", "status", "body", "allow"),
    [
        (BadRequestError("missing name"), 400, {"statusCode": 400, "message": "missing name"}, None),
        (ServiceError(409, {"field": "name"}), 409, {"statusCode": 409, "message": {"field": "name"}}, None),
        (
            MethodNotAllowedError(["POST", "GET"]),
            405,
            {"statusCode": 405, "message": "Method not allowed"},
            "GET, HEAD, OPTIONS, POST",
        ),
    ],
)
def test_service_error_response(error: ServiceError, status: int, body: Any, allow: str | None) -> None:
    response = service_error_response(error)
    assert (response.status_code, response.body) == (status, body)
    assert response.headers.get("Allow") == allow


def test_keep_allow_adds_the_errors_allow_to_a_reworded_405() -> None:
    error = MethodNotAllowedError(["GET"])
    response = keep_allow(Response(405, "text/plain", "no"), error)
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (Response(405, "text/plain", "no", headers={"allow": "GET"}), MethodNotAllowedError(["GET", "PUT"])),
        (
            Response(400, "text/plain", "no"),
            MethodNotAllowedError(["GET"]),
        ),  # the handler chose another status
        (Response(405, "text/plain", "no"), ServiceError(405, "no allowed methods known")),
    ],
)
def test_keep_allow_leaves_other_answers_alone(response: Response, error: Exception) -> None:
    before = dict(response.headers)
    assert keep_allow(response, error) is response
    assert response.headers == before


@pytest.mark.parametrize(
    ("flag", "expected"), [(True, True), (False, False), (1, False), ("yes", False), (None, False)]
)
def test_raise_requested_only_when_the_context_says_true(flag: Any, expected: bool) -> None:
    class Context:
        raise_server_exceptions = flag

    assert raise_requested(a_request(Context())) is expected


def test_raise_requested_without_the_flag() -> None:
    assert raise_requested(a_request(None)) is False
    assert raise_requested(a_request(object())) is False

"""Raising HTTP errors: raise an ``apiway.exceptions`` error to answer with its status.

Each answers ``{"statusCode": <status>, "message": <msg>}`` as JSON: ``BadRequestError``
400, ``UnauthorizedError`` 401, ``ForbiddenError`` 403, ``NotFoundError`` 404,
``RequestTimeoutError`` 408, ``RequestEntityTooLargeError`` 413,
``InternalServerError`` 500, ``ServiceUnavailableError`` 503, and
``ServiceError(status_code, msg)`` for any other status. For custom headers, return a
``Response`` instead (see fine_grained_responses).

Try it: python -m apiway serve examples/raising_http_errors/app.py
        curl -s -i localhost:3000/bad-request
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
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
from apiway.types import LambdaContext

app = APIGatewayRestResolver()


@app.get("/bad-request")
def bad_request() -> dict:
    raise BadRequestError("missing the required 'title' field")


@app.get("/unauthorized")
def unauthorized() -> dict:
    raise UnauthorizedError("no Authorization header")


@app.get("/forbidden")
def forbidden() -> dict:
    raise ForbiddenError("only admins may do that")


@app.get("/not-found")
def not_found() -> dict:
    raise NotFoundError  # the message defaults to "Not found"


@app.get("/request-timeout")
def request_timeout() -> dict:
    raise RequestTimeoutError("the upstream service took too long")


@app.get("/too-large")
def too_large() -> dict:
    raise RequestEntityTooLargeError("uploads are limited to 1 MB")


@app.get("/internal-error")
def internal_error() -> dict:
    raise InternalServerError("the todo store is unavailable")


@app.get("/service-unavailable")
def service_unavailable() -> dict:
    raise ServiceUnavailableError("down for maintenance")


@app.get("/teapot")
def teapot() -> dict:
    raise ServiceError(418, "I'm a teapot")


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

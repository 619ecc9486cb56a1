"""Exception handling: ``@app.exception_handler(ExcType)`` turns an exception into a response.

A handler also catches subclasses of its type (the nearest registered class in the
exception's MRO wins), and one handler can take a list of types. An exception nobody
handles is logged with its traceback and answered with a generic 500 that reveals
nothing about it; ``APIGatewayRestResolver(propagate_exceptions=True)`` re-raises it instead,
so Lambda records an invocation error.

Try it: python -m apiway serve examples/exception_handling/app.py
        curl -s -i 'localhost:3000/todos?limit=lots'
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, Response, content_types
from apiway.types import LambdaContext

app = APIGatewayRestResolver()


class QuotaExceededError(Exception):
    """The caller used up its quota."""


@app.get("/todos")
def list_todos() -> dict:
    limit = int(app.current_event.get_query_string_value("limit", default_value="10"))  # may raise
    if limit > 100:
        raise QuotaExceededError("at most 100 todos per page")
    return {"todos": [], "limit": limit}


@app.get("/crash")
def crash() -> dict:
    raise RuntimeError("database password is hunter2")  # never reaches the client


@app.exception_handler(ValueError)
def handle_invalid_value(error: ValueError) -> Response:
    return Response(
        status_code=400,
        content_type=content_types.APPLICATION_JSON,
        body={"message": "invalid value", "detail": str(error)},
    )


@app.exception_handler([QuotaExceededError, PermissionError])
def handle_quota(error: Exception) -> Response:
    return Response(429, content_types.TEXT_PLAIN, str(error), headers={"Retry-After": "60"})


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""What apiway answers and logs when something goes wrong.

Shared by the resolver (its last line of defence), the exception stage, the serialization
stage and the router's own error answers, so that none of them imports another's internals.
perf: loaded on the first error, never on the common path.
"""

from apiway.response import JSON, Response, json_response

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.exceptions import ServiceError
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver

#: The body of every generic 500: it says nothing about what failed.
GENERIC_500 = {"statusCode": 500, "message": "Internal server error"}
_GENERIC_500_TEXT = '{"statusCode":500,"message":"Internal server error"}'


def generic_500() -> "Response":
    """The generic 500, its body already JSON text (for answers made after serialization)."""
    return Response(500, JSON, _GENERIC_500_TEXT)


def generic_500_json() -> "Response":
    """The generic 500 as a JSON body still to serialize (a swapped serializer formats it)."""
    return json_response(500, dict(GENERIC_500))


def log_unhandled(
    request: "PipelineRequest | None", error: BaseException, what: str = "unhandled exception"
) -> None:
    """Log an exception with its traceback on the ``apiway`` logger."""
    import logging

    where = f" in {request.method} {request.path}" if request is not None else ""
    logging.getLogger("apiway").error("%s%s", what, where, exc_info=(type(error), error, error.__traceback__))


def traceback_response(error: BaseException) -> "Response":
    """Debug mode: 500 with the traceback as plain text."""
    import traceback

    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return Response(500, "text/plain", text)


def service_error_response(error: "ServiceError") -> "Response":
    """``{"statusCode": ..., "message": ...}`` with the error's status (405 adds ``Allow``)."""
    response = json_response(error.status_code, {"statusCode": error.status_code, "message": error.msg})
    allowed = getattr(error, "allowed", None)
    if allowed:
        from apiway.headers import allow_header

        response.headers["Allow"] = allow_header(allowed)
    return response


def keep_allow(response: "Response", error: BaseException) -> "Response":
    """A 405 made by the user's exception handler keeps the ``Allow`` of the error, unless the
    handler set one (a handler may reword the error, not make it wrong)."""
    allowed = getattr(error, "allowed", None)
    if allowed and response.status_code == 405:
        from apiway.headers import allow_header, find_header

        if find_header(response.headers, "Allow") is None:
            response.headers["Allow"] = allow_header(allowed)
    return response


def raise_requested(request: "PipelineRequest") -> bool:
    """Whether the test client asked that this invocation's unhandled exceptions be re-raised
    (as with ``propagate_exceptions=True``) rather than answered 500."""
    # The flag is set on the local stand-in of the Lambda context (apiway.local.context); the
    # real context has no such attribute, so Lambda's invocations always get the 500.
    return getattr(request.lambda_context, "raise_server_exceptions", None) is True


def last_resort(
    app: "BaseResolver", request: "PipelineRequest", error: Exception, refused: "Response | None"
) -> "dict[str, Any]":
    """The resolver's generic 500 for an error outside the exception stage, or for a response
    the source refused to write (``refused``), keeping that response's CORS headers."""
    if app.propagate_exceptions or raise_requested(request):
        raise error
    log_unhandled(request, error, "request failed outside the exception stage")
    fallback = generic_500()
    source = app.source
    if refused is not None and type(refused.headers) is dict:
        from apiway.headers import cors_headers

        # So that a browser sees this 500 rather than a CORS failure (unless the CORS
        # headers are what the source refused).
        fallback.headers.update(cors_headers(refused.headers))
        try:
            return source.write(fallback, request.raw_event)
        except ValueError:
            fallback = generic_500()
    return source.write(fallback, request.raw_event)

"""The exception-mapping stage: exceptions from routes and middlewares become responses."""

from apiway.response import Response, json_response, to_response
from apiway.stages import Stage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.exceptions import ServiceError
    from apiway.request import Request
    from apiway.resolvers import BaseResolver
    from apiway.stages import CallNext

GENERIC_500 = {"statusCode": 500, "message": "Internal server error"}


def service_error_response(error: "ServiceError") -> "Response":
    """``{"statusCode": ..., "message": ...}`` with the error's status (405 adds ``Allow``)."""
    response = json_response(error.status_code, {"statusCode": error.status_code, "message": error.msg})
    allowed = getattr(error, "allowed", None)
    if allowed:
        from apiway.stages.router import allow_header

        response.headers["Allow"] = allow_header(allowed)
    return response


def raise_requested(request: "Request") -> bool:
    """Whether the test client asked that this invocation's unhandled exceptions be re-raised
    (as with ``propagate_exceptions=True``) rather than answered 500."""
    # The flag is set on the local stand-in of the Lambda context (apiway.local.context); the
    # real context has no such attribute, so Lambda's invocations always get the 500.
    return getattr(request.lambda_context, "raise_server_exceptions", None) is True


def keep_allow(response: "Response", error: BaseException) -> "Response":
    """A 405 made by the user's exception handler keeps the ``Allow`` of the error, unless the
    handler set one (a handler may reword the error, not make it wrong)."""
    allowed = getattr(error, "allowed", None)
    if allowed and response.status_code == 405:
        from apiway.headers import find_header

        if find_header(response.headers, "Allow") is None:
            from apiway.stages.router import allow_header

            response.headers["Allow"] = allow_header(allowed)
    return response


def log_unhandled(request: "Request | None", error: BaseException, what: str = "unhandled exception") -> None:
    """Log an exception with its traceback on the ``apiway`` logger."""
    import logging

    where = f" in {request.method} {request.path}" if request is not None else ""
    logging.getLogger("apiway").error("%s%s", what, where, exc_info=(type(error), error, error.__traceback__))


def traceback_response(error: BaseException) -> "Response":
    """Debug mode: 500 with the traceback as plain text."""
    import traceback

    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return Response(500, "text/plain", text)


class ExceptionStage(Stage):
    """Maps exceptions to responses.

    1. a handler registered with ``exception_handler`` for the exception's class or the
       nearest base class in its MRO (``not_found`` registers one for ``NotFoundError``);
    2. a ``ServiceError`` (``BadRequestError``, ...) answers its status as JSON;
    3. anything else is logged with its traceback and answered with a generic 500 JSON that
       says nothing about the exception; in debug mode the 500 carries the traceback; with
       ``propagate_exceptions=True`` it is re-raised, so Lambda records an error (and so it
       is when the test client asks, see :func:`raise_requested`).
    """

    name = "exceptions"

    def setup(self, app: "BaseResolver") -> None:
        self.app = app
        self.debug = app.debug
        self.propagate = app.propagate_exceptions

    def handle(self, request: "Request", call_next: "CallNext") -> "Response":
        try:
            return call_next(request)
        except Exception as error:  # noqa: BLE001 - every exception gets an answer here
            return self.respond(request, error)

    def respond(self, request: "Request", error: Exception) -> "Response":
        # perf: imported here, on the error path, not at cold start.
        from apiway.exceptions import ServiceError

        handler = self.app._find_exception_handler(type(error))
        if handler is not None:
            try:
                return keep_allow(to_response(handler(error)), error)
            except ServiceError as raised:
                error = raised
            except Exception as raised:  # noqa: BLE001
                log_unhandled(request, raised, "exception handler failed")
                return self.unhandled(request, raised, logged=True)
        if isinstance(error, ServiceError):
            return service_error_response(error)
        return self.unhandled(request, error)

    def unhandled(self, request: "Request", error: Exception, logged: bool = False) -> "Response":
        if self.propagate or raise_requested(request):
            raise error
        if not logged:
            log_unhandled(request, error)
        if self.debug:
            return traceback_response(error)
        return json_response(500, dict(GENERIC_500))

    def describe(self) -> "dict[str, Any]":
        handlers = getattr(self, "app", None)
        names = sorted(k.__name__ for k in handlers._exception_handlers) if handlers is not None else []
        return {
            "handlers": names,
            "debug_tracebacks": getattr(self, "debug", False),
            "propagate_exceptions": getattr(self, "propagate", False),
        }

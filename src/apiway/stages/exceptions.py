"""The exception-mapping stage: exceptions from routes and middlewares become responses."""

from apiway.response import Response, to_response
from apiway.stages import Stage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver


class ExceptionStage(Stage):
    """Maps exceptions to responses.

    1. a handler registered with ``exception_handler`` for the exception's class or the
       nearest base class in its MRO (``not_found`` registers one for ``NotFoundError``);
    2. a ``ServiceError`` (``BadRequestError``, ...) answers its status as JSON;
    3. anything else is logged with its traceback and answered with a generic 500 JSON that
       says nothing about the exception; in debug mode the 500 carries the traceback; with
       ``propagate_exceptions=True`` it is re-raised, so Lambda records an error (and so it
       is when the test client asks, see :func:`apiway.failures.raise_requested`).

    What it answers and logs lives in :mod:`apiway.failures` (loaded on the first error).
    """

    name = "exceptions"

    def setup(self, app: "BaseResolver") -> None:
        self.app = app
        self.debug = app.debug
        self.propagate = app.propagate_exceptions

    def error(self, request: "PipelineRequest", error: Exception) -> "Response":
        # perf: imported here, on the error path, not at cold start.
        from apiway.exceptions import ServiceError
        from apiway.failures import keep_allow, log_unhandled, service_error_response

        handler = self.app.exception_handler_for(type(error))
        if handler is not None:
            try:
                answer = handler(error)
                if hasattr(type(answer), "__await__"):
                    return self.awaited(request, error, answer)  # type: ignore[return-value]
                return keep_allow(to_response(answer), error)
            except ServiceError as raised:
                error = raised
            except Exception as raised:  # noqa: BLE001
                log_unhandled(request, raised, "exception handler failed")
                return self.unhandled(request, raised, logged=True)
        if isinstance(error, ServiceError):
            return service_error_response(error)
        return self.unhandled(request, error)

    async def awaited(self, request: "PipelineRequest", error: Exception, answer: "Any") -> "Response":
        """The answer of an ``async def`` exception handler (the chain awaits it, or runs it to
        completion for ``resolve()``); what it raises is answered as above."""
        from apiway.exceptions import ServiceError
        from apiway.failures import keep_allow, log_unhandled, service_error_response

        try:
            return keep_allow(to_response(await answer), error)
        except ServiceError as raised:
            return service_error_response(raised)
        except Exception as raised:  # noqa: BLE001
            log_unhandled(request, raised, "exception handler failed")
            return self.unhandled(request, raised, logged=True)

    def unhandled(self, request: "PipelineRequest", error: Exception, logged: bool = False) -> "Response":
        from apiway.failures import generic_500_json, log_unhandled, raise_requested, traceback_response

        if self.propagate or raise_requested(request):
            raise error
        if not logged:
            log_unhandled(request, error)
        if self.debug:
            return traceback_response(error)
        return generic_500_json()

    def describe(self) -> "dict[str, Any]":
        app = getattr(self, "app", None)
        names = sorted(k.__name__ for k in app.exception_handlers) if app is not None else []
        return {
            "handlers": names,
            "debug_tracebacks": getattr(self, "debug", False),
            "propagate_exceptions": getattr(self, "propagate", False),
        }

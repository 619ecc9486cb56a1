"""The validation stage: typed routes get their validating call, and refused requests their 4xx.

In the chain only when some route needs it (see :func:`apiway.stages.validation_needed`), so
apps without typed routes never load it, nor the validation engine.
"""

import sys

from apiway.response import json_response
from apiway.stages import Stage, validation_needed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.response import Response


#: At most this many problems are listed in an answer (the engine stops collecting there too).
MAX_LISTED = 1000
#: Location parts (keys the client chose) are cut to this many characters in an answer.
MAX_KEY_SHOWN = 200


def _shown(loc: "Any") -> "list[Any]":
    """A location as the answer lists it: keys longer than ``MAX_KEY_SHOWN`` cut short (an
    answer stays small whatever keys a hostile body has)."""
    return [
        part[:MAX_KEY_SHOWN] + "..." if type(part) is str and len(part) > MAX_KEY_SHOWN else part
        for part in loc
    ]


class ValidationStage(Stage):
    """Sets up each route's call (``route.invoke``) and answers what validation refuses.

    ``setup`` compiles the plan of every route that validates (already compiled when it was
    registered) or that takes ``Depends(...)`` / ``Request`` without validation, and gives the
    router the call to make instead of the handler. Its ``error`` hook answers, as the
    Powertools REST event handler does:

    - ``RequestValidationError``: 422 ``{"statusCode": 422, "detail": [{"loc": [...], "type": ...}]}``,
      every problem listed;
    - ``RequestUnsupportedContentType``: 415, the same shape;
    - ``ResponseValidationError``: the route's ``custom_response_validation_http_code``, else the
      resolver's ``response_validation_error_http_code``, else 500 (logged);
    - ``DependencyResolutionError``: what the exception the dependency raised gets (its
      exception handler, a ``ServiceError``'s status), unless the app has a handler for
      ``DependencyResolutionError`` itself; otherwise it goes on, to a 500.

    An exception the app registered a handler for goes on to the exception stage, which calls it.
    """

    name = "validation"

    def __init__(self) -> None:
        #: How each route this stage set up is called, by ``id(route)``: "validated" or "injected".
        self.linked: dict[int, str] = {}

    def enabled(self, app: "BaseResolver") -> bool:
        return validation_needed(app)

    def setup(self, app: "BaseResolver") -> None:
        self.app = app
        for route in app.routes:
            self.route_added(route)

    def route_added(self, route: "Route") -> None:
        if id(route) in self.linked or route.invoke is not None:
            return  # perf: setup runs again after describe(); each route is set up once
        from apiway.validation.plan import route_call

        found = route_call(self.app, route)
        if found is not None:
            self.linked[id(route)], route.invoke = found
            route.chain = None

    def applies_to(self, route: "Route") -> bool:
        return id(route) in self.linked

    def error(self, request: "PipelineRequest", error: Exception) -> "Response":
        # A hook, not a handle: on resolve_async it runs inline, never in a worker thread.
        return self.answer(request, error)

    def answer(self, request: "PipelineRequest", error: Exception) -> "Response":
        """The answer to a validation error, or ``error`` raised on (to the exception stage)."""
        app = self.app
        # perf: these modules are loaded by whatever raised their errors; an error from
        # elsewhere never loads them here.
        depends = sys.modules.get("apiway.depends")
        if depends is not None and isinstance(error, depends.DependencyResolutionError):
            cause = error.__cause__
            if (
                isinstance(cause, Exception)
                and depends.DependencyResolutionError not in app.exception_handlers
                and self._answers(cause)
            ):
                error = cause  # handled as if the route had raised it, as Powertools does
            else:
                raise error
        kinds = sys.modules.get("apiway.openapi.exceptions")
        if (
            kinds is None
            or not isinstance(error, kinds.ValidationException)
            or app.exception_handler_for(type(error)) is not None
        ):
            raise error
        if isinstance(error, kinds.RequestValidationError):
            status = 422
        elif isinstance(error, kinds.RequestUnsupportedContentType):
            status = 415
        elif isinstance(error, kinds.ResponseValidationError):
            status = self.response_status(request)
            from apiway.failures import log_unhandled

            log_unhandled(request, error, "the response failed validation")
        else:
            raise error
        detail = [{"loc": _shown(item["loc"]), "type": item["type"]} for item in error.errors()[:MAX_LISTED]]
        return json_response(status, {"statusCode": status, "detail": detail})

    def _answers(self, error: Exception) -> bool:
        """Whether something answers ``error``: an exception handler, this stage, its status."""
        if self.app.exception_handler_for(type(error)) is not None:
            return True
        kinds = sys.modules.get("apiway.openapi.exceptions")
        if kinds is not None and isinstance(error, kinds.ValidationException):
            return not isinstance(error, kinds.SchemaValidationError)
        errors = sys.modules.get("apiway.exceptions")
        return errors is not None and isinstance(error, errors.ServiceError)

    def response_status(self, request: "PipelineRequest") -> int:
        """The status of a response that failed validation: the route's, the resolver's, or 500."""
        route = request.route
        options = route.options if route is not None else None
        code = options.get("custom_response_validation_http_code") if options else None
        return code or self.app.response_validation_error_http_code or 500

    def describe(self) -> "dict[str, Any]":
        app = getattr(self, "app", None)
        kinds = list(self.linked.values())
        return {
            "validated_routes": kinds.count("validated"),
            "injected_routes": kinds.count("injected"),
            "response_validation_error_http_code": (
                (app.response_validation_error_http_code or 500) if app is not None else 500
            ),
        }

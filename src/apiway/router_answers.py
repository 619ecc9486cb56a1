"""The router stage's own answers: 404, 405, the automatic ``OPTIONS`` and refused paths.

Loaded with the first request no route serves (:meth:`RouterStage.answer
<apiway.stages.router.RouterStage.answer>`), so that an app whose requests all find their
route never loads them.
"""

from apiway.registry import is_async
from apiway.response import Response, json_response, to_response

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.stages import CallNext


# Each runs through the global middlewares, as a route does, so that a middleware adding,
# say, security headers sees every answer the app gives. What a request needs them to know
# (the allowed methods, the refused path's error, a preflight answer) is in request.state.


def not_found_response(app: "BaseResolver", request: "PipelineRequest") -> "Response":
    """The user's ``not_found`` handler's answer, or the default 404."""
    if app.exception_handlers:
        from apiway.exceptions import NotFoundError

        handler = app.exception_handler_for(NotFoundError)
        if handler is not None:
            return handler_answer(handler(NotFoundError()), None)
    # A dict, so that a swapped serializer formats the 404 like every other JSON body.
    return json_response(404, {"statusCode": 404, "message": "Not found"})


def method_not_allowed_response(app: "BaseResolver", request: "PipelineRequest") -> "Response":
    """405 with ``Allow`` (also when the user's exception handler words the error)."""
    from apiway.exceptions import MethodNotAllowedError

    return error_response(app, MethodNotAllowedError(sorted(request.state["allowed"])))


def options_response(app: "BaseResolver", request: "PipelineRequest") -> "Response":
    """The CORS stage's preflight answer, or 204 with ``Allow``."""
    preflight: Response | None = request.state.get("preflight")
    if preflight is not None:
        return preflight
    from apiway.headers import allow_header

    return Response(204, headers={"Allow": allow_header(request.state["allowed"])}, body="")


def refused_path_response(app: "BaseResolver", request: "PipelineRequest") -> "Response":
    """414 for a path too long, 400 for dot segments."""
    return error_response(app, request.state["refused"])


def error_response(app: "BaseResolver", error: "Any") -> "Response":
    """What the exception stage answers for ``error``: the user's handler for its class, else
    its status as JSON. (An error the handler raises goes on to the exception stage.)"""
    from apiway.failures import service_error_response

    handler = app.exception_handler_for(type(error))
    if handler is None:
        return service_error_response(error)
    return handler_answer(handler(error), error)


def handler_answer(result: "Any", error: "Any") -> "Response":
    """What an exception handler gave, as a Response (the answer to a 405 keeps its
    ``Allow``); for an ``async def`` handler, an awaitable of one."""
    if hasattr(type(result), "__await__"):
        from apiway.aio.links import handler_answer as awaited_answer

        return awaited_answer(result, error)  # type: ignore[return-value]
    response = to_response(result)
    if error is None:
        return response
    from apiway.failures import keep_allow

    return keep_allow(response, error)


ANSWERS: "dict[str, Callable[[BaseResolver, PipelineRequest], Response]]" = {
    "not_found": not_found_response,
    "method_not_allowed": method_not_allowed_response,
    "options": options_response,
    "refused_path": refused_path_response,
}


def answer_chain(app: "BaseResolver", kind: str) -> "CallNext":
    """The router's own answer ``kind`` (a key of ``ANSWERS``), run through the global
    middlewares; with none, the answer itself (perf: no frames)."""
    answer = ANSWERS[kind]
    if any(map(is_async, app.middlewares)) or any(map(is_async, app.exception_handlers.values())):
        from apiway.aio.links import answer_chain as async_answer_chain

        return async_answer_chain(app, answer, kind)

    def call(request: "PipelineRequest") -> "Response":
        response = answer(app, request)
        if response.__class__ is not Response and hasattr(type(response), "__await__"):
            from apiway.aio import run_sync  # an async handler registered after the first answer

            response = run_sync(response, request)  # type: ignore[arg-type]
        return response

    if not app.middlewares:
        return call
    from apiway.middlewares.chain import compose

    return compose(app, app.middlewares, call, kind)

"""The router stage: the innermost stage, which matches the route and runs its chain.

It owns dispatch: a route's chain (its middlewares linked around the handler call, see
:mod:`apiway.middlewares.chain`; the call is ``route.invoke`` when a stage set one up) is
composed on the route's first request and cached on the route; the router's own answers
(404, 405, the automatic ``OPTIONS``, refused paths) are composed the same way, with the
global middlewares, and cached here.
"""

from apiway.registry import is_async
from apiway.response import JSON, Response, json_response, to_response
from apiway.routing import MAX_PATH_LENGTH, check_path
from apiway.stages import Stage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.stages import CallNext


class RouterStage(Stage):
    """Finds the route for the request and runs it through its middleware chain.

    A path longer than 8 KiB answers 414 and one with a ``.`` or ``..`` segment (or
    ``%2e%2e``) answers 400, before any matching; registered static paths never need the check.
    Unknown paths run the not-found handler; a known path with another method answers 405
    with ``Allow``; OPTIONS on a known path without an OPTIONS route answers 204 with
    ``Allow`` (or the CORS stage's preflight answer); HEAD is served by the GET route with an
    empty body. Every one of these answers, like a route's, runs through the global
    middlewares (``app.use``), and errors are answered by the user's exception handlers
    when they have one for them.
    """

    name = "router"

    def setup(self, app: "BaseResolver") -> None:
        self.app = app
        self.table = app.route_table
        self.static = self.table.static
        self.answers = self.table.answers

    def handle(self, request: "PipelineRequest", call_next: "CallNext") -> "Response":
        path = request.route_path
        method = request.method
        if request.path_decoded or "%" not in path:
            # perf: the static-path dictionary, inline: one lookup answers most requests.
            methods = self.static.get(path)
            if methods is None and len(path) > 2 and path[-1] == "/":
                methods = self.static.get(path[:-1])
            if methods is not None:
                route = methods.get(method)  # HEAD without its own route takes the slow path
                if route is not None:
                    request.route = route
                    return (route.chain or self.route_chain(route))(request)
            else:  # a known static path with another method is a case for match() (405, ...)
                if len(path) > MAX_PATH_LENGTH or "/." in path:
                    refused = self.refuse(request, path, True)  # 414 or 400 (dot segments)
                    if refused is not None:
                        return refused
                found = self.table.find(method, path, True)
                if found is not None:
                    route, request.route_args = found
                    if route is None:
                        return (self.answers.get("not_found") or self.answer("not_found"))(request)
                    request.route = route
                    return (route.chain or self.route_chain(route))(request)
        elif len(path) > MAX_PATH_LENGTH or "/." in path or "/%2" in path:
            refused = self.refuse(request, path, False)
            if refused is not None:
                return refused
        match = self.table.match(method, path, request.path_decoded)
        route = match.route
        if route is None:
            if not match.allowed:
                return (self.answers.get("not_found") or self.answer("not_found"))(request)
            request.state["allowed"] = match.allowed
            return self.answer("options" if method == "OPTIONS" else "method_not_allowed")(request)
        request.route = route
        request.route_args = match.args
        response = (route.chain or self.route_chain(route))(request)
        if method == "HEAD":
            if response.__class__ is not Response:  # resolve_async of an async route
                from apiway.aio.links import without_body

                return without_body(response)  # type: ignore[return-value]
            response.body = ""
            response.base64_encoded = False
        return response

    def route_chain(self, route: "Route") -> "CallNext":
        """The chain that runs ``route`` (global then route middlewares, then the handler),
        composed once and cached on the route (``app.use`` clears it)."""
        chain = route.chain = route_chain(self.app, route)
        return chain

    def answer(self, kind: str) -> "CallNext":
        """The router's own answer ``kind`` (a key of ``ANSWERS``) with the global middlewares,
        composed once and cached in the route table (``app.use`` clears it)."""
        chain = self.answers.get(kind)
        if chain is None:
            chain = self.answers[kind] = answer_chain(self.app, kind)
        return chain

    def refuse(self, request: "PipelineRequest", path: str, decoded: bool) -> "Response | None":
        """The answer to a path apiway does not route (414, 400), or None for a good path."""
        try:
            check_path(path, decoded)
        except Exception as error:  # noqa: BLE001 - a URITooLongError or a BadRequestError
            request.state["refused"] = error
            return self.answer("refused_path")(request)
        return None

    def describe(self) -> "dict[str, Any]":
        table = getattr(self, "table", None)
        return {"routes": 0 if table is None else len(table)}


new = object.__new__


def handler_call(route: "Route") -> "CallNext":
    """The innermost link of a route's chain: call the handler with the path arguments and
    turn what it returns into a :class:`Response`."""
    func, status_code = route.func, route.status_code
    if route.parsed.param_names or route.parsed.catch_all is not None:

        def call_with_args(request: "PipelineRequest") -> "Response":
            result = func(**request.route_args)  # type: ignore[arg-type]
            if type(result) is dict:
                return json_response(status_code, result)
            return to_response(result, status_code)

        return call_with_args

    def call(request: "PipelineRequest") -> "Response":
        result = func()
        if type(result) is dict:
            # perf: json_response(), inlined for the most common route of all.
            response = new(Response)
            response.status_code = status_code
            response.body = result
            response.headers = {"Content-Type": JSON}
            response.cookies = []
            return response
        return to_response(result, status_code)

    return call


def route_chain(app: "BaseResolver", route: "Route") -> "CallNext":
    """``route``'s handler call inside the global middlewares, then the route's own. The call
    is ``route.invoke`` when a stage set one up (validation), else :func:`handler_call`. With
    something async in it, :mod:`apiway.aio` composes it (perf: only then is it loaded)."""
    middlewares = (*app.middlewares, *route.middlewares)
    if is_async(route.func) or any(map(is_async, middlewares)):
        from apiway.aio.links import route_chain as async_route_chain

        return async_route_chain(app, route, middlewares)
    call = route.invoke or handler_call(route)
    if not middlewares:
        return call  # perf: no middleware means no frames
    from apiway.middlewares.chain import compose

    return compose(app, middlewares, call, route.name)


# -- the answers the router gives itself -----------------------------------------------------------
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

"""The router stage: the innermost stage, which matches the route and calls it."""

from apiway.response import JSON, Response, json_response, to_response
from apiway.routing import MAX_PATH_LENGTH, check_path
from apiway.stages import Stage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from apiway.registry import Route
    from apiway.request import Request
    from apiway.resolvers import BaseResolver
    from apiway.stages import CallNext


def allow_header(methods: "Iterable[str]") -> str:
    """The ``Allow`` value for a path: its methods, plus HEAD with GET, plus OPTIONS."""
    allowed = set(methods)
    if "GET" in allowed:
        allowed.add("HEAD")
    allowed.add("OPTIONS")
    return ", ".join(sorted(allowed))


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
        self.table = app._routes
        self.static = app._routes.static

    def handle(self, request: "Request", call_next: "CallNext") -> "Response":
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
                    return (route.chain or self.app._chain_for(route))(request)
            else:  # a known static path with another method is a case for match() (405, ...)
                if len(path) > MAX_PATH_LENGTH or "/." in path:
                    refused = self.refuse(request, path, True)  # 414 or 400 (dot segments)
                    if refused is not None:
                        return refused
                found = self.table.find(method, path, True)
                if type(found) is tuple:
                    request.route, request.route_args = found
                    route = found[0]
                    return (route.chain or self.app._chain_for(route))(request)
                if found is False:
                    return (self.app._not_found_chain or self.app._chain_for(None))(request)
        elif len(path) > MAX_PATH_LENGTH or "/." in path or "/%2" in path:
            refused = self.refuse(request, path, False)
            if refused is not None:
                return refused
        match = self.table.match(method, path, request.path_decoded)
        route = match.route
        if route is None:
            if not match.allowed:
                return (self.app._not_found_chain or self.app._chain_for(None))(request)
            request.state["allowed"] = match.allowed
            return self.app._answer_chain("options" if method == "OPTIONS" else "method_not_allowed")(request)
        request.route = route
        request.route_args = match.args
        response = (route.chain or self.app._chain_for(route))(request)
        if method == "HEAD":
            response.body = ""
            response.base64_encoded = False
        return response

    def refuse(self, request: "Request", path: str, decoded: bool) -> "Response | None":
        """The answer to a path apiway does not route (414, 400), or None for a good path."""
        try:
            check_path(path, decoded)
        except Exception as error:  # noqa: BLE001 - a URITooLongError or a BadRequestError
            request.state["refused"] = error
            return self.app._answer_chain("refused_path")(request)
        return None

    def describe(self) -> "dict[str, Any]":
        table = getattr(self, "table", None)
        return {"routes": 0 if table is None else len(table)}


new = object.__new__


def route_runner(app: "BaseResolver", route: "Route | None") -> "Callable[[Request], Response]":
    """The callable that runs ``route`` (or the not-found handler) with its middlewares."""
    if route is None:
        return answer_runner(app, "not_found")
    middlewares = [*app._middlewares, *route.middlewares]
    func, status_code = route.func, route.status_code
    if not middlewares:
        # perf: no middleware means no frames; call the handler directly, and build the
        # JSON response of a dict result here.
        if route.parsed.param_names or route.parsed.catch_all is not None:

            def direct(request: "Request") -> "Response":
                result = func(**request.route_args)  # type: ignore[arg-type]
                if type(result) is dict:
                    return json_response(status_code, result)
                return to_response(result, status_code)

        else:

            def direct(request: "Request") -> "Response":
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

        return direct

    def innermost(app_: "Any", **kwargs: "Any") -> "Response":
        return to_response(func(**(app.request.route_args or {})), status_code)

    innermost.__name__ = route.name
    return with_middlewares(app, middlewares, innermost)


def with_middlewares(
    app: "BaseResolver", middlewares: "list[Callable[..., Any]]", innermost: "Callable[..., Response]"
) -> "Callable[[Request], Response]":
    """``innermost`` (called as ``innermost(app)``) nested in ``middlewares``, first outermost."""
    from apiway.middlewares.chain import compose

    chain = compose(middlewares, innermost)

    def run(request: "Request") -> "Response":
        return chain(app)

    return run


# -- the answers the router gives itself -----------------------------------------------------------
# Each runs through the global middlewares, as a route does, so that a middleware adding,
# say, security headers sees every answer the app gives. What a request needs them to know
# (the allowed methods, the refused path's error, a preflight answer) is in request.state.


def not_found_response(app: "BaseResolver", request: "Request | None" = None) -> "Response":
    """The user's ``not_found`` handler's answer, or the default 404."""
    if app._exception_handlers:
        from apiway.exceptions import NotFoundError

        handler = app._find_exception_handler(NotFoundError)
        if handler is not None:
            return to_response(handler(NotFoundError()))
    # A dict, so that a swapped serializer formats the 404 like every other JSON body.
    return json_response(404, {"statusCode": 404, "message": "Not found"})


def method_not_allowed_response(app: "BaseResolver", request: "Request") -> "Response":
    """405 with ``Allow`` (also when the user's exception handler words the error)."""
    from apiway.exceptions import MethodNotAllowedError

    return error_response(app, MethodNotAllowedError(sorted(request.state["allowed"])))


def options_response(app: "BaseResolver", request: "Request") -> "Response":
    """The CORS stage's preflight answer, or 204 with ``Allow``."""
    preflight: Response | None = request.state.get("preflight")
    if preflight is not None:
        return preflight
    return Response(204, headers={"Allow": allow_header(request.state["allowed"])}, body="")


def refused_path_response(app: "BaseResolver", request: "Request") -> "Response":
    """414 for a path too long, 400 for dot segments."""
    return error_response(app, request.state["refused"])


def error_response(app: "BaseResolver", error: "Any") -> "Response":
    """What the exception stage answers for ``error``: the user's handler for its class, else
    its status as JSON. (An error the handler raises goes on to the exception stage.)"""
    from apiway.stages.exceptions import keep_allow, service_error_response

    handler = app._find_exception_handler(type(error))
    if handler is None:
        return service_error_response(error)
    return keep_allow(to_response(handler(error)), error)


ANSWERS: "dict[str, Callable[[BaseResolver, Request], Response]]" = {
    "not_found": not_found_response,
    "method_not_allowed": method_not_allowed_response,
    "options": options_response,
    "refused_path": refused_path_response,
}


def answer_runner(app: "BaseResolver", kind: str) -> "Callable[[Request], Response]":
    """The router's own answer ``kind`` (a key of ``ANSWERS``), run through the global
    middlewares; with none, the answer itself (perf: no frames)."""
    answer = ANSWERS[kind]
    if not app._middlewares:
        return lambda request: answer(app, request)

    def innermost(app_: "Any", **kwargs: "Any") -> "Response":
        return answer(app, app.request)

    innermost.__name__ = kind
    return with_middlewares(app, list(app._middlewares), innermost)

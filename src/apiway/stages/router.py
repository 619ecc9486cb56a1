"""The router stage: the innermost stage, which matches the route and runs its chain.

It owns dispatch: a route's chain (its middlewares linked around the handler call, see
:mod:`apiway.middlewares.chain`; the call is ``route.invoke`` when a stage set one up) is
composed on the route's first request and cached on the route; the router's own answers
(404, 405, the automatic ``OPTIONS``, refused paths; :mod:`apiway.router_answers`, loaded by
the first of them) are composed the same way, with the global middlewares, and cached in the
route table.
"""

from apiway.registry import is_async
from apiway.response import JSON, Response, json_response, to_response
from apiway.routing import MAX_PATH_LENGTH, check_path
from apiway.stages import Stage

TYPE_CHECKING = False
if TYPE_CHECKING:
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
        """The router's own answer ``kind`` (a key of ``apiway.router_answers.ANSWERS``) with the
        global middlewares, composed once and cached in the route table (``app.use`` clears it)."""
        chain = self.answers.get(kind)
        if chain is None:
            # perf: the answers load with the first request no route serves
            from apiway.router_answers import answer_chain

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

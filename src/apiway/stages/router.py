"""The router stage: the innermost stage, which matches the route and calls it."""

from __future__ import annotations

from apiway.exceptions import MethodNotAllowedError, NotFoundError
from apiway.pipeline.stage import Stage
from apiway.response import Response, json_response, to_response

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from apiway.pipeline.stage import CallNext
    from apiway.request import Request
    from apiway.resolver import BaseResolver
    from apiway.route import Route


def allow_header(methods: Iterable[str]) -> str:
    """The ``Allow`` value for a path: its methods, plus HEAD with GET, plus OPTIONS."""
    allowed = set(methods)
    if "GET" in allowed:
        allowed.add("HEAD")
    allowed.add("OPTIONS")
    return ", ".join(sorted(allowed))


class RouterStage(Stage):
    """Finds the route for the request and runs it through its middleware chain.

    Unknown paths run the not-found handler (through the global middlewares, like a route);
    a known path with another method answers 405 with ``Allow``; OPTIONS on a known path
    without an OPTIONS route answers 204 with ``Allow``; HEAD is served by the GET route
    with an empty body.
    """

    name = "router"

    def setup(self, app: BaseResolver) -> None:
        self.app = app
        self.table = app._routes

    def handle(self, request: Request, call_next: CallNext) -> Response:
        match = self.table.match(request.method, request.route_path, request.path_decoded)
        route = match.route
        if route is None:
            if not match.allowed:
                return self.app._chain_for(None)(request)
            if request.method == "OPTIONS":
                return Response(204, headers={"Allow": allow_header(match.allowed)}, body="")
            raise MethodNotAllowedError(sorted(match.allowed))
        request.route = route
        request.route_args = match.args or {}
        response = (route.chain or self.app._chain_for(route))(request)
        if request.method == "HEAD":
            response.body = ""
            response.base64_encoded = False
        return response

    def describe(self) -> dict[str, Any]:
        table = getattr(self, "table", None)
        return {"routes": 0 if table is None else len(table)}


def route_runner(app: BaseResolver, route: Route | None) -> Callable[[Request], Response]:
    """The callable that runs ``route`` (or the not-found handler) with its middlewares."""
    middlewares = app._middlewares + (route.middlewares if route is not None else [])
    if route is None:

        def innermost(app_: Any, **kwargs: Any) -> Response:
            return not_found_response(app)
    else:
        func, status_code = route.func, route.status_code

        def innermost(app_: Any, **kwargs: Any) -> Response:
            return to_response(func(**app.request.route_args), status_code)

        if not middlewares:
            # perf: no middleware means no frames; call the handler directly.
            def direct(request: Request) -> Response:
                return to_response(func(**request.route_args), status_code)

            return direct

    innermost.__name__ = route.name if route is not None else "not_found"
    from apiway.middlewares.chain import compose

    chain = compose(middlewares, innermost)

    def run(request: Request) -> Response:
        return chain(app)

    return run


def not_found_response(app: BaseResolver) -> Response:
    """The user's ``not_found`` handler's answer, or the default 404."""
    handler = app._find_exception_handler(NotFoundError)
    if handler is not None:
        return to_response(handler(NotFoundError()))
    return json_response(404, {"statusCode": 404, "message": "Not found"})

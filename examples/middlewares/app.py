"""Middlewares: ``fn(app, next_middleware) -> Response`` around handlers, as in Powertools.

``app.use(middlewares=[...])`` adds global middlewares; ``middlewares=[...]`` on a route adds
middlewares to that route only, inside the global ones; ``BaseMiddlewareHandler`` is the
class-based form. A middleware runs once the router has chosen what answers the request: a
route, or one of the router's own answers (the 404 of an unknown path, the 405 of a wrong
method, the automatic ``OPTIONS`` and ``HEAD`` answers, CORS preflights), so the
correlation id below is on those responses too.

An exception raised inside (by a handler or a middleware, like the 401 of ``RequireApiKey``)
travels out through the middlewares to the exception handlers, which answer it outside
them, as in Powertools: that answer has no correlation id. Headers every response must carry,
errors included, belong in a stage (see the custom_stage example); a middleware suits what
is about the request being served: reading or checking it, and sharing what it found with
the handler through ``app.context``.

Try it: python -m apiway serve examples/middlewares/app.py
        curl -s -i localhost:3000/todos -H 'X-Correlation-Id: abc-123'
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, CORSConfig, Response
from apiway.exceptions import UnauthorizedError
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware
from apiway.types import LambdaContext

app = APIGatewayRestResolver(cors=CORSConfig(allow_origin="https://todos.example.com"))


def correlation_id(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response:
    """Takes the caller's correlation id (or the API Gateway request id), shares it with the
    handler through ``app.context`` and echoes it on the response."""
    event = app.current_event
    found = event.headers.get("x-correlation-id") or event.request_context.request_id or "unknown"
    app.append_context(correlation_id=found)
    response = next_middleware(app)
    response.headers["X-Correlation-Id"] = found
    return response


class RequireApiKey(BaseMiddlewareHandler):
    """Refuses requests without the right ``X-Api-Key`` (a stand-in for real authentication)."""

    def __init__(self, key: str):
        self.key = key

    def handler(self, app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response:
        if app.current_event.headers.get("x-api-key") != self.key:
            raise UnauthorizedError("Missing or wrong API key")
        return next_middleware(app)


app.use(middlewares=[correlation_id])

TODOS = [{"id": 1, "title": "write the docs", "completed": False}]


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": TODOS, "correlation_id": app.context["correlation_id"]}


@app.post("/todos", middlewares=[RequireApiKey("let-me-in")])
def create_todo() -> tuple[dict, int]:
    return {"id": 2, **app.current_event.json_body}, 201


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

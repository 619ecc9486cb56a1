"""Middlewares: ``fn(app, next_middleware) -> Response`` around handlers, as in Powertools.

``app.use(middlewares=[...])`` adds global middlewares. They run around every answer the
app gives, not only its routes': the 404 of an unknown path, the 405 of a wrong method,
the automatic ``OPTIONS`` and ``HEAD`` answers and CORS preflights. So the security headers
below are on those responses too. ``middlewares=[...]`` on a route adds middlewares to
that route only, inside the global ones; ``BaseMiddlewareHandler`` is the class-based form.

An exception raised inside (by a handler or a middleware, like the 401 of ``RequireApiKey``)
travels out through the middlewares to the exception handlers, which answer it outside
them, as in Powertools: that answer has no security headers. Headers every response must
carry, errors included, belong in a stage (see the custom_stage example).

Try it: python -m apiway serve examples/middlewares/app.py
        curl -s -i -X DELETE localhost:3000/todos       # 405, with the security headers
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, CORSConfig, Response
from apiway.exceptions import UnauthorizedError
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware
from apiway.types import LambdaContext

app = APIGatewayRestResolver(cors=CORSConfig(allow_origin="https://todos.example.com"))

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def security_headers(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response:
    response = next_middleware(app)
    response.headers.update(SECURITY_HEADERS)
    return response


class RequireApiKey(BaseMiddlewareHandler):
    """Refuses requests without the right ``X-Api-Key`` (a stand-in for real authentication)."""

    def __init__(self, key: str):
        self.key = key

    def handler(self, app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response:
        if app.current_event.headers.get("x-api-key") != self.key:
            raise UnauthorizedError("Missing or wrong API key")
        return next_middleware(app)


app.use(middlewares=[security_headers])

TODOS = [{"id": 1, "title": "write the docs", "completed": False}]


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": TODOS}


@app.post("/todos", middlewares=[RequireApiKey("let-me-in")])
def create_todo() -> tuple[dict, int]:
    return {"id": 2, **app.current_event.json_body}, 201


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

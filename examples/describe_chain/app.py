"""Listing and describing the chain: ``app.pipeline.names()`` and ``app.describe()``.

``app.pipeline.names()`` lists the stages outermost first; once the chain is built (on the
first request, or ``app.build()``) it lists only the stages in the live chain, and
``app.pipeline.left_out`` names those that had nothing to do for this app (no CORS
anywhere, no prefixes, debug off, ...). ``app.describe()`` prints the chain with each
stage's configuration and the routes; ``app.describe("GET /todos")`` prints the stages and
middlewares one route runs through.

Try it: python examples/describe_chain/app.py        # prints app.describe()
        python -m apiway serve examples/describe_chain/app.py ; curl -s localhost:3000/chain
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, CORSConfig
from apiway.types import LambdaContext

app = APIGatewayRestResolver(cors=CORSConfig(allow_origin="https://todos.example.com"))


def audit(app, next_middleware):
    """A Powertools-style middleware: it runs inside the router stage, around the route."""
    return next_middleware(app)


@app.get("/todos", compress=True, cache_control="max-age=60", middlewares=[audit])
def list_todos() -> dict:
    return {"todos": []}


@app.get("/chain", cors=False)
def chain() -> dict:
    return {
        "chain": app.pipeline.names(),
        "left_out": app.pipeline.left_out,
        "GET /todos": app.describe("GET /todos").splitlines(),
    }


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)


if __name__ == "__main__":
    app.build()
    print(app.describe())

"""Inserting a custom stage: a correlation id for every request, on every response.

A stage is a class with a ``name`` and ``handle(request, call_next)``: it may look at the
request, calls ``call_next(request)`` for the response of the stages inside it, and may
change that response. Insert it with ``app.pipeline.insert_before(name, stage)`` or
``insert_after(name, stage)``, right after creating the resolver (the chain is built once,
before the first request, and cannot change after that).

This one sits outside the ``exceptions`` stage, so error responses carry the header too.
Handlers read the id from ``app.context``.

Try it: python -m apiway serve examples/custom_stage/app.py
        curl -s -i localhost:3000/todos -H 'X-Correlation-Id: abc-123'
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, Request, Response, Stage
from apiway.types import LambdaContext


class CorrelationIdStage(Stage):
    """Takes the caller's correlation id, or the API Gateway request id when there is none."""

    name = "correlation_id"

    def __init__(self, header: str = "X-Correlation-Id"):
        self.header = header

    def handle(self, request: Request, call_next) -> Response:
        context = request.raw_event.get("requestContext") or {}
        correlation_id = request.header(self.header.lower()) or context.get("requestId") or "unknown"
        request.context["correlation_id"] = correlation_id  # what app.context shows handlers
        response = call_next(request)
        response.headers[self.header] = correlation_id
        return response

    def describe(self) -> dict:
        return {"header": self.header}  # shown by app.describe()


app = APIGatewayRestResolver()
app.pipeline.insert_after("binary", CorrelationIdStage())


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": [], "correlation_id": app.context["correlation_id"]}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)


if __name__ == "__main__":
    print(app.describe())

"""Inserting a custom stage: security headers on every response the app gives.

A stage is a class with a ``name`` and ``handle(request, call_next)``: it may look at the
request, calls ``call_next(request)`` for the response of the stages inside it, and may
change that response. Insert it with ``app.pipeline.insert_before(name, stage)`` or
``insert_after(name, stage)``, right after creating the resolver (the chain is built once,
before the first request, and cannot change after that).

Why a stage and not a middleware: a stage is app-wide and sees every answer, the 404 of an
unknown path, the 405 of a wrong method, CORS preflights, and the answers the exception
stage makes of errors a handler raised. Middlewares (see the middlewares example) run once
the router has chosen what answers, and an error raised inside them is answered outside
them. Headers every response must carry belong here.

Try it: python -m apiway serve examples/custom_stage/app.py
        curl -s -i localhost:3000/todos/42        # a handler's 404, with the headers
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, PipelineRequest, Response, Stage
from apiway.exceptions import NotFoundError
from apiway.types import LambdaContext


class SecurityHeadersStage(Stage):
    """Adds the security headers to every response, unless the handler set its own."""

    name = "security_headers"

    def __init__(self, headers: dict[str, str]):
        self.headers = dict(headers)

    def handle(self, request: PipelineRequest, call_next) -> Response:
        response = call_next(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response

    def describe(self) -> dict:
        return {"headers": sorted(self.headers)}  # shown by app.describe()


app = APIGatewayRestResolver()
# Outside the exception stage, so the answers it makes of errors get the headers too.
app.pipeline.insert_after(
    "binary",
    SecurityHeadersStage(
        {
            "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
        }
    ),
)

TODOS = {1: {"id": 1, "title": "write the docs", "completed": False}}


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": list(TODOS.values())}


@app.get("/todos/<todo_id>")
def get_todo(todo_id: str) -> dict:
    todo = TODOS.get(int(todo_id)) if todo_id.isdigit() else None
    if todo is None:
        raise NotFoundError(f"no todo {todo_id}")
    return todo


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)


if __name__ == "__main__":
    print(app.describe())

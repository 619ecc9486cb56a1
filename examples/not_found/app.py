"""Handling not found routes: ``@app.not_found`` answers paths no route matches.

Without it, unknown paths answer ``404 {"statusCode":404,"message":"Not found"}``. The
handler receives the ``NotFoundError`` and returns a ``Response`` (or a dict, a tuple...).
A path that exists but lacks the method answers 405, not this handler.

Try it: python -m apiway serve examples/not_found/app.py
        curl -s -i localhost:3000/todo
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, Response, content_types
from apiway.exceptions import NotFoundError
from apiway.types import LambdaContext

app = APIGatewayRestResolver()


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": []}


@app.not_found
def handle_not_found(error: NotFoundError) -> Response:
    path = app.current_event.path
    return Response(
        status_code=404,
        content_type=content_types.APPLICATION_JSON,
        body={"message": f"nothing at {path}", "try": "/todos"},
        headers={"X-Not-Found": "true"},
    )


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""API Gateway HTTP API: ``APIGatewayHttpResolver`` routes payload 2.0 events.

HTTP APIs send ``rawPath`` and ``requestContext.http.method`` and take ``headers`` plus a
``cookies`` list back. On a named stage (not ``$default``) the path starts with the stage
name; apiway removes it before routing, so ``/v1/todos`` reaches ``/todos``. Cookies set
by a response travel in the ``cookies`` list.
(An HTTP API on payload format 1.0 sends REST-shaped events: use APIGatewayRestResolver.)

Try it: python -m apiway serve examples/http_api_resolver/app.py
        curl -s localhost:3000/todos
"""

from __future__ import annotations

from apiway import APIGatewayHttpResolver, Response
from apiway.cookies import Cookie
from apiway.types import LambdaContext

app = APIGatewayHttpResolver()

TODOS = [
    {"id": 1, "title": "write the docs", "completed": True},
    {"id": 2, "title": "test every example", "completed": False},
]


@app.get("/todos")
def get_todos() -> dict:
    event = app.current_event
    return {"todos": TODOS, "raw_path": event.raw_path, "stage": event.request_context.stage}


@app.post("/session")
def login() -> Response:
    # Cookies go into the response's "cookies" list, not into a Set-Cookie header.
    return Response(204, cookies=[Cookie("session", "s-42", http_only=True), Cookie("theme", "dark")])


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

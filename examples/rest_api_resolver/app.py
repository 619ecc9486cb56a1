"""API Gateway REST API: ``APIGatewayRestResolver`` routes payload 1.0 events.

The resolver reads ``httpMethod`` and ``path`` from the event, calls the matching function
and turns its return value into a proxy response. A dict becomes compact JSON with
``Content-Type: application/json``; REST APIs get their headers back as
``multiValueHeaders``. ``app.current_event`` is the typed event of the request.

Try it: python -m apiway serve examples/rest_api_resolver/app.py
        curl -s localhost:3000/todos
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

TODOS = [
    {"id": 1, "title": "write the docs", "completed": True},
    {"id": 2, "title": "test every example", "completed": False},
]


@app.get("/todos")
def get_todos() -> dict:
    event = app.current_event
    return {"todos": TODOS, "stage": event.request_context.stage}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

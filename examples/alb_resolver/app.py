"""Application Load Balancer: ``ALBResolver`` routes ALB target group events.

ALB answers need a ``statusDescription``, which apiway always adds. A target group with
multi-value headers turned on sends ``multiValueHeaders`` and
``multiValueQueryStringParameters`` and must get ``multiValueHeaders`` back; otherwise
one value per name travels each way. apiway answers in whichever mode the request used.
ALB forwards the query string still percent-encoded; apiway decodes it once
(``ALBResolver(decode_query_parameters=False)`` keeps it raw).

Try it: python -m apiway serve examples/alb_resolver/app.py
        curl -s 'localhost:3000/todos?title=write%20the'
"""

from __future__ import annotations

from apiway import ALBResolver
from apiway.types import LambdaContext

app = ALBResolver()

TODOS = [
    {"id": 1, "title": "write the docs", "completed": True},
    {"id": 2, "title": "test every example", "completed": False},
]


@app.get("/todos")
def get_todos() -> dict:
    title = app.current_event.get_query_string_value("title", "")
    return {"todos": [todo for todo in TODOS if title in todo["title"]]}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

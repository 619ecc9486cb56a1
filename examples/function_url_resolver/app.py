"""Lambda Function URL: ``LambdaFunctionUrlResolver`` routes Function URL events.

Function URLs send payload 2.0 events (like HTTP APIs, without stages) and take the same
response shape back: ``headers`` plus a ``cookies`` list.

Try it: python -m apiway serve examples/function_url_resolver/app.py
        curl -s localhost:3000/todos
"""

from __future__ import annotations

from apiway import LambdaFunctionUrlResolver
from apiway.types import LambdaContext

app = LambdaFunctionUrlResolver()

TODOS = [
    {"id": 1, "title": "write the docs", "completed": True},
    {"id": 2, "title": "test every example", "completed": False},
]


@app.get("/todos")
def get_todos() -> dict:
    return {"todos": TODOS, "domain": app.current_event.request_context.domain_name}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""Headers: ``app.current_event.headers`` looks names up in any case;
``get_header_value(name, default_value)`` reads one header with a default.

Try it: python -m apiway serve examples/headers/app.py
        curl -s localhost:3000/todos -H 'X-Api-Key: secret-key' -H 'Accept-Language: pt-BR'
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
from apiway.exceptions import UnauthorizedError
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

API_KEYS = {"secret-key": "ana"}  # a real service would look keys up in a secret store


@app.get("/todos")
def list_todos() -> dict:
    event = app.current_event
    api_key = event.get_header_value("x-api-key")
    if api_key not in API_KEYS:
        raise UnauthorizedError("missing or unknown X-Api-Key")
    language = event.get_header_value("Accept-Language", default_value="en")
    return {
        "user": API_KEYS[api_key],
        "language": language,
        "user_agent": event.headers.get("USER-AGENT"),  # any case finds it
        "todos": [],
    }


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

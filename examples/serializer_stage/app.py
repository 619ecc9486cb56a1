"""Swapping the JSON serializer stage: ``app.pipeline.replace("serialization", stage)``.

``serializer=`` (see custom_serializer) swaps only the function that turns a value into
text. Replacing the stage lets serialization depend on the request: this one writes compact
JSON, or indented JSON when the query string has ``?pretty``. It serializes every JSON
body, apiway's error bodies included, and leaves text and bytes bodies alone.

Try it: python -m apiway serve examples/serializer_stage/app.py
        curl -s 'localhost:3000/todos?pretty'
"""

from __future__ import annotations

import json

from apiway import APIGatewayRestResolver, PipelineRequest, Response, Stage
from apiway.types import LambdaContext


class NegotiatedJsonStage(Stage):
    """Compact JSON by default; indented JSON, non-ASCII kept readable, for ``?pretty``."""

    def handle(self, request: PipelineRequest, call_next) -> Response:
        response = call_next(request)
        body = response.body
        if not response.is_json() or isinstance(body, (str, bytes)):
            return response
        if body is None:
            response.body = ""
        elif "pretty" in request.event.query_string_parameters:
            response.body = json.dumps(body, indent=2, ensure_ascii=False, default=str) + "\n"
        else:
            response.body = json.dumps(body, separators=(",", ":"), default=str)
        return response

    def describe(self) -> dict:
        return {"formats": ["compact", "indented with ?pretty"]}


app = APIGatewayRestResolver()
app.pipeline.replace("serialization", NegotiatedJsonStage())  # it takes the name "serialization"


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": [{"id": 1, "title": "café with the team", "completed": False}]}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

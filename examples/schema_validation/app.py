"""Schema validation: ``SchemaValidationMiddleware`` checks a route's JSON body, and optionally
its response body, against JSON Schemas.

A body that does not match answers 400 with the validation message, before the route runs.
A response that does not match answers 500 (its content is not shown; the log says what
failed): here the ``outbound_schema`` forbids any field but ``id``, ``title`` and ``owner``,
so a route that leaks more never gets it out. Each schema is compiled once, when the
middleware is created; a schema that is itself invalid raises ``InvalidSchemaFormatError``
then. Custom formats are a regular expression or a function of the value.

Needs the ``jsonschema`` extra: pip install 'apiway[jsonschema]'

Try it: python -m apiway serve examples/schema_validation/app.py
        curl -s localhost:3000/todos -d '{"title": "write docs", "owner": "u-1234"}'
        curl -s localhost:3000/todos -d '{"title": ""}'
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
from apiway.middlewares.schema_validation import SchemaValidationMiddleware
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

NEW_TODO = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["title", "owner"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 100},
        "owner": {"type": "string", "format": "user-id"},
        "done": {"type": "boolean", "default": False},
    },
}
TODO = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["id", "title"],
    "additionalProperties": False,
    "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "owner": {"type": "string"}},
}
FORMATS = {"user-id": r"^u-[0-9]{4}$"}

validate_todo = SchemaValidationMiddleware(
    inbound_schema=NEW_TODO, inbound_formats=FORMATS, outbound_schema=TODO
)
USERS = {"u-1234": {"name": "Ana", "password_hash": "$2b$12$abcdefghijklmnopqrstuv"}}


@app.post("/todos", middlewares=[validate_todo])
def create_todo() -> tuple[dict, int]:
    todo = app.current_event.json_body  # validated, with the schema's defaults filled in
    return {"id": 1, "title": todo["title"], "owner": todo["owner"]}, 201


@app.post("/todos/with-owner", middlewares=[validate_todo])
def create_todo_with_owner() -> tuple[dict, int]:
    todo = app.current_event.json_body
    # A bug: the owner's whole record goes out with the todo. The outbound schema stops it.
    return {"id": 2, "title": todo["title"], "owner": todo["owner"], **USERS[todo["owner"]]}, 201


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

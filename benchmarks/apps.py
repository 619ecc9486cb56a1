"""The same apps written for apiway and for the Powertools REST event handler.

apiway keeps the Powertools API, so one builder serves both: it is handed the framework's
resolver classes and registers identical routes with identical handlers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ALLOWED_ORIGIN = "https://aws.amazon.com"
HELLO = {"message": "hello"}
NOT_FOUND = {"statusCode": 404, "message": "Not found"}


def big_payload(size: int = 10 * 1024) -> dict[str, Any]:
    """A JSON document of at least ``size`` bytes (compact): a list of todo items."""
    import json

    todos: list[dict[str, Any]] = []
    document = {"todos": todos}
    while len(json.dumps(document, separators=(",", ":"))) < size:
        index = len(todos)
        todos.append(
            {
                "id": f"{index:08x}",
                "title": f"todo item number {index}",
                "completed": index % 3 == 0,
                "priority": index % 5,
                "tags": ["home", "work", "errands"][: 1 + index % 3],
            }
        )
    return document


@dataclass(frozen=True)
class Framework:
    """One framework's resolver classes, under the name shown in the tables."""

    name: str
    version: str
    rest: Callable[..., Any]
    http: Callable[..., Any]
    alb: Callable[..., Any]
    lattice: Callable[..., Any]
    lattice_v2: Callable[..., Any]
    cors_config: Callable[..., Any]
    #: The module holding the framework's ``SchemaValidationMiddleware``, imported only by the
    #: schema validation scenario (it needs fastjsonschema).
    schema_validation: str


def load_apiway() -> Framework:
    import apiway

    return Framework(
        "apiway",
        apiway.__version__,
        apiway.APIGatewayRestResolver,
        apiway.APIGatewayHttpResolver,
        apiway.ALBResolver,
        apiway.VPCLatticeResolver,
        apiway.VPCLatticeV2Resolver,
        apiway.CORSConfig,
        "apiway.middlewares.schema_validation",
    )


def load_powertools() -> Framework | None:
    """The Powertools event handler, or None when the ``bench`` extra is not installed."""
    try:
        from importlib.metadata import version

        from aws_lambda_powertools.event_handler import (
            ALBResolver,
            APIGatewayHttpResolver,
            APIGatewayRestResolver,
            CORSConfig,
            VPCLatticeResolver,
            VPCLatticeV2Resolver,
        )
    except ImportError:
        return None
    return Framework(
        "Powertools",
        version("aws-lambda-powertools"),
        APIGatewayRestResolver,
        APIGatewayHttpResolver,
        ALBResolver,
        VPCLatticeResolver,
        VPCLatticeV2Resolver,
        CORSConfig,
        "aws_lambda_powertools.event_handler.middlewares.schema_validation",
    )


def rest_app(framework: Framework, big: dict[str, Any]) -> Any:
    """The REST API of the warm scenarios: static, dynamic, POST with JSON, a gzip route."""
    app = framework.rest()

    @app.get("/hello")
    def hello() -> dict[str, Any]:
        return {"message": "hello"}

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        return {"id": todo_id}

    @app.post("/todos")
    def create_todo() -> tuple[dict[str, Any], int]:
        todo = app.current_event.json_body
        return {"id": "1", **todo}, 201

    @app.get("/big", compress=True)
    def big_list() -> dict[str, Any]:
        return big

    return app


#: A draft-07 schema of the POST scenario's body (``benchmarks/data/rest_post_json.json``).
TODO_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["title", "completed"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "completed": {"type": "boolean"},
        "priority": {"type": "integer", "minimum": 1, "maximum": 5},
        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
    },
}


def schema_app(framework: Framework) -> Any:
    """The POST route of ``rest_app`` behind the framework's own ``SchemaValidationMiddleware``."""
    from importlib import import_module

    middleware = import_module(framework.schema_validation).SchemaValidationMiddleware(TODO_SCHEMA)
    app = framework.rest()

    @app.post("/todos", middlewares=[middleware])
    def create_todo() -> tuple[dict[str, Any], int]:
        todo = app.current_event.json_body
        return {"id": "1", **todo}, 201

    return app


def cors_app(framework: Framework) -> Any:
    """A REST API with one allowed origin (the AWS sample event's ``Origin``)."""
    app = framework.rest(cors=framework.cors_config(allow_origin=ALLOWED_ORIGIN))

    @app.get("/my/path")
    def my_path() -> dict[str, Any]:
        return {"message": "hello"}

    return app


def hello_app(resolver: Callable[..., Any]) -> Any:
    """One static route, for the HTTP API, ALB and VPC Lattice scenarios."""
    app = resolver()

    @app.get("/hello")
    def hello() -> dict[str, Any]:
        return {"message": "hello"}

    return app


def static_rule(index: int) -> str:
    return f"/api/v1/resource{index}"


def dynamic_rule(index: int) -> str:
    return f"/api/v1/resource{index}/<item_id>"


def many_routes_app(framework: Framework, count: int, dynamic: bool) -> Any:
    """An app with ``count`` GET routes, all static or all with one path parameter."""
    app = framework.rest()
    if dynamic:

        def get_item(item_id: str) -> dict[str, Any]:
            return {"id": item_id}

        for index in range(count):
            app.get(dynamic_rule(index))(get_item)
    else:

        def get_resource() -> dict[str, Any]:
            return {"message": "hello"}

        for index in range(count):
            app.get(static_rule(index))(get_resource)
    return app

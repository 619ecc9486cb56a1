"""The demo app the local tests serve, built for any of the event sources."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path
from typing import Any

from apiway import (
    ALBResolver,
    APIGatewayHttpResolver,
    APIGatewayRestResolver,
    Cookie,
    LambdaFunctionUrlResolver,
    Response,
    VPCLatticeResolver,
    VPCLatticeV2Resolver,
)
from apiway.exceptions import BadRequestError, NotFoundError
from apiway.resolvers import BaseResolver

RESOLVERS: dict[str, type[BaseResolver]] = {
    "rest": APIGatewayRestResolver,
    "http": APIGatewayHttpResolver,
    "alb": ALBResolver,
    "alb-multi": ALBResolver,
    "function-url": LambdaFunctionUrlResolver,
    "lattice": VPCLatticeResolver,
    "lattice-v2": VPCLatticeV2Resolver,
}
SOURCES = tuple(RESOLVERS)
#: Sources whose answers carry one value per header, so one ``Set-Cookie``.
ONE_COOKIE = ("alb", "lattice", "lattice-v2")
#: Sources whose events keep only the last value of a repeated query parameter.
LAST_QUERY_VALUE = ("alb", "lattice")


def base64_field(source: str) -> str:
    """The event field that says the body is base64 (snake_case in VPC Lattice version 1)."""
    return "is_base64_encoded" if source == "lattice" else "isBase64Encoded"


#: ``tests/fixtures/events``: the real AWS sample events.
EVENTS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "events"
BIG = {"items": [{"id": i, "name": f"item number {i}", "done": i % 2 == 0} for i in range(300)]}


def png(width: int = 3, height: int = 2) -> bytes:
    """A valid RGB PNG image, made here so the tests ship no binary file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    # Each row: filter byte 0, then one RGB triple per pixel.
    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 80 % 256, y * 120 % 256, 200)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


PNG = png()


def make_app(source: str = "rest", **options: Any) -> BaseResolver:
    """A resolver for ``source`` with the demo routes."""
    app = RESOLVERS[source](**options)
    add_routes(app)
    return app


def add_routes(app: BaseResolver) -> None:
    todos = {"1": {"id": "1", "title": "write docs"}}

    @app.get("/todos")
    def list_todos() -> dict[str, Any]:
        return {"todos": list(todos.values())}

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        if todo_id not in todos:
            raise NotFoundError(f"no todo {todo_id}")
        return todos[todo_id]

    @app.post("/todos")
    def create_todo() -> tuple[dict[str, Any], int]:
        body = app.current_event.json_body
        if not isinstance(body, dict) or "title" not in body:
            raise BadRequestError("a title is required")
        todo = {"id": str(len(todos) + 1), "title": body["title"]}
        todos[todo["id"]] = todo
        return todo, 201

    @app.get("/files/<name>")
    def get_file(name: str) -> dict[str, Any]:
        return {"name": name}

    @app.get("/echo")
    def echo() -> dict[str, Any]:
        event = app.current_event
        return {
            "method": event.http_method,
            "path": event.path,
            "query": event.multi_value_query_string_parameters,
            "x_multi": event.get_header_value("x-multi"),
            "user_agent": event.get_header_value("user-agent"),
            "cookies": event.request_cookies,
            "request_id": getattr(app.lambda_context, "aws_request_id", None),
        }

    @app.post("/echo")
    def echo_body() -> Response:
        event = app.current_event
        content_type = event.get_header_value("content-type") or "application/octet-stream"
        return Response(
            200, content_type, event.body_bytes, headers={"X-Base64": str(event.is_base64_encoded)}
        )

    @app.get("/big", compress=True)
    def big() -> dict[str, Any]:
        return BIG

    @app.get("/image")
    def image() -> Response:
        return Response(200, "image/png", PNG)

    @app.get("/cookies")
    def cookies() -> Response:
        return Response(
            200,
            "text/plain",
            "cookies set",
            cookies=[Cookie("session", "abc123", secure=False), Cookie("theme", "dark", secure=False)],
        )

    @app.get("/multi")
    def multi() -> Response:
        return Response(204, headers={"X-Multi": ["one", "two"]})

    @app.get("/bad")
    def bad() -> None:
        raise BadRequestError("bad input")

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret detail")

    @app.get("/slow")
    def slow() -> dict[str, Any]:
        time.sleep(0.3)
        return {"slept": 0.3}

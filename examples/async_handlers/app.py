"""Async handlers: ``async def`` routes, middlewares and exception handlers, mixed freely
with plain ones.

``lambda_handler`` calls ``app.resolve(event, context)``: async routes run to completion on an
event loop apiway keeps for the thread, reused by the next invocation (so a client created
by a handler and kept in a module global stays usable). Code that is already async awaits
``app.resolve_async(event, context)`` instead; both serve the same app.

Here ``asyncio.sleep`` stands for the awaited calls a real handler makes (aiobotocore,
httpx, asyncpg). ``list_todos`` awaits several at once; ``require_api_key`` is an async
middleware, ``request_id`` a plain one (around async handlers it runs in a worker thread,
and reads the request it serves all the same); ``upstream_down`` is an async exception
handler, ``health`` a plain route.

Try it: python -m apiway serve examples/async_handlers/app.py
        curl -s localhost:3000/todos
        curl -s -X POST localhost:3000/todos -H 'X-Api-Key: let-me-in' -d '{"title": "ship it"}'
"""

from __future__ import annotations

import asyncio

from apiway import APIGatewayHttpResolver, Response
from apiway.exceptions import NotFoundError, UnauthorizedError
from apiway.middlewares import NextMiddleware
from apiway.types import LambdaContext

app = APIGatewayHttpResolver()

TODOS = {
    "1": {"id": "1", "title": "write the docs", "completed": True},
    "2": {"id": "2", "title": "await the service", "completed": False},
}


async def load_todo(todo_id: str) -> dict | None:
    """A stand-in for a call to a database or another service."""
    await asyncio.sleep(0.001)
    return TODOS.get(todo_id)


class UpstreamError(Exception):
    """The weather service did not answer."""


def request_id(app: APIGatewayHttpResolver, next_middleware: NextMiddleware) -> Response:
    """A plain middleware: shares the request id with the handler and echoes it."""
    found = app.current_event.request_context.request_id
    app.append_context(request_id=found)
    response = next_middleware(app)
    response.headers["X-Request-Id"] = found
    return response


async def require_api_key(app: APIGatewayHttpResolver, next_middleware: NextMiddleware) -> Response:
    """An async middleware: checks the key (as a call to a key store would) before going on."""
    await asyncio.sleep(0.001)
    if app.current_event.get_header_value("x-api-key") != "let-me-in":
        raise UnauthorizedError("Missing or wrong API key")
    return await next_middleware(app)  # type: ignore[misc]


app.use(middlewares=[request_id])


@app.get("/todos")
async def list_todos() -> dict:
    todos = await asyncio.gather(*(load_todo(todo_id) for todo_id in sorted(TODOS)))
    return {"todos": todos, "request_id": app.context["request_id"]}


@app.get("/todos/<todo_id>")
async def get_todo(todo_id: str) -> dict:
    todo = await load_todo(todo_id)
    if todo is None:
        raise NotFoundError(f"No todo {todo_id}")
    return todo


@app.post("/todos", middlewares=[require_api_key])
async def create_todo() -> tuple[dict, int]:
    await asyncio.sleep(0.001)  # the insert
    return {"id": "3", **app.current_event.json_body, "completed": False}, 201


@app.get("/weather")
async def weather() -> dict:
    await asyncio.sleep(0.001)
    raise UpstreamError("the weather service timed out")


@app.exception_handler(UpstreamError)
async def upstream_down(error: UpstreamError) -> Response:
    return Response(503, "application/json", {"message": str(error)}, headers={"Retry-After": "30"})


@app.get("/health")
def health() -> dict:
    return {"healthy": True}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

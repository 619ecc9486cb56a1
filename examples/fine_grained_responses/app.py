"""Fine-grained responses: return a ``Response`` for full control of status, headers,
content type, body and cookies.

Header values are a string or a list of strings (a list sends the header once per value).
``Cookie`` builds ``Set-Cookie`` values: ``Secure`` is on by default; ``http_only``,
``same_site``, ``max_age``, ``expires``, ``path`` and ``domain`` are optional. Each source
gets them in its own format (``multiValueHeaders`` for REST APIs, the ``cookies`` list for
HTTP APIs). A handler can also return ``(body, status)`` or ``(body, status, headers)``.

A ``Response`` without a body answers an empty one (whatever its content type), and one
whose body is a dict or list with no content type is sent as JSON.

Try it: python -m apiway serve examples/fine_grained_responses/app.py
        curl -s -i localhost:3000/todos
"""

from __future__ import annotations

from datetime import datetime, timezone
from http import HTTPStatus

from apiway import APIGatewayRestResolver, Response, content_types
from apiway.cookies import Cookie, SameSite
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

TODOS = [{"id": 1, "title": "write the docs", "completed": False}]


@app.get("/todos")
def list_todos() -> Response:
    request_id = app.current_event.request_context.request_id
    return Response(
        status_code=HTTPStatus.OK.value,
        content_type=content_types.APPLICATION_JSON,
        body={"todos": TODOS},
        headers={"X-Request-Id": request_id, "Cache-Control": ["private", "max-age=60"]},
        cookies=[
            Cookie(name="session_id", value="a1b2c3", http_only=True, same_site=SameSite.LAX_MODE),
            Cookie(
                name="theme",
                value="dark",
                path="/",
                max_age=3600,
                expires=datetime(2030, 1, 1, tzinfo=timezone.utc),
                secure=False,
            ),
        ],
    )


@app.get("/todos.csv")
def export_todos() -> Response:
    lines = ["id,title,completed", *(f"{t['id']},{t['title']},{t['completed']}" for t in TODOS)]
    return Response(200, "text/csv", "\n".join(lines) + "\n", {"Content-Disposition": "attachment"})


@app.post("/todos")
def create_todo() -> tuple[dict, int, dict]:
    return {"id": 2, **app.current_event.json_body}, 201, {"Location": "/todos/2"}


@app.post("/todos/<todo_id>/archive")
def archive_todo(todo_id: str) -> Response:
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON)  # no body: ""


@app.get("/todos/stats")
def todo_stats() -> Response[dict]:
    done = sum(1 for todo in TODOS if todo["completed"])
    return Response(status_code=200, body={"total": len(TODOS), "completed": done})  # JSON


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

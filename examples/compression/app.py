"""Compression: ``compress=True`` on a route (or ``Response(compress=True)``) gzips the body
when the client accepts gzip.

apiway compresses only when ``Accept-Encoding`` allows gzip (q-values honoured:
``gzip;q=0`` means no) and the result is smaller than the original; it skips media types
that are compressed already (PNG, JPEG, zip, ...). The gzip bytes are sent base64-encoded
with ``Content-Encoding: gzip``. Compressible routes always answer ``Vary: Accept-Encoding``,
so caches keep the two versions apart. ``Response(compress=False)`` opts a response out.

Try it: python -m apiway serve examples/compression/app.py
        curl -s --compressed -i localhost:3000/todos
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, Response, content_types
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

TODOS = [{"id": i, "title": f"todo number {i}", "completed": i % 3 == 0} for i in range(1, 31)]


@app.get("/todos", compress=True)
def list_todos() -> dict:
    return {"todos": TODOS}


@app.get("/todos/<todo_id>", compress=True)
def get_todo(todo_id: str) -> dict:
    return TODOS[int(todo_id) - 1]  # a body this small would grow if gzipped: sent as it is


@app.get("/report")
def report() -> Response:
    text = "\n".join(f"{todo['id']:>3} {todo['title']}" for todo in TODOS)
    return Response(200, content_types.TEXT_PLAIN, text, compress=True)


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

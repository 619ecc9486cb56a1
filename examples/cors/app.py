"""CORS: ``cors=CORSConfig(...)`` on the resolver adds CORS headers to every route.

- Only an allowed ``Origin`` is echoed in ``Access-Control-Allow-Origin`` (one origin per
  response), always with ``Vary: Origin``; any other origin gets no CORS headers, so the
  browser blocks the answer. ``null`` is never allowed unless listed.
- Preflights (``OPTIONS`` with an ``Origin`` and ``Access-Control-Request-Method``) are
  answered 204 by apiway, for paths that exist, with the methods that path really has. An
  ``OPTIONS`` without ``Access-Control-Request-Method`` is no preflight: 204 with ``Allow``
  and the CORS headers of any answer, without the preflight's ``-Allow-Methods``.
- Error responses (404, 405, exceptions) carry the CORS headers too, so the browser shows the
  real error instead of a CORS failure.
- ``cors=False`` on a route leaves it out. Credentials are never allowed for ``*``:
  ``allow_origin="*"`` with ``allow_credentials=True`` answers ``*`` without
  ``Access-Control-Allow-Credentials`` (and warns when the config is created).

Try it: python -m apiway serve examples/cors/app.py
        curl -s -i localhost:3000/todos -H 'Origin: https://todos.example.com'
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, CORSConfig
from apiway.exceptions import NotFoundError
from apiway.types import LambdaContext

cors_config = CORSConfig(
    allow_origin="https://todos.example.com",
    extra_origins=["http://localhost:5173"],  # the front end's dev server
    allow_headers=["X-Request-Id"],  # added to the default list (Authorization, Content-Type, ...)
    expose_headers=["X-Request-Id"],  # response headers the browser lets scripts read
    max_age=300,  # seconds a browser may cache a preflight answer
    allow_credentials=True,  # cookies and Authorization headers may be sent
)
app = APIGatewayRestResolver(cors=cors_config)

TODOS = {"1": {"id": "1", "title": "write the docs", "completed": False}}


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": list(TODOS.values())}


@app.post("/todos")
def create_todo() -> tuple[dict, int]:
    return {"id": "2", **app.current_event.json_body}, 201


@app.get("/todos/<todo_id>")
def get_todo(todo_id: str) -> dict:
    if todo_id not in TODOS:
        raise NotFoundError(f"no todo {todo_id}")
    return TODOS[todo_id]


@app.get("/healthcheck", cors=False)  # called by the load balancer, never by a browser
def healthcheck() -> dict:
    return {"status": "ok"}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

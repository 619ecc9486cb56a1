"""Debug mode: ``debug=True`` (or the environment variable ``POWERTOOLS_EVENT_HANDLER_DEBUG``,
``POWERTOOLS_DEV`` or ``APIWAY_DEBUG`` set to a true value; an explicit ``debug=False`` wins).

In debug mode apiway
- logs one line per request and per response on the ``apiway.debug`` logger: method, path,
  headers and query with ``Authorization``, ``Cookie``, ``Set-Cookie``, API keys and tokens
  redacted, and body sizes (bodies themselves are never logged);
- answers unhandled exceptions with a 500 whose body is the traceback;
- relaxes CORS: any origin is echoed back, for a front end on another local port.
It is meant for local development only: tracebacks reveal your code to the caller.

Try it: python -m apiway serve examples/debug_mode/app.py
        curl -s -i localhost:3000/todos -H 'Origin: http://localhost:5173'
        curl -s localhost:3000/crash           # the traceback, as text/plain
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
from apiway.types import LambdaContext

app = APIGatewayRestResolver(debug=True)


@app.get("/todos")
def list_todos() -> dict:
    return {"todos": [{"id": 1, "title": "write the docs", "completed": False}]}


@app.get("/crash")
def crash() -> dict:
    return {"ratio": 1 / 0}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

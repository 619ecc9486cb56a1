"""Catch-all routes: a regular expression in a rule matches any number of segments.

``/files/.+`` catches every path under ``/files/``; ``/repos/.+/issues`` catches paths
that start with ``/repos/`` and end with ``/issues``, whatever lies between. Explicit routes
win over catch-alls (``/files/README`` below), so use them sparingly, as fallbacks.

Try it: python -m apiway serve examples/catch_all_routes/app.py
        curl -s localhost:3000/files/docs/guide/intro.md
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
from apiway.types import LambdaContext

app = APIGatewayRestResolver()


@app.get("/files/.+")
def get_file() -> dict:
    return {"route": "/files/.+", "path_received": app.current_event.path}


@app.get("/repos/.+/issues")
def get_issues() -> dict:
    repository = app.current_event.path[len("/repos/") : -len("/issues")]
    return {"route": "/repos/.+/issues", "repository": repository}


@app.get("/files/README")
def get_readme() -> dict:
    return {"route": "/files/README"}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

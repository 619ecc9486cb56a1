"""The Lambda entry point of the todos service (SAM: ``Handler: todos.main.lambda_handler``).

One function serves every route: main.py creates the resolver and includes the routers.
Run it locally from the repository root with
``PYTHONPATH=examples/service/src python -m apiway serve todos.main``.
"""

from __future__ import annotations

import os

from todos.routers import health, todos

from apiway import APIGatewayRestResolver, CORSConfig
from apiway.types import LambdaContext

# The browser origin of the front end; the SAM template sets it per deployment.
ALLOWED_ORIGIN = os.environ.get("ALLOWED_ORIGIN", "http://localhost:5173")

app = APIGatewayRestResolver(cors=CORSConfig(allow_origin=ALLOWED_ORIGIN, max_age=300))
app.include_router(todos.router, prefix="/todos")
app.include_router(health.router, prefix="/health")


@app.get("/")
def index() -> dict:
    return {
        "service": "todos",
        "links": {"todos": "/todos", "health": "/health", "badge": "/health/badge.svg"},
    }


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

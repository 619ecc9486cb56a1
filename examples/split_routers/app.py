"""Split routes with Router: routes live in their own modules and the app includes them.

``app.include_router(todos.router, prefix="/todos")`` adds the todos routes under
``/todos``; ``health.router`` is included as it is. Routers bring their exception handlers
along, and middlewares added with ``router.use(...)`` run around that router's routes
only. The sample service (examples/service) grows this layout into a deployable project.

Try it: python -m apiway serve examples/split_routers/app.py
        curl -s localhost:3000/todos/2 ; curl -s localhost:3000/health
"""

from __future__ import annotations

import health
import todos

from apiway import APIGatewayRestResolver
from apiway.types import LambdaContext

app = APIGatewayRestResolver()
app.include_router(todos.router, prefix="/todos")
app.include_router(health.router)


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

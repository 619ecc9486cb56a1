"""Dependencies: ``Depends(fn)`` gives a parameter the value ``fn`` returns.

- A dependency takes parameters of its own, read from the request like a handler's
  (``paging`` reads ``page`` and ``size`` from the query string, validated with the rest), the
  ``Request`` (``current_user`` reads the ``Authorization`` header), and other dependencies
  (``tenant`` depends on ``current_user``).
- Each dependency runs once per request, however many parameters ask for it
  (``Depends(fn, use_cache=False)`` to run it each time).
- What a dependency raises is answered as if the route had raised it: ``UnauthorizedError``
  answers 401. The ``Request`` has the Powertools names: ``route`` is the rule as an OpenAPI
  path, ``path_parameters``, ``method``, ``headers``, ``query_parameters``, ``body``,
  ``json_body``, ``resolved_event``, ``context``.
- In tests, replace a dependency: ``app.dependency_overrides[current_user] = lambda: User("test")``
  (and ``app.dependency_overrides.clear()`` after).

Dependencies and the ``Request`` are filled in with validation off too, as Powertools does;
here it is on, so the query parameters are checked as well.

Try it: python -m apiway serve examples/dependencies/app.py
        curl -s 'localhost:3000/todos?page=2&size=1' -H 'Authorization: Bearer ada'
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from apiway import APIGatewayRestResolver, Depends, Request
from apiway.exceptions import UnauthorizedError
from apiway.openapi.params import Query
from apiway.types import LambdaContext

app = APIGatewayRestResolver(enable_validation=True)

TODOS = [{"id": n, "title": f"todo {n}", "tenant": "tenant-ada"} for n in range(1, 6)]


@dataclasses.dataclass
class User:
    name: str


@dataclasses.dataclass
class Paging:
    page: int
    size: int


def current_user(request: Request) -> User:
    scheme, _, token = (request.headers.get("Authorization") or "").partition(" ")
    if scheme != "Bearer" or not token:
        raise UnauthorizedError("a bearer token is needed")
    return User(name=token)


def tenant(user: Annotated[User, Depends(current_user)]) -> str:
    return f"tenant-{user.name}"


def paging(
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Paging:
    return Paging(page, size)


@app.get("/todos")
def list_todos(
    user: Annotated[User, Depends(current_user)],
    tenant_id: Annotated[str, Depends(tenant)],
    paged: Annotated[Paging, Depends(paging)],
    request: Request,
) -> dict:
    mine = [todo for todo in TODOS if todo["tenant"] == tenant_id]
    start = (paged.page - 1) * paged.size
    return {
        "user": user.name,
        "todos": mine[start : start + paged.size],
        "route": request.route,
        "method": request.method,
    }


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""Typed routes with ``async def`` handlers, end to end, for every source and every way of
resolving: the validation stage's call awaits the handler between validating its arguments
and its return value, so a typed async app answers exactly as its plain twin.

No ``from __future__ import annotations``: the handlers' annotations are read at run time.
"""

import asyncio
import dataclasses
import json
from typing import Annotated, Any

import pytest

from apiway import Depends, Response
from apiway.exceptions import RouteError
from apiway.openapi.exceptions import RequestValidationError
from apiway.openapi.params import Path, Query
from apiway.request import Request
from support.events import WAYS, EventSource, each_source, each_way, rest_call
from support.responses import header, json_body


@dataclasses.dataclass
class NewTodo:
    title: str
    priority: int = 1


@dataclasses.dataclass
class Todo:
    id: int
    title: str
    priority: int


def current_user(request: Request) -> str:
    return request.headers.get("x-user") or "anonymous"


def typed_app(source: EventSource, asynchronous: bool) -> Any:
    """The same typed routes, written plain or ``async def``."""
    app = source.app(enable_validation=True)

    def written(func: Any) -> Any:
        if not asynchronous:
            return func

        async def run(*args: Any, **kwargs: Any) -> Any:
            await asyncio.sleep(0)
            return func(*args, **kwargs)

        # The plan reads the handler's signature and annotations through __wrapped__.
        run.__wrapped__ = func  # type: ignore[attr-defined]
        run.__name__ = func.__name__
        return run

    def get_todo(todo_id: Annotated[int, Path(ge=1)], limit: Annotated[int, Query(le=50)] = 10) -> dict:
        return {"id": todo_id, "limit": limit, "path": app.current_event.path}

    def create_todo(todo: NewTodo, user: Annotated[str, Depends(current_user)]) -> Todo:
        return Todo(id=7, title=f"{todo.title} by {user}", priority=todo.priority)

    def broken() -> Todo:
        return {"id": "not a number"}  # type: ignore[return-value]

    def where(name: str, request: Request) -> dict:
        return {"route": request.route, "name": name, "method": request.method}

    app.get("/todos/<todo_id>")(written(get_todo))
    app.post("/todos", status_code=201)(written(create_todo))
    app.get("/broken")(written(broken))
    app.get("/where/<name>")(written(where))
    return app


CASES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "valid_get": ("GET", "/todos/3", {"query": {"limit": "5"}}),
    "head": ("HEAD", "/todos/3", {}),
    "invalid_path": ("GET", "/todos/0", {}),
    "invalid_query": ("GET", "/todos/3", {"query": {"limit": "500"}}),
    "valid_post": (
        "POST",
        "/todos",
        {
            "body": json.dumps({"title": "write", "priority": 2}),
            "headers": {"Content-Type": "application/json", "X-User": "ada"},
        },
    ),
    "invalid_body": (
        "POST",
        "/todos",
        {"body": json.dumps({"priority": "high"}), "headers": {"Content-Type": "application/json"}},
    ),
    "invalid_response": ("GET", "/broken", {}),
    "request_injected": ("GET", "/where/x", {}),
}


def answer(source: EventSource, case: str, asynchronous: bool, way: str) -> dict[str, Any]:
    method, path, fields = CASES[case]
    return source.request(typed_app(source, asynchronous), method, path, way=way, **fields)


@each_source
@each_way
@pytest.mark.parametrize("case", list(CASES))
def test_a_typed_async_app_answers_as_its_plain_twin(source: EventSource, way: str, case: str) -> None:
    assert answer(source, case, True, way) == answer(source, case, False, "resolve")


@each_source
def test_what_the_typed_cases_answer(source: EventSource) -> None:
    def plain(case: str) -> dict[str, Any]:
        return answer(source, case, False, "resolve")

    assert json_body(plain("valid_get")) == {"id": 3, "limit": 5, "path": "/todos/3"}
    assert (plain("head")["statusCode"], plain("head")["body"]) == (200, "")
    for refused in ("invalid_path", "invalid_query", "invalid_body"):
        assert plain(refused)["statusCode"] == 422, refused
    assert json_body(plain("valid_post")) == {"id": 7, "title": "write by ada", "priority": 2}
    assert plain("valid_post")["statusCode"] == 201
    assert plain("invalid_response")["statusCode"] == 500
    assert json_body(plain("request_injected")) == {"route": "/where/{name}", "name": "x", "method": "GET"}


@each_way
def test_a_refused_request_never_reaches_the_async_handler(way: str) -> None:
    from apiway import APIGatewayRestResolver

    app = APIGatewayRestResolver(enable_validation=True)
    calls: list[int] = []

    @app.get("/n/<n>")
    async def number(n: int) -> dict:
        calls.append(n)
        return {"n": n}

    assert rest_call(app, "GET", "/n/x", way=way)["statusCode"] == 422
    assert json_body(rest_call(app, "GET", "/n/4", way=way)) == {"n": 4}
    assert calls == [4]


@each_way
def test_async_middlewares_and_an_async_handler_for_validation_errors(way: str) -> None:
    from apiway import APIGatewayRestResolver

    app = APIGatewayRestResolver(enable_validation=True)

    async def stamp(app: Any, next_middleware: Any) -> Response:
        response = await next_middleware(app)
        response.headers["X-Stamp"] = "1"
        return response

    @app.get("/n/<n>", middlewares=[stamp])
    async def number(n: int) -> dict:
        return {"n": n}

    @app.exception_handler(RequestValidationError)
    async def refused(error: RequestValidationError) -> Response:
        await asyncio.sleep(0)
        return Response(400, "text/plain", f"{len(error.errors())} problem(s)")

    good = rest_call(app, "GET", "/n/2", way=way)
    assert (json_body(good), header(good, "X-Stamp")) == ({"n": 2}, "1")
    bad = rest_call(app, "GET", "/n/two", way=way)
    assert (bad["statusCode"], bad["body"]) == (400, "1 problem(s)")


def test_an_async_dependency_is_still_refused_when_the_route_is_registered() -> None:
    from apiway import APIGatewayRestResolver

    async def tenant() -> str:
        return "t"

    app = APIGatewayRestResolver(enable_validation=True)
    with pytest.raises(RouteError, match="dependencies must be plain functions"):

        @app.get("/t")
        async def route(who: Annotated[str, Depends(tenant)]) -> dict:
            return {"who": who}


def test_a_generator_handler_is_refused_when_the_route_is_registered() -> None:
    from apiway import APIGatewayRestResolver

    app = APIGatewayRestResolver(enable_validation=True)
    with pytest.raises(RouteError, match="is a generator function; handlers must be plain or `async def`"):

        @app.get("/g")
        def route() -> Any:
            yield {"no": "generators"}


@pytest.mark.parametrize("way", WAYS)
def test_an_injected_request_in_an_async_handler_without_validation(way: str) -> None:
    from apiway import APIGatewayRestResolver

    app = APIGatewayRestResolver()

    @app.get("/who/<name>")
    async def who(name: str, request: Request, user: Annotated[str, Depends(current_user)]) -> dict:
        await asyncio.sleep(0)
        return {"name": name, "route": request.route, "user": user}

    response = rest_call(app, "GET", "/who/x", way=way, headers={"X-User": "bo"})
    assert json_body(response) == {"name": "x", "route": "/who/{name}", "user": "bo"}

"""A route's chain with async parts (``apiway.aio.links``): handlers and middlewares, plain
and ``async def``, mixed every way, global and per route, on every way of resolving.

The rule under test: an ``async def`` middleware awaits ``next_middleware(app)`` on the event
loop; a plain middleware runs inline unless something inside it is async, and then in a
worker thread whose ``next_middleware(app)`` waits for the rest on the loop. Either way each
part sees the request it serves (``app.current_event``, ``app.context``, route arguments).
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import threading
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response, Router
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware
from support.events import WAYS, each_way, rest_call
from support.responses import header, json_body

KINDS = ("plain", "async")
#: Every list of up to two middleware kinds.
LAYOUTS = [combo for size in range(3) for combo in itertools.product(KINDS, repeat=size)]


class Trace:
    """What each part of a route's chain saw: in order, with its thread."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, str]] = []
        self.threads: dict[str, int] = {}
        self.seen: dict[str, tuple[str, dict[str, Any]]] = {}

    def enter(self, app: Any, name: str) -> None:
        self.steps.append((name, "in"))
        self.threads[name] = threading.get_ident()
        self.seen[name] = (app.current_event.path, dict(app.context))


def middleware(kind: str, name: str, trace: Trace) -> Any:
    """A middleware of ``kind`` that records what it sees, shares its name through
    ``app.context`` and stamps the response with a header."""
    if kind == "plain":

        def plain(app: Any, next_middleware: Any) -> Response:
            trace.enter(app, name)
            app.append_context(**{name: app.current_event.path})
            response = next_middleware(app)
            trace.steps.append((name, "out"))
            response.headers[f"X-{name}"] = "1"
            return response

        plain.__name__ = name
        return plain

    async def asynchronous(app: Any, next_middleware: Any) -> Response:
        trace.enter(app, name)
        app.append_context(**{name: app.current_event.path})
        await asyncio.sleep(0)
        response = await next_middleware(app)
        trace.steps.append((name, "out"))
        response.headers[f"X-{name}"] = "1"
        return response

    asynchronous.__name__ = name
    return asynchronous


def handler(kind: str, app: Any, trace: Trace) -> Any:
    def answer(item: str) -> dict[str, Any]:
        trace.enter(app, "handler")
        trace.steps.append(("handler", "out"))
        return {"item": item, "path": app.current_event.path, "context": dict(app.context)}

    if kind == "plain":
        return answer

    async def asynchronous(item: str) -> dict[str, Any]:
        await asyncio.sleep(0)
        return answer(item)

    return asynchronous


def layout_id(layout: tuple[str, ...]) -> str:
    return "-".join(layout) or "none"


@each_way
@pytest.mark.parametrize("handler_kind", KINDS)
@pytest.mark.parametrize("route_kinds", LAYOUTS, ids=layout_id)
@pytest.mark.parametrize("global_kinds", LAYOUTS[:3], ids=layout_id)
def test_every_mix_runs_in_order_and_sees_its_request(
    global_kinds: tuple[str, ...], route_kinds: tuple[str, ...], handler_kind: str, way: str
) -> None:
    trace = Trace()
    app = APIGatewayRestResolver()
    names = [f"g{i}" for i in range(len(global_kinds))] + [f"r{i}" for i in range(len(route_kinds))]
    kinds = [*global_kinds, *route_kinds]
    chain = [middleware(kind, name, trace) for kind, name in zip(kinds, names, strict=True)]
    app.use(chain[: len(global_kinds)])
    app.get("/items/<item>", middlewares=chain[len(global_kinds) :])(handler(handler_kind, app, trace))

    response = rest_call(app, "GET", "/items/abc", way=way)

    assert response["statusCode"] == 200, response
    path_context = dict.fromkeys(names, "/items/abc")
    assert json_body(response) == {"item": "abc", "path": "/items/abc", "context": path_context}
    assert all(header(response, f"X-{name}") == "1" for name in names)
    order = [*names, "handler"]
    assert trace.steps == [(name, "in") for name in order] + [(name, "out") for name in reversed(order)]
    for position, name in enumerate(order):  # each saw the context of those outside it
        assert trace.seen[name] == ("/items/abc", dict.fromkeys(names[:position], "/items/abc"))
    # The thread rule: a plain middleware with something async inside it runs in a worker
    # thread; every other part runs on the thread that calls it.
    parts = [*kinds, handler_kind]
    threaded = [kind == "plain" and "async" in parts[position + 1 :] for position, kind in enumerate(parts)]
    for position in range(len(order) - 1):
        outer, inner = order[position], order[position + 1]
        same = trace.threads[outer] == trace.threads[inner]
        assert same is not (threaded[position] or threaded[position + 1]), (outer, inner, trace.threads)
    if way == "resolve" and "async" not in parts:
        assert set(trace.threads.values()) == {threading.get_ident()}  # all plain: all inline


@each_way
@pytest.mark.parametrize(("outer", "inner"), list(itertools.product(KINDS, KINDS)))
def test_next_middleware_hands_keyword_arguments_to_the_next(outer: str, inner: str, way: str) -> None:
    app = APIGatewayRestResolver()
    received: list[dict[str, Any]] = []

    if outer == "plain":

        def first(app: Any, next_middleware: Any) -> Response:
            return next_middleware(app, tenant="t1", level=2)

    else:

        async def first(app: Any, next_middleware: Any) -> Response:
            return await next_middleware(app, tenant="t1", level=2)

    if inner == "plain":

        def second(app: Any, next_middleware: Any, **kwargs: Any) -> Response:
            received.append(kwargs)
            return next_middleware(app)

    else:

        async def second(app: Any, next_middleware: Any, **kwargs: Any) -> Response:
            received.append(kwargs)
            return await next_middleware(app)

    @app.get("/k", middlewares=[first, second])
    async def route() -> dict[str, Any]:
        return {"ok": True}

    assert rest_call(app, "GET", "/k", way=way)["statusCode"] == 200
    assert received == [{"tenant": "t1", "level": 2}]


@each_way
@pytest.mark.parametrize("kind", KINDS)
def test_a_middleware_may_answer_without_calling_next(kind: str, way: str) -> None:
    app = APIGatewayRestResolver()
    called: list[str] = []

    if kind == "plain":

        def gate(app: Any, next_middleware: Any) -> Response:
            return Response(401, "text/plain", "no")

    else:

        async def gate(app: Any, next_middleware: Any) -> Response:
            return Response(401, "text/plain", "no")

    @app.get("/locked", middlewares=[gate])
    async def locked() -> dict[str, Any]:
        called.append("handler")
        return {}

    response = rest_call(app, "GET", "/locked", way=way)
    assert (response["statusCode"], response["body"]) == (401, "no")
    assert called == []


@each_way
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("returned", "status", "body"),
    [({"a": 1}, 200, '{"a":1}'), (({"made": True}, 201), 201, '{"made":true}'), ("text", 200, "text")],
    ids=["dict", "tuple", "str"],
)
def test_what_a_middleware_returns_becomes_a_response(
    kind: str, returned: Any, status: int, body: str, way: str
) -> None:
    app = APIGatewayRestResolver()

    if kind == "plain":

        def replace(app: Any, next_middleware: Any) -> Any:
            next_middleware(app)
            return returned

    else:

        async def replace(app: Any, next_middleware: Any) -> Any:
            await next_middleware(app)
            return returned

    @app.get("/r", middlewares=[replace])
    async def route() -> dict[str, Any]:
        return {"from": "handler"}

    response = rest_call(app, "GET", "/r", way=way)
    assert (response["statusCode"], response["body"]) == (status, body)


@each_way
def test_a_class_based_middleware_with_an_async_handler(way: str) -> None:
    class Stamp(BaseMiddlewareHandler):
        async def handler(self, app: Any, next_middleware: NextMiddleware) -> Response:  # type: ignore[override]
            response = await next_middleware(app)  # type: ignore[misc]
            response.headers["X-Class"] = type(self).__name__
            return response

    app = APIGatewayRestResolver()

    @app.get("/c", middlewares=[Stamp()])
    def route() -> dict[str, Any]:
        return {"plain": True}

    response = rest_call(app, "GET", "/c", way=way)
    assert (json_body(response), header(response, "X-Class")) == ({"plain": True}, "Stamp")


@each_way
@pytest.mark.parametrize("kind", KINDS)
def test_next_middleware_names_what_comes_next(kind: str, way: str) -> None:
    app = APIGatewayRestResolver()
    names: list[str] = []

    if kind == "plain":

        def outer(app: Any, next_middleware: Any) -> Response:
            names.append(next_middleware.__name__)
            return next_middleware(app)

    else:

        async def outer(app: Any, next_middleware: Any) -> Response:
            names.append(next_middleware.__name__)
            return await next_middleware(app)

    async def inner(app: Any, next_middleware: Any) -> Response:
        names.append(next_middleware.__name__)
        return await next_middleware(app)

    @app.get("/n", middlewares=[outer, inner])
    async def the_handler() -> dict[str, Any]:
        return {}

    rest_call(app, "GET", "/n", way=way)
    assert names == ["inner", "the_handler"]


# -- what async handlers are ----------------------------------------------------------------------
def logged(func: Any) -> Any:
    """A decorator written for plain functions: its wrapper hands back what ``func`` gives."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


class Endpoint:
    async def __call__(self, item: str) -> dict[str, Any]:
        await asyncio.sleep(0)
        return {"callable": item}

    async def method(self, item: str) -> dict[str, Any]:
        return {"method": item}


async def scoped(scope: str, item: str) -> dict[str, Any]:
    return {scope: item}


@each_way
@pytest.mark.parametrize(
    ("func", "expected"),
    [
        (Endpoint(), {"callable": "x"}),
        (Endpoint().method, {"method": "x"}),
        (functools.partial(scoped, "partial"), {"partial": "x"}),
        (logged(functools.partial(scoped, "wrapped")), {"wrapped": "x"}),
    ],
    ids=["async_call_object", "bound_async_method", "partial", "plain_wrapper"],
)
def test_every_shape_of_async_handler_is_awaited(func: Any, expected: dict[str, Any], way: str) -> None:
    app = APIGatewayRestResolver()
    app.get("/h/<item>")(func)
    response = rest_call(app, "GET", "/h/x", way=way)
    assert (response["statusCode"], json_body(response)) == (200, expected)


@each_way
def test_a_wrapper_taken_for_async_that_answers_plainly_still_answers(way: str) -> None:
    # `functools.wraps` over an async function marks the wrapper async; this one never
    # hands the coroutine back (it answers itself), and is answered all the same.
    async def original() -> dict[str, Any]:
        return {"never": "called"}

    @functools.wraps(original)
    def wrapper() -> dict[str, Any]:
        return {"wrapper": True}

    async def middle(app: Any, next_middleware: Any) -> Any:
        return await next_middleware(app)

    @functools.wraps(middle)
    def plain_middle(app: Any, next_middleware: Any) -> Response:
        return Response(200, "text/plain", "from the wrapper")

    app = APIGatewayRestResolver()
    app.get("/w")(wrapper)
    app.get("/m", middlewares=[plain_middle])(wrapper)
    assert json_body(rest_call(app, "GET", "/w", way=way)) == {"wrapper": True}
    assert rest_call(app, "GET", "/m", way=way)["body"] == "from the wrapper"


@each_way
@pytest.mark.parametrize(
    ("returned", "status", "content_type", "body"),
    [
        (Response(202, "text/plain", "accepted"), 202, "text/plain", "accepted"),
        (({"n": 1}, 201), 201, "application/json", '{"n":1}'),
        (("made", 201, {"X-Extra": "1"}), 201, "application/json", "made"),
        ([1, 2], 200, "application/json", "[1,2]"),
        (None, 200, "application/json", "null"),
    ],
    ids=["response", "tuple", "tuple_with_headers", "list", "none"],
)
def test_what_an_async_handler_returns_becomes_a_response(
    returned: Any, status: int, content_type: str, body: str, way: str
) -> None:
    app = APIGatewayRestResolver()

    @app.get("/v")
    async def value() -> Any:
        await asyncio.sleep(0)
        return returned

    response = rest_call(app, "GET", "/v", way=way)
    assert (response["statusCode"], header(response, "Content-Type"), response["body"]) == (
        status,
        content_type,
        body,
    )


@each_way
def test_status_code_of_an_async_route(way: str) -> None:
    app = APIGatewayRestResolver()

    @app.post("/things", status_code=201)
    async def create() -> dict[str, Any]:
        return {"created": True}

    assert rest_call(app, "POST", "/things", way=way)["statusCode"] == 201


# -- routers, and changes after the first request -------------------------------------------------
@each_way
def test_async_routes_of_an_included_router(way: str) -> None:
    app = APIGatewayRestResolver()
    router = Router()

    async def tag(app: Any, next_middleware: Any) -> Response:
        response = await next_middleware(app)
        response.headers["X-Router"] = "yes"
        return response

    @router.get("/<todo_id>", middlewares=[tag])
    async def get_todo(todo_id: str) -> dict[str, Any]:
        await asyncio.sleep(0)
        return {"id": todo_id, "path": router.current_event.path, "shared": router.context.get("shared")}

    router.append_context(shared="from the router")
    app.include_router(router, prefix="/todos")
    response = rest_call(app, "GET", "/todos/7", way=way)
    assert json_body(response) == {"id": "7", "path": "/todos/7", "shared": "from the router"}
    assert header(response, "X-Router") == "yes"


@pytest.mark.parametrize("way", WAYS)
def test_middlewares_and_async_routes_added_after_the_first_request(way: str) -> None:
    app = APIGatewayRestResolver()

    @app.get("/first")
    def first() -> dict[str, Any]:
        return {"first": True}

    assert rest_call(app, "GET", "/first", way=way)["statusCode"] == 200

    async def late(app: Any, next_middleware: Any) -> Response:
        response = await next_middleware(app)
        response.headers["X-Late"] = "1"
        return response

    app.use([late])

    @app.get("/second")
    async def second() -> dict[str, Any]:
        return {"second": True}

    for path in ("/first", "/second"):
        response = rest_call(app, "GET", path, way=way)
        assert (response["statusCode"], header(response, "X-Late")) == (200, "1"), path

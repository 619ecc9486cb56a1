"""``resolve_async`` and async handlers on both frameworks: the common mixes answer the same;
where apiway deliberately differs (docs/migrating.md, "Async handlers"), both sides are
asserted.

Differences pinned here: a plain middleware around plain code runs inline on apiway's
``resolve_async`` (Powertools runs every plain middleware in a worker thread); ``async def``
exception handlers answer on apiway (Powertools fails on the coroutine); ``resolve()`` runs
async routes on apiway (Powertools fails to serialize the coroutine); concurrent
``resolve_async`` calls on one loop keep their own request on apiway (Powertools keeps it
on the class, shared by every call); nested plain middlewares around async code finish under
load on apiway (Powertools' thread pool runs dry); a plain handler returning a coroutine is a
500 on apiway (Powertools awaits it).
"""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")

from support.events import HTTP, REST, EventSource, each_of
from support.exact import flat_headers


def apiway_api() -> SimpleNamespace:
    import apiway

    return SimpleNamespace(
        name="apiway",
        resolvers={"rest": apiway.APIGatewayRestResolver, "http": apiway.APIGatewayHttpResolver},
        Response=apiway.Response,
    )


def powertools_api() -> SimpleNamespace:
    from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, APIGatewayRestResolver, Response

    return SimpleNamespace(
        name="powertools",
        resolvers={"rest": APIGatewayRestResolver, "http": APIGatewayHttpResolver},
        Response=Response,
    )


APIS = (apiway_api, powertools_api)


def answer_of(response: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
    """What a client sees: status, body (parsed when JSON) and headers."""
    body = response["body"]
    with suppress(ValueError):
        body = json.loads(body)
    return response["statusCode"], body, flat_headers(response)


@contextmanager
def quiet() -> Iterator[None]:
    """Powertools' own warnings ignored: its deprecations, and the coroutines it leaves
    un-awaited where it does not support async code (collected before leaving)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            yield
        finally:
            gc.collect()


def resolved_async(app: Any, event: dict[str, Any]) -> dict[str, Any]:
    with quiet():
        return asyncio.run(app.resolve_async(event, None))


# -- the common mixes answer the same ---------------------------------------------------------------
MIXES = ["async_handler", "plain_middleware_async_handler", "async_middleware_plain_handler", "nested"]


def mixed_app(api: SimpleNamespace, source: EventSource, mix: str) -> Any:
    app = api.resolvers[source.name]()
    Response = api.Response

    def plain_stamp(app: Any, next_middleware: Any) -> Any:
        response = next_middleware(app)
        response.headers["X-Plain"] = app.current_event.path
        return response

    async def async_stamp(app: Any, next_middleware: Any) -> Any:
        await asyncio.sleep(0)
        response = await next_middleware(app)
        response.headers["X-Async"] = app.current_event.path
        return response

    async def async_handler(item: str) -> Any:
        await asyncio.sleep(0)
        return {"item": item, "q": app.current_event.get_query_string_value("q")}

    def plain_handler(item: str) -> Any:
        return Response(201, "text/plain", f"made {item}")

    if mix == "async_handler":
        app.get("/items/<item>")(async_handler)
    elif mix == "plain_middleware_async_handler":
        app.get("/items/<item>", middlewares=[plain_stamp])(async_handler)
    elif mix == "async_middleware_plain_handler":
        app.get("/items/<item>", middlewares=[async_stamp])(plain_handler)
    else:
        app.use([async_stamp])
        app.get("/items/<item>", middlewares=[plain_stamp])(async_handler)
    return app


@each_of(REST, HTTP)
@pytest.mark.parametrize("mix", MIXES)
def test_the_common_mixes_answer_the_same(source: EventSource, mix: str) -> None:
    event = source.event("GET", "/items/a1", query={"q": "x"})
    mine, theirs = (answer_of(resolved_async(mixed_app(api(), source, mix), event)) for api in APIS)
    assert mine == theirs
    assert mine[0] in (200, 201)


@each_of(REST, HTTP)
def test_an_async_not_found_handler_answers_the_same(source: EventSource) -> None:
    def app_of(api: SimpleNamespace) -> Any:
        app = api.resolvers[source.name]()

        @app.not_found
        async def missing(error: Exception) -> Any:
            return api.Response(404, "text/plain", f"no {app.current_event.path}")

        return app

    mine, theirs = (answer_of(resolved_async(app_of(api()), source.event("GET", "/nowhere"))) for api in APIS)
    assert mine == theirs == (404, "no /nowhere", {"Content-Type": "text/plain"})


def test_a_validated_async_route_answers_the_same() -> None:
    def answers_of(api: SimpleNamespace) -> list[tuple[int, Any]]:
        app = api.resolvers["rest"](enable_validation=True)

        @app.get("/n/<n>")
        async def number(n: int, limit: int = 10) -> dict:
            await asyncio.sleep(0)
            return {"n": n, "limit": limit}

        cases = (("/n/3", {"limit": "5"}), ("/n/x", {}), ("/n/3", {"limit": "many"}))
        return [
            answer_of(resolved_async(app, REST.event("GET", path, query=query)))[:2] for path, query in cases
        ]

    mine, theirs = (answers_of(api()) for api in APIS)
    assert mine[0] == theirs[0] == (200, {"n": 3, "limit": 5})
    assert [status for status, _ in mine[1:]] == [status for status, _ in theirs[1:]] == [422, 422]


# -- the deliberate differences ---------------------------------------------------------------------
def test_a_plain_middleware_around_plain_code_runs_inline_on_apiway() -> None:
    """Powertools runs every plain middleware of ``resolve_async`` in a worker thread; apiway
    only one with something async inside it (the thread it needs to wait in)."""

    def on_main_thread(api: SimpleNamespace) -> bool:
        app = api.resolvers["rest"]()
        seen: list[bool] = []

        def where(app: Any, next_middleware: Any) -> Any:
            seen.append(threading.current_thread() is threading.main_thread())
            return next_middleware(app)

        app.get("/plain", middlewares=[where])(lambda: {"plain": True})
        assert resolved_async(app, REST.event("GET", "/plain"))["statusCode"] == 200
        return seen == [True]

    assert {api().name: on_main_thread(api()) for api in APIS} == {"apiway": True, "powertools": False}


def test_an_async_exception_handler_answers_on_apiway() -> None:
    def outcome(api: SimpleNamespace) -> Any:
        app = api.resolvers["rest"]()

        @app.get("/fail")
        async def fail() -> None:
            raise LookupError("gone")

        @app.exception_handler(LookupError)
        async def gone(error: LookupError) -> Any:
            return api.Response(410, "text/plain", str(error))

        with quiet():
            try:
                return answer_of(resolved_async(app, REST.event("GET", "/fail")))[:2]
            except AttributeError as error:  # Powertools reads the coroutine as a response
                return type(error).__name__

    assert {api().name: outcome(api()) for api in APIS} == {
        "apiway": (410, "gone"),
        "powertools": "AttributeError",
    }


def test_resolve_runs_an_async_route_on_apiway() -> None:
    def outcome(api: SimpleNamespace) -> Any:
        app = api.resolvers["http"]()

        @app.get("/a")
        async def route() -> dict:
            await asyncio.sleep(0)
            return {"async": True}

        with quiet():
            try:
                return answer_of(app.resolve(HTTP.event("GET", "/a"), None))[:2]
            except TypeError as error:  # Powertools tries to serialize the coroutine
                return "coroutine" in str(error)

    assert {api().name: outcome(api()) for api in APIS} == {
        "apiway": (200, {"async": True}),
        "powertools": True,
    }


def test_concurrent_calls_keep_their_own_request_on_apiway() -> None:
    """Powertools keeps the event on the class: a call that awaits reads the event of the
    call that started last. apiway keeps each call's request in a context variable."""

    def first_seen(api: SimpleNamespace) -> Any:
        app = api.resolvers["rest"]()

        @app.get("/s/<name>")
        async def slow(name: str) -> dict:
            before = app.current_event.path
            await asyncio.sleep(0.01 if name == "first" else 0)
            return {"before": before, "after": app.current_event.path}

        async def both() -> list[Any]:
            calls = [app.resolve_async(REST.event("GET", f"/s/{name}"), None) for name in ("first", "second")]
            return list(await asyncio.gather(*calls))

        with quiet():
            return json.loads(asyncio.run(both())[0]["body"])

    assert {api().name: first_seen(api()) for api in APIS} == {
        "apiway": {"before": "/s/first", "after": "/s/first"},
        "powertools": {"before": "/s/first", "after": "/s/second"},
    }


def test_a_plain_handler_returning_a_coroutine_is_a_500_on_apiway() -> None:
    """Powertools' ``resolve_async`` awaits whatever a handler returns; apiway awaits the
    handlers it composes as async (``async def``, or a ``functools.wraps`` wrapper of one),
    and answers a logged 500 naming the handler for a plain one that returns a coroutine."""

    async def fetch() -> dict:
        await asyncio.sleep(0)
        return {"fetched": True}

    def outcome(api: SimpleNamespace) -> Any:
        app = api.resolvers["rest"]()

        @app.get("/plain")
        def plain() -> Any:
            return fetch()  # not awaited: a plain function

        with quiet():
            return answer_of(resolved_async(app, REST.event("GET", "/plain")))[:2]

    outcomes = {api().name: outcome(api()) for api in APIS}
    assert outcomes == {
        "apiway": (500, {"statusCode": 500, "message": "Internal server error"}),
        "powertools": (200, {"fetched": True}),
    }


#: Many concurrent calls of a route whose two plain middlewares (each in a worker thread,
#: the outer waiting for the inner) wrap an async handler; prints "answered" or "stuck".
LOAD_PROBE = """\
import asyncio, os, warnings
warnings.simplefilter("ignore")
from {module} import APIGatewayRestResolver

app = APIGatewayRestResolver()

def outer(app, next_middleware):
    return next_middleware(app)

def inner(app, next_middleware):
    return next_middleware(app)

@app.get("/nested", middlewares=[outer, inner])
async def nested():
    await asyncio.sleep(0.01)
    return {{"ok": True}}

event = {{"httpMethod": "GET", "path": "/nested", "headers": {{}}, "requestContext": {{"requestId": "1"}}}}

async def load():
    calls = [app.resolve_async(dict(event), None) for _ in range(64)]
    answers = await asyncio.wait_for(asyncio.gather(*calls), 5)
    return all(answer["statusCode"] == 200 for answer in answers)

try:
    print("answered" if asyncio.run(load()) else "wrong")
except asyncio.TimeoutError:
    print("stuck")
os._exit(0)  # threads left waiting must not hold the interpreter open
"""


def test_nested_plain_middlewares_around_async_code_under_load() -> None:
    """Powertools runs plain middlewares in the loop's default executor (at most 32 threads):
    64 calls whose outer middleware holds a thread while its inner one waits for another
    never finish. apiway's worker pool starts a thread whenever none is idle."""
    outcomes = {}
    for name, module in (("apiway", "apiway"), ("powertools", "aws_lambda_powertools.event_handler")):
        done = subprocess.run(
            [sys.executable, "-c", LOAD_PROBE.format(module=module)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        outcomes[name] = done.stdout.strip() or done.stderr[-500:]
    assert outcomes == {"apiway": "answered", "powertools": "stuck"}

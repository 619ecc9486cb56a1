"""``resolve_async`` (``apiway.aio.resolve``) and per-request state: concurrent calls on one
loop never mix their requests, nested resolves restore the outer one, and ``resolve()`` of
async routes on many threads keeps each thread's own."""

from __future__ import annotations

import asyncio
import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from apiway import APIGatewayHttpResolver, APIGatewayRestResolver, Response, Router, Stage
from apiway.exceptions import InvalidEventError
from apiway.request import PipelineRequest
from support.events import HTTP, REST, rest_call
from support.responses import header, json_body

COUNT = 100


def pause() -> Any:
    """A short, random wait: lets the loop run the other requests in between."""
    return asyncio.sleep(random.random() / 2000)


def concurrent_app(threaded: bool) -> Any:
    """An HTTP API app whose handler reads the request between awaits; with ``threaded``, a
    plain middleware (which then runs in a worker thread) and a plain ``handle`` stage (also
    in a thread) read it too."""
    app = APIGatewayHttpResolver()
    router = Router()

    async def tag(app: Any, next_middleware: Any) -> Response:
        await pause()
        app.append_context(tag=app.current_event.get_header_value("x-n"))
        return await next_middleware(app)

    def plain_tag(app: Any, next_middleware: Any) -> Response:
        app.append_context(plain=app.current_event.get_header_value("x-n"))
        response: Response = next_middleware(app)
        response.headers["X-Plain"] = app.context["plain"]
        return response

    class Reader(Stage):
        name = "reader"

        def handle(self, request: PipelineRequest, call_next: Any) -> Response:
            seen = app.current_event.get_header_value("x-n")
            response: Response = call_next(request)
            response.headers["X-Stage"] = f"{seen}/{app.current_event.get_header_value('x-n')}"
            return response

    @router.post("/items/<item>", middlewares=[tag, plain_tag] if threaded else [tag])
    async def item(item: str) -> dict[str, Any]:
        reads = []
        for _ in range(3):
            await pause()
            event = router.current_event
            reads.append(
                [event.get_header_value("x-n"), event.json_body["n"], item, event.path, dict(router.context)]
            )
        return {"reads": reads}

    app.include_router(router)
    if threaded:
        app.pipeline.insert_before("binary", Reader())
    return app


def numbered_event(n: int) -> dict[str, Any]:
    return HTTP.event(
        "POST", f"/items/i{n}", headers={"X-N": str(n)}, body=json.dumps({"n": n}), query={"q": str(n)}
    )


@pytest.mark.parametrize("threaded", [False, True], ids=["on_the_loop", "with_threads"])
def test_concurrent_resolves_on_one_loop_never_mix_their_requests(threaded: bool) -> None:
    # With threads: far more requests than the loop's default executor has threads, each
    # holding one (the stage) while the next (the middleware) needs another.
    app = concurrent_app(threaded)

    async def all_at_once() -> list[dict[str, Any]]:
        return await asyncio.gather(*(app.resolve_async(numbered_event(n), None) for n in range(COUNT)))

    responses = asyncio.run(all_at_once())
    for n, response in enumerate(responses):
        context = {"tag": str(n), "plain": str(n)} if threaded else {"tag": str(n)}
        expected = [str(n), n, f"i{n}", f"/items/i{n}", context]
        assert json_body(response)["reads"] == [expected] * 3, n
        if threaded:
            assert header(response, "X-Plain") == str(n)
            assert header(response, "X-Stage") == f"{n}/{n}"


def test_concurrent_resolves_of_a_plain_route_never_mix_their_requests() -> None:
    app = APIGatewayRestResolver()

    async def slow(app: Any, next_middleware: Any) -> Response:
        app.append_context(n=app.current_event.path)
        await pause()
        return await next_middleware(app)

    @app.get("/n/<n>", middlewares=[slow])
    def plain(n: str) -> dict[str, Any]:
        return {"n": n, "path": app.current_event.path, "context": app.context["n"]}

    async def all_at_once() -> list[dict[str, Any]]:
        return await asyncio.gather(
            *(app.resolve_async({"httpMethod": "GET", "path": f"/n/{n}"}, None) for n in range(COUNT))
        )

    for n, response in enumerate(asyncio.run(all_at_once())):
        assert json_body(response) == {"n": str(n), "path": f"/n/{n}", "context": f"/n/{n}"}


def test_resolve_of_async_routes_on_many_threads_keeps_each_threads_request() -> None:
    app = concurrent_app(threaded=True)

    def one(n: int) -> dict[str, Any]:
        return app.resolve(numbered_event(n), None)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(one, range(40)))
    for n, response in enumerate(responses):
        expected = [str(n), n, f"i{n}", f"/items/i{n}", {"tag": str(n), "plain": str(n)}]
        assert json_body(response)["reads"] == [expected] * 3


def test_the_request_is_readable_after_resolve_async_returns() -> None:
    app = APIGatewayRestResolver()
    app.get("/after")(dict)

    async def call() -> tuple[str, Any, Any]:
        await app.resolve_async({"httpMethod": "GET", "path": "/after"}, "the context")
        return app.current_event.path, app.lambda_context, app.request.route

    assert asyncio.run(call()) == ("/after", "the context", "/after")


def test_the_context_set_before_resolve_async_is_handed_to_that_request_only() -> None:
    app = APIGatewayRestResolver()
    app.get("/ctx")(lambda: {"context": dict(app.context)})
    app.append_context(user="ada")
    first = asyncio.run(app.resolve_async({"httpMethod": "GET", "path": "/ctx"}, None))
    second = asyncio.run(app.resolve_async({"httpMethod": "GET", "path": "/ctx"}, None))
    assert (json_body(first), json_body(second)) == ({"context": {"user": "ada"}}, {"context": {}})


def test_resolve_async_accepts_a_typed_event_and_refuses_another_sources() -> None:
    app = APIGatewayRestResolver()
    app.get("/my/path")(lambda: {"ok": True})
    typed = REST.event("GET", "/my/path")
    from apiway.events import APIGatewayProxyEvent

    response = asyncio.run(app.resolve_async(APIGatewayProxyEvent(typed), None))  # type: ignore[arg-type]
    assert json_body(response) == {"ok": True}
    with pytest.raises(InvalidEventError):
        asyncio.run(app.resolve_async(HTTP.event("GET", "/my/path"), None))


# -- nested resolves -----------------------------------------------------------------------------
def nesting_app() -> Any:
    """``/outer/<how>`` resolves ``/inner`` (``resolve_async`` or ``resolve()``) from inside
    its handler and reports what ``current_event`` was before, inside and after."""
    app = APIGatewayRestResolver()

    @app.get("/inner")
    async def inner() -> dict[str, Any]:
        await asyncio.sleep(0)
        return {"inside": app.current_event.path}

    @app.get("/plain-inner")
    def plain_inner() -> dict[str, Any]:
        return {"inside": app.current_event.path}

    @app.get("/outer/<how>")
    async def outer(how: str) -> dict[str, Any]:
        before = app.current_event.path
        event = {"httpMethod": "GET", "path": "/plain-inner" if how.startswith("plain") else "/inner"}
        if how.endswith("async"):
            answer = await app.resolve_async(event, None)
        else:
            answer = app.resolve(event, None)
        return {"before": before, **json_body(answer), "after": app.current_event.path}

    @app.get("/sync-outer")
    def sync_outer() -> dict[str, Any]:
        answer = asyncio.run(app.resolve_async({"httpMethod": "GET", "path": "/inner"}, None))
        return {**json_body(answer), "after": app.current_event.path}

    return app


@pytest.mark.parametrize("way", ["resolve", "resolve_async"])
@pytest.mark.parametrize("how", ["async", "sync", "plain-async", "plain-sync"])
def test_a_nested_resolve_sees_its_own_request_and_restores_the_outer(how: str, way: str) -> None:
    app = nesting_app()
    response = rest_call(app, "GET", f"/outer/{how}", way=way)
    inside = "/plain-inner" if how.startswith("plain") else "/inner"
    assert json_body(response) == {"before": f"/outer/{how}", "inside": inside, "after": f"/outer/{how}"}


def test_resolve_async_nested_in_a_plain_handler_of_resolve() -> None:
    response = nesting_app().resolve({"httpMethod": "GET", "path": "/sync-outer"}, None)
    assert json_body(response) == {"inside": "/inner", "after": "/sync-outer"}


def test_each_resolver_keeps_its_own_request() -> None:
    first, second = APIGatewayRestResolver(), APIGatewayRestResolver()

    @second.get("/second")
    async def in_second() -> dict[str, Any]:
        return {"second": second.current_event.path}

    @first.get("/first")
    async def in_first() -> dict[str, Any]:
        answer = await second.resolve_async({"httpMethod": "GET", "path": "/second"}, None)
        return {"first": first.current_event.path, **json_body(answer)}

    response = asyncio.run(first.resolve_async({"httpMethod": "GET", "path": "/first"}, None))
    assert json_body(response) == {"first": "/first", "second": "/second"}


def test_a_thread_started_by_an_async_handler_adopts_the_event_by_assignment() -> None:
    # As for resolve(): request state belongs to a thread (or task); a handler hands the
    # event to a thread it starts itself.
    app = APIGatewayRestResolver()

    @app.get("/spawn")
    async def spawn() -> dict[str, Any]:
        event = app.current_event
        seen: list[str] = []

        def work() -> None:
            app.current_event = event
            seen.append(app.current_event.path)

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        return {"seen": seen}

    assert json_body(rest_call(app, "GET", "/spawn", way="resolve_async")) == {"seen": ["/spawn"]}

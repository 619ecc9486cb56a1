"""Hostile async code, one named test per case, on every way of resolving.

Async handlers that never await, return what JSON cannot carry, hand back a coroutine
instead of awaiting it, or raise after awaiting; a middleware that forgets to await
``next_middleware``; a cancelled ``resolve_async``. Each gets a clear answer (a logged 500
whose message names the problem) and leaves no coroutine behind un-awaited.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from support.events import each_way, rest_call
from support.exact import GENERIC_500, assert_answer


async def helper() -> dict[str, Any]:
    await asyncio.sleep(0)
    return {"never": "sent"}


def logged_500(app: Any, way: str, caplog: pytest.LogCaptureFixture) -> list[str]:
    """``GET /thing`` is answered with the generic 500; the log lines it left, with their
    exceptions. No coroutine was left un-awaited."""
    with warnings.catch_warnings(record=True) as record, caplog.at_level(logging.ERROR, logger="apiway"):
        warnings.simplefilter("always")
        response = rest_call(app, "GET", "/thing", way=way)
        gc.collect()
    assert_answer(response, 500, GENERIC_500)
    assert [str(w.message) for w in record if "never awaited" in str(w.message)] == []
    return [f"{r.getMessage()}: {r.exc_info[1] if r.exc_info else ''}" for r in caplog.records]


@each_way
def test_an_async_handler_that_never_awaits(way: str) -> None:
    app = APIGatewayRestResolver()

    @app.get("/thing")
    async def thing() -> dict[str, Any]:
        return {"awaited": "nothing"}

    response = rest_call(app, "GET", "/thing", way=way)
    assert (response["statusCode"], response["body"]) == (200, '{"awaited":"nothing"}')


@each_way
def test_an_async_handler_returning_what_json_cannot_carry(
    way: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = APIGatewayRestResolver()

    @app.get("/thing")
    async def thing() -> Any:
        await asyncio.sleep(0)
        return {"when": object()}

    lines = logged_500(app, way, caplog)
    assert any("could not be serialized" in line and "not JSON serializable" in line for line in lines), lines


@each_way
def test_an_async_handler_returning_a_coroutine_it_did_not_await(
    way: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = APIGatewayRestResolver()

    @app.get("/thing")
    async def thing() -> Any:
        return helper()  # forgot the await

    lines = logged_500(app, way, caplog)
    assert any(
        "thing (or a middleware around it) returned a coroutine object, an awaitable" in line
        for line in lines
    ), lines


@each_way
def test_a_plain_handler_returning_a_coroutine(way: str, caplog: pytest.LogCaptureFixture) -> None:
    app = APIGatewayRestResolver()

    @app.get("/thing")
    def thing() -> Any:
        return helper()

    lines = logged_500(app, way, caplog)
    assert any("declare the function `async def`" in line for line in lines), lines


@each_way
def test_a_plain_handler_returning_a_coroutine_with_propagate_exceptions(way: str) -> None:
    app = APIGatewayRestResolver(propagate_exceptions=True)

    @app.get("/thing")
    def thing() -> Any:
        return helper()

    with pytest.raises(
        TypeError,
        match=r"returned a coroutine object, an awaitable, instead of a value: declare the function",
    ):
        rest_call(app, "GET", "/thing", way=way)


@each_way
def test_an_async_middleware_that_forgets_to_await_next(way: str, caplog: pytest.LogCaptureFixture) -> None:
    app = APIGatewayRestResolver()

    async def forgetful(app: Any, next_middleware: Any) -> Any:
        return next_middleware(app)  # an awaitable, not the response

    @app.get("/thing", middlewares=[forgetful])
    async def thing() -> dict[str, Any]:
        return {}

    lines = logged_500(app, way, caplog)
    assert any("an awaitable, instead of a value" in line for line in lines), lines


@each_way
def test_an_async_handler_raising_after_awaiting_leaks_nothing(
    way: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = APIGatewayRestResolver()

    @app.get("/thing")
    async def thing() -> None:
        await asyncio.sleep(0)
        raise RuntimeError("password=hunter2")

    lines = logged_500(app, way, caplog)
    assert any("hunter2" in line for line in lines)  # in the log, never in the answer


@each_way
def test_an_async_exception_handler_returning_a_coroutine(way: str, caplog: pytest.LogCaptureFixture) -> None:
    app = APIGatewayRestResolver()

    @app.get("/thing")
    async def thing() -> None:
        raise LookupError("x")

    @app.exception_handler(LookupError)
    async def answer(error: LookupError) -> Any:
        return helper()

    lines = logged_500(app, way, caplog)
    assert any("an awaitable, instead of a value" in line for line in lines), lines


def test_a_cancelled_resolve_async_is_cancelled_not_answered() -> None:
    app = APIGatewayRestResolver()
    started = asyncio.Event()
    finished: list[str] = []

    @app.get("/slow")
    async def slow() -> dict[str, Any]:
        started.set()
        try:
            await asyncio.sleep(60)
        finally:
            finished.append("cleaned up")
        return {}

    async def cancel() -> bool:
        task = asyncio.ensure_future(app.resolve_async({"httpMethod": "GET", "path": "/slow"}, None))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return task.cancelled()

    assert asyncio.run(cancel()) is True
    assert finished == ["cleaned up"]


def test_a_timeout_around_resolve_async_cancels_the_handler() -> None:
    app = APIGatewayRestResolver()

    @app.get("/slow")
    async def slow() -> Response:
        await asyncio.sleep(60)
        return Response(200)

    async def with_timeout() -> None:
        await asyncio.wait_for(app.resolve_async({"httpMethod": "GET", "path": "/slow"}, None), 0.01)

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(with_timeout())

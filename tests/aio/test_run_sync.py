"""``apiway.aio``: running awaitables for ``resolve()`` (``run_sync``), each thread's event
loop, and each resolver's context variables."""

from __future__ import annotations

import asyncio
import contextvars
import gc
import threading
from typing import Any

import pytest

from apiway import APIGatewayRestResolver
from apiway.aio import is_awaitable, request_variables, run_sync
from apiway.request import PipelineRequest


async def running_loop() -> asyncio.AbstractEventLoop:
    await asyncio.sleep(0)
    return asyncio.get_running_loop()


def in_thread(func: Any) -> Any:
    """``func()`` on a new thread that then ends; what it returned."""
    results: list[Any] = []
    thread = threading.Thread(target=lambda: results.append(func()))
    thread.start()
    thread.join()
    return results[0]


def test_a_thread_reuses_its_loop_and_threads_do_not_share_one() -> None:
    first = run_sync(running_loop())
    assert run_sync(running_loop()) is first
    assert not first.is_closed()
    assert in_thread(lambda: run_sync(running_loop())) is not first


def test_a_threads_loop_is_closed_when_the_thread_ends() -> None:
    # A server that starts a thread per connection must not leave a loop (its selector and
    # self-pipe sockets) behind for each one.
    def two_calls() -> asyncio.AbstractEventLoop:
        loop = run_sync(running_loop())
        assert run_sync(running_loop()) is loop
        return loop

    loop = in_thread(two_calls)
    gc.collect()
    assert loop.is_closed()


def test_a_closed_loop_is_replaced() -> None:
    loop = in_thread(lambda: (run_sync(running_loop()), run_sync(running_loop()))[0])
    assert loop.is_closed()
    assert not run_sync(running_loop()).is_closed()


def test_inside_a_running_loop_it_runs_on_a_worker_threads_loop() -> None:
    variable: contextvars.ContextVar[str] = contextvars.ContextVar("test_variable")

    async def caller() -> tuple[Any, ...]:
        variable.set("from the caller")
        outer_loop = asyncio.get_running_loop()

        async def inner() -> tuple[Any, ...]:
            return asyncio.get_running_loop(), threading.get_ident(), variable.get()

        inner_loop, ident, seen = run_sync(inner())
        return inner_loop is outer_loop, ident == threading.get_ident(), seen

    assert asyncio.run(caller()) == (False, False, "from the caller")


def test_what_the_awaitable_raises_reaches_the_caller() -> None:
    async def fail() -> None:
        await asyncio.sleep(0)
        raise LookupError("from inside")

    with pytest.raises(LookupError, match="from inside"):
        run_sync(fail())

    async def caller() -> None:
        run_sync(fail())

    with pytest.raises(LookupError, match="from inside"):
        asyncio.run(caller())


def test_the_request_it_serves_is_the_current_one_meanwhile_and_only_then() -> None:
    app = APIGatewayRestResolver()
    request = PipelineRequest(app, {"httpMethod": "GET", "path": "/r"}, None, "GET", "/r")
    current, _ = request_variables(app)

    async def read() -> tuple[Any, Any]:
        in_worker = await asyncio.to_thread(lambda: app.current_event)
        return app.current_event, in_worker

    assert run_sync(read(), request) == (request.event, request.event)
    assert current.get(None) is None
    assert app._active_request() is None


def test_non_awaitable_results_pass_through() -> None:
    # What a decorator's plain wrapper taken for async gave (see apiway.registry.is_async).
    assert run_sync({"plain": True}) == {"plain": True}  # type: ignore[arg-type]


class Awaitable:
    def __await__(self) -> Any:
        return (yield from asyncio.sleep(0).__await__())


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Awaitable(), True), ({}, False), (None, False), ("text", False), (Awaitable, False)],
    ids=["custom_await", "dict", "none", "str", "a_class"],
)
def test_is_awaitable(value: Any, expected: bool) -> None:
    assert is_awaitable(value) is expected


def test_is_awaitable_of_coroutines_and_futures() -> None:
    coroutine = running_loop()
    assert is_awaitable(coroutine)
    coroutine.close()
    loop = asyncio.new_event_loop()
    try:
        assert is_awaitable(loop.create_future())
    finally:
        loop.close()


def test_request_variables_are_made_once_per_resolver() -> None:
    first, second = APIGatewayRestResolver(), APIGatewayRestResolver()
    assert first._async_requests is None  # until something async needs them
    pair = request_variables(first)
    assert request_variables(first) is pair
    assert request_variables(second) != pair
    assert pair[0].name.startswith("apiway.request.APIGatewayRestResolver.")

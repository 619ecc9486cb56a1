"""Async support: ``resolve_async``, and ``async def`` handlers, middlewares and exception
handlers on both ``resolve`` and ``resolve_async``.

perf: loaded only by apps that have something async (a route, a middleware, an exception
handler) or call ``resolve_async``; an app without any never imports ``asyncio``.

- :func:`run_sync` runs an awaitable to completion for the synchronous ``resolve()``, on an
  event loop kept per thread (one loop per thread, reused by the calls that follow).
- :mod:`apiway.aio.links` composes what is async: a route's chain (its middlewares and
  handler, sync and async mixed), the router's own answers, and the stage chain of
  ``resolve_async`` (the same stage objects as ``resolve``: hooks are called, and awaited
  when they give an awaitable; a stage written with a plain ``handle`` runs in a thread).
- :mod:`apiway.aio.resolve` is ``resolve_async``; each call keeps its request in a
  ``contextvars`` variable of its own resolver, so concurrent tasks on one loop never see
  each other's.
"""

import asyncio
import threading

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Awaitable
    from typing import Any, TypeVar

    T = TypeVar("T")

_LOOPS = threading.local()


def is_awaitable(value: "Any") -> bool:
    """Whether ``value`` must be awaited (a coroutine, a future, any object with ``__await__``)."""
    return hasattr(type(value), "__await__")


def run_sync(awaitable: "Awaitable[T]") -> "T":
    """Run ``awaitable`` to completion from synchronous code.

    Outside a running event loop, on this thread's own loop (created once, then reused).
    Inside one (``resolve()`` called from async code), on a loop of a short-lived worker
    thread, while the caller waits: prefer ``await app.resolve_async(...)`` there.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        loop = getattr(_LOOPS, "loop", None)
        if loop is None or loop.is_closed():
            loop = _LOOPS.loop = asyncio.new_event_loop()
        return loop.run_until_complete(_as_coroutine(awaitable))
    import concurrent.futures
    import contextvars

    context = contextvars.copy_context()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(context.run, asyncio.run, _as_coroutine(awaitable)).result()


async def _as_coroutine(awaitable: "Awaitable[T]") -> "T":
    return await awaitable


async def settled(value: "Any") -> "Any":
    """``value``, awaited as long as it is awaitable."""
    while is_awaitable(value):
        value = await value
    return value

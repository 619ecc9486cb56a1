"""Async support: ``resolve_async``, and ``async def`` handlers, middlewares and exception
handlers on both ``resolve`` and ``resolve_async``.

perf: loaded only by apps that have something async (a route, a middleware, an exception
handler) or call ``resolve_async``; an app without any never imports ``asyncio``.

- :func:`run_sync` runs an awaitable to completion for the synchronous ``resolve()``, on an
  event loop kept per thread (one loop per thread, reused by the calls that follow, closed
  when the thread ends).
- :func:`request_variables`: each resolver's pair of ``contextvars`` variables. Requests
  served by ``resolve_async`` live there, so concurrent tasks on one loop never see each
  other's; so does a ``resolve()`` request while its async parts run, so that the worker
  threads they use see it too.
- :mod:`apiway.aio.links` composes what is async: a route's chain (its middlewares and
  handler, sync and async mixed), the router's own answers, and the stage chain of
  ``resolve_async`` (the same stage objects as ``resolve``: hooks are called, and awaited
  when they give an awaitable; a stage written with a plain ``handle`` runs in a thread).
- :mod:`apiway.aio.resolve` is ``resolve_async``.
"""

import asyncio
import contextvars
import threading

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    from concurrent.futures import ThreadPoolExecutor
    from typing import Any, TypeVar

    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver

    T = TypeVar("T")


class _ThreadLoop:
    """This thread's event loop for :func:`run_sync`, closed when the thread ends (the
    thread's ``threading.local`` data goes, and this with it): a server that starts a thread
    per connection leaves no loop, socket or selector behind."""

    __slots__ = ("loop",)

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def __del__(self) -> None:
        loop = self.loop
        if not loop.is_closed() and not loop.is_running():
            loop.close()


_LOOPS = threading.local()


#: The worker threads plain middlewares and stages run in on the async path (see in_thread).
_WORKERS: "ThreadPoolExecutor | None" = None


async def in_thread(func: "Callable[..., T]", *args: "Any", **kwargs: "Any") -> "T":
    """``func(*args, **kwargs)`` in a worker thread, with a copy of this context.

    Not the loop's default executor: that has a few threads, and the code run here waits in
    them for the rest of the chain, which may need a thread too (a plain stage around a plain
    middleware around an async handler). With a bounded pool, enough concurrent requests
    would each hold a thread while waiting for one. This pool starts a thread whenever none
    is idle, and reuses idle ones.
    """
    global _WORKERS
    workers = _WORKERS
    if workers is None:
        from concurrent.futures import ThreadPoolExecutor

        workers = _WORKERS = ThreadPoolExecutor(max_workers=1 << 24, thread_name_prefix="apiway-worker")
    context = contextvars.copy_context()
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(workers, lambda: context.run(func, *args, **kwargs))


def is_awaitable(value: "Any") -> bool:
    """Whether ``value`` must be awaited (a coroutine, a future, any object with ``__await__``)."""
    return hasattr(type(value), "__await__")


def request_variables(
    app: "BaseResolver",
) -> "tuple[contextvars.ContextVar[Any], contextvars.ContextVar[Any]]":
    """The resolver's pair of context variables: the request being resolved in this context,
    and the one ``resolve_async`` resolved last (readable until the next)."""
    pair = app._async_requests
    if pair is None:
        name = f"apiway.request.{type(app).__name__}.{id(app):x}"
        pair = app._async_requests = (contextvars.ContextVar(name), contextvars.ContextVar(name + ".last"))
    return pair


def run_sync(awaitable: "Awaitable[T]", request: "PipelineRequest | None" = None) -> "T":
    """Run ``awaitable`` to completion from synchronous code.

    Outside a running event loop, on this thread's own loop (created once, then reused).
    Inside one (``resolve()`` called from async code), on a loop of a short-lived worker
    thread, while the caller waits: prefer ``await app.resolve_async(...)`` there.
    ``request`` (the ``resolve()`` request it serves) is what ``app.current_event`` and
    ``app.context`` read meanwhile, in the worker threads the awaitable may use too.
    """
    if request is None:
        return _run(awaitable)
    current = request_variables(request.app)[0]
    token = current.set(request)
    try:
        return _run(awaitable)
    finally:
        current.reset(token)


def _run(awaitable: "Awaitable[T]") -> "T":
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        holder = getattr(_LOOPS, "holder", None)
        if holder is None or holder.loop.is_closed():
            holder = _LOOPS.holder = _ThreadLoop()
        return holder.loop.run_until_complete(_as_coroutine(awaitable))
    import concurrent.futures

    context = contextvars.copy_context()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(context.run, asyncio.run, _as_coroutine(awaitable)).result()


async def _as_coroutine(awaitable: "Awaitable[T]") -> "T":
    value: Any = awaitable
    while is_awaitable(value):  # what something taken for async gave (see is_async)
        value = await value
    return value  # type: ignore[no-any-return]

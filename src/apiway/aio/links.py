"""The async links: a route's chain, the router's own answers and the stage chain, composed
for requests where something is async.

Every link here takes the request and returns a Response or an awaitable of one. Sync and
async parts mix freely: an ``async def`` middleware awaits ``next_middleware(app)``; a plain
middleware around something async runs in a worker thread (:func:`apiway.aio.in_thread`),
whose ``next_middleware(app)`` waits for the async rest of the chain on the event loop
(``contextvars`` are copied, so ``app.current_event`` holds in the thread too). Stages are
linked the same way: hooks inline, an ``async def handle`` awaited, a plain ``handle`` in a
worker thread.
"""

import asyncio

from apiway.aio import in_thread, is_awaitable, run_sync
from apiway.middlewares.chain import MiddlewareStage, NextLink, middleware_name
from apiway.registry import is_async
from apiway.response import Response, json_response, to_response
from apiway.stages import INNERMOST, fused_afters, hooks_of, link, segments

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.stages import Chain, Stage

    Link = Callable[[PipelineRequest], Any]  # a Response, or an awaitable of one


async def awaited(value: "Any") -> "Any":
    """``value``, awaited while it is awaitable (a link may hand back either)."""
    while is_awaitable(value):
        value = await value
    return value


def path_aware(async_link: "Link") -> "Link":
    """A link for both paths: on ``resolve_async`` it hands back the awaitable, on
    ``resolve`` it runs it to completion."""

    def either(request: "PipelineRequest") -> "Any":
        pending = async_link(request)
        return pending if request.asynchronous else run_sync(awaited(pending), request)

    return either


# -- a route's chain ---------------------------------------------------------------------------


async def handler_answer(pending: "Any", error: "Any") -> "Response":
    """The answer of an ``async def`` exception handler to one of the router's errors."""
    response = to_response(await pending)
    if error is None:
        return response
    from apiway.failures import keep_allow

    return keep_allow(response, error)


async def without_body(pending: "Any") -> "Response":
    """The automatic ``HEAD`` answer of an async ``GET`` route: its response, body removed."""
    response: Response = await awaited(pending)
    response.body = ""
    response.base64_encoded = False
    return response


def handler_call(route: "Route") -> "Link":
    """The innermost link of an async route's chain: call the handler, await it, make a
    :class:`Response` of what it gives."""
    func, status_code = route.func, route.status_code
    takes_args = bool(route.parsed.param_names or route.parsed.catch_all is not None)
    # perf: an async def function itself always gives a coroutine; other things taken for
    # async (a decorator's plain wrapper, a callable object) are checked.
    coroutine_function = bool(getattr(getattr(func, "__code__", None), "co_flags", 0) & 0x80)

    async def call(request: "PipelineRequest") -> "Response":
        result = func(**request.route_args) if takes_args else func()  # type: ignore[arg-type]
        if coroutine_function or is_awaitable(result):
            result = await result
        if type(result) is dict:
            return json_response(status_code, result)
        return to_response(result, status_code)

    call.__name__ = route.name
    return call


class AsyncNextLink(NextLink):
    """``next_middleware`` for an ``async def`` middleware: calling it gives an awaitable."""

    __slots__ = ()

    def __call__(self, app: "Any", **kwargs: "Any") -> "Any":
        if kwargs:
            self.request.state["apiway.middleware_kwargs"] = kwargs
        return self.rest()

    async def rest(self) -> "Response":
        # Started when awaited, like any coroutine: one never awaited leaves nothing running.
        return await awaited(self.call_next(self.request))  # type: ignore[no-any-return]


class ThreadNextLink(NextLink):
    """``next_middleware`` for a plain middleware running in a worker thread: calling it
    waits there for the async rest of the chain, which runs on the event loop."""

    __slots__ = ("loop",)

    def __init__(self, call_next: "Link", request: "PipelineRequest", stage: "MiddlewareStage", loop: "Any"):
        super().__init__(call_next, request, stage)
        self.loop = loop

    def __call__(self, app: "Any", **kwargs: "Any") -> "Response":
        if kwargs:
            self.request.state["apiway.middleware_kwargs"] = kwargs
        rest = awaited(self.call_next(self.request))
        return asyncio.run_coroutine_threadsafe(rest, self.loop).result()  # type: ignore[no-any-return]


def _kwargs(request: "PipelineRequest") -> "dict[str, Any]":
    state = request._state
    return (state.pop("apiway.middleware_kwargs", None) or {}) if state else {}


def async_middleware_link(
    app: "Any", middleware: "Callable[..., Any]", inner: "Link", next_name: str
) -> "Link":
    """An ``async def`` middleware as a link: awaited on the event loop."""
    stage = MiddlewareStage(middleware, app, next_name)

    async def run(request: "PipelineRequest") -> "Response":
        result = middleware(app, AsyncNextLink(inner, request, stage), **_kwargs(request))
        if is_awaitable(result):  # not for a decorator's plain wrapper that gave an answer
            result = await result
        return result if isinstance(result, Response) else to_response(result)

    return run


def threaded_middleware_link(
    app: "Any", middleware: "Callable[..., Any]", inner: "Link", next_name: str
) -> "Link":
    """A plain middleware around something async: it runs in a worker thread."""
    stage = MiddlewareStage(middleware, app, next_name)

    async def run(request: "PipelineRequest") -> "Response":
        loop = asyncio.get_running_loop()
        next_link = ThreadNextLink(inner, request, stage, loop)
        result = await in_thread(middleware, app, next_link, **_kwargs(request))
        return result if isinstance(result, Response) else to_response(result)

    return run


def compose(
    app: "Any",
    middlewares: "Sequence[Callable[..., Any]]",
    innermost: "Link",
    innermost_name: str,
    inner_async: bool,
) -> "Link":
    """``innermost`` nested in ``middlewares`` (first outermost), each linked the way its
    kind and what it wraps need; ``inner_async`` says whether ``innermost`` is async."""
    chain = innermost
    name = innermost_name
    for middleware in reversed(middlewares):
        if is_async(middleware):
            chain = async_middleware_link(app, middleware, chain, name)
            inner_async = True
        elif inner_async:
            chain = threaded_middleware_link(app, middleware, chain, name)
        else:
            chain = link(MiddlewareStage(middleware, app, name), chain)
        name = middleware_name(middleware)
    return chain


def route_chain(app: "BaseResolver", route: "Route", middlewares: "Sequence[Callable[..., Any]]") -> "Link":
    """The chain of a route with something async in it (its handler or a middleware), for
    both paths. The call is ``route.invoke`` when a stage set one up (validation: ``async
    def`` for an async handler), else the handler's own."""
    call = route.invoke
    if call is not None:
        chain = compose(app, middlewares, call, route.name, inner_async=is_async(call))
    elif is_async(route.func):
        chain = compose(app, middlewares, handler_call(route), route.name, inner_async=True)
    else:
        from apiway.stages.router import handler_call as sync_handler_call

        chain = compose(app, middlewares, sync_handler_call(route), route.name, inner_async=False)
    return path_aware(chain)


def answer_chain(
    app: "BaseResolver", answer: "Callable[[BaseResolver, PipelineRequest], Any]", kind: str
) -> "Link":
    """One of the router's own answers through the global middlewares, when one of them (or
    the exception handler that words the answer) is async."""

    async def call(request: "PipelineRequest") -> "Response":
        return await awaited(answer(app, request))  # type: ignore[no-any-return]

    return path_aware(compose(app, app.middlewares, call, kind, inner_async=True))


# -- the stage chain of resolve_async --------------------------------------------------------


def stage_chain(chain: "Chain", app: "BaseResolver") -> "Link":
    """The live stages of a built ``chain``, linked for ``resolve_async``: every link hands
    back an awaitable (or a Response)."""
    entry: Link = _no_inner
    for run in reversed(segments(list(chain.live or ()))):
        if hooks_of(run[0]) is not None:
            entry = _run_link(run, entry)
        elif run[0].name == INNERMOST and entry is _no_inner:
            entry = _router_link(run[0])
        else:
            entry = _handle_link(run[0], entry)
    return entry


def driven(entry_async: "Link") -> "Callable[[PipelineRequest], Response]":
    """The entry ``resolve()`` calls for a chain with async stages: the async chain, run to
    completion on this thread's loop (the request served as ``resolve_async`` serves it)."""

    def drive(request: "PipelineRequest") -> "Response":
        request.asynchronous = True
        response = entry_async(request)
        if response.__class__ is Response:  # nothing on its way was async: no loop to run
            return response
        return run_sync(awaited(response), request)

    return drive


def _no_inner(request: "PipelineRequest") -> "Response":
    raise RuntimeError("the router stage called call_next(); it is the innermost stage")


def _router_link(router: "Stage") -> "Link":
    return link(router, _no_inner)  # perf: the router's own frame, nothing around it


def _run_link(run: "list[Stage]", inner: "Link") -> "Link":
    """A run of hook stages: hooks called in order, awaited when they give an awaitable."""
    hooks = [hooks_of(stage) for stage in run]
    at = next((i for i, (before, _, _) in enumerate(hooks) if before is not None), None)  # type: ignore[misc]
    before = hooks[at][0] if at is not None else None  # type: ignore[index]
    methods = run[at].before_methods if at is not None else None
    outside = [after for _, after, _ in reversed(hooks[:at]) if after is not None] if at else []  # type: ignore[misc]
    error = hooks[-1][2]  # type: ignore[index]
    afters = list(fused_afters(tuple(after for _, after, _ in reversed(hooks) if after is not None)))  # type: ignore[misc]

    async def guarded(request: "PipelineRequest", pending: "Any") -> "Any":
        # What is inside gave an awaitable: awaited under the error hook (whose own answer is
        # not), then the afters. perf: one coroutine, loops written out.
        try:
            response = await pending
            if response.__class__ is not Response:
                response = await awaited(response)
        except Exception as raised:
            if error is None:
                raise
            response = error(request, raised)
            if response.__class__ is not Response:
                response = await awaited(response)
        for after in afters:
            response = after(request, response)
            if response.__class__ is not Response:
                response = await awaited(response)
        return response

    def run_inner(request: "PipelineRequest") -> "Any":
        try:
            response = inner(request)
        except Exception as raised:
            if error is None:
                raise
            response = error(request, raised)
            if response.__class__ is not Response:  # the error hook's own answer: not guarded
                return _after_rest(request, response, afters)
        else:
            if response.__class__ is not Response:
                return guarded(request, response)
        for index, after in enumerate(afters):
            response = after(request, response)
            if response.__class__ is not Response:
                return _after_rest(request, response, afters[index + 1 :])
        return response

    async def from_before(request: "PipelineRequest", pending: "Any") -> "Any":
        # An async before hook: None lets the request go on, anything else answers it.
        answer = await awaited(pending)
        if answer is not None:
            return await _answered(request, answer, outside)
        return await awaited(run_inner(request))

    if before is None:
        return run_inner  # perf: no before hook, no frame to check for one

    def run_hooks(request: "PipelineRequest") -> "Any":
        # perf: a plain function; a coroutine only once something inside gives an awaitable.
        if methods is None or request.method in methods:
            answer = before(request)
            if answer is not None:
                if answer.__class__ is not Response:
                    return from_before(request, answer)
                if outside:
                    return _answered(request, answer, outside)
                return answer
        return run_inner(request)

    return run_hooks


async def _answered(request: "PipelineRequest", answer: "Any", outside: "list[Any]") -> "Any":
    answer = await awaited(answer)
    for after in outside:
        answer = await awaited(after(request, answer))
    return answer


async def _after_rest(request: "PipelineRequest", response: "Any", afters: "list[Any]") -> "Any":
    response = await awaited(response)
    for after in afters:
        response = await awaited(after(request, response))
    return response


def _handle_link(stage: "Stage", inner: "Link") -> "Link":
    """A stage written with ``handle``: awaited when it is ``async def``, else run in a
    worker thread whose ``call_next`` waits for the rest of the chain on the event loop."""

    async def call_next(request: "PipelineRequest") -> "Any":
        return await awaited(inner(request))

    if is_async(stage.handle):

        def run_async(request: "PipelineRequest") -> "Any":
            return stage.handle(request, call_next)  # type: ignore[arg-type]

        return run_async

    async def run_threaded(request: "PipelineRequest") -> "Any":
        loop = asyncio.get_running_loop()

        def blocking_next(request: "PipelineRequest") -> "Any":
            return asyncio.run_coroutine_threadsafe(call_next(request), loop).result()

        return await in_thread(stage.handle, request, blocking_next)

    return run_threaded

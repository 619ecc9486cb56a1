"""User stages on both paths: one chain of stage objects, driven by ``resolve()`` (the chain
``apiway.stages`` links) and by ``resolve_async`` (``apiway.aio.links.stage_chain``).

The rule under test: hooks (``before``, ``after``, ``error``) run inline on both paths,
plain or ``async def`` (awaited on ``resolve_async``, run to completion on ``resolve()``); a
stage written with an ``async def handle`` is awaited; one written with a plain ``handle``
runs in a worker thread on ``resolve_async``, whose ``call_next`` waits for the inner stages on
the loop, and inline on ``resolve()``. Every way gives the same answers, in the same order.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response, Stage
from apiway.pipeline import AsyncFunctionStage, FunctionStage
from apiway.request import PipelineRequest
from support.events import each_way, rest_call
from support.exact import GENERIC_500
from support.responses import header, json_body

KINDS = ("plain", "async")


class Log:
    """What the stages and the handler did, in order, with the thread each ran on."""

    def __init__(self) -> None:
        self.steps: list[str] = []
        self.threads: dict[str, int] = {}

    def __call__(self, step: str, app: Any = None) -> None:
        if app is not None:  # the stage reads the request it serves
            step = f"{step} {app.current_event.path}"
        self.steps.append(step)
        self.threads[step.split()[0]] = threading.get_ident()


def hook_stage(name: str, kind: str, log: Log, app: Any, *, answer: bool = False) -> Stage:
    """A stage with ``before`` and ``after`` hooks of ``kind``; its ``before`` answers 401 by
    itself when ``answer``."""

    def before(request: PipelineRequest) -> Response | None:
        log(f"{name}.before", app)
        return Response(401, "text/plain", f"{name} says no") if answer else None

    def after(request: PipelineRequest, response: Response) -> Response:
        log(f"{name}.after", app)
        response.headers[f"X-{name}"] = "1"
        return response

    if kind == "plain":
        hooks: dict[str, Any] = {"before": lambda self, request: before(request)}
        hooks["after"] = lambda self, request, response: after(request, response)
    else:

        async def async_before(self: Any, request: PipelineRequest) -> Response | None:
            await asyncio.sleep(0)
            return before(request)

        async def async_after(self: Any, request: PipelineRequest, response: Response) -> Response:
            await asyncio.sleep(0)
            return after(request, response)

        hooks = {"before": async_before, "after": async_after}
    return type(f"{name.capitalize()}Stage", (Stage,), {"name": name, **hooks})()


def handle_stage(name: str, kind: str, log: Log, app: Any) -> Stage:
    """A stage written with its own ``handle``, plain or ``async def``."""
    if kind == "plain":

        def handle(self: Any, request: PipelineRequest, call_next: Any) -> Response:
            log(f"{name}.in", app)
            response: Response = call_next(request)
            log(f"{name}.out", app)
            response.headers[f"X-{name}"] = "1"
            return response

    else:

        async def handle(self: Any, request: PipelineRequest, call_next: Any) -> Response:  # type: ignore[misc]
            log(f"{name}.in", app)
            await asyncio.sleep(0)
            response: Response = await call_next(request)
            log(f"{name}.out", app)
            response.headers[f"X-{name}"] = "1"
            return response

    return type(f"{name.capitalize()}Stage", (Stage,), {"name": name, "handle": handle})()


def app_with(log: Log, handler_kind: str = "async") -> Any:
    app = APIGatewayRestResolver()

    def answer(item: str) -> dict[str, Any]:
        log("handler", app)
        return {"item": item}

    if handler_kind == "plain":
        app.get("/items/<item>")(answer)
    else:

        async def asynchronous(item: str) -> dict[str, Any]:
            await asyncio.sleep(0)
            return answer(item)

        app.get("/items/<item>")(asynchronous)
    return app


@each_way
@pytest.mark.parametrize("handler_kind", KINDS)
@pytest.mark.parametrize("outer", KINDS)
@pytest.mark.parametrize("inner", KINDS)
def test_hook_stages_run_in_order_inline(outer: str, inner: str, handler_kind: str, way: str) -> None:
    log = Log()
    app = app_with(log, handler_kind)
    app.pipeline.insert_before("binary", hook_stage("outer", outer, log, app))
    app.pipeline.insert_after("exceptions", hook_stage("inner", inner, log, app))

    response = rest_call(app, "GET", "/items/a", way=way)

    assert json_body(response) == {"item": "a"}
    assert (header(response, "X-outer"), header(response, "X-inner")) == ("1", "1")
    assert log.steps == [
        "outer.before /items/a",
        "inner.before /items/a",
        "handler /items/a",
        "inner.after /items/a",
        "outer.after /items/a",
    ]
    # No hook runs in a thread of its own: each runs where the chain around it runs. (From
    # inside a running loop, resolve() runs what is async on a worker thread's own loop.)
    threads = {log.threads["outer.before"], log.threads["inner.before"], log.threads["outer.after"]}
    assert len(threads) == 1 or (way == "resolve_in_loop" and "async" in (outer, inner))


@each_way
@pytest.mark.parametrize("kind", KINDS)
def test_an_answer_from_before_skips_what_is_inside_and_runs_the_after_hooks_outside(
    kind: str, way: str
) -> None:
    log = Log()
    app = app_with(log)
    app.pipeline.insert_before("binary", hook_stage("outer", "plain", log, app))
    app.pipeline.insert_before("serialization", hook_stage("gate", kind, log, app, answer=True))
    app.pipeline.insert_after("exceptions", hook_stage("inner", "plain", log, app))

    response = rest_call(app, "GET", "/items/a", way=way)

    assert (response["statusCode"], response["body"]) == (401, "gate says no")
    assert log.steps == ["outer.before /items/a", "gate.before /items/a", "outer.after /items/a"]
    assert (header(response, "X-outer"), header(response, "X-gate")) == ("1", None)


@each_way
@pytest.mark.parametrize("kind", KINDS)
def test_before_methods_limits_the_before_hook(kind: str, way: str) -> None:
    log = Log()
    app = app_with(log)
    app.post("/items/<item>")(lambda item: {"posted": item})
    gate = hook_stage("gate", kind, log, app, answer=True)
    gate.before_methods = frozenset({"POST"})
    app.pipeline.insert_before("binary", gate)

    assert rest_call(app, "GET", "/items/a", way=way)["statusCode"] == 200
    assert rest_call(app, "POST", "/items/a", way=way)["statusCode"] == 401
    assert [step for step in log.steps if step.startswith("gate.before")] == ["gate.before /items/a"]


class Unavailable(Exception):
    pass


def error_stage(kind: str, log: Log) -> Stage:
    """A stage whose ``error`` hook answers 503 for :class:`Unavailable` and re-raises the rest."""

    def answer(request: PipelineRequest, error: Exception) -> Response:
        log(f"error {type(error).__name__}")
        if isinstance(error, Unavailable):
            return Response(503, "text/plain", f"unavailable: {error}")
        raise error

    if kind == "plain":

        class PlainGuard(Stage):
            name = "guard"

            def error(self, request: PipelineRequest, error: Exception) -> Response:
                return answer(request, error)

        return PlainGuard()

    class AsyncGuard(Stage):
        name = "guard"

        async def error(self, request: PipelineRequest, error: Exception) -> Response:  # type: ignore[override]
            await asyncio.sleep(0)
            return answer(request, error)

    return AsyncGuard()


@each_way
@pytest.mark.parametrize("kind", KINDS)
def test_an_error_hook_answers_errors_from_the_stages_inside(kind: str, way: str) -> None:
    log = Log()
    app = APIGatewayRestResolver()

    @app.get("/down")
    async def down() -> None:
        await asyncio.sleep(0)
        raise Unavailable("maintenance")

    @app.get("/broken")
    async def broken() -> None:
        raise KeyError("x")

    @app.get("/plain-broken")
    def plain_broken() -> None:
        raise KeyError("y")

    app.pipeline.insert_after("exceptions", error_stage(kind, log))

    down_answer = rest_call(app, "GET", "/down", way=way)
    assert (down_answer["statusCode"], down_answer["body"]) == (503, "unavailable: maintenance")
    # Re-raised: the exceptions stage, outside it, answers (and the hook saw it once).
    assert rest_call(app, "GET", "/broken", way=way)["body"] == GENERIC_500
    assert rest_call(app, "GET", "/plain-broken", way=way)["body"] == GENERIC_500
    assert log.steps == ["error Unavailable", "error KeyError", "error KeyError"]


@each_way
@pytest.mark.parametrize("kind", KINDS)
def test_a_failing_hook_outside_the_exception_stage_gets_the_last_resort_500(kind: str, way: str) -> None:
    app = app_with(Log())

    class Broken(Stage):
        name = "broken"

        if kind == "plain":

            def after(self, request: PipelineRequest, response: Response) -> Response:
                raise RuntimeError("after failed")

        else:

            async def after(self, request: PipelineRequest, response: Response) -> Response:  # type: ignore[override]
                raise RuntimeError("after failed")

    app.pipeline.insert_before("binary", Broken())
    response = rest_call(app, "GET", "/items/a", way=way)
    assert (response["statusCode"], response["body"]) == (500, GENERIC_500)


@each_way
@pytest.mark.parametrize("handler_kind", KINDS)
@pytest.mark.parametrize("kind", KINDS)
def test_handle_stages_wrap_the_inner_stages(kind: str, handler_kind: str, way: str) -> None:
    log = Log()
    app = app_with(log, handler_kind)
    app.pipeline.insert_before("binary", handle_stage("outer", kind, log, app))
    app.pipeline.insert_after("exceptions", handle_stage("inner", kind, log, app))

    response = rest_call(app, "GET", "/items/a", way=way)

    assert json_body(response) == {"item": "a"}
    assert (header(response, "X-outer"), header(response, "X-inner")) == ("1", "1")
    assert [step.split()[0] for step in log.steps] == [
        "outer.in",
        "inner.in",
        "handler",
        "inner.out",
        "outer.out",
    ]
    assert all(step.endswith(" /items/a") for step in log.steps)
    # On resolve_async a plain handle runs in a worker thread (each its own). resolve() runs
    # plain handles inline; an async handle makes it run the async chain on one loop (on a
    # worker thread's loop when called inside a running loop, as is the async handler's).
    threads = [log.threads[part] for part in ("outer.in", "inner.in", "handler")]
    if way == "resolve_async" and kind == "plain":
        assert len(set(threads)) == 3
    elif way == "resolve_in_loop" and kind == "plain" and handler_kind == "async":
        assert threads[0] == threads[1] != threads[2]
    else:
        assert len(set(threads)) == 1


@each_way
@pytest.mark.parametrize("kind", KINDS)
def test_a_handle_stage_may_answer_without_calling_next(kind: str, way: str) -> None:
    log = Log()
    app = app_with(log)

    if kind == "plain":

        def refuse(request: PipelineRequest, call_next: Any) -> Response:
            return Response(429, "text/plain", "slow down")

    else:

        async def refuse(request: PipelineRequest, call_next: Any) -> Response:  # type: ignore[misc]
            return Response(429, "text/plain", "slow down")

    app.pipeline.insert_before("binary", refuse)  # a function: the pipeline makes it a stage
    expected = AsyncFunctionStage if kind == "async" else FunctionStage
    assert type(app.pipeline["refuse"]) is expected

    response = rest_call(app, "GET", "/items/a", way=way)
    assert (response["statusCode"], response["body"]) == (429, "slow down")
    assert log.steps == []


@each_way
def test_function_stages_of_both_kinds(way: str) -> None:
    log = Log()
    app = app_with(log)

    def plain_stage(request: PipelineRequest, call_next: Any) -> Response:
        response: Response = call_next(request)
        response.headers["X-Plain"] = request.method
        return response

    async def async_stage(request: PipelineRequest, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["X-Async"] = request.route_path
        return response

    app.pipeline.insert_before("binary", plain_stage)
    app.pipeline.insert_after("plain_stage", async_stage)
    response = rest_call(app, "GET", "/items/a", way=way)
    assert (header(response, "X-Plain"), header(response, "X-Async")) == ("GET", "/items/a")


@each_way
def test_hooks_and_handles_mixed_in_one_chain(way: str) -> None:
    log = Log()
    app = app_with(log, "plain")
    app.pipeline.insert_before("binary", hook_stage("h1", "async", log, app))
    app.pipeline.insert_before("binary", handle_stage("s1", "plain", log, app))
    app.pipeline.insert_before("binary", hook_stage("h2", "plain", log, app))
    app.pipeline.insert_after("exceptions", handle_stage("s2", "async", log, app))
    response = rest_call(app, "GET", "/items/a", way=way)
    assert json_body(response) == {"item": "a"}
    assert [step.split()[0] for step in log.steps] == [
        "h1.before",
        "s1.in",
        "h2.before",
        "s2.in",
        "handler",
        "s2.out",
        "h2.after",
        "s1.out",
        "h1.after",
    ]


@each_way
def test_the_async_chain_is_built_once_from_the_same_stages(way: str) -> None:
    app = app_with(Log())
    rest_call(app, "GET", "/items/a", way=way)
    rest_call(app, "GET", "/items/b", way=way)
    chain = app._chain
    assert chain.entry is not None
    assert (chain.entry_async is not None) is (way == "resolve_async")
    entry_async = chain.entry_async
    rest_call(app, "GET", "/items/c", way=way)
    assert chain.entry_async is entry_async

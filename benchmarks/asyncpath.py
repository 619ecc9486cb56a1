"""The async path: ``await app.resolve_async(...)`` of a trivial ``async def`` route against
``app.resolve(...)`` of the same route written plain, for apiway and for Powertools (3.37 has a
``resolve_async`` too); and what ``resolve()`` costs to run an async route to completion.

``resolve_async`` is awaited back to back inside one coroutine on a running loop, as a server
or an async Lambda handler would await it: the loop's own start-up is not in the figure.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.apps import HELLO, Framework
from benchmarks.checks import Expect, check
from benchmarks.events import CONTEXT, bench_event
from benchmarks.timing import Contender, Stat, interleave, paired_ratio

KEY = "async_route"
LABEL = "static GET (REST), the route `async def`"
#: The contenders of each framework: what is called, and whether it is awaited.
PLAIN, AWAITED, RUN_TO_COMPLETION = "resolve", "resolve_async", "resolve, async route"


def hello_app(framework: Framework, asynchronous: bool) -> Any:
    """``GET /hello`` answering ``{"message": "hello"}``, written plain or ``async def``."""
    app = framework.rest()
    if asynchronous:

        @app.get("/hello")
        async def hello_async() -> dict[str, Any]:
            return {"message": "hello"}

    else:

        @app.get("/hello")
        def hello() -> dict[str, Any]:
            return {"message": "hello"}

    return app


@dataclass(frozen=True)
class AsyncRow:
    """Per-request times (seconds) by ``"framework/contender"``, and each framework's paired
    ratios to its own ``resolve`` of the plain route."""

    key: str
    label: str
    stats: dict[str, Stat]
    ratios: dict[str, float]  # "framework/contender" -> ratio to "framework/resolve"


def run_async(
    frameworks: list[Framework], rounds: int, seconds: float, log: Callable[[str], None]
) -> AsyncRow:
    log(f"[async] {KEY}: resolve_async of an async route vs resolve of the same route, plain")
    event = bench_event("rest_get_static")
    expect = Expect(200, HELLO)
    contenders = []
    for framework in frameworks:
        plain, asynchronous = hello_app(framework, False), hello_app(framework, True)
        runs: list[tuple[str, Any, bool]] = [
            (PLAIN, plain.resolve, False),
            (AWAITED, asynchronous.resolve_async, True),
        ]
        if framework.name == "apiway":  # Powertools' resolve() cannot run an async route
            runs.append((RUN_TO_COMPLETION, asynchronous.resolve, False))
        for what, func, awaited in runs:
            name = f"{framework.name}/{what}"
            mine = copy.deepcopy(event)
            first = func(copy.deepcopy(event), CONTEXT)
            check(name, KEY, asyncio.run(first) if awaited else first, expect)
            contenders.append(Contender(name, func, mine, CONTEXT, awaited=awaited))
    samples = interleave(contenders, rounds, seconds)
    for contender in contenders:  # still right after thousands of calls on the same event
        again = contender.func(contender.first, CONTEXT)
        check(contender.name, KEY, asyncio.run(again) if contender.awaited else again, expect)
    stats = {name: Stat.of(values) for name, values in samples.items()}
    ratios = {}
    for framework in frameworks:
        base = samples[f"{framework.name}/{PLAIN}"]
        for what in (AWAITED, RUN_TO_COMPLETION):
            name = f"{framework.name}/{what}"
            if name in samples:
                ratios[name] = paired_ratio(samples[name], base)
    return AsyncRow(KEY, LABEL, stats, ratios)

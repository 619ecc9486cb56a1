"""Routing cost against the number of routes, and the time to build a large app."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from benchmarks.apps import Framework, dynamic_rule, many_routes_app, static_rule
from benchmarks.checks import Expect, check
from benchmarks.events import CONTEXT, rest_event_for
from benchmarks.timing import Contender, Stat, interleave, interleave_once, paired_ratio

SIZES = (10, 100, 1000, 5000)
BUILD_ROUTES = 1000
ITEM = "item-42"


def last_route_request(count: int, dynamic: bool) -> tuple[dict, Expect]:
    """The event for the last of ``count`` routes, and the answer it must get."""
    if dynamic:
        path = dynamic_rule(count - 1).replace("<item_id>", ITEM)
        return rest_event_for(path), Expect(200, {"id": ITEM})
    return rest_event_for(static_rule(count - 1)), Expect(200, {"message": "hello"})


@dataclass(frozen=True)
class ScalingResult:
    """Per-request time of matching the last of N routes, per framework, kind and N."""

    sizes: tuple[int, ...]
    stats: dict[tuple[str, str, int], Stat]  # (framework, "static"|"dynamic", N)
    growth: dict[tuple[str, str, int], float]  # paired ratio of N routes to the smallest N


def run_scaling(
    frameworks: list[Framework],
    rounds: int,
    seconds: float,
    log: Callable[[str], None],
    sizes: tuple[int, ...] = SIZES,
) -> ScalingResult:
    stats: dict[tuple[str, str, int], Stat] = {}
    growth: dict[tuple[str, str, int], float] = {}
    for kind in ("static", "dynamic"):
        log(f"[scaling] routes_{kind}: last of N {kind} routes, N in {', '.join(map(str, sizes))}")
        dynamic = kind == "dynamic"
        contenders = []
        for framework in frameworks:
            for count in sizes:
                app = many_routes_app(framework, count, dynamic)
                event, expect = last_route_request(count, dynamic)
                check(framework.name, f"routes_{kind} N={count}", app.resolve(event, CONTEXT), expect)
                contenders.append(Contender(f"{framework.name}/{count}", app.resolve, event, CONTEXT))
        samples = interleave(contenders, rounds, seconds)
        for framework in frameworks:
            smallest = samples[f"{framework.name}/{sizes[0]}"]
            for count in sizes:
                mine = samples[f"{framework.name}/{count}"]
                stats[framework.name, kind, count] = Stat.of(mine)
                growth[framework.name, kind, count] = paired_ratio(mine, smallest)
    return ScalingResult(sizes, stats, growth)


def build_once(framework: Framework, count: int, dynamic: bool) -> float:
    """Seconds to create an app, register ``count`` routes and resolve its first request.

    The garbage of earlier samples (other frameworks' apps included) is collected first, so
    that no sample pays for another's; collection stays enabled during the build itself.
    """
    event, expect = last_route_request(count, dynamic)
    gc.collect()
    start = perf_counter()
    app = many_routes_app(framework, count, dynamic)
    response = app.resolve(event, CONTEXT)
    elapsed = perf_counter() - start
    check(framework.name, f"build_{count}", response, expect)
    return elapsed


@dataclass(frozen=True)
class BuildResult:
    count: int
    stats: dict[tuple[str, str], Stat]  # (framework, kind)
    ratios: dict[str, float]  # kind -> apiway/Powertools, when both ran


def run_build(
    frameworks: list[Framework], rounds: int, log: Callable[[str], None], count: int = BUILD_ROUTES
) -> BuildResult:
    runs: dict[str, Callable[[], float]] = {}
    for kind in ("static", "dynamic"):
        log(f"[build] build_{count}_{kind}: create an app with {count:,} {kind} routes and resolve once")
        for framework in frameworks:

            def run(framework: Framework = framework, dynamic: bool = kind == "dynamic") -> float:
                return build_once(framework, count, dynamic)

            runs[f"{framework.name}/{kind}"] = run
    for run in runs.values():
        run()  # first builds import what resolving needs; not what is measured
    samples = interleave_once(runs, rounds)
    stats = {}
    for name, values in samples.items():
        framework_name, kind = name.split("/")
        stats[framework_name, kind] = Stat.of(values)
    ratios = {}
    if len(frameworks) > 1:
        first, second = frameworks[0].name, frameworks[1].name
        for kind in ("static", "dynamic"):
            ratios[kind] = paired_ratio(samples[f"{first}/{kind}"], samples[f"{second}/{kind}"])
    return BuildResult(count, stats, ratios)

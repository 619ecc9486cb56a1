"""Run every benchmark, print the tables, write RESULTS.md and the routing chart.

.venv/bin/python -m benchmarks            # full run (about two minutes), writes benchmarks/RESULTS.md
.venv/bin/python -m benchmarks --quick    # smoke run with tiny counts; writes nothing
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import report
from benchmarks.apps import Framework, load_apiway, load_powertools
from benchmarks.asyncpath import AsyncRow, run_async
from benchmarks.chart import routes_chart
from benchmarks.coldstart import ColdResult, run_cold
from benchmarks.footprint import Footprint, probe
from benchmarks.machine import facts
from benchmarks.scaling import BuildResult, ScalingResult, run_build, run_scaling
from benchmarks.targets import Verdict, evaluate
from benchmarks.typed import OpenAPIResult, run_openapi, run_typed_warm
from benchmarks.warm import WarmRow, run_gzip_stage, run_warm

HERE = Path(__file__).resolve().parent
COMMAND = ".venv/bin/python -m benchmarks"
CHART = "routes_scaling.svg"
GROUPS = ("warm", "typed", "async", "gzip", "scaling", "build", "cold", "footprint")


@dataclass(frozen=True)
class Budget:
    """How long each kind of measurement runs."""

    rounds: int  # warm and gzip rounds
    seconds: float  # length of one warm sample
    scaling_rounds: int
    scaling_seconds: float
    build_rounds: int
    cold_rounds: int
    cold_warmups: int
    memory_runs: int


FULL = Budget(
    rounds=31,
    seconds=0.02,
    scaling_rounds=15,
    scaling_seconds=0.02,
    build_rounds=25,
    cold_rounds=80,
    cold_warmups=2,
    memory_runs=5,
)
QUICK = Budget(
    rounds=2,
    seconds=0.0005,
    scaling_rounds=1,
    scaling_seconds=0.0002,
    build_rounds=1,
    cold_rounds=1,
    cold_warmups=1,
    memory_runs=1,
)


def method_notes(budget: Budget) -> list[str]:
    return [
        f"One command, `{COMMAND}`, runs everything in one process; the hand-written handler "
        "(`benchmarks/handwritten.py`), apiway and the Powertools REST event handler answer the same "
        "events (`benchmarks/data/`: the timing scenarios, and the AWS sample REST event for CORS).",
        "Before anything is timed, every framework's response to every event is checked: status, "
        "Content-Type, the decoded JSON body and scenario headers (`Access-Control-Allow-Origin`, "
        "`Content-Encoding`); the check is repeated after timing.",
        f"Warm figures: {budget.rounds} rounds; in each round every contender runs one sample of "
        f"about {budget.seconds * 1000:g} ms of back-to-back calls, the order rotating from round to "
        "round. Medians of the per-call times; ratios are medians of the per-round ratios, which "
        "cancel most of the machine's drift. Garbage collection stays enabled.",
        "Async path (`benchmarks/asyncpath.py`): `resolve_async` is awaited back to back inside one "
        "coroutine on a running loop, interleaved with the same framework's `resolve()` of the route "
        "written plain, in the warm figures' rounds.",
        f"Routing scaling: {budget.scaling_rounds} interleaved rounds over all frameworks and sizes; "
        f"builds: {budget.build_rounds} interleaved one-shot builds each, after a `gc.collect()` "
        "so that no build pays for collecting an earlier one's garbage (collection stays on during "
        "the build).",
        f"Cold start: {budget.cold_rounds} rounds of fresh processes after {budget.cold_warmups} "
        "untimed runs of each variant (bytecode caches written, files cached); wall time around "
        "`os.posix_spawn` + `os.wait4`. Each child reads the event from a marshal file "
        "(`marshal.loads` of the file's bytes), the cheapest hand-over there is, the same for all. "
        f"Peak memory: median of {budget.memory_runs} separate runs that "
        "end by reading the child's own `VmHWM` from `/proc/self/status`. `ru_maxrss` is unusable "
        "here: Linux carries the parent's high-water mark into a spawned child, and "
        "`getrusage(RUSAGE_CHILDREN)` is the maximum over all children, not a per-child value.",
        "Figures carry ± half the interquartile range in % of the median: a rough noise gauge on a "
        "2-core virtual machine. Ratios drift by a few % between runs; absolute times by more.",
    ]


def chart_svg(scaling: ScalingResult) -> str:
    series: dict[str, list[tuple[int, float]]] = {}
    for (name, kind, count), stat in sorted(scaling.stats.items(), key=lambda item: item[0][2]):
        series.setdefault(f"{name} {kind}", []).append((count, stat.median * 1e6))
    # apiway first, static before dynamic
    order = sorted(series, key=lambda key: (not key.startswith("apiway"), key.endswith("dynamic")))
    ordered = {key: series[key] for key in order}
    return routes_chart(ordered, "Matching the last of N routes: time per request")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: tiny counts, nothing written")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for RESULTS.md and the chart")
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"comma-separated groups to run (default: {','.join(GROUPS)})",
    )
    args = parser.parse_args(argv)
    args.groups = [group.strip() for group in args.only.split(",") if group.strip()]
    unknown = set(args.groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups {sorted(unknown)}; choose from {', '.join(GROUPS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    budget = QUICK if args.quick else FULL

    def log(message: str) -> None:
        print(message, flush=True)

    apiway = load_apiway()
    powertools = load_powertools()
    if powertools is None and not args.quick:
        print(
            "aws-lambda-powertools is not installed; install the bench extra: "
            ".venv/bin/pip install -e '.[bench]'  (or use --quick)",
            file=sys.stderr,
        )
        return 2
    if powertools is None:
        log("Powertools is not installed: its columns are skipped")
    frameworks: list[Framework] = [apiway] + ([powertools] if powertools else [])
    has_pt = powertools is not None
    started = time.perf_counter()
    log(f"apiway benchmarks ({'quick smoke run' if args.quick else 'full run'}): {', '.join(args.groups)}")

    warm: list[WarmRow] | None = None
    async_row: AsyncRow | None = None
    gzip: WarmRow | None = None
    scaling: ScalingResult | None = None
    build: BuildResult | None = None
    cold: ColdResult | None = None
    footprint: Footprint | None = None
    typed: WarmRow | None = None
    openapi: OpenAPIResult | None = None
    if "footprint" in args.groups:
        log("[footprint] import_footprint: modules added by import apiway and one request")
        footprint = probe()
    if "cold" in args.groups:
        cold = run_cold(has_pt, budget.cold_rounds, budget.cold_warmups, budget.memory_runs, log)
    if "warm" in args.groups:
        warm = run_warm(frameworks, budget.rounds, budget.seconds, log)
    if "typed" in args.groups:
        typed = run_typed_warm(frameworks, budget.rounds, budget.seconds, log)
        openapi = run_openapi(frameworks, budget.build_rounds, log)
    if "async" in args.groups:
        async_row = run_async(frameworks, budget.rounds, budget.seconds, log)
    if "gzip" in args.groups:
        gzip = run_gzip_stage(budget.rounds, budget.seconds, log)
    if "scaling" in args.groups:
        scaling = run_scaling(frameworks, budget.scaling_rounds, budget.scaling_seconds, log)
    if "build" in args.groups:
        build = run_build(frameworks, budget.build_rounds, log)

    verdicts: list[Verdict] = evaluate(warm, gzip, scaling, build, cold, footprint, typed, openapi, async_row)
    sections = [report.machine_section(facts()), report.targets_section(verdicts)]
    if warm:
        sections.append(report.warm_section(warm, has_pt))
    if typed or openapi or (cold and "apiway_typed" in cold.wall):
        sections.append(report.typed_section(typed, openapi, cold))
    if async_row:
        sections.append(report.async_section(async_row, has_pt))
    if gzip:
        sections.append(report.gzip_section(gzip))
    if scaling:
        sections.append(report.scaling_section(scaling, has_pt, CHART))
    if build:
        sections.append(report.build_section(build, has_pt))
    if cold:
        sections.append(report.cold_section(cold, footprint))
    if footprint:
        sections.append(report.footprint_section(footprint))
    elapsed = time.perf_counter() - started
    print()
    print(report.render_text(sections))
    print(f"{sum(v.passed for v in verdicts)} of {len(verdicts)} targets pass ({elapsed:.0f} s)")

    out = Path(tempfile.mkdtemp(prefix="apiway-bench-")) if args.quick else args.out
    try:
        intro = [
            f"Written by `{COMMAND}` (run from the repository root with the `bench` extra installed: "
            "`.venv/bin/pip install -e '.[bench]'`); it took "
            f"{elapsed:.0f} s. Every figure below comes from that one run; the targets are those of issue 5.",
        ]
        markdown = report.render_markdown("apiway benchmark results", intro, sections, method_notes(budget))
        out.mkdir(parents=True, exist_ok=True)
        (out / "RESULTS.md").write_text(markdown, encoding="utf-8")
        if scaling:
            (out / CHART).write_text(chart_svg(scaling), encoding="utf-8")
        if args.quick:
            log("quick run: results were written to a temporary folder and discarded")
        else:
            log(f"wrote {out / 'RESULTS.md'}" + (f" and {out / CHART}" if scaling else ""))
    finally:
        if args.quick:
            shutil.rmtree(out, ignore_errors=True)
    return 0

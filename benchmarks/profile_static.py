"""Profile the warm static GET: where a request's time goes, and a noise-free cost figure.

    .venv/bin/python -m benchmarks.profile_static                 # cProfile, top functions
    .venv/bin/python -m benchmarks.profile_static --instructions  # CPU instructions per request
    .venv/bin/python -m benchmarks.profile_static --loop 20000    # just run, e.g. under a profiler

``--instructions`` runs the loop twice under ``valgrind --tool=callgrind`` with different
counts; the difference divided by the extra requests is the instruction count of one
request, stable to a fraction of a percent on a machine where timings move by 20%. It does
this for the hand-written handler, apiway and (when installed) Powertools. The callgrind
files are kept, for ``callgrind_annotate``, in the folder ``--keep`` names.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import handwritten
from benchmarks.apps import big_payload, load_apiway, load_powertools, rest_app
from benchmarks.events import CONTEXT, bench_event

CONTENDERS = ("hand-written", "apiway", "Powertools")


def static_handler(name: str) -> Callable[[dict, object], dict]:
    if name == "hand-written":
        return handwritten.rest_handler
    framework = load_apiway() if name == "apiway" else load_powertools()
    if framework is None:
        raise SystemExit(f"{name} is not installed")
    return rest_app(framework, big_payload()).resolve


def loop(name: str, count: int) -> None:
    handler = static_handler(name)
    event = bench_event("rest_get_static")
    for _ in range(count):
        handler(event, CONTEXT)


def profile(name: str, count: int, top: int) -> None:
    handler = static_handler(name)
    event = bench_event("rest_get_static")
    handler(event, CONTEXT)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        handler(event, CONTEXT)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)


def callgrind_total(name: str, count: int, out: Path) -> int:
    """Instructions executed by a whole process running ``count`` requests."""
    target = out / f"callgrind.{name}.{count}"
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={target}",
        sys.executable,
        "-m",
        "benchmarks.profile_static",
        "--loop",
        str(count),
        "--name",
        name,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1].strip())
    raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")


def instructions(names: list[str], low: int, high: int, keep: Path | None) -> dict[str, float]:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    out = keep or Path(tempfile.mkdtemp(prefix="apiway-callgrind-"))
    out.mkdir(parents=True, exist_ok=True)
    per_request = {}
    try:
        for name in names:
            first, second = callgrind_total(name, low, out), callgrind_total(name, high, out)
            per_request[name] = (second - first) / (high - low)
            print(f"{name:>13}: {per_request[name]:,.0f} instructions per request", flush=True)
    finally:
        if keep is None:
            shutil.rmtree(out, ignore_errors=True)
    base = per_request.get("hand-written")
    if base:
        for name, value in per_request.items():
            print(f"{name:>13}: {value / base:.2f}x the hand-written handler")
    return per_request


def main(argv: list[str] | None = None) -> int:
    description = __doc__.split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_static", description=description)
    parser.add_argument("--name", choices=CONTENDERS, default="apiway")
    parser.add_argument("--loop", type=int, help="only run this many requests (for an outside profiler)")
    parser.add_argument("--instructions", action="store_true", help="instructions per request (valgrind)")
    parser.add_argument("--keep", type=Path, help="keep the callgrind files in this folder")
    parser.add_argument("--count", type=int, default=50_000, help="requests to profile with cProfile")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    if args.loop is not None:
        loop(args.name, args.loop)
    elif args.instructions:
        names = [name for name in CONTENDERS if name != "Powertools" or load_powertools() is not None]
        instructions(names, 1_000, 3_000, args.keep)
    else:
        profile(args.name, args.count, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Where the validated app's cold start goes, in CPU instructions (valgrind).

    .venv/bin/python -m benchmarks.profile_cold          # the phases of the typed cold start
    .venv/bin/python -m benchmarks.profile_cold --keep D # and keep the callgrind files in D

The cold start benchmark times whole processes, which this shared machine moves by 20%.
Here the same child code (10 typed routes, validation on, one validated POST) runs under
``valgrind --tool=callgrind``, cut short with ``os._exit`` after each phase, beside the
standard-library baseline cut the same way; the differences between the cuts are what each
phase costs, a figure that stays within a fraction of a percent from run to run. The phases:
importing the resolver, importing the parameter markers, making the resolver, the handlers'
code (their definitions, ``Annotated`` hints and markers, without registering them),
registering the routes, the first request, and the interpreter's shutdown. Last, the same app
with validation off, whole: what the app costs before any validation work.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.coldstart import STDLIB_TEMPLATE, apiway_typed_code, child_env, event_file
from benchmarks.typed import cold_event, stdlib_source

EXIT = "import os; os._exit(0)\n"
#: A route's decorator line in the app's source (dropped to define the handler only).
_DECORATOR = re.compile(r"^@app\.\w+\(.*\)\n", re.MULTILINE)


def child_sources(event: str) -> dict[str, str]:
    """The children, by name: the baseline (whole and cut before shutdown) and the typed app
    cut after each phase."""
    app = apiway_typed_code(event)
    baseline = STDLIB_TEMPLATE.format(event=event, source=stdlib_source())

    def cut(marker: str) -> str:
        index = app.index(marker)
        return app[:index] + EXIT

    def after_line(marker: str) -> str:
        index = app.index("\n", app.index(marker)) + 1
        return app[:index] + EXIT

    resolve = app.index("response = app.resolve(")
    undecorated = _DECORATOR.sub("", app[:resolve])
    return {
        "baseline": baseline,
        "baseline, no shutdown": baseline + EXIT,
        "start": cut("from apiway import"),
        "import the resolver": after_line("from apiway import"),
        "import Path, Query": after_line("from apiway.openapi.params import"),
        "make the resolver": after_line("app = APIGatewayRestResolver("),
        "the handlers' code": undecorated + EXIT,
        "register the routes": app[:resolve] + EXIT,
        "the first request": app + EXIT,
        "shutdown": app,
    }


def validation_off_source(event: str) -> str:
    """The same app whole, with validation off: what everything but validation costs."""
    return apiway_typed_code(event, validation=False)


def callgrind_total(code: str, out: Path, name: str) -> int:
    """Instructions executed by ``python -c code``."""
    target = out / ("callgrind." + re.sub(r"\W+", "-", name).strip("-"))
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={target}", sys.executable, "-c", code]
    done = subprocess.run(command, capture_output=True, text=True, env=child_env(), check=False)
    if done.returncode != 0:
        raise SystemExit(f"{name}: the child failed:\n{done.stderr[-2000:]}")
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1].strip())
    raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")


def phases(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Each phase's instructions: the difference between its cut and the one before (the
    shutdown's is the typed app's less the baseline's)."""
    order = [name for name in counts if not name.startswith("baseline")]
    found = [(name, counts[name] - counts[before]) for before, name in itertools.pairwise(order)]
    shutdown = counts["shutdown"] - counts["the first request"]
    baseline_shutdown = counts["baseline"] - counts["baseline, no shutdown"]
    found[-1] = ("shutdown, beyond the baseline's", shutdown - baseline_shutdown)
    return found


def report(counts: dict[str, int], validation_off: int | None = None) -> None:
    width = 34
    same = counts["start"] - counts["baseline, no shutdown"]
    print(f"{'before apiway (the same code)':>{width}}: {same / 1e6:7.2f} M instructions")
    for name, cost in phases(counts):
        print(f"{name:>{width}}: {cost / 1e6:7.2f} M instructions")
    total = counts["shutdown"] - counts["baseline"]
    print(f"{'over the baseline':>{width}}: {total / 1e6:7.2f} M instructions")
    if validation_off is not None:
        floor = validation_off - counts["baseline"]
        label = "the same app, validation off"
        print(f"{label:>{width}}: {floor / 1e6:7.2f} M instructions over the baseline")
    print(f"{'the baseline':>{width}}: {counts['baseline'] / 1e6:7.2f} M instructions")


def main(argv: list[str] | None = None) -> int:
    description = __doc__.split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_cold", description=description)
    parser.add_argument("--keep", type=Path, help="keep the callgrind files in this folder")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    out = args.keep or Path(tempfile.mkdtemp(prefix="apiway-callgrind-"))
    out.mkdir(parents=True, exist_ok=True)
    event = event_file(cold_event(), "profile-cold")
    try:
        sources = child_sources(event)
        off = validation_off_source(event)
        for code in [*sources.values(), off]:  # bytecode caches written, as in the benchmark
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=child_env())
        counts = {}
        for name, code in sources.items():
            counts[name] = callgrind_total(code, out, name)
            print(f"measured {name}", file=sys.stderr, flush=True)
        report(counts, callgrind_total(off, out, "validation off"))
    finally:
        os.unlink(event)
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Cold start: whole fresh interpreter processes, against ``python -c pass``.

Each variant is a ``python -c CODE`` process started with ``os.posix_spawn`` and reaped with
``os.wait4``; its wall time is taken around the two. Every variant runs twice untimed first,
so bytecode caches are written and files are in the page cache; then the variants take turns,
in a rotating order, for many rounds.

Peak memory comes from separate runs of the same code followed by a read of the child's own
``VmHWM`` (peak resident set of its address space) from ``/proc/self/status``. ``ru_maxrss``
cannot be used here: Linux carries the parent's high-water mark across fork or vfork and
exec, so every child of a 30 MiB benchmark process "peaks" at 30 MiB; and ``getrusage(
RUSAGE_CHILDREN)`` is the largest of all children reaped so far, not a per-child figure.

The event is handed over as a file of marshal data, which the child reads with the built-in
``marshal`` module: it pays neither a JSON import nor compiling a large literal. (Hex in the
code string cost ~0.35 ms of tokenizing per process on the benchmark machine, the same for
every framework; on Lambda the event arrives already parsed.)
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from benchmarks.events import bench_event
from benchmarks.timing import Stat
from benchmarks.typed import cold_app_source, cold_event, has_pydantic, stdlib_source

#: Loads the benchmark event in a child; ``{event}`` is the path of its marshal file.
LOAD_EVENT = """\
import marshal
with open({event!r}, "rb") as _file:
    EVENT = marshal.loads(_file.read())  # perf: marshal.load(file) reads in tiny pieces
"""

APP_TEMPLATE = (
    LOAD_EVENT
    + """\
from {module} import APIGatewayRestResolver
app = APIGatewayRestResolver()
@app.get("/hello")
def hello():
    return {{"message": "hello"}}
response = app.resolve(EVENT, None)
if response["statusCode"] != 200:
    raise SystemExit(3)
"""
)

HANDWRITTEN_TEMPLATE = (
    LOAD_EVENT
    + """\
import json
def hello(event):
    return {{"message": "hello"}}
ROUTES = {{("GET", "/hello"): hello}}
def handler(event, context):
    route = ROUTES.get((event["httpMethod"], event["path"]))
    if route is None:
        return {{"statusCode": 404, "body": json.dumps({{"message": "Not found"}})}}
    body = json.dumps(route(event))
    return {{"statusCode": 200, "headers": {{"Content-Type": "application/json"}}, "body": body}}
response = handler(EVENT, None)
if response["statusCode"] != 200:
    raise SystemExit(3)
"""
)

POWERTOOLS_MODULE = "aws_lambda_powertools.event_handler"

#: The typed app's child: 10 typed routes (``benchmarks/typed.py``), then one validated POST.
TYPED_TEMPLATE = (
    LOAD_EVENT
    + """{source}
response = app.resolve(EVENT, None)
if response["statusCode"] != 200:
    raise SystemExit(3)
"""
)
#: Its baseline: the same event loading, imports and dataclasses, no framework.
STDLIB_TEMPLATE = LOAD_EVENT + "{source}"

#: Variables that would change what a child does or measures.
_DROPPED_ENV = (
    "POWERTOOLS_DEV",
    "POWERTOOLS_EVENT_HANDLER_DEBUG",
    "APIWAY_DEBUG",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONTRACEMALLOC",
    "PYTHONDEVMODE",
    "PYTHONWARNINGS",
    "PYTHONSTARTUP",
)


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    code: str


def event_file(event: dict[str, object], name: str) -> str:
    """A marshal file of ``event``, written once per run for the children to read."""
    path = os.path.join(tempfile.gettempdir(), f"apiway-bench-{name}-{os.getpid()}.marshal")
    with open(path, "wb") as file:
        marshal.dump(event, file)
    return path


def apiway_typed_code(event: str, validation: bool = True) -> str:
    """The child of apiway's typed app (validation on, or off), reading ``event``."""
    return TYPED_TEMPLATE.format(event=event, source=cold_app_source("apiway", validation=validation))


def typed_variants(with_powertools: bool, event: str) -> list[Variant]:
    """The typed app (validation on) of each framework, its stdlib-only baseline, and apiway's
    app with validation off (what the app costs before validation)."""
    found = [
        Variant("typed_stdlib", "stdlib only: imports + 10 dataclasses", STDLIB_TEMPLATE.format(
            event=event, source=stdlib_source())),
        Variant("apiway_typed", "apiway: 10 typed routes, 1 validated POST", apiway_typed_code(event)),
        Variant("apiway_typed_off", "apiway: the same app, validation off", apiway_typed_code(event, False)),
    ]  # fmt: skip
    if with_powertools and has_pydantic():
        source = cold_app_source(POWERTOOLS_MODULE)
        found.append(
            Variant(
                "powertools_typed",
                "Powertools: 10 typed routes, 1 validated POST",
                TYPED_TEMPLATE.format(event=event, source=source),
            )
        )
    return found


def variants(with_powertools: bool, event: str) -> list[Variant]:
    found = [
        Variant("bare", "python -c pass", "pass"),
        Variant("apiway_import", "import apiway", "import apiway"),
        Variant(
            "apiway_app",
            "apiway: import, 1 route, resolve 1 event",
            APP_TEMPLATE.format(event=event, module="apiway"),
        ),
        Variant(
            "handwritten_app",
            "hand-written: import json, resolve 1 event",
            HANDWRITTEN_TEMPLATE.format(event=event),
        ),
    ]
    if with_powertools:
        found += [
            Variant(
                "powertools_import",
                f"from {POWERTOOLS_MODULE} import APIGatewayRestResolver",
                f"from {POWERTOOLS_MODULE} import APIGatewayRestResolver",
            ),
            Variant(
                "powertools_app",
                "Powertools: import, 1 route, resolve 1 event",
                APP_TEMPLATE.format(event=event, module=POWERTOOLS_MODULE),
            ),
        ]
    return found


def child_env() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in _DROPPED_ENV}


_DEVNULL = [
    (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
]


#: Appended to a variant's code for the memory runs: print the process's peak RSS in KiB.
PEAK_SUFFIX = """
for _line in open("/proc/self/status"):
    if _line.startswith("VmHWM:"):
        print(_line.split()[1])
"""


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds of user + system time


def spawn(code: str, env: dict[str, str]) -> Run:
    """Run ``python -c code`` once, printing nothing; its wall and CPU time."""
    argv = [sys.executable, "-c", code]
    start = perf_counter()
    pid = os.posix_spawn(sys.executable, argv, env, file_actions=_DEVNULL)
    _, status, usage = os.wait4(pid, 0)
    wall = perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        failed = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        raise RuntimeError(
            f"cold start child failed ({failed.returncode}):\n{code[:400]}\n{failed.stderr[-2000:]}"
        )
    return Run(wall, usage.ru_utime + usage.ru_stime)


def peak_memory(code: str, env: dict[str, str]) -> float | None:
    """Peak resident memory (KiB) of ``python -c code``, or None where /proc is missing."""
    if not os.path.exists("/proc/self/status"):
        return None
    argv = [sys.executable, "-c", code + PEAK_SUFFIX]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


@dataclass(frozen=True)
class ColdResult:
    labels: dict[str, str]
    wall: dict[str, Stat]
    cpu: dict[str, Stat]
    maxrss: dict[str, Stat]  # peak RSS in KiB (empty where it cannot be read)
    added: dict[str, Stat]  # seconds over the bare interpreter, paired by round
    ratio: dict[str, Stat]  # wall time over the bare interpreter's, paired by round
    walls: dict[str, list[float]]  # every round's wall time (seconds), in round order

    def over(self, key: str, base: str) -> Stat | None:
        """Seconds ``key`` takes over ``base``, paired by round (None when either did not run)."""
        if key not in self.walls or base not in self.walls:
            return None
        return Stat.of(
            [mine - theirs for mine, theirs in zip(self.walls[key], self.walls[base], strict=True)]
        )


def run_cold(
    with_powertools: bool, rounds: int, warmups: int, memory_runs: int, log: Callable[[str], None]
) -> ColdResult:
    log(f"[cold] cold_start: fresh processes vs python -c pass ({rounds} rounds)")
    log("[cold] typed_cold_start: 10 typed routes and 1 validated POST vs the stdlib-only process")
    event = event_file(bench_event("rest_get_static"), "static")
    typed = event_file(cold_event(), "typed")
    try:
        found = variants(with_powertools, event) + typed_variants(with_powertools, typed)
        return _run_cold(found, rounds, warmups, memory_runs)
    finally:
        os.unlink(event)
        os.unlink(typed)


def _run_cold(found: list[Variant], rounds: int, warmups: int, memory_runs: int) -> ColdResult:
    env = child_env()
    for variant in found:
        for _ in range(warmups):
            spawn(variant.code, env)
    runs: dict[str, list[Run]] = {variant.key: [] for variant in found}
    for round_index in range(rounds):
        shift = round_index % len(found)
        for variant in found[shift:] + found[:shift]:
            runs[variant.key].append(spawn(variant.code, env))
    peaks: dict[str, list[float]] = {variant.key: [] for variant in found}
    for _ in range(memory_runs):
        for variant in found:
            peak = peak_memory(variant.code, env)
            if peak is not None:
                peaks[variant.key].append(peak)
    bare = [run.wall for run in runs["bare"]]
    result = ColdResult({v.key: v.label for v in found}, {}, {}, {}, {}, {}, {})
    for key, values in runs.items():
        walls = result.walls[key] = [run.wall for run in values]
        result.wall[key] = Stat.of(walls)
        result.cpu[key] = Stat.of([run.cpu for run in values])
        if peaks[key]:
            result.maxrss[key] = Stat.of(peaks[key])
        result.added[key] = Stat.of([mine - base for mine, base in zip(walls, bare, strict=True)])
        result.ratio[key] = Stat.of([mine / base for mine, base in zip(walls, bare, strict=True)])
    return result

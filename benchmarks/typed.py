"""Typed parameters and validation: the same typed app for apiway and Powertools, validation on.

The apps are Python source text, written as a user writes them (dataclass bodies, ``Annotated``
query and path constraints, return annotations), so that the cold start children, the warm
scenario and the OpenAPI scenario all run the very same code; ``{module}`` is the framework's
package (``apiway`` or ``aws_lambda_powertools.event_handler``), which both lay out alike.

- warm: a validated POST (5-field dataclass body, 2 constrained query parameters) against the
  same route without validation (its handler reads the body and the query itself), and
  against Powertools' validated one;
- OpenAPI: building the document of a 100-route typed app;
- the cold start children (``benchmarks/coldstart.py`` runs them): a process that builds an
  app with 10 typed routes and resolves one validated POST, against one that imports the same
  standard-library modules and defines the same dataclasses without a framework.
"""

from __future__ import annotations

import copy
import gc
import importlib.util
import itertools
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter
from typing import Any

from benchmarks.apps import Framework
from benchmarks.checks import Expect, check
from benchmarks.events import CONTEXT, bench_event
from benchmarks.timing import Contender, Stat, interleave, interleave_once, paired_ratio
from benchmarks.warm import WarmRow, compare

#: The body of the typed POST scenario (``benchmarks/data/rest_post_typed.json``).
TODO = {"title": "buy milk", "completed": False, "priority": 3, "tags": ["home", "shopping"], "note": "2 l"}
#: Routes of the OpenAPI scenario's app.
OPENAPI_ROUTES = 100
#: Typed routes of the cold start app.
COLD_ROUTES = 10
#: The resources of the cold start app: ``POST /lists/<list_id>/{resource}`` each.
RESOURCES = ("todos", "notes", "links", "files", "tasks", "users", "teams", "boards", "labels", "events")

#: What the user's module imports, with and without a framework.
STDLIB_IMPORTS = "import dataclasses\nfrom typing import Annotated\n"
FRAMEWORK_IMPORTS = (
    "from {module} import APIGatewayRestResolver\nfrom {module}.openapi.params import Path, Query\n"
)

DATACLASS = """
@dataclasses.dataclass
class {name}:
    title: str
    completed: bool
    priority: int
    tags: list[str]
    note: str | None = None
"""

#: The warm scenario's route, validated.
VALIDATED_ROUTE = """
@app.post("/todos")
def create_todo(
    todo: Todo,
    position: Annotated[int, Query(ge=0, le=1000)] = 0,
    ttl: Annotated[int, Query(gt=0, le=86400)] = 3600,
) -> Todo:
    return todo
"""

#: The same route without validation: the handler reads and converts the values itself.
PLAIN_ROUTE = """
@app.post("/todos")
def create_todo():
    event = app.current_event
    todo = event.json_body
    position = int(event.get_query_string_value("position", "0"))
    ttl = int(event.get_query_string_value("ttl", "3600"))
    return todo
"""

#: One route of the cold start app: a path parameter, the body and two query parameters.
COLD_ROUTE = """
@app.post("/lists/<list_id>/{resource}")
def create_{name}(
    list_id: Annotated[int, Path(ge=1)],
    entry: {name}{body_default},
    position: Annotated[int, Query(ge=0, le=1000)] = 0,
    ttl: Annotated[int, Query(gt=0, le=86400)] = 3600,
) -> {name}:
    return entry
"""

#: The routes of the OpenAPI app, in turn: create, read, replace, list.
OPENAPI_ROUTES_CODE = (
    """
@app.post("/{resource}/<item_id>", tags=["{resource}"], summary="Create {resource}")
def create_{index}(item_id: Annotated[int, Path(ge=1)], entry: {name},
                   position: Annotated[int, Query(ge=0, le=1000)] = 0) -> {name}:
    return entry
""",
    """
@app.get("/{resource}/<item_id>", tags=["{resource}"])
def read_{index}(item_id: Annotated[int, Path(ge=1)], verbose: Annotated[bool, Query()] = False) -> {name}:
    raise NotImplementedError
""",
    """
@app.put("/{resource}/<item_id>", tags=["{resource}"])
def replace_{index}(item_id: Annotated[int, Path(ge=1)], entry: {name}) -> {name}:
    return entry
""",
    """
@app.get("/{resource}", tags=["{resource}"])
def list_{index}(limit: Annotated[int, Query(ge=1, le=100)] = 20,
                 offset: Annotated[int, Query(ge=0)] = 0) -> list[{name}]:
    return []
""",
)


def dataclasses_source(count: int) -> str:
    """``count`` dataclasses, ``Entry0`` ... (the cold start app's bodies)."""
    return "".join(DATACLASS.format(name=f"Entry{index}") for index in range(count))


def stdlib_source() -> str:
    """The cold start baseline: the same imports and dataclasses, no framework."""
    return STDLIB_IMPORTS + dataclasses_source(COLD_ROUTES)


def cold_app_source(module: str, validation: bool = True) -> str:
    """The cold start app: 10 typed routes, validation on (``EVENT`` is resolved after it).

    With ``validation=False`` the same routes run unvalidated: the body parameter gets a
    ``None`` default (nothing fills it then), so the process measures everything the app
    costs but validation.
    """
    body_default = "" if validation else " = None"
    routes = "".join(
        COLD_ROUTE.format(name=f"Entry{index}", resource=resource, body_default=body_default)
        for index, resource in enumerate(RESOURCES)
    )
    return (
        STDLIB_IMPORTS
        + dataclasses_source(COLD_ROUTES)
        + FRAMEWORK_IMPORTS.format(module=module)
        + f"app = APIGatewayRestResolver(enable_validation={validation})\n"
        + routes
    )


def openapi_app_source(module: str, count: int = OPENAPI_ROUTES) -> str:
    """An app of ``count`` typed routes over 10 dataclasses: create, read, replace and list."""
    routes = []
    for index in range(count):
        name, resource = f"Entry{index % 10}", f"resource{index // 4}"
        routes.append(OPENAPI_ROUTES_CODE[index % 4].format(index=index, name=name, resource=resource))
    return (
        STDLIB_IMPORTS
        + dataclasses_source(10)
        + FRAMEWORK_IMPORTS.format(module=module)
        + "app = APIGatewayRestResolver(enable_validation=True)\n"
        + "".join(routes)
    )


def warm_app_source(module: str, validated: bool) -> str:
    """The warm scenario's app: ``POST /todos``, validated or reading its values itself."""
    if not validated:
        return f"from {module} import APIGatewayRestResolver\napp = APIGatewayRestResolver()\n" + PLAIN_ROUTE
    return (
        STDLIB_IMPORTS
        + DATACLASS.format(name="Todo")
        + FRAMEWORK_IMPORTS.format(module=module)
        + "app = APIGatewayRestResolver(enable_validation=True)\n"
        + VALIDATED_ROUTE
    )


_built = itertools.count()


def build(source: str) -> Any:
    """Run an app's source as a fresh module (dataclasses and type hints look their module up
    in ``sys.modules``); its ``app``."""
    module = types.ModuleType(f"typed_bench_app_{next(_built)}")
    sys.modules[module.__name__] = module
    exec(compile(source, f"<{module.__name__}>", "exec"), module.__dict__)
    return module.app


def typed_event() -> dict[str, Any]:
    """The warm scenario's event: ``POST /todos?position=2&ttl=60`` with the ``TODO`` body."""
    return bench_event("rest_post_typed")


def cold_event() -> dict[str, Any]:
    """The cold start event: the warm one, aimed at ``POST /lists/7/todos``."""
    event = typed_event()
    event["path"] = "/lists/7/todos"
    event["pathParameters"] = {"proxy": "lists/7/todos"}
    event["requestContext"]["path"] = "/prod/lists/7/todos"
    return event


def has_pydantic() -> bool:
    """Whether Powertools can validate here (its validation needs pydantic)."""
    return importlib.util.find_spec("pydantic") is not None


def module_of(framework: Framework) -> str:
    return "apiway" if framework.name == "apiway" else "aws_lambda_powertools.event_handler"


PLAIN_SUFFIX = " (no validation)"


def run_typed_warm(
    frameworks: list[Framework], rounds: int, seconds: float, log: Callable[[str], None]
) -> WarmRow:
    """The validated POST of each framework, and the same route without validation."""
    log("[typed] typed_post: POST with a 5-field dataclass body and 2 constrained query parameters")
    expect = Expect(200, TODO)
    contenders = []
    for framework in frameworks:
        if framework.name != "apiway" and not has_pydantic():
            log(f"[typed] {framework.name}: skipped, its validation needs pydantic")
            continue
        module = module_of(framework)
        for name, validated in ((framework.name, True), (framework.name + PLAIN_SUFFIX, False)):
            handler = build(warm_app_source(module, validated)).resolve
            event = typed_event()
            check(name, "typed_post", handler(copy.deepcopy(event), CONTEXT), expect)
            contenders.append(Contender(name, handler, event, CONTEXT))
    samples = interleave(contenders, rounds, seconds)
    for contender in contenders:
        check(contender.name, "typed_post", contender.func(contender.first, CONTEXT), expect)
    names = [contender.name for contender in contenders]
    label = "validated POST (5-field dataclass body, 2 constrained query parameters)"
    return compare("typed_post", label, samples, names[0], names[1:])


@dataclass(frozen=True)
class OpenAPIResult:
    routes: int
    stats: dict[str, Stat]  # framework name -> seconds per document
    ratio: float | None  # apiway / Powertools, paired


def document_once(framework: Framework) -> float:
    """Seconds to build the OpenAPI document (JSON text) of a fresh 100-route app."""
    app = build(openapi_app_source(module_of(framework)))
    gc.collect()
    start = perf_counter()
    text = app.get_openapi_json_schema()
    elapsed = perf_counter() - start
    if text.count('"operationId"') != OPENAPI_ROUTES:
        raise AssertionError(f"{framework.name}: the document does not describe {OPENAPI_ROUTES} operations")
    return elapsed


def run_openapi(frameworks: list[Framework], rounds: int, log: Callable[[str], None]) -> OpenAPIResult:
    log(f"[typed] openapi_{OPENAPI_ROUTES}: the OpenAPI document of a {OPENAPI_ROUTES}-route typed app")
    runs: dict[str, Callable[[], float]] = {}
    for framework in frameworks:
        if framework.name == "apiway" or has_pydantic():
            runs[framework.name] = lambda framework=framework: document_once(framework)  # type: ignore[misc]
    for run in runs.values():
        run()  # the first document imports what documents need; not what is measured
    samples = interleave_once(runs, rounds)
    stats = {name: Stat.of(values) for name, values in samples.items()}
    names = list(samples)
    ratio = paired_ratio(samples[names[0]], samples[names[1]]) if len(names) > 1 else None
    return OpenAPIResult(OPENAPI_ROUTES, stats, ratio)

"""Which modules ``import apiway`` (and one resolved request) add to a fresh interpreter.

The one probe of the import footprint: the benchmark report shows what it finds, and
``tests/benchmarks/test_import_footprint.py`` holds it to the limits below (with the import
chain of any module that breaks them).
"""

from __future__ import annotations

import ast
import marshal
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.events import sample_event

#: Modules the common path must never load: each costs milliseconds of cold start (``typing``,
#: ``re`` and ``json`` included: ``json`` pulls in ``re``, which pulls in ``enum``).
FORBIDDEN = (
    "asyncio",
    "dataclasses",
    "inspect",
    "logging",
    "email",
    "http",
    "typing_extensions",
    "urllib.request",
    "typing",
    "json",
    "re",
)
#: ``import apiway`` adds 1 module today: ``apiway`` itself (its public names load lazily, on
#: first attribute access). A new eager import in ``apiway/__init__.py`` should be a
#: deliberate choice.
MAX_IMPORT_MODULES = 2

#: The common path: ``from apiway import APIGatewayRestResolver``, an app with one route and
#: one resolved REST event. It adds 12 modules today: 11 apiway modules (the package, the
#: resolvers, registry, routing, request, response, the REST source and its package, the
#: stages package, the router and serialization stages) plus ``_json`` (the C encoder behind
#: responses). The binary, compression and exception stages load when a response first has
#: bytes, asks for gzip, or an exception is raised. At 0.15-0.3 ms a module this is most of
#: apiway's cold start, hence a tight limit.
MAX_COMMON_PATH_MODULES = 12

#: The only modules from outside apiway that the common path may load. The package never
#: imports ``__future__`` (annotations naming type-only imports are quoted instead) nor
#: ``_contextvars`` (per-thread request state uses ``_thread``, loaded at start-up).
COMMON_PATH_OUTSIDE = ("_json",)

#: apiway modules that load only when an app uses what they hold, never on the common path:
#: the chain-editing API, exception classes (the one for invalid JSON imports ``json``),
#: typed events, header and base64 helpers, the trie behind dynamic routes, the checks of
#: responses the sources' fast paths decline, JSON Schema validation, typed parameters
#: (the validation stage, the engine, route options, the ``Request`` handlers see),
#: dependencies, OpenAPI documents, async support, the router's answers when no route serves
#: a request (404, 405, ...), the link of a chain with CORS or ``cache_control``, the check
#: for handlers taking ``Depends``/``Request``, and the default stages that wait for their
#: first work.
LAZY_MODULES = (
    "apiway.stages.binary",
    "apiway.stages.compression",
    "apiway.stages.exceptions",
    "apiway.pipeline",
    "apiway.sources.checks",
    "apiway.exceptions",
    "apiway.invalid_json",
    "apiway.events",
    "apiway.headers",
    "apiway.codec",
    "apiway.routing.trie",
    "apiway.middlewares.schema_validation",
    "apiway.stages.validation",
    "apiway.validation",
    "apiway.route_options",
    "apiway.route_precheck",
    "apiway.request_view",
    "apiway.depends",
    "apiway.openapi",
    "apiway.aio",
    "apiway.router_answers",
    "apiway.hook_runs",
    "apiway.injections",
)

#: What an app with validation on adds to the common path for a typed route and one validated
#: REST request (before any OpenAPI document): the route options, the validation stage, the
#: engine's modules and the body codec. Dates, decimals, UUIDs, enums, unions of several types,
#: dicts, forms, files, dependencies, pydantic models and the typed event load only for apps
#: whose routes or requests use them, ``apiway.exceptions`` with the first error, and
#: ``apiway.openapi`` when a document is asked for (or a marker such as ``Query`` imported).
VALIDATED_PATH = (
    "apiway.codec",
    "apiway.route_options",
    "apiway.route_precheck",
    "apiway.stages.validation",
    "apiway.validation",
    "apiway.validation.check",
    "apiway.validation.compiler",
    "apiway.validation.plan",
    "apiway.validation.scalars",
    "apiway.validation.signature",
    "apiway.validation.sources",
)

#: What only apps with something async load (``resolve_async``; an ``async def`` handler,
#: middleware, exception handler or stage): an app without any never imports them.
ASYNC_MODULES = ("asyncio", "contextvars", "apiway.aio")

#: The probe: one fresh interpreter imports apiway, builds one app of ``resolver`` with one
#: route at ``path`` and resolves ``event`` (marshal data: reading JSON would import ``json``),
#: then prints what each step added to ``sys.modules``.
PROBE = """\
import sys
before = set(sys.modules)
import apiway
on_import = sorted(set(sys.modules) - before)
import marshal  # built in and loaded at start-up: adds nothing
event = marshal.loads(bytes.fromhex({event!r}))
app = getattr(apiway, {resolver!r})()
@app.get({path!r})
def handler():
    return {{"message": "hello"}}
response = app.resolve(event, None)
if response["statusCode"] != 200:
    raise SystemExit(f"the probe's request was answered {{response}}")
print(repr([sorted(before), on_import, sorted(set(sys.modules) - before)]))
"""

#: What importing one name from a module of the Powertools layout (``apiway.api_gateway``, ...)
#: adds, once ``apiway`` is imported: first the module alone, then the name.
ALIAS_PROBE = """\
import sys
import apiway
before = set(sys.modules)
import {module}
on_import = sorted(set(sys.modules) - before)
from {module} import {name}
print(repr([on_import, sorted(set(sys.modules) - before)]))
"""


#: What running an app's code and resolving events with it adds: ``{code}`` defines ``app``;
#: each of ``{events}`` (literal dicts) must be answered below 500.
APP_PROBE = """\
import sys
before = set(sys.modules)
{code}
for event in {events!r}:
    response = app.resolve(event, None)
    if response["statusCode"] >= 500:
        raise SystemExit(f"the probe's request {{event}} was answered {{response}}")
print(repr(sorted(set(sys.modules) - before)))
"""


@dataclass(frozen=True)
class Footprint:
    preloaded: list[str]  # loaded by interpreter start-up, before apiway
    on_import: list[str]  # added by `import apiway`
    on_resolve: list[str]  # added by import + one app + one resolved event
    code: str = ""  # the probe that measured them

    def forbidden(self, modules: list[str]) -> list[str]:
        return [name for name in FORBIDDEN if name in modules]

    def chains(self, modules: list[str]) -> str:
        """The import chain that pulled in each of ``modules`` during the probe, a line each."""
        return "\n".join(import_chain(self.code, name) for name in modules)


def child_env() -> dict[str, str]:
    """A clean environment for the probe: no PYTHON* settings, apiway's own folder on the path."""
    import apiway

    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
    env["PYTHONPATH"] = str(Path(apiway.__file__).resolve().parent.parent)
    return env


def run_probe(code: str, *options: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter; a failure raises with the child's stderr."""
    done = subprocess.run(
        [sys.executable, *options, "-c", code],
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if done.returncode != 0 and not options:
        raise RuntimeError(f"the import footprint probe failed:\n{done.stderr}")
    return done


def probe(
    event: dict[str, Any] | None = None, resolver: str = "APIGatewayRestResolver", path: str = "/my/path"
) -> Footprint:
    """The modules ``import apiway`` and then one app of ``resolver`` answering ``event`` (a GET
    of ``path``; by default the AWS sample REST event) add to a fresh interpreter."""
    if event is None:
        event = sample_event("apiGatewayProxyEvent")
    code = PROBE.format(event=marshal.dumps(event).hex(), resolver=resolver, path=path)
    preloaded, on_import, on_resolve = ast.literal_eval(run_probe(code).stdout.strip().splitlines()[-1])
    return Footprint(preloaded, on_import, on_resolve, code)


def app_probe(code: str, events: list[dict[str, Any]]) -> tuple[list[str], str]:
    """The modules running ``code`` (which defines ``app``) and resolving ``events`` add to a
    fresh interpreter, and the probe's code (for :func:`import_chain`)."""
    probe_code = APP_PROBE.format(code=code, events=events)
    loaded: list[str] = ast.literal_eval(run_probe(probe_code).stdout.strip().splitlines()[-1])
    return loaded, probe_code


def alias_probe(module: str, name: str) -> tuple[list[str], list[str]]:
    """``(on_import, on_use)``: what ``import module`` adds once apiway is imported, and what
    ``from module import name`` adds in all."""
    code = ALIAS_PROBE.format(module=module, name=name)
    on_import, on_use = ast.literal_eval(run_probe(code).stdout.strip().splitlines()[-1])
    return on_import, on_use


def import_chain(code: str, module: str) -> str:
    """``a -> b -> module``: the chain of imports that first loaded ``module`` when running ``code``.

    ``-X importtime`` prints each module after the modules it imported, indented two spaces
    per level, so a module's importer is the next line indented one level less.
    """
    entries = []
    for line in run_probe(code, "-X", "importtime").stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1]
            entries.append((len(name) - len(name.lstrip()), name.strip()))
    for index, (module_depth, name) in enumerate(entries):
        if name == module:
            chain, depth = [name], module_depth
            for later_depth, later_name in entries[index + 1 :]:
                if later_depth < depth:
                    chain.append(later_name)
                    depth = later_depth
            return " -> ".join(reversed(chain))
    return f"{module}: not found in the -X importtime output"

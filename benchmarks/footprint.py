"""Which modules ``import apiway`` (and one resolved request) add to a fresh interpreter.

The same probe as ``tests/benchmarks/test_import_footprint.py``, reported in RESULTS.md;
keep the limit below in step with the test's.
"""

from __future__ import annotations

import ast
import marshal
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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
#: one resolved REST event. It adds 15 modules today: 14 apiway modules (the package, the
#: resolvers, registry, routing, request, response, the REST source and its package, the
#: stages package and the five stages of the default chain) plus ``_json`` (the C encoder
#: behind responses). At 0.15-0.3 ms a module this is most of apiway's cold start, hence a
#: tight limit.
MAX_COMMON_PATH_MODULES = 16

#: The only modules from outside apiway that the common path may load. The package never
#: imports ``__future__`` (annotations naming type-only imports are quoted instead) nor
#: ``_contextvars`` (per-thread request state uses ``_thread``, loaded at start-up).
COMMON_PATH_OUTSIDE = ("_json",)

#: apiway modules that load only when an app uses what they hold, never on the common path:
#: the chain-editing API, exception classes (the one for invalid JSON imports ``json``),
#: typed events, header and base64 helpers, the trie behind dynamic routes, the checks of
#: responses the sources' fast paths decline, JSON Schema validation, typed parameters,
#: dependencies and OpenAPI documents.
LAZY_MODULES = (
    "apiway.pipeline",
    "apiway.sources.checks",
    "apiway.exceptions",
    "apiway.invalid_json",
    "apiway.events",
    "apiway.headers",
    "apiway.codec",
    "apiway.routing.trie",
    "apiway.middlewares.schema_validation",
    "apiway.depends",
    "apiway.openapi",
)

PROBE = """\
import sys
before = set(sys.modules)
import apiway
imported = sorted(set(sys.modules) - before)
if {resolve}:
    import marshal
    event = marshal.loads(bytes.fromhex("{event}"))
    app = apiway.APIGatewayRestResolver()
    @app.get("/my/path")
    def my_path():
        return {{"message": "hello"}}
    if app.resolve(event, None)["statusCode"] != 200:
        raise SystemExit(3)
print(repr([sorted(before), imported, sorted(set(sys.modules) - before)]))
"""


@dataclass(frozen=True)
class Footprint:
    preloaded: list[str]  # loaded by interpreter start-up, before apiway
    on_import: list[str]  # added by `import apiway`
    on_resolve: list[str]  # added by import + one app + one resolved REST event

    def forbidden(self, modules: list[str]) -> list[str]:
        return [name for name in FORBIDDEN if name in modules]


def probe() -> Footprint:
    import apiway

    event = marshal.dumps(sample_event("apiGatewayProxyEvent")).hex()
    code = PROBE.format(resolve=True, event=event)
    env = dict(os.environ)
    package_root = str(Path(apiway.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    preloaded, on_import, on_resolve = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return Footprint(preloaded, on_import, on_resolve)

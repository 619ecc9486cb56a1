"""Cold start is a feature: ``import apiway`` and the common request path load only what they need.

Each check runs in a fresh interpreter (the test process has long since imported everything),
comparing ``sys.modules`` before and after. On failure the message shows the import chain
that pulled the module in, from ``python -X importtime``.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# One set of limits, shared with the benchmark report (see there for how they were set).
from benchmarks.footprint import (
    COMMON_PATH_OUTSIDE,
    FORBIDDEN,
    LAZY_MODULES,
    MAX_COMMON_PATH_MODULES,
    MAX_IMPORT_MODULES,
)

import apiway

EVENTS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "events"

PROBE = """\
import sys
before = set(sys.modules)
import apiway
after_import = set(sys.modules)
import marshal  # built in and loaded at start-up: adds nothing
EVENT = marshal.loads(bytes.fromhex({event!r}))
from apiway import APIGatewayRestResolver
app = APIGatewayRestResolver()
@app.get("/my/path")
def my_path():
    return {{"message": "hello"}}
response = app.resolve(EVENT, None)
assert response["statusCode"] == 200, response
print(repr([sorted(before), sorted(after_import - before), sorted(set(sys.modules) - before)]))
"""

COMMON_PATH = """\
import marshal
EVENT = marshal.loads(bytes.fromhex({event!r}))
from apiway import APIGatewayRestResolver
app = APIGatewayRestResolver()
@app.get("/my/path")
def my_path():
    return {{"message": "hello"}}
app.resolve(EVENT, None)
"""


def child_env() -> dict[str, str]:
    """The environment with apiway's own folder first on the path, as the test process sees it."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
    env["PYTHONPATH"] = str(Path(apiway.__file__).resolve().parent.parent)
    return env


def rest_event_hex() -> str:
    """The AWS sample REST event as marshal data: the child must not import json to read it."""
    import marshal

    with open(EVENTS_DIR / "apiGatewayProxyEvent.json", encoding="utf-8") as file:
        return marshal.dumps(json.load(file)).hex()


def import_chain(code: str, module: str) -> str:
    """``a -> b -> module``: the chain of imports that first loaded ``module`` when running ``code``.

    ``-X importtime`` prints each module after the modules it imported, indented two spaces
    per level, so a module's importer is the next line indented one level less.
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    entries = []
    for line in done.stderr.splitlines():
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


def common_path_chains(event_hex: str, modules: list[str]) -> str:
    """The import chain that pulled in each of ``modules`` on the common path, a line each."""
    code = COMMON_PATH.format(event=event_hex)
    return "\n".join(import_chain(code, name) for name in modules)


@pytest.fixture(scope="module")
def event_hex() -> str:
    return rest_event_hex()


@pytest.fixture(scope="module")
def footprint(event_hex: str) -> tuple[set[str], list[str], list[str]]:
    """(modules loaded by interpreter start-up, added by ``import apiway``, added by the common path)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(event=event_hex)],
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    preloaded, on_import, on_common_path = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return set(preloaded), on_import, on_common_path


def test_interpreter_start_up_loads_none_of_the_forbidden_modules(
    footprint: tuple[set[str], list[str], list[str]],
) -> None:
    preloaded, _, _ = footprint
    # Otherwise the checks below could not see apiway import them.
    assert not [name for name in FORBIDDEN if name in preloaded]


def test_import_apiway_loads_no_heavy_module(footprint: tuple[set[str], list[str], list[str]]) -> None:
    _, on_import, _ = footprint
    found = [name for name in FORBIDDEN if name in on_import]
    chains = "\n".join(import_chain("import apiway", name) for name in found)
    assert not found, f"`import apiway` imports {found}:\n{chains}"


def test_import_apiway_loads_few_modules(footprint: tuple[set[str], list[str], list[str]]) -> None:
    _, on_import, _ = footprint
    assert len(on_import) <= MAX_IMPORT_MODULES, f"{len(on_import)} new modules: {on_import}"


def test_one_app_and_one_request_load_no_heavy_module(
    footprint: tuple[set[str], list[str], list[str]], event_hex: str
) -> None:
    _, _, on_common_path = footprint
    found = [name for name in FORBIDDEN if name in on_common_path]
    chains = common_path_chains(event_hex, found)
    assert not found, f"building an app and resolving one REST event imports {found}:\n{chains}"


def test_one_app_and_one_request_load_few_modules(footprint: tuple[set[str], list[str], list[str]]) -> None:
    _, _, on_common_path = footprint
    assert len(on_common_path) <= MAX_COMMON_PATH_MODULES, (
        f"{len(on_common_path)} new modules: {on_common_path}"
    )


def test_the_common_path_loads_nothing_else_from_outside_apiway(
    footprint: tuple[set[str], list[str], list[str]], event_hex: str
) -> None:
    _, _, on_common_path = footprint
    outside = [name for name in on_common_path if name != "apiway" and not name.startswith("apiway.")]
    extra = sorted(set(outside) - set(COMMON_PATH_OUTSIDE))
    assert not extra, (
        f"the common path imports {extra} from outside apiway:\n{common_path_chains(event_hex, extra)}"
    )


def test_the_common_path_leaves_feature_modules_unloaded(
    footprint: tuple[set[str], list[str], list[str]], event_hex: str
) -> None:
    _, _, on_common_path = footprint
    loaded = [name for name in LAZY_MODULES if name in on_common_path]
    assert not loaded, f"the common path imports {loaded}:\n{common_path_chains(event_hex, loaded)}"


ALIAS_PROBE = """\
import sys
import apiway
before = set(sys.modules)
import {module}
after_import = sorted(set(sys.modules) - before)
from {module} import {name}
print(repr([after_import, sorted(set(sys.modules) - before)]))
"""


def modules_loaded_by(code: str) -> list[list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", code], env=child_env(), capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    loaded: list[list[str]] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(
    ("module", "name", "home"),
    [
        ("apiway.api_gateway", "Router", "apiway.router"),
        ("apiway.api_gateway", "Response", "apiway.response"),
        ("apiway.lambda_function_url", "ProxyEventType", "apiway.generic"),
        ("apiway.vpc_lattice", "VPCLatticeV2Resolver", "apiway.sources.vpc_lattice"),
    ],
)
def test_path_alias_modules_load_only_what_is_imported_from_them(module: str, name: str, home: str) -> None:
    """The module paths of the Powertools layout cost nothing until a name is used, and then
    only what importing that name from its own module costs."""
    on_import, on_use = modules_loaded_by(ALIAS_PROBE.format(module=module, name=name))
    assert on_import == [module]
    _, direct = modules_loaded_by(ALIAS_PROBE.format(module=home, name=name))
    assert sorted(set(on_use) - {module}) == direct


# -- the other sources' common path: the same modules, their own source module instead of REST's ---
SOURCE_PROBE = """\
import sys
before = set(sys.modules)
import marshal
EVENT = marshal.loads(bytes.fromhex({event!r}))
import apiway
app = apiway.{resolver}()
@app.get({path!r})
def handler():
    return {{"message": "hello"}}
response = app.resolve(EVENT, None)
assert response["statusCode"] == 200, response
print(repr(sorted(set(sys.modules) - before)))
"""


def common_path_of(resolver: str, sample: str, path: str) -> set[str]:
    """The modules one app of ``resolver`` and one resolved ``sample`` event add."""
    import marshal

    with open(EVENTS_DIR / sample, encoding="utf-8") as file:
        event_hex = marshal.dumps(json.load(file)).hex()
    done = subprocess.run(
        [sys.executable, "-c", SOURCE_PROBE.format(event=event_hex, resolver=resolver, path=path)],
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("resolver", "sample", "path"),
    [
        ("VPCLatticeResolver", "vpcLatticeEvent.json", "/testpath"),
        ("VPCLatticeV2Resolver", "vpcLatticeV2EventWithHeaders.json", "/newpath"),
    ],
)
def test_a_vpc_lattice_app_loads_what_a_rest_app_loads(resolver: str, sample: str, path: str) -> None:
    rest = common_path_of("APIGatewayRestResolver", "apiGatewayProxyEvent.json", "/my/path")
    lattice = common_path_of(resolver, sample, path)
    assert lattice - rest == {"apiway.sources.vpc_lattice"}, "modules a REST app does not load"
    assert rest - lattice == {"apiway.sources.rest"}, "modules a REST app loads and this one does not"

"""Cold start is a feature: ``import apiway`` and the common request path load only what they need.

Each check runs in a fresh interpreter (the test process has long since imported everything),
comparing ``sys.modules`` before and after, with the probe the benchmark report uses
(``benchmarks/footprint.py``), which holds the limits too. On failure the message shows the
import chain that pulled the module in, from ``python -X importtime``.
"""

from __future__ import annotations

import ast

import pytest
from benchmarks.footprint import (
    ASYNC_MODULES,
    COMMON_PATH_OUTSIDE,
    LAZY_MODULES,
    MAX_COMMON_PATH_MODULES,
    MAX_IMPORT_MODULES,
    VALIDATED_PATH,
    Footprint,
    alias_probe,
    app_probe,
    import_chain,
    probe,
    run_probe,
)

from support.events import load_event


@pytest.fixture(scope="module")
def footprint() -> Footprint:
    """What a fresh interpreter loads: at start-up, for ``import apiway``, and for one app
    answering the AWS sample REST event."""
    return probe(load_event("apiGatewayProxyEvent.json"))


def test_interpreter_start_up_loads_none_of_the_forbidden_modules(footprint: Footprint) -> None:
    # Otherwise the checks below could not see apiway import them.
    assert not footprint.forbidden(footprint.preloaded)


def test_import_apiway_loads_no_heavy_module(footprint: Footprint) -> None:
    found = footprint.forbidden(footprint.on_import)
    assert not found, f"`import apiway` imports {found}:\n{footprint.chains(found)}"


def test_import_apiway_loads_few_modules(footprint: Footprint) -> None:
    on_import = footprint.on_import
    assert len(on_import) <= MAX_IMPORT_MODULES, f"{len(on_import)} new modules: {on_import}"


def test_one_app_and_one_request_load_no_heavy_module(footprint: Footprint) -> None:
    found = footprint.forbidden(footprint.on_resolve)
    assert not found, (
        f"building an app and resolving one REST event imports {found}:\n{footprint.chains(found)}"
    )


def test_one_app_and_one_request_load_few_modules(footprint: Footprint) -> None:
    on_common_path = footprint.on_resolve
    assert len(on_common_path) <= MAX_COMMON_PATH_MODULES, (
        f"{len(on_common_path)} new modules: {on_common_path}"
    )


def test_the_common_path_loads_nothing_else_from_outside_apiway(footprint: Footprint) -> None:
    outside = [name for name in footprint.on_resolve if name != "apiway" and not name.startswith("apiway.")]
    extra = sorted(set(outside) - set(COMMON_PATH_OUTSIDE))
    assert not extra, f"the common path imports {extra} from outside apiway:\n{footprint.chains(extra)}"


def test_the_common_path_leaves_feature_modules_unloaded(footprint: Footprint) -> None:
    loaded = [name for name in LAZY_MODULES if name in footprint.on_resolve]
    assert not loaded, f"the common path imports {loaded}:\n{footprint.chains(loaded)}"


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
    on_import, on_use = alias_probe(module, name)
    assert on_import == [module]
    _, direct = alias_probe(home, name)
    assert sorted(set(on_use) - {module}) == direct


# -- the other sources' common path: the same modules, their own source module instead of REST's ---
@pytest.mark.parametrize(
    ("resolver", "sample", "path"),
    [
        ("VPCLatticeResolver", "vpcLatticeEvent.json", "/testpath"),
        ("VPCLatticeV2Resolver", "vpcLatticeV2EventWithHeaders.json", "/newpath"),
    ],
)
def test_a_vpc_lattice_app_loads_what_a_rest_app_loads(
    footprint: Footprint, resolver: str, sample: str, path: str
) -> None:
    rest = set(footprint.on_resolve)
    lattice = set(probe(load_event(sample), resolver, path).on_resolve)
    assert lattice - rest == {"apiway.sources.vpc_lattice"}, "modules a REST app does not load"
    assert rest - lattice == {"apiway.sources.rest"}, "modules a REST app loads and this one does not"


# -- typed routes: the validation stage and engine load only for apps that use them ------------
TYPED_PROBE = """\
import sys, dataclasses, json
from typing import Annotated
{imports}
before = set(sys.modules)
from apiway import APIGatewayRestResolver

@dataclasses.dataclass
class Item:
    name: str
    price: float

app = APIGatewayRestResolver({resolver})

@app.post("/items/<item_id>"{options})
def create(item_id: int, item: Item | None = None, limit: int = 10{extra}) -> Item | None:
    return item

event = {{"httpMethod": "POST", "path": "/items/1", "headers": {{"Content-Type": "application/json"}},
         "queryStringParameters": {{"limit": "3"}}, "body": '{{"name": "a", "price": 1}}',
         "requestContext": {{}}}}
response = app.resolve(event, None)
assert response["statusCode"] == 200, response
served = sorted(set(sys.modules) - before)
{after}
print(repr([served, sorted(set(sys.modules) - before)]))
"""


def typed_probe(
    resolver: str = "", options: str = "", extra: str = "", imports: str = "", after: str = ""
) -> tuple[set[str], set[str]]:
    """(modules a typed app adds up to its first answer, modules added once ``after`` ran)."""
    code = TYPED_PROBE.format(resolver=resolver, options=options, extra=extra, imports=imports, after=after)
    served, later = ast.literal_eval(run_probe(code).stdout.strip().splitlines()[-1])
    return set(served), set(later)


def test_a_validated_app_loads_the_engine_and_nothing_of_openapi_until_asked() -> None:
    served, later = typed_probe(resolver="enable_validation=True", after="app.get_openapi_json_schema()")
    assert {"apiway.stages.validation", "apiway.validation.plan"} <= served
    assert not [name for name in served if name.startswith("apiway.openapi")]
    assert not served & {"inspect", "typing", "re", "datetime", "decimal", "uuid", "apiway.request_view"}
    assert {"apiway.openapi.document", "apiway.openapi.app"} <= later


def test_a_validated_app_loads_only_the_validated_path(footprint: Footprint) -> None:
    served, _ = typed_probe(resolver="enable_validation=True")
    ours = {name for name in served if name == "apiway" or name.startswith("apiway.")}
    dynamic_route = {"apiway.routing.trie"}  # the probe's rule has a parameter
    extra = sorted(ours - set(footprint.on_resolve) - set(VALIDATED_PATH) - dynamic_route)
    assert not extra, f"a validated app loads {extra} beyond the common and validated paths"
    # The typed event, the exception classes and the modules of rarer types stay unloaded.
    rare = {"apiway.validation.special", "apiway.validation.unions"}
    assert not ours & {"apiway.events", "apiway.exceptions", *rare}
    # Nothing from outside apiway that the probe's own imports did not bring.
    assert not [name for name in served - ours if not name.startswith("_")], sorted(served - ours)


def test_reading_a_json_body_loads_neither_json_nor_validation() -> None:
    code = (
        "import sys\nbefore = set(sys.modules)\nfrom apiway import APIGatewayRestResolver\n"
        "app = APIGatewayRestResolver()\n"
        "@app.post('/items')\ndef create():\n    return app.current_event.json_body\n"
        "event = {'httpMethod': 'POST', 'path': '/items', 'requestContext': {},\n"
        "         'body': '{\"a\": [1, 2.5]}'}\n"
        "assert app.resolve(event, None)['body'] == '{\"a\":[1,2.5]}'\n"
        "print(repr(sorted(set(sys.modules) - before)))\n"
    )
    loaded = set(ast.literal_eval(run_probe(code).stdout.strip().splitlines()[-1]))
    assert "json" not in loaded
    assert not [name for name in loaded if name.startswith(("apiway.validation", "apiway.openapi"))]


def test_route_options_alone_load_no_validation() -> None:
    served, _ = typed_probe(options=', summary="Create an item", tags=["items"]')
    assert "apiway.route_options" in served
    assert not [name for name in served if name.startswith(("apiway.validation", "apiway.openapi"))]
    assert "apiway.stages.validation" not in served


def test_a_dependency_without_validation_loads_the_stage_but_no_openapi() -> None:
    served, _ = typed_probe(
        imports="from apiway import Depends\ndef tenant() -> str:\n    return 't'",
        extra=", who: Annotated[str, Depends(tenant)] = ''",
    )
    assert {"apiway.stages.validation", "apiway.validation.plan"} <= served
    assert not [name for name in served if name.startswith("apiway.openapi")]


# -- async support loads only for apps with something async ---------------------------------------
#: An app with every feature a plain app may use: global, route and class-based middlewares,
#: a router, exception and not-found handlers, CORS, compression, user stages (hooks and a
#: function), served by resolve().
EVERY_PLAIN_FEATURE = """\
from apiway import APIGatewayRestResolver, CORSConfig, Response, Router, Stage
from apiway.middlewares import BaseMiddlewareHandler

app = APIGatewayRestResolver(cors=CORSConfig(allow_origin="https://a.example"))

def outer(app, next_middleware):
    app.append_context(seen=True)
    return next_middleware(app)

class Inner(BaseMiddlewareHandler):
    def handler(self, app, next_middleware):
        return next_middleware(app)

app.use([outer])
router = Router()

@router.get("/items/<item>", middlewares=[Inner()], compress=True)
def item(item):
    return {"item": item, "path": app.current_event.path}

app.include_router(router)

@app.get("/fail")
def fail():
    raise ValueError("mapped")

@app.exception_handler(ValueError)
def mapped(error):
    return Response(400, "text/plain", str(error))

@app.not_found
def missing(error):
    return Response(404, "text/plain", "missing")

class Stamp(Stage):
    name = "stamp"

    def after(self, request, response):
        response.headers["X-Stamp"] = "1"
        return response

def passing(request, call_next):
    return call_next(request)

app.pipeline.insert_before("cors", Stamp())
app.pipeline.insert_after("stamp", passing)
"""
ASYNC_ROUTE = """
@app.get("/async")
async def asynchronous():
    return {"async": True}
"""
ORIGIN = {"Origin": "https://a.example", "Access-Control-Request-Method": "GET"}
EVENTS = [
    {"httpMethod": method, "path": path, "headers": headers}
    for method, path, headers in [
        ("GET", "/items/a", {"Accept-Encoding": "gzip"}),
        ("HEAD", "/items/a", {}),
        ("PUT", "/items/a", {}),
        ("OPTIONS", "/items/a", ORIGIN),
        ("GET", "/fail", {}),
        ("GET", "/missing", {}),
    ]
]


def test_a_plain_app_with_every_feature_loads_nothing_async() -> None:
    loaded, code = app_probe(EVERY_PLAIN_FEATURE, EVENTS)
    found = [
        name for name in ASYNC_MODULES if name in loaded or any(m.startswith(f"{name}.") for m in loaded)
    ]
    chains = "\n".join(import_chain(code, name) for name in found)
    assert not found, f"a plain app imports {found}:\n{chains}"


def test_an_app_with_an_async_route_loads_async_support() -> None:
    events = [*EVENTS, {"httpMethod": "GET", "path": "/async", "headers": {}}]
    loaded, _ = app_probe(EVERY_PLAIN_FEATURE + ASYNC_ROUTE, events)
    assert set(ASYNC_MODULES) <= set(loaded)

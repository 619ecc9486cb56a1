"""Cold start: compiling route plans and validating a request load no module the app did not need."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import apiway

PACKAGE_ROOT = str(Path(apiway.__file__).resolve().parents[1])

PROBE = """
import sys, dataclasses, typing
from typing import Annotated
before = set(sys.modules)
from apiway import APIGatewayRestResolver
from apiway.openapi.params import File, Query, UploadFile
from apiway.validation.plan import compile_plan

@dataclasses.dataclass
class Item:
    name: str
    price: float

def create(item: Item, limit: Annotated[int, Query(ge=1)] = 2) -> Item:
    return item

def upload(file: Annotated[UploadFile, File()]) -> None: ...

plan = compile_plan(create, "POST", "/items", ())
compile_plan(upload, "POST", "/upload", ())
app = APIGatewayRestResolver()
seen = []

@app.post("/items")
def handler():
    seen.append(plan.result(create(**plan.arguments(app._active_request()))))
    return {}

event = {"httpMethod": "POST", "path": "/items", "headers": {"Content-Type": "application/json"},
         "queryStringParameters": {"limit": "3"}, "body": '{"name": "a", "price": 1}', "requestContext": {}}
assert app.resolve(event, None)["statusCode"] == 200
assert seen == [{"name": "a", "price": 1.0}], seen
print(sorted(set(sys.modules) - before))
"""

#: Modules a typed route must not load unless the user's own code or request needs them (``json``
#: is not among them: reading any JSON body loads it, validated or not).
HEAVY = {
    "inspect",
    "email",
    "re",
    "urllib.parse",
    "pydantic",
    "decimal",
    "uuid",
    "datetime",
    "typing_extensions",
}


def test_typed_routes_load_no_heavy_module() -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PROBE)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": PACKAGE_ROOT},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))
    assert not loaded & HEAVY, sorted(loaded & HEAVY)
    assert "apiway.validation.multipart" in loaded  # compiled for the File() route, parsing nothing yet

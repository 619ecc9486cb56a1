"""The local tools stay off the cold-start path of ``import apiway``."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("http", "email", "logging", "asyncio", "urllib.request", "wsgiref", "socketserver", "uuid")

PROGRAM = """
import json, sys
from apiway import APIGatewayRestResolver
app = APIGatewayRestResolver()
app.get("/ping")(lambda: {"pong": True})
response = app.resolve({"httpMethod": "GET", "path": "/ping", "headers": {}, "requestContext": {}}, None)
assert response["statusCode"] == 200, response
print(json.dumps(sorted(sys.modules)))
"""


def test_import_and_resolve_load_no_local_tooling_modules() -> None:
    result = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout))
    assert not {name for name in loaded if name.startswith(("apiway.local", "apiway.testing", "apiway.wsgi"))}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))

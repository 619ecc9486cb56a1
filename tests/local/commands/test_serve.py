"""``apiway serve --debug``: the served app's debug mode, for this run only."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from local.test_server import free_port, wait_for_line

from .conftest import EXAMPLE, Apiway

SOURCE = """
from apiway import APIGatewayRestResolver

app = APIGatewayRestResolver(debug=False)
other = APIGatewayRestResolver()
built = APIGatewayRestResolver(debug=False)
built.build()


def lambda_handler(event, context):
    return app.resolve(event, context)
"""


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What ``apiway serve`` would serve, caught instead of served."""
    found: dict[str, Any] = {}

    def run(server: Any, name: str | None = None) -> None:
        found.update(app=server.get_app().app, name=name, env=os.environ.get("APIWAY_DEBUG"))
        server.server_close()

    monkeypatch.setattr("apiway.local.server.run", run)
    return found


def test_debug_turns_on_the_served_resolvers(apiway: Apiway, isolated: Path, served: dict[str, Any]) -> None:
    (isolated / "service.py").write_text(SOURCE)
    result = apiway("serve", "service.py", "--port", "0", "--debug")
    assert result.status == 0, result.err
    module = sys.modules["service"]
    assert served["app"] is module.lambda_handler and served["env"] == "1"
    # over an explicit debug=False, and for the other resolvers of the handler's module
    assert module.app.debug and module.other.debug
    module.app.build()
    assert "debug" in module.app.pipeline.names()
    # a chain built at import cannot change: said, not hidden
    assert not module.built.debug
    assert (
        "apiway: warning: APIGatewayRestResolver's chain was built when its module was imported" in result.err
    )
    assert "APIWAY_DEBUG" not in os.environ


def test_without_debug_nothing_changes(apiway: Apiway, isolated: Path, served: dict[str, Any]) -> None:
    (isolated / "service.py").write_text(SOURCE)
    assert apiway("serve", "service.py", "--port", "0").status == 0
    assert served["env"] is None
    assert not sys.modules["service"].other.debug


def test_a_debug_server_answers_tracebacks_and_logs_requests() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "apiway", "serve", str(EXAMPLE / "app.py"), "--port", str(port), "--debug"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_for_line(process, "serving")
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/crash", timeout=10)
        assert error.value.code == 500
        assert error.value.headers["Content-Type"] == "text/plain"
        assert "ZeroDivisionError: division by zero" in error.value.read().decode()
    finally:
        process.terminate()
        process.wait(10)
    assert process.stdout is not None and process.stderr is not None
    logged = process.stdout.read()
    process.stdout.close()
    process.stderr.close()
    assert "apiway request GET /crash" in logged and "500 route=GET /crash" in logged

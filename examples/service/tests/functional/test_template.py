"""The SAM template sends every route to the function, and every API event reaches a route.

``apiway check`` compares the app's routes with the template's API events; run from the
service's folder, as CI would: ``python -m apiway check todos.main --app-dir src --template
template.yaml``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SERVICE = Path(__file__).resolve().parents[2]


def check(*options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "apiway", "check", "todos.main", "--app-dir", "src", *options],
        cwd=SERVICE,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_template_sends_every_route_to_the_function() -> None:
    result = check("--template", "template.yaml")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: all 8 routes are sent to TodosFunction" in result.stdout


def test_a_template_without_the_root_event_is_caught(tmp_path: Path) -> None:
    # /{proxy+} does not match "/": without the Root event, GET / would never reach the function
    template = (SERVICE / "template.yaml").read_text(encoding="utf-8")
    root_event = (
        "        Root:\n          Type: Api\n          Properties:\n            RestApiId: !Ref TodosApi\n"
    )
    root_event += "            Path: /\n            Method: ANY\n"
    assert root_event in template
    (tmp_path / "template.yaml").write_text(template.replace(root_event, ""), encoding="utf-8")

    result = check("--template", str(tmp_path / "template.yaml"))

    assert result.returncode == 1, result.stdout + result.stderr
    assert "routes the template does not send to TodosFunction (1):\n  GET /\n" in result.stdout

"""The sample service (examples/service): its own test suite, its SAM template, its handler.

The service is a project of its own, with its own pytest configuration
(examples/service/pyproject.toml puts ``src`` on the path, as Lambda does with ``CodeUri``),
so its tests run in a separate pytest process, as a user of the sample would run them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from cfnlint import api as cfnlint_api
from cfnlint.decode import decode_str

# The service's tests use no pytest plugins; not auto-loading the repository's (hypothesis
# alone takes ~1.5 s to import) keeps this test fast.
NO_PLUGINS = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "examples" / "service"
TEMPLATE = SERVICE / "template.yaml"


def test_service_tests_pass() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=SERVICE,
        env=NO_PLUGINS,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    passed = re.search(r"(\d+) passed", result.stdout)
    assert passed is not None and int(passed.group(1)) >= 30, result.stdout
    assert "skipped" not in result.stdout and "deselected" not in result.stdout, result.stdout


def test_service_has_the_documented_layout() -> None:
    expected = [
        "pyproject.toml",
        "template.yaml",
        "src/__init__.py",
        "src/requirements.txt",
        "src/todos/__init__.py",
        "src/todos/main.py",
        "src/todos/routers/__init__.py",
        "src/todos/routers/health.py",
        "src/todos/routers/todos.py",
        "tests/__init__.py",
        "tests/unit/__init__.py",
        "tests/unit/test_todos.py",
        "tests/unit/test_health.py",
        "tests/functional/__init__.py",
        "tests/functional/conftest.py",
        "tests/functional/test_main.py",
        "tests/functional/test_template.py",
    ]
    missing = [name for name in expected if not (SERVICE / name).is_file()]
    assert not missing
    requirements = (SERVICE / "src" / "requirements.txt").read_text().splitlines()
    assert any(line.startswith("apiway") for line in requirements)


def test_template_passes_cfn_lint() -> None:
    matches = cfnlint_api.lint_file(TEMPLATE)
    assert matches == [], "\n".join(str(match) for match in matches)


def test_cfn_lint_would_catch_a_broken_template() -> None:
    """The lint is real: the same template with a retired runtime is refused."""
    broken = TEMPLATE.read_text().replace("Runtime: python3.12", "Runtime: python2.7")
    assert [match.rule.id for match in cfnlint_api.lint(broken)] == ["E2533"]


def _template() -> dict:
    template, errors = decode_str(TEMPLATE.read_text())
    assert not errors
    return template


def test_template_deploys_the_handler_behind_api_gateway() -> None:
    resources = _template()["Resources"]
    function = resources["TodosFunction"]
    assert function["Type"] == "AWS::Serverless::Function"
    properties = function["Properties"]
    assert properties["Runtime"] == "python3.12"
    assert properties["Handler"] == "todos.main.lambda_handler"
    assert properties["CodeUri"] == "src"
    routes = {
        (event["Properties"]["Path"], event["Properties"]["Method"], event["Properties"]["RestApiId"]["Ref"])
        for event in properties["Events"].values()
        if event["Type"] == "Api"
    }
    assert routes == {("/", "ANY", "TodosApi"), ("/{proxy+}", "ANY", "TodosApi")}
    api = resources["TodosApi"]
    assert api["Type"] == "AWS::Serverless::Api"
    # the badge route answers image/svg+xml bytes; */* makes API Gateway decode them
    assert "*~1*" in api["Properties"]["BinaryMediaTypes"]


def test_template_handler_imports_from_code_uri(tmp_path: Path) -> None:
    """``Handler`` resolves with only ``CodeUri`` on the path, as in the Lambda runtime."""
    properties = _template()["Resources"]["TodosFunction"]["Properties"]
    module, _, function = str(properties["Handler"]).rpartition(".")
    code = (
        "import importlib, sys\n"
        f"handler = getattr(importlib.import_module({module!r}), {function!r})\n"
        "response = handler({'httpMethod': 'GET', 'path': '/health'}, None)\n"
        "assert response['statusCode'] == 200, response\n"
        "print(response['body'])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SERVICE / str(properties["CodeUri"]))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '{"status":"ok","todos":3}'

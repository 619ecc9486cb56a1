"""Every example answers its stored requests exactly as its stored responses say.

The examples (``examples/<topic>/app.py``) document apiway; their ``<case>.event.json`` /
``<case>.response.json`` pairs are what the guide shows. This module runs each pair through
the example's ``lambda_handler`` and compares, so the docs and the code cannot drift apart.
The comparison is exact except for the two values ``examples/_harness.py`` documents (gzip
bytes, measured durations). ``python examples/_regenerate.py TOPIC`` rewrites a stored
response after an intended change.
"""

from __future__ import annotations

import base64
import gzip
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from apiway.types import LambdaContext
from support.validate import assert_valid_response

# The example tests use no pytest plugins; not auto-loading the repository's (hypothesis
# alone takes ~1.5 s to import) keeps this test fast. The repository's settings pass `-n`,
# so the run loads xdist by name (`-p xdist.plugin`).
NO_PLUGINS = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


harness = _load("_apiway_examples_harness", EXAMPLES / "_harness.py")
CASES = harness.cases()

#: One example per topic of README's feature guide: the REST event handler's features users
#: migrate with, plus the pipeline examples apiway adds. Removing one fails here.
REQUIRED_EXAMPLES = {
    "rest_api_resolver": "API Gateway REST API",
    "http_api_resolver": "API Gateway HTTP API",
    "alb_resolver": "Application Load Balancer",
    "function_url_resolver": "Lambda Function URL",
    "dynamic_routes": "Dynamic routes",
    "catch_all_routes": "Catch-all routes",
    "http_methods": "HTTP Methods (and route() with several)",
    "query_strings_and_payload": "Query strings and payload",
    "headers": "Headers",
    "not_found": "Handling not found routes",
    "exception_handling": "Exception handling",
    "raising_http_errors": "Raising HTTP errors",
    "custom_domain_prefixes": "Custom Domain API Mappings",
    "cors": "CORS",
    "fine_grained_responses": "Fine grained responses",
    "compression": "Compress",
    "binary_responses": "Binary responses",
    "debug_mode": "Debug mode",
    "custom_serializer": "Custom serializer",
    "split_routers": "Split routes with Router, route prefix",
    "testing": "Testing your code",
    "typed_parameters": "Data validation: typed query, path and header parameters",
    "typed_bodies": "Data validation: a dataclass body and a response model",
    "dependencies": "Dependency injection (Depends) and the Request",
    "openapi_swagger": "OpenAPI: the app's document and Swagger UI",
    "openapi_sam": "apiway: the app's OpenAPI document as a SAM API's definition",
    "custom_stage": "apiway: inserting a custom stage",
    "serializer_stage": "apiway: swapping the JSON serializer stage",
    "describe_chain": "apiway: listing and describing the chain",
    "pipeline_stages": "apiway: the README's pipeline example",
}


def test_examples_follow_the_conventions() -> None:
    problems = harness.problems()
    assert not problems, "examples/ breaks its conventions:\n  " + "\n  ".join(problems)


def test_every_documented_section_has_an_example() -> None:
    present = {path.name for path in harness.example_dirs()}
    missing = sorted(set(REQUIRED_EXAMPLES) - present)
    assert not missing, f"missing examples: {missing}"
    assert {case.example.name for case in CASES} >= set(REQUIRED_EXAMPLES)


def test_readme_feature_table_links_every_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| topic | example |") :].split("\n\n", 1)[0]
    linked = set(re.findall(r"\(examples/([a-z0-9_]+)[/)]", table))
    present = {path.name for path in harness.example_dirs()}
    assert sorted(present - linked) == [], "examples missing from README's feature table"
    assert sorted(linked - present) == [], "README's feature table links examples that do not exist"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_example_answers_as_stored(case) -> None:
    event = case.event()
    with harness.loaded(case.example) as module:
        response = module.lambda_handler(event, LambdaContext())
        assert_valid_response(module.app, response, event)
    stored = case.stored_response()
    assert harness.normalize(response) == harness.normalize(stored), (
        f"examples/{case.id}: the response differs from {case.response_path.name}. If the change is "
        f"intended, run `python examples/_regenerate.py {case.example.name}` and review the diff."
    )


# -- the harness itself ---------------------------------------------------------------------


def _gzip_response(text: str, level: int) -> dict:
    body = base64.b64encode(gzip.compress(text.encode(), compresslevel=level, mtime=0)).decode()
    return {
        "statusCode": 200,
        "multiValueHeaders": {"Content-Encoding": ["gzip"], "Server-Timing": ["app;dur=1.25, db;desc=x"]},
        "body": body,
        "isBase64Encoded": True,
    }


def test_normalize_compares_gzip_bodies_by_content() -> None:
    text = json.dumps({"todos": ["a"] * 50})
    fast, small = _gzip_response(text, 1), _gzip_response(text, 9)
    assert fast["body"] != small["body"]
    assert harness.normalize(fast) == harness.normalize(small)
    assert harness.normalize(fast) != harness.normalize(_gzip_response(text.replace("a", "b"), 1))


def test_normalize_masks_only_durations() -> None:
    response = _gzip_response("x", 6)
    other = json.loads(json.dumps(response))
    other["multiValueHeaders"]["Server-Timing"] = ["app;dur=98.7, db;desc=x"]
    assert harness.normalize(response) == harness.normalize(other)
    other["multiValueHeaders"]["Server-Timing"] = ["app;dur=98.7, db;desc=y"]
    assert harness.normalize(response) != harness.normalize(other)
    plain = {"statusCode": 200, "headers": {"X-Took": "dur=1"}, "body": "dur=1", "isBase64Encoded": False}
    assert harness.normalize(plain) == plain


def test_problems_name_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "complete").mkdir()
    (tmp_path / "complete" / "app.py").write_text("")
    (tmp_path / "complete" / "ok.event.json").write_text("{}")
    (tmp_path / "complete" / "ok.response.json").write_text("{}")
    (tmp_path / "no_response").mkdir()
    (tmp_path / "no_response" / "app.py").write_text("")
    (tmp_path / "no_response" / "get.event.json").write_text("{}")
    (tmp_path / "no_event").mkdir()
    (tmp_path / "no_event" / "app.py").write_text("")
    (tmp_path / "no_event" / "old.response.json").write_text("{}")
    (tmp_path / "no_pairs").mkdir()
    (tmp_path / "no_pairs" / "app.py").write_text("")
    (tmp_path / "no_app").mkdir()
    (tmp_path / "flat_example.py").write_text("")

    problems = harness.problems(tmp_path)

    assert len(problems) == 5, problems
    text = "\n".join(problems)
    assert "flat_example.py: put a new example in its own folder, examples/flat_example/app.py" in text
    assert "no_app/: an example folder needs an app.py" in text
    assert "no_event/old.response.json has no old.event.json" in text
    assert "no_pairs/: no requests stored" in text
    assert "no_response/get.event.json has no get.response.json" in text
    assert [case.id for case in harness.cases(tmp_path)] == ["complete/ok"]


def test_regenerate_writes_and_checks_stored_responses(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "dynamic_routes", tmp_path / "dynamic_routes")
    stored = tmp_path / "dynamic_routes" / "get_todo.response.json"
    original = stored.read_text()
    stored.unlink()
    script = [sys.executable, str(EXAMPLES / "_regenerate.py"), "--root", str(tmp_path)]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*script, *args], capture_output=True, text=True, timeout=60, check=False)

    missing = run("--check")
    assert missing.returncode == 1 and "DRIFTED    dynamic_routes/get_todo" in missing.stdout
    assert not stored.exists()

    written = run("dynamic_routes")
    assert written.returncode == 0, written.stderr
    assert "written    dynamic_routes/get_todo" in written.stdout
    assert stored.read_text() == original
    assert run("--check").returncode == 0

    stored.write_text(original.replace("write the docs", "something else"))
    drifted = run("--check")
    assert drifted.returncode == 1 and "1 problem(s)" in drifted.stderr
    assert run("no_such_example").returncode != 0


def test_testing_example_tests_pass() -> None:
    """examples/testing ships pytest modules; they must pass as a user would run them."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "xdist.plugin",
            "examples/testing",
        ],
        cwd=ROOT,
        env=NO_PLUGINS,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "7 passed" in result.stdout, result.stdout

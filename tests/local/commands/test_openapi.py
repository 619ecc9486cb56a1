"""``apiway openapi APP``: the document on stdout or in a file, JSON or YAML, 3.1 or 3.0.3."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .conftest import REPOSITORY, Apiway, apiway_process, write

EXAMPLE = REPOSITORY / "examples" / "openapi_sam" / "app.py"

TYPED = """
from typing import Annotated

from apiway import APIGatewayHttpResolver
from apiway.openapi.params import Query

print("imported")  # what an app prints must not end up in the document
app = APIGatewayHttpResolver(enable_validation=True)
app.configure_openapi(title="Shop", version="2.0.0", description="Sells things.")


@app.get("/items")
def items(limit: Annotated[int, Query(ge=1)] = 10) -> list[str]:
    return []


def lambda_handler(event, context):
    return app.resolve(event, context)
"""


def example_app():  # type: ignore[no-untyped-def]
    """A fresh import of the example's resolver, to compare with."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_openapi_command_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module.app


def test_the_document_of_the_example_as_a_user_runs_it() -> None:
    result = apiway_process("openapi", str(EXAMPLE))
    assert (result.status, result.err) == (0, "")
    assert result.out == example_app().get_openapi_json_schema() + "\n"
    assert json.loads(result.out)["openapi"] == "3.1.0"


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
def test_each_version_is_a_valid_document(version: str) -> None:
    # (in a subprocess: the in-process fixture forgets modules a test imports, and the
    # validator loads its own lazily)
    validator = pytest.importorskip("openapi_spec_validator")
    result = apiway_process("openapi", str(EXAMPLE), "--openapi-version", version)
    assert result.status == 0, result.err
    document = json.loads(result.out)
    assert document["openapi"] == version
    validator.validate(document)
    assert result.out == example_app().get_openapi_json_schema(openapi_version=version) + "\n"


def test_yaml_holds_the_same_document_in_the_same_order(apiway: Apiway) -> None:
    yaml = pytest.importorskip("yaml")
    as_json = json.loads(apiway("openapi", str(EXAMPLE), "--openapi-version", "3.0.3").out)
    result = apiway("openapi", str(EXAMPLE), "--openapi-version", "3.0.3", "--format", "yaml")
    assert result.status == 0, result.err
    assert result.out.startswith("openapi: 3.0.3\ninfo:\n  title: Todos\n")
    loaded = yaml.safe_load(result.out)
    assert loaded == as_json
    assert list(loaded["paths"]) == list(as_json["paths"])


def test_yaml_without_pyyaml_says_what_to_do(apiway: Apiway, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)  # as if PyYAML were not installed
    result = apiway("openapi", str(EXAMPLE), "--format", "yaml")
    assert (result.status, result.out) == (2, "")
    assert result.error_line == (
        "apiway openapi: error: --format yaml needs PyYAML, which is not installed; hint: install it "
        "('pip install pyyaml'), or write JSON (the default), which any YAML reader reads"
    )


def test_title_and_version_over_what_configure_openapi_set(apiway: Apiway, isolated: Path) -> None:
    write(isolated, {"shop.py": TYPED})
    configured = json.loads(apiway("openapi", "shop.py").out)
    assert configured["info"] == {"title": "Shop", "description": "Sells things.", "version": "2.0.0"}
    given = json.loads(apiway("openapi", "shop.py", "--title", "Shop API", "--version", "2.1.0").out)
    assert given["info"] == {"title": "Shop API", "description": "Sells things.", "version": "2.1.0"}
    assert given["paths"] == configured["paths"]


def test_what_the_app_prints_goes_to_stderr(apiway: Apiway, isolated: Path) -> None:
    write(isolated, {"shop.py": TYPED})
    result = apiway("openapi", "shop.py")
    assert result.status == 0
    assert result.err == "imported\n"
    assert list(json.loads(result.out)["paths"]) == ["/items"]


def test_a_lambda_handler_gives_its_module_resolver(apiway: Apiway, isolated: Path) -> None:
    write(isolated, {"shop.py": TYPED})
    assert apiway("openapi", "shop.py:lambda_handler").out == apiway("openapi", "shop.py:app").out


def test_a_package_under_app_dir(apiway: Apiway, isolated: Path) -> None:
    write(isolated, {"src/shop/__init__.py": "", "src/shop/main.py": TYPED})
    result = apiway("openapi", "shop.main", "--app-dir", "src")
    assert result.status == 0, result.err
    assert json.loads(result.out)["info"]["title"] == "Shop"


def test_output_writes_the_file_and_says_so(apiway: Apiway, isolated: Path) -> None:
    write(isolated, {"shop.py": TYPED})
    result = apiway("openapi", "shop.py", "--openapi-version", "3.0.3", "--output", "openapi.json")
    assert (result.status, result.out) == (0, "")
    assert result.err == (
        "imported\napiway openapi: wrote the OpenAPI 3.0.3 document of shop.py:app to openapi.json\n"
    )
    assert json.loads((isolated / "openapi.json").read_text(encoding="utf-8"))["openapi"] == "3.0.3"


def test_an_output_folder_that_does_not_exist(apiway: Apiway, isolated: Path) -> None:
    write(isolated, {"shop.py": TYPED})
    result = apiway("openapi", "shop.py", "-o", "missing/openapi.json")
    assert (result.status, result.out) == (2, "")
    assert result.err.splitlines()[-1] == (
        "apiway openapi: error: --output missing/openapi.json: No such file or directory; "
        "hint: name a file in a folder that exists"
    )


def test_a_document_the_app_cannot_build_exits_1(apiway: Apiway, isolated: Path) -> None:
    broken = TYPED.replace('description="Sells things.")', 'security=[{"login": []}])')
    write(isolated, {"shop.py": broken})
    result = apiway("openapi", "shop.py")
    assert (result.status, result.out) == (1, "")
    line = result.err.splitlines()[-1]
    assert line.startswith(
        "apiway openapi: error: shop.py:app: the OpenAPI document cannot be built: SchemaValidationError: "
        "Security configuration was not found"
    )
    assert line.endswith("; hint: fix the app (the message names what is wrong), then run this again")


def test_an_app_without_routes_has_an_empty_document(apiway: Apiway, isolated: Path) -> None:
    write(
        isolated, {"empty.py": "from apiway import APIGatewayRestResolver\napp = APIGatewayRestResolver()\n"}
    )
    document = json.loads(apiway("openapi", "empty.py").out)
    assert document["paths"] == {}
    assert document["info"]["title"] == "Powertools for AWS Lambda (Python) API"  # the Powertools default


def test_the_program_version_and_the_api_version_do_not_clash(apiway: Apiway, isolated: Path) -> None:
    write(isolated, {"shop.py": TYPED})
    assert apiway("--version").out.startswith("apiway ")
    assert json.loads(apiway("openapi", "shop.py", "--version", "3").out)["info"]["version"] == "3"


def test_what_is_given_wins_even_when_it_is_the_default(apiway: Apiway, isolated: Path) -> None:
    configured = TYPED.replace('description="Sells things.")', 'openapi_version="3.0.3")')
    write(isolated, {"shop.py": configured})
    document = json.loads(apiway("openapi", "shop.py").out)
    assert (document["openapi"], document["info"]["version"]) == ("3.0.3", "2.0.0")
    given = (
        "--openapi-version",
        "3.1.0",
        "--version",
        "1.0.0",
        "--title",
        "Powertools for AWS Lambda (Python) API",
    )
    document = json.loads(apiway("openapi", "shop.py", *given).out)
    assert document["openapi"] == "3.1.0"
    assert document["info"] == {"title": "Powertools for AWS Lambda (Python) API", "version": "1.0.0"}

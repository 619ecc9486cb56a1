"""The OpenAPI modules load only when used, each only what it needs, and never pydantic."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import apiway

PACKAGE_ROOT = str(Path(apiway.__file__).resolve().parents[1])


def loaded_by(code: str) -> set[str]:
    """The modules ``code`` adds to a fresh interpreter that has imported ``apiway``."""
    probe = (
        f"import sys, apiway\nbefore = set(sys.modules)\n{code}\nprint(sorted(set(sys.modules) - before))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": PACKAGE_ROOT},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))


def test_the_package_loads_none_of_its_modules() -> None:
    assert loaded_by("import apiway.openapi") == {"apiway.openapi"}
    assert loaded_by("import apiway.openapi; apiway.openapi.OpenAPIMergeError") == {
        "apiway.openapi",
        "apiway.openapi.exceptions",
    }


@pytest.mark.parametrize(
    ("module", "allowed_apiway"),
    [
        ("apiway.openapi.params", {"params", "fields"}),
        ("apiway.openapi.exceptions", {"exceptions"}),
        ("apiway.openapi.encoders", {"encoders", "exceptions"}),
        ("apiway.openapi.swagger_ui", {"swagger_ui", "swagger_ui.html", "swagger_ui.oauth2"}),
        ("apiway.openapi.version30", {"version30"}),
    ],
)
def test_each_module_loads_only_its_own_parts(module: str, allowed_apiway: set[str]) -> None:
    loaded = loaded_by(f"import {module}")
    ours = {name.removeprefix("apiway.openapi.") for name in loaded if name.startswith("apiway.openapi.")}
    assert ours == allowed_apiway
    assert not {"re", "json", "typing", "inspect", "dataclasses", "pydantic"} & loaded


def test_the_body_markers_load_when_imported_from_params() -> None:
    loaded = loaded_by("from apiway.openapi.params import Query")
    assert "apiway.openapi.bodies" not in loaded
    assert "enum" not in loaded  # ParamTypes is made when first read
    loaded = loaded_by("from apiway.openapi.params import Query\nassert Query().in_.value == 'query'")
    assert "enum" in loaded
    code = "from apiway.openapi.params import Body\nimport apiway.openapi.bodies as b\nassert Body is b.Body"
    loaded = loaded_by(code)
    assert "apiway.openapi.bodies" in loaded


def test_models_load_no_json_regex_or_typing_until_written() -> None:
    code = "from apiway.openapi.models import Info\nInfo(title='t', version='1').model_dump()"
    loaded = loaded_by(code)
    assert not {"re", "json", "typing", "inspect", "dataclasses"} & loaded


def test_nothing_imports_pydantic() -> None:
    code = """
from apiway.openapi import encoders, models, params, swagger_ui, version30
paths = {"/a": {"get": {"responses": {200: {"description": "ok"}}}}}
doc = models.OpenAPI(openapi="3.1.0", info={"title": "t", "version": "1"}, paths=paths)
doc.model_dump_json(by_alias=True, exclude_none=True)
encoders.jsonable_encoder([doc, params.Query(gt=1).constraints])
swagger_ui.swagger_ui_html(doc)
version30.to_openapi_30(doc)
"""
    assert "pydantic" not in loaded_by(code)


def test_an_app_without_validation_loads_no_openapi_module() -> None:
    code = """
from apiway import APIGatewayRestResolver
app = APIGatewayRestResolver()
@app.get("/a")
def a():
    return {}
app.build()
"""
    assert not {name for name in loaded_by(code) if name.startswith(("apiway.openapi", "apiway.depends"))}

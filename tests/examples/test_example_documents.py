"""The OpenAPI documents of every example app, 3.1 and 3.0.3, are valid (openapi-spec-validator).

Every folder of examples/ is picked up by itself (a new example is checked the day it is
added), and so is the sample service; each app's resolvers write both documents, which must
pass the validator of their version. Stored responses whose body is an OpenAPI document
(served by an example, or by its Swagger UI route) are checked the same way.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("openapi_spec_validator", reason="openapi-spec-validator is a dev dependency")

from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from apiway.resolvers import BaseResolver

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SERVICE = EXAMPLES / "service" / "src"
VALIDATORS = {"3.1.0": OpenAPIV31SpecValidator, "3.0.3": OpenAPIV30SpecValidator}


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


harness = _load("_apiway_examples_harness", EXAMPLES / "_harness.py")
APPS = [path.name for path in harness.example_dirs()] + ["service"]


@contextmanager
def resolvers_of(name: str) -> Iterator[list[BaseResolver]]:
    """The resolvers an example's module holds (the service: its Lambda entry point's)."""
    if name != "service":
        with harness.loaded(EXAMPLES / name) as module:
            yield _resolvers(module)
        return
    before = set(sys.modules)
    sys.path.insert(0, str(SERVICE))
    try:
        yield _resolvers(importlib.import_module("todos.main"))
    finally:
        sys.path.remove(str(SERVICE))
        for added in set(sys.modules) - before:
            if added == "todos" or added.startswith("todos."):
                del sys.modules[added]


def _resolvers(module: ModuleType) -> list[BaseResolver]:
    found = [value for value in vars(module).values() if isinstance(value, BaseResolver)]
    assert found, f"{module.__name__} holds no resolver"
    return found


def validate(document: dict[str, Any]) -> None:
    version = document["openapi"]
    VALIDATORS[version](document).validate()


@pytest.mark.parametrize("version", list(VALIDATORS))
@pytest.mark.parametrize("name", APPS)
def test_the_document_of_every_example_app_is_valid(name: str, version: str) -> None:
    with resolvers_of(name) as resolvers:
        for resolver in resolvers:
            document = json.loads(resolver.get_openapi_json_schema(openapi_version=version))
            assert document["openapi"] == version
            validate(document)


def test_the_typed_examples_have_operations_to_check() -> None:
    """The check above is no formality: the typed examples' documents hold their operations."""
    with resolvers_of("openapi_sam") as (app,):
        document = json.loads(app.get_openapi_json_schema(openapi_version="3.0.3"))
    assert len([op for item in document["paths"].values() for op in item.values()]) == 4
    assert {"Todo", "NewTodo", "HTTPValidationError"} <= set(document["components"]["schemas"])
    # a 3.1 construct left in a 3.0 document is refused
    assert '"nullable": true' in json.dumps(document)
    broken = json.loads(json.dumps(document).replace('"nullable": true', '"type": "null"'))
    with pytest.raises(OpenAPIValidationError, match=r"is not valid under any of the (given )?schemas"):
        validate(broken)


def _served_documents() -> list[Any]:
    cases = []
    for case in harness.cases():
        body = case.stored_response().get("body")
        if isinstance(body, str) and body.lstrip().startswith("{") and '"openapi"' in body:
            cases.append(pytest.param(json.loads(body), id=case.id))
    return cases


SERVED = _served_documents()


def test_examples_serve_documents() -> None:
    assert len(SERVED) >= 4  # openapi_document and openapi_swagger, both versions each


@pytest.mark.parametrize("document", SERVED)
def test_every_document_an_example_serves_is_valid(document: dict[str, Any]) -> None:
    validate(document)

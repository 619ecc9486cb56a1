"""Schemathesis against an example app with validation on: every answer fits the document.

The app is examples/openapi_sam (a constrained query string, a bounded path parameter, a
JSON body, response models, 201/204/404 answers), served through apiway's WSGI adapter, its
document taken from its own Swagger UI route (``/swagger?format=json``), in OpenAPI 3.1 and
in 3.0.3. Schemathesis generates requests from the document, valid and invalid, and runs
its checks: no 5xx; every status, content type, header and body is one the document
declares; valid requests accepted; an undeclared method answered 405 (all but "invalid data
is refused", see ``LAX``). The run is derandomized and bounded (``MAX_EXAMPLES`` per
operation and phase, about 2 s here), so CI sees the same requests every time;
``HYPOTHESIS_PROFILE=long`` runs 1,000 (about a minute).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from apiway import Response
from apiway.wsgi import to_wsgi

schemathesis = pytest.importorskip("schemathesis", reason="Schemathesis is a dev dependency")
from schemathesis.core.failures import FailureGroup  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "openapi_sam"
MAX_EXAMPLES = 1000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


harness = _load("_apiway_examples_harness", ROOT / "examples" / "_harness.py")


def example_app() -> Any:
    """A fresh copy of the example's resolver (its todos as stored)."""
    with harness.loaded(EXAMPLE) as module:
        return module.app


def served_schema(openapi_version: str) -> Any:
    """The example's document as its Swagger UI route serves it, the app behind it."""
    app = example_app()
    app.enable_swagger(path="/swagger", openapi_version=openapi_version)
    schema = schemathesis.openapi.from_wsgi("/swagger?format=json", to_wsgi(app))
    assert schema.raw_schema["openapi"] == openapi_version
    return schema


RUN = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
# Validation converts as pydantic's lax mode does (as the Powertools handler does): `true`
# is taken for an IntEnum's 1, "2" for an integer in a JSON body. The document's JSON Schema
# calls such values invalid, so "invalid data must be refused" does not hold by design; every
# check of the answers themselves does.
LAX = [schemathesis.checks.negative_data_rejection]
SCHEMA_31 = served_schema("3.1.0")
SCHEMA_30 = served_schema("3.0.3")


@SCHEMA_31.parametrize()
@RUN
def test_every_answer_fits_the_31_document(case: Any) -> None:
    case.call_and_validate(excluded_checks=LAX)


@SCHEMA_30.parametrize()
@RUN
def test_every_answer_fits_the_303_document(case: Any) -> None:
    case.call_and_validate(excluded_checks=LAX)


def test_the_checks_are_real() -> None:
    """The same run catches a document that leaves out an answer the app gives."""
    app = example_app()
    document = json.loads(app.get_openapi_json_schema())
    del document["paths"]["/todos/{todo_id}"]["get"]["responses"]["404"]

    @app.get("/wrong.json", include_in_schema=False)
    def wrong() -> Response:
        return Response(200, "application/json", json.dumps(document))

    schema = schemathesis.openapi.from_wsgi("/wrong.json", to_wsgi(app))
    case = schema["/todos/{todo_id}"]["GET"].Case(path_parameters={"todo_id": 99})
    with pytest.raises(FailureGroup) as found:
        case.call_and_validate()
    assert [type(failure).__name__ for failure in found.value.exceptions] == ["UndefinedStatusCode"]
    declared = schema["/todos/{todo_id}"]["GET"].Case(path_parameters={"todo_id": 1})
    declared.call_and_validate()  # what the document does declare passes

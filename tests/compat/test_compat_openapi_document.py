"""The OpenAPI document of typed apps: apiway's builder against Powertools' ``get_openapi_json_schema``.

The same routes (``typed_apps``) are registered on Powertools and compiled into apiway route
plans; the two JSON documents must be equal, for several apps and every keyword of
``get_openapi_schema``. apiway's documents (3.1 and 3.0.3) are also checked with
openapi-spec-validator.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
pytest.importorskip("pydantic", reason="the Powertools OpenAPI generation needs pydantic")

from compat.test_compat_validation import apiway_markers, powertools_markers
from compat.typed_apps import documented_routes, typed_routes

ROUTE_SETS = {"typed": typed_routes, "documented": documented_routes}


def their_text(routes: str, resolver: dict[str, Any], document: dict[str, Any]) -> str:
    """``app.get_openapi_json_schema(...)`` of the Powertools app."""
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver

    app = APIGatewayRestResolver(**resolver)
    for method, rule, func, options in ROUTE_SETS[routes](powertools_markers()):
        app.route(rule, method, **options)(func)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Powertools warns about its pydantic use
        return app.get_openapi_json_schema(**document)  # type: ignore[no-any-return]


def our_text(routes: str, resolver: dict[str, Any], document: dict[str, Any]) -> str:
    """The apiway document, written as ``get_openapi_json_schema`` writes it."""
    from apiway.openapi.document import document_json
    from apiway.validation.plan import compile_plan

    plans = [
        compile_plan(func, method, rule, options=options)
        for method, rule, func, options in ROUTE_SETS[routes](apiway_markers())
    ]
    return document_json(plans, **resolver, **document)


def ours(routes: str, resolver: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    return json.loads(our_text(routes, resolver, document))  # type: ignore[no-any-return]


def metadata(models: Any) -> dict[str, Any]:
    """Every document keyword of ``get_openapi_schema``, built with ``models`` (either side's)."""
    return {
        "title": "Todo API",
        "version": "2.1.0",
        "summary": "Todos, typed",
        "description": "Keeps track of things to do.",
        "tags": ["items", models.Tag(name="admin", description="Operators only")],
        "servers": [models.Server(url="https://api.example.com/v1", description="production")],
        "terms_of_service": "https://example.com/terms",
        "contact": models.Contact(name="Ops", email="ops@example.com"),
        "license_info": models.License(name="MIT"),
        "security_schemes": {"apiKey": models.APIKey(name="X-Api-Key", **{"in": models.APIKeyIn.header})},
        "security": [{"apiKey": []}],
        "external_documentation": models.ExternalDocumentation(url="https://example.com/docs"),
        "openapi_extensions": {"x-owner": "team-a"},
    }


def apiway_models() -> Any:
    from apiway.openapi import models

    return models


def powertools_models() -> Any:
    from aws_lambda_powertools.event_handler.openapi import models

    return models


CASES = [
    ("typed", {"enable_validation": True}, False),
    ("typed", {"enable_validation": False}, False),
    ("typed", {"enable_validation": True, "response_validation_error_http_code": 500}, False),
    ("documented", {"enable_validation": True}, True),
    ("documented", {"enable_validation": True, "response_validation_error_http_code": 503}, True),
]


@pytest.mark.parametrize(("routes", "resolver", "with_metadata"), CASES)
def test_same_document_as_powertools(routes: str, resolver: dict[str, Any], with_metadata: bool) -> None:
    mine = our_text(routes, resolver, metadata(apiway_models()) if with_metadata else {})
    reference = their_text(routes, resolver, metadata(powertools_models()) if with_metadata else {})
    assert json.loads(mine) == json.loads(reference)  # the readable diff first
    assert mine == reference  # then the text itself, key order and all


def test_validator_accepts_both_versions() -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    for routes, resolver, with_metadata in CASES:
        document = metadata(apiway_models()) if with_metadata else {}
        validator.validate(ours(routes, resolver, document))
        validator.validate(ours(routes, resolver, {**document, "openapi_version": "3.0.3"}))


def test_models_read_and_written_differently_get_input_and_output_names() -> None:
    schemas = ours("documented", {"enable_validation": True}, metadata(apiway_models()))["components"][
        "schemas"
    ]
    assert {"Item-Input", "Item-Output", "Price-Input", "Price-Output", "Problem"} <= set(schemas)
    assert "Item" not in schemas
    assert schemas["Price-Output"]["properties"]["amount"]["type"] == "string"


def test_openapi_303_is_written_where_powertools_writes_31() -> None:
    """docs/migrating.md: apiway writes the 3.0.3 document asked for; Powertools warns and writes 3.1.0."""
    with pytest.warns(UserWarning, match="Forcing OpenAPI 3.1"):
        from aws_lambda_powertools.event_handler import APIGatewayRestResolver

        reference = json.loads(APIGatewayRestResolver().get_openapi_json_schema(openapi_version="3.0.3"))
    assert reference["openapi"] == "3.1.0"
    assert ours("typed", {"enable_validation": True}, {"openapi_version": "3.0.3"})["openapi"] == "3.0.3"

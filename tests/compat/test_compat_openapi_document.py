"""The OpenAPI document of typed apps: ``app.get_openapi_json_schema()`` on both frameworks.

The same routes (``typed_apps``) are registered on a Powertools resolver and an apiway
resolver; the two JSON documents must be equal, byte for byte, for several apps and every
keyword of ``get_openapi_schema`` (given, or set once with ``configure_openapi``). apiway's
documents (3.1 and 3.0.3) are also checked with openapi-spec-validator.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
pytest.importorskip("pydantic", reason="the Powertools OpenAPI generation needs pydantic")

from compat.test_compat_validation import apiway_markers, powertools_markers
from compat.typed_apps import behaviour_routes, documented_routes, typed_routes


def validated_behaviour_routes(m: Any) -> list[tuple[str, str, Any, dict[str, Any]]]:
    """The behaviour routes but those with ``enable_validation=False``, which document no 422
    on apiway (docs/migrating.md; ``test_a_route_without_validation_documents_no_422``)."""
    return [row for row in behaviour_routes(m) if row[3].get("enable_validation") is not False]


ROUTE_SETS = {
    "typed": typed_routes,
    "documented": documented_routes,
    "behaviour": validated_behaviour_routes,
    "all_behaviour": behaviour_routes,
}


def their_text(routes: str, resolver: dict[str, Any], document: dict[str, Any]) -> str:
    """``app.get_openapi_json_schema(...)`` of the Powertools app, with the deliberate
    differences of docs/migrating.md applied (``with_documented_differences``)."""
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver

    app = APIGatewayRestResolver(**resolver)
    for method, rule, func, options in ROUTE_SETS[routes](powertools_markers()):
        app.route(rule, method, **options)(func)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Powertools warns about its pydantic use
        return with_documented_differences(app.get_openapi_json_schema(**document))


#: Statuses whose answers have no body: apiway documents no content for them.
NO_BODY = {"204", "304"}


def with_documented_differences(text: str) -> str:
    """Powertools' document as apiway writes it (docs/migrating.md): ``ValidationError`` does
    not require ``msg``, which no 422 answer carries, and 204 and 304 responses have no
    content. The JSON is written back exactly as Powertools writes it (checked first), so the
    comparison stays byte for byte."""
    document = json.loads(text)
    assert json.dumps(document, indent=2, ensure_ascii=False) == text
    schemas = document.get("components", {}).get("schemas", {})
    if "ValidationError" in schemas:
        required = schemas["ValidationError"]["required"]
        assert required == ["loc", "msg", "type"]
        required.remove("msg")
    for item in document["paths"].values():
        for operation in item.values():
            for status, response in operation.get("responses", {}).items():
                if status in NO_BODY:
                    response.pop("content", None)
    return json.dumps(document, indent=2, ensure_ascii=False)


def our_app(routes: str, resolver: dict[str, Any]) -> Any:
    from apiway import APIGatewayRestResolver

    app = APIGatewayRestResolver(**resolver)
    for method, rule, func, options in ROUTE_SETS[routes](apiway_markers()):
        app.route(rule, method, **options)(func)
    return app


def our_text(routes: str, resolver: dict[str, Any], document: dict[str, Any]) -> str:
    """``app.get_openapi_json_schema(...)`` of the apiway app."""
    return our_app(routes, resolver).get_openapi_json_schema(**document)  # type: ignore[no-any-return]


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
    ("behaviour", {"enable_validation": True}, False),
    ("behaviour", {"enable_validation": True, "response_validation_error_http_code": 500}, True),
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


def test_configure_openapi_sets_the_keywords_once() -> None:
    """``configure_openapi(...)`` then ``get_openapi_json_schema()``: the same as Powertools."""
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver

    theirs = APIGatewayRestResolver(enable_validation=True)
    for method, rule, func, options in documented_routes(powertools_markers()):
        theirs.route(rule, method, **options)(func)
    ours_app = our_app("documented", {"enable_validation": True})
    theirs.configure_openapi(**metadata(powertools_models()))
    ours_app.configure_openapi(**metadata(apiway_models()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = with_documented_differences(theirs.get_openapi_json_schema())
        reference_titled = with_documented_differences(
            theirs.get_openapi_json_schema(title="Given", description="Given too")
        )
    assert ours_app.get_openapi_json_schema() == reference
    assert ours_app.get_openapi_json_schema(title="Given", description="Given too") == reference_titled


def test_get_openapi_schema_gives_the_model_objects() -> None:
    from apiway.openapi.models import OpenAPI

    app = our_app("documented", {"enable_validation": True})
    app.configure_openapi(**metadata(apiway_models()))
    document = app.get_openapi_schema(title="Todo API")
    assert isinstance(document, OpenAPI)
    assert document.info.title == "Todo API"
    assert document.paths is not None and "/items/{name}" in document.paths
    assert "/hidden" not in document.paths  # include_in_schema=False
    text = document.model_dump_json(by_alias=True, exclude_none=True, indent=2)
    assert text == app.get_openapi_json_schema(title="Todo API")


def test_get_openapi_schema_for_30_warns_and_gives_31_as_powertools() -> None:
    app = our_app("typed", {"enable_validation": True})
    with pytest.warns(UserWarning, match="get_openapi_json_schema"):
        document = app.get_openapi_schema(openapi_version="3.0.3")
    assert document.openapi == "3.1.0"


def test_a_route_without_validation_documents_no_422() -> None:
    """docs/migrating.md: a route's own enable_validation decides; Powertools documents 422 for
    every route of a validating resolver."""
    mine = ours("all_behaviour", {"enable_validation": True}, {})
    reference = json.loads(their_text("all_behaviour", {"enable_validation": True}, {}))
    for path in ("/unvalidated/{number}", "/unvalidated-answer"):
        assert "422" not in mine["paths"][path]["get"]["responses"]
        assert "422" in reference["paths"][path]["get"]["responses"]
        reference["paths"][path]["get"]["responses"].pop("422")
    assert mine == reference


def test_what_the_422_answer_and_the_204_answer_carry_is_what_is_documented() -> None:
    """docs/migrating.md: Powertools requires ``msg`` in ``ValidationError`` (no 422 answer has
    it) and gives a 204 response the route's return type as JSON content (the answer has no
    body); apiway documents neither."""
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver

    app = APIGatewayRestResolver(enable_validation=True)
    for method, rule, func, options in documented_routes(powertools_markers()):
        app.route(rule, method, **options)(func)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = json.loads(app.get_openapi_json_schema(**metadata(powertools_models())))
    mine = ours("documented", {"enable_validation": True}, metadata(apiway_models()))
    assert theirs["components"]["schemas"]["ValidationError"]["required"] == ["loc", "msg", "type"]
    assert mine["components"]["schemas"]["ValidationError"]["required"] == ["loc", "type"]
    assert "content" in theirs["paths"]["/items/{name}"]["delete"]["responses"]["204"]
    assert mine["paths"]["/items/{name}"]["delete"]["responses"]["204"] == {"description": "Deleted"}

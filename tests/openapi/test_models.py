"""OpenAPI objects: building, reading, loading and writing documents."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest

from apiway.openapi import models
from apiway.openapi.exceptions import SchemaValidationError, SerializationError
from apiway.openapi.models import (
    APIKey,
    APIKeyIn,
    Components,
    Contact,
    HTTPBearer,
    Info,
    MediaType,
    ModelValidationError,
    MutualTLS,
    OpenAPI,
    Operation,
    Parameter,
    ParameterInType,
    PathItem,
    Reference,
    Response,
    Schema,
    SecurityScheme,
    Server,
)

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Todos", "version": "1.0.0", "x-audience": "internal"},
    "servers": [{"url": "/api"}],
    "paths": {
        "/todos": {
            "get": {
                "operationId": "listTodos",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                    {"$ref": "#/components/parameters/Trace"},
                ],
                "responses": {
                    "200": {
                        "description": "The todos",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Todo"}}
                            }
                        },
                    },
                    "default": {"$ref": "#/components/responses/Error"},
                    "4XX": {"description": "Client error"},
                },
                "x-amazon-apigateway-integration": {"type": "aws_proxy"},
            }
        },
        "x-generated": True,
    },
    "components": {
        "schemas": {
            "Todo": {
                "type": "object",
                "properties": {"title": {"type": ["string", "null"]}, "id": {"type": "integer"}},
                "required": ["id"],
            }
        },
        "parameters": {"Trace": {"name": "x-trace", "in": "header"}},
        "responses": {"Error": {"description": "Error"}},
        "securitySchemes": {"key": {"type": "apiKey", "name": "X-Key", "in": "header"}},
    },
    "security": [{"key": []}],
}


def test_a_document_reads_as_attributes() -> None:
    document = OpenAPI.model_validate(DOCUMENT)
    assert document.info.title == "Todos"
    operation = document.paths["/todos"].get
    assert operation.operationId == "listTodos"
    assert operation.parameters[0].name == "limit"
    assert operation.parameters[0].in_ is ParameterInType.query
    assert operation.parameters[0].schema_.maximum == 100.0
    assert isinstance(operation.parameters[1], Reference)
    assert operation.parameters[1].ref == "#/components/parameters/Trace"
    assert operation.responses[200].description == "The todos"
    assert (
        operation.responses[200].content["application/json"].schema_.items.ref == "#/components/schemas/Todo"
    )
    assert isinstance(operation.responses["default"], Reference)
    assert operation.responses["4XX"].description == "Client error"
    assert getattr(operation, "x-amazon-apigateway-integration") == {"type": "aws_proxy"}
    assert document.paths["x-generated"] is True
    assert document.components.schemas["Todo"].properties["title"].type == ["string", "null"]
    assert isinstance(document.components.securitySchemes["key"], APIKey)
    assert document.components.securitySchemes["key"].in_ is APIKeyIn.header


def test_a_document_writes_back_what_was_read() -> None:
    document = OpenAPI.model_validate(DOCUMENT)
    written = json.loads(document.model_dump_json(by_alias=True, exclude_none=True))
    expected = copy.deepcopy(DOCUMENT)
    del expected["info"]["x-audience"]  # Info keeps only its declared fields
    assert written == expected
    assert OpenAPI.model_validate_json(json.dumps(written)) == OpenAPI.model_validate(expected)


def test_keywords_take_python_names_and_json_names() -> None:
    by_python = Parameter(name="q", in_="query", schema_=Schema(type="string"))
    by_json = Parameter(name="q", **{"in": "query", "schema": {"type": "string"}})
    assert by_python == by_json
    assert Schema(not_={"type": "null"}, if_=True, else_=False, ref="#/a", defs={}) == Schema(
        **{"not": {"type": "null"}, "if": True, "else": False, "$ref": "#/a", "$defs": {}}
    )
    assert by_python.model_dump(exclude_none=True) == {
        "schema_": {"type": "string"},
        "name": "q",
        "in_": ParameterInType.query,
    }
    assert by_python.model_dump(exclude_none=True, by_alias=True, mode="json") == {
        "schema": {"type": "string"},
        "name": "q",
        "in": "query",
    }


def test_giving_a_field_under_both_names_is_refused() -> None:
    with pytest.raises(ModelValidationError, match="given twice"):
        MediaType(schema_={}, schema={})


def test_values_are_converted_as_documents_need() -> None:
    schema = Schema(
        minimum=0, maxLength="5", deprecated="true", required=("a",), dependentRequired={"a": ["b"]}
    )
    assert (schema.minimum, schema.maxLength, schema.deprecated, schema.required) == (0.0, 5, True, ["a"])
    assert schema.dependentRequired == {"a": {"b"}}
    assert Operation(responses={"201": {"description": "Created"}}).responses == {
        201: Response(description="Created")
    }
    with pytest.raises(ModelValidationError, match=r"responses\.200\.description: a value is required"):
        Operation(responses={200: {"no": "description"}})
    assert Operation(responses={"x-note": [1]}).responses == {"x-note": [1]}


def test_urls_are_normalized_and_server_urls_kept() -> None:
    assert Contact(url="HTTPS://Example.com:443").url == "https://example.com/"
    assert Server(url="/v1/../api").url == "/v1/../api"


def test_errors_name_every_problem_and_its_place() -> None:
    with pytest.raises(ModelValidationError) as raised:
        OpenAPI.model_validate(
            {"openapi": "3.1.0", "info": {"title": 1}, "paths": {"/a": {"get": {"tags": "x"}}}}
        )
    problems = {(error["loc"], error["type"]) for error in raised.value.errors()}
    assert problems == {
        (("info", "title"), "string_type"),
        (("info", "version"), "missing"),
        (("paths", "/a", "get", "tags"), "list_type"),
    }
    assert "3 invalid values for OpenAPI" in str(raised.value)
    assert "info.version: a value is required" in str(raised.value)


def test_model_validate_takes_only_dicts_and_instances() -> None:
    info = Info(title="t", version="1")
    assert Info.model_validate(info) is info
    with pytest.raises(ModelValidationError, match="expected a dict"):
        Info.model_validate([("title", "t")])


def test_extensions_are_kept_and_checked() -> None:
    operation = Operation(summary="s", openapi_extensions={"x-rate": 5})
    assert operation.model_extra == {"x-rate": 5}
    assert operation.openapi_extensions is None
    assert operation.model_dump(by_alias=True, exclude_none=True) == {"summary": "s", "x-rate": 5}
    assert Operation(openapi_extensions={}).model_dump(exclude_none=True) == {}
    with pytest.raises(SchemaValidationError, match="'rate' must start with 'x-'"):
        Operation(openapi_extensions={"rate": 5})


def test_undeclared_keys_are_dropped_where_the_object_drops_them() -> None:
    assert Info(title="t", version="1", logo="x").model_extra == {}
    assert Schema(nullable=True).model_extra == {"nullable": True}


def test_attributes_can_be_set_and_count_as_given() -> None:
    info = Info(title="t", version="1")
    info.description = "d"
    assert info.model_fields_set == {"title", "version", "description"}
    assert info.model_dump(exclude_unset=True) == {"title": "t", "version": "1", "description": "d"}
    schema = Schema()
    schema.nullable = True
    assert schema.model_extra == {"nullable": True}
    with pytest.raises(AttributeError, match="Info has no field 'logo'"):
        info.logo = "x"
    with pytest.raises(AttributeError, match="no attribute 'missing'"):
        _ = info.missing


def test_copies_equality_and_pickles() -> None:
    operation = Operation(summary="s", tags=["a"], **{"x-a": 1})
    clone = operation.model_copy(update={"summary": "t"})
    assert (clone.summary, operation.summary) == ("t", "s")
    clone.__dict__["_extra"]["x-b"] = 2
    assert operation.model_extra == {"x-a": 1}
    deep = operation.model_copy(deep=True)
    deep.tags.append("b")
    assert operation.tags == ["a"] and deep != operation
    assert pickle.loads(pickle.dumps(operation)) == operation
    assert Operation(summary="s") != Operation(summary="t")
    assert Operation() != {}


def test_dump_options() -> None:
    flows = models.OAuthFlowPassword(tokenUrl="/token")
    assert flows.model_dump() == {"refreshUrl": None, "scopes": {}, "tokenUrl": "/token"}
    assert flows.model_dump(exclude_defaults=True) == {"tokenUrl": "/token"}
    assert flows.model_dump(include={"tokenUrl"}) == {"tokenUrl": "/token"}
    assert flows.model_dump(exclude={"refreshUrl", "scopes"}) == {"tokenUrl": "/token"}
    with pytest.raises(TypeError, match="set of top-level field names"):
        flows.model_dump(include={"tokenUrl": True})
    with pytest.raises(ValueError, match="mode"):
        flows.model_dump(mode="yaml")
    assert Schema(default=float("nan")).model_dump_json(exclude_none=True) == '{"default":null}'


def test_documents_are_written_in_field_order_whatever_order_fields_were_given() -> None:
    given = [
        Schema(description="d", type="string", title="T"),
        Schema(title="T", type="string", description="d"),
        Schema.model_validate({"type": "string", "description": "d", "title": "T"}),
    ]
    late = Schema(type="string")
    late.description = "d"
    late.title = "T"
    for schema in [*given, late]:
        written = schema.model_dump_json(by_alias=True, exclude_none=True)
        assert written == '{"type":"string","title":"T","description":"d"}'
    assert all(schema == given[0] for schema in given[1:])


def test_a_field_given_as_none_is_written_as_a_field_never_given() -> None:
    explicit = Schema(title=None, type="string")
    assert explicit.title is None and explicit.model_fields_set == {"title", "type"}
    assert explicit.model_dump(by_alias=True, exclude_none=True) == {"type": "string"}
    assert explicit.model_dump(include={"title", "type"}) == {"title": None, "type": "string"}
    assert dict(explicit)["title"] is None and repr(explicit) == "Schema(type='string')"
    assert explicit != Schema(type="string")  # the fields given differ, as their sets say
    explicit.title = "now"
    assert explicit.model_dump(by_alias=True, exclude_none=True) == {"title": "now", "type": "string"}


def test_values_without_a_json_form_are_refused_when_written() -> None:
    with pytest.raises(SerializationError, match="cannot write a object value"):
        Schema(default=object()).model_dump_json()


def test_security_schemes() -> None:
    bearer = HTTPBearer(bearerFormat="JWT")
    assert bearer.model_dump(mode="json", by_alias=True, exclude_none=True) == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
    assert isinstance(bearer, SecurityScheme)
    assert APIKey(name="k", in_=APIKeyIn.query) == APIKey(name="k", **{"in": "query"})
    components = Components(securitySchemes={"mtls": {"type": "mutualTLS"}, "ref": {"$ref": "#/x"}})
    assert isinstance(components.securitySchemes["mtls"], MutualTLS)
    assert isinstance(components.securitySchemes["ref"], Reference)
    with pytest.raises(ModelValidationError, match="must be one of 'apiKey'"):
        Components(securitySchemes={"x": {"type": "magic"}})


def test_references_keep_a_summary_and_description() -> None:
    reference = PathItem(parameters=[{"$ref": "#/p", "description": "Tracing"}]).parameters[0]
    assert reference.ref == "#/p" and reference.description == "Tracing"


def test_user_subclasses_do_not_replace_the_documents_classes() -> None:
    class Schema(models.Schema):  # same name as the class the document uses
        pass

    assert type(MediaType(schema={"type": "string"}).schema_) is models.Schema
    assert isinstance(Schema(type="x"), models.Schema)


def test_schema_places_take_a_reference_object() -> None:
    reference = Reference(ref="#/components/schemas/Todo")
    media = MediaType(schema_=reference)
    assert media.schema_ is reference
    listing = Schema(type="array", items=reference)
    assert listing.model_dump(by_alias=True, exclude_none=True) == {
        "items": {"$ref": "#/components/schemas/Todo"},
        "type": "array",
    }
    assert Components(schemas={"Alias": reference}).schemas["Alias"] is reference
    with pytest.raises(ModelValidationError, match="must be a Schema or a dict"):
        MediaType(schema_=True)

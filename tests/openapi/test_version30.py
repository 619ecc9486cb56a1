"""``to_openapi_30``: 3.1 documents rewritten as 3.0.3, checked with openapi-spec-validator.

Every input is first checked to be a valid 3.1 document, and every output a valid 3.0
document; the feature-rich document is also shown to fail 3.0 validation when only its
version is relabelled, so the check does catch 3.1 constructs left behind.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
from typing import Any, Literal

import pytest

pytest.importorskip("openapi_spec_validator", reason="openapi-spec-validator is a dev dependency")

from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator, validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from apiway.openapi.models import OpenAPI
from apiway.openapi.version30 import convert_schema, to_openapi_30


def ok_response(schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}


FEATURES: dict[str, Any] = {
    "openapi": "3.1.0",
    "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
    "info": {
        "title": "Everything",
        "version": "1",
        "summary": "Every 3.1 feature",
        "license": {"name": "MIT", "identifier": "MIT"},
    },
    "servers": [{"url": "/api"}],
    "paths": {
        "/items/{id}": {
            "parameters": [
                {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "exclusiveMinimum": 0},
                },
                {"$ref": "#/components/parameters/Trace", "description": "Trace id"},
            ],
            "get": {
                "operationId": "getItem",
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": ["string", "null"], "examples": ["abc"]}},
                    {
                        "name": "filter",
                        "in": "query",
                        "content": {"application/json": {"schema": {"const": "all"}}},
                    },
                ],
                "responses": {
                    **ok_response({"$ref": "#/components/schemas/Item", "description": "The item"}),
                    "404": {"$ref": "#/components/responses/NotFound", "summary": "Missing"},
                    "default": {
                        "description": "Error",
                        "headers": {"X-Rate": {"schema": {"type": "integer", "exclusiveMaximum": 100}}},
                    },
                },
                "security": [{"mtls": []}, {"key": []}],
            },
            "put": {
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "file": {
                                        "type": "string",
                                        "contentMediaType": "application/octet-stream",
                                    },
                                    "thumb": {"type": "string", "contentEncoding": "base64"},
                                    "meta": {"$ref": "#/components/schemas/Item"},
                                },
                            },
                            "encoding": {
                                "meta": {
                                    "contentType": "application/json",
                                    "headers": {"X-A": {"schema": True}},
                                }
                            },
                        }
                    },
                },
                "responses": {"204": {"description": "Stored"}},
                "callbacks": {
                    "stored": {
                        "{$request.query.callback}": {
                            "post": {
                                "requestBody": {
                                    "content": {"application/json": {"schema": {"type": "null"}}}
                                },
                                "responses": {"200": {"description": "OK"}},
                            }
                        }
                    }
                },
            },
        }
    },
    "webhooks": {"created": {"post": {"responses": {"200": {"description": "OK"}}}}},
    "components": {
        "schemas": {
            "Item": {
                "type": "object",
                "$comment": "an item",
                "properties": {
                    "id": {"type": "integer", "minimum": 5, "exclusiveMinimum": 1},
                    "ratio": {"type": "number", "maximum": 1, "exclusiveMaximum": 1},
                    "name": {
                        "anyOf": [{"type": "string", "maxLength": 10}, {"type": "null"}],
                        "default": None,
                    },
                    "kind": {"oneOf": [{"$ref": "#/components/schemas/Kind"}, {"type": "null"}]},
                    "pair": {
                        "type": "array",
                        "prefixItems": [{"type": "integer"}, {"type": "string"}],
                        "items": False,
                    },
                    "rest": {
                        "type": "array",
                        "prefixItems": [{"type": "integer"}],
                        "items": {"type": "integer"},
                    },
                    "any": True,
                    "never": False,
                    "tags": {
                        "type": "array",
                        "items": {"type": "string"},
                        "uniqueItems": True,
                        "contains": {"const": "a"},
                    },
                    "extra": {
                        "type": "object",
                        "patternProperties": {"^x": {"type": "string"}},
                        "propertyNames": {"maxLength": 3},
                    },
                    "either": {"type": ["integer", "string"]},
                    "nothing": {"type": "null"},
                    "maybe": {"enum": ["a", None]},
                    "cond": {"if": {"type": "string"}, "then": {"minLength": 1}, "else": {"type": "integer"}},
                },
                "required": ["id"],
                "dependentRequired": {"name": ["id"]},
                "unevaluatedProperties": False,
                "$defs": {"Local": {"type": "string"}},
                "examples": [{"id": 6}],
                "x-internal": True,
            },
            "Kind": {"type": "string", "enum": ["a", "b"], "title": "Kind"},
            "Empty": {"type": "object", "required": []},
        },
        "parameters": {"Trace": {"name": "x-trace", "in": "header", "schema": {"type": "string"}}},
        "responses": {"NotFound": {"description": "Not found"}},
        "securitySchemes": {
            "key": {"type": "apiKey", "name": "X-Key", "in": "header"},
            "mtls": {"type": "mutualTLS"},
        },
        "pathItems": {"Shared": {"get": {"responses": {"200": {"description": "OK"}}}}},
        "examples": {"One": {"$ref": "#/components/examples/Two", "summary": "s"}, "Two": {"value": 1}},
    },
    "security": [{"key": []}, {"mtls": []}],
    "x-top": {"kept": True},
}


def test_the_feature_document_is_valid_31_and_not_30_as_it_is() -> None:
    validate(FEATURES, cls=OpenAPIV31SpecValidator)
    relabelled = {**FEATURES, "openapi": "3.0.3"}
    with pytest.raises(OpenAPIValidationError):
        validate(relabelled, cls=OpenAPIV30SpecValidator)


def test_the_feature_document_converts_to_valid_30() -> None:
    before = copy.deepcopy(FEATURES)
    converted = to_openapi_30(FEATURES)
    assert before == FEATURES  # the input is not changed
    validate(converted, cls=OpenAPIV30SpecValidator)
    assert converted["openapi"] == "3.0.3"
    assert "webhooks" not in converted and "jsonSchemaDialect" not in converted
    assert converted["info"] == {"title": "Everything", "version": "1", "license": {"name": "MIT"}}
    assert converted["x-top"] == {"kept": True}
    assert converted["security"] == [{"key": []}]
    assert set(converted["components"]["securitySchemes"]) == {"key"}
    assert "pathItems" not in converted["components"]
    assert converted["components"]["examples"]["One"] == {"$ref": "#/components/examples/Two"}


def test_schema_keywords_are_rewritten() -> None:
    item = to_openapi_30(FEATURES)["components"]["schemas"]["Item"]
    properties = item["properties"]
    assert properties["id"] == {"type": "integer", "minimum": 5}
    assert properties["ratio"] == {"type": "number", "maximum": 1, "exclusiveMaximum": True}
    assert properties["name"] == {"type": "string", "maxLength": 10, "default": None, "nullable": True}
    assert properties["kind"] == {"allOf": [{"$ref": "#/components/schemas/Kind"}], "nullable": True}
    assert properties["pair"] == {
        "type": "array",
        "items": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
    }
    assert properties["rest"] == {"type": "array", "items": {"type": "integer"}}
    assert properties["any"] == {} and properties["never"] == {"not": {}}
    assert properties["tags"] == {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
    assert properties["extra"] == {"type": "object"}
    assert properties["either"] == {"anyOf": [{"type": "integer"}, {"type": "string"}]}
    assert properties["nothing"] == {"enum": [None], "nullable": True}
    assert properties["maybe"] == {"enum": ["a", None], "nullable": True}
    assert properties["cond"] == {}
    assert item["example"] == {"id": 6} and item["x-internal"] is True
    assert not {"$comment", "dependentRequired", "unevaluatedProperties", "$defs", "examples"} & set(item)
    assert "required" not in to_openapi_30(FEATURES)["components"]["schemas"]["Empty"]


def test_parameters_bodies_and_references_are_rewritten() -> None:
    item_path = to_openapi_30(FEATURES)["paths"]["/items/{id}"]
    assert item_path["parameters"][0]["schema"] == {"type": "integer", "minimum": 0, "exclusiveMinimum": True}
    assert item_path["parameters"][1] == {"$ref": "#/components/parameters/Trace"}
    get = item_path["get"]
    assert get["parameters"][0]["schema"] == {"type": "string", "example": "abc", "nullable": True}
    assert get["parameters"][1]["content"]["application/json"]["schema"] == {"enum": ["all"]}
    assert get["responses"]["200"]["content"]["application/json"]["schema"] == {
        "allOf": [{"$ref": "#/components/schemas/Item"}],
        "description": "The item",
    }
    assert get["responses"]["404"] == {"$ref": "#/components/responses/NotFound"}
    assert get["responses"]["default"]["headers"]["X-Rate"]["schema"] == {
        "type": "integer",
        "maximum": 100,
        "exclusiveMaximum": True,
    }
    assert get["security"] == [{"key": []}]
    upload = item_path["put"]["requestBody"]["content"]["multipart/form-data"]
    assert upload["schema"]["properties"]["file"] == {"type": "string", "format": "binary"}
    assert upload["schema"]["properties"]["thumb"] == {"type": "string", "format": "byte"}
    assert upload["encoding"]["meta"]["headers"]["X-A"]["schema"] == {}
    callback = item_path["put"]["callbacks"]["stored"]["{$request.query.callback}"]["post"]
    assert callback["requestBody"]["content"]["application/json"]["schema"] == {
        "enum": [None],
        "nullable": True,
    }


class Status(str, enum.Enum):
    OPEN = "open"
    DONE = "done"


def pydantic_document() -> dict[str, Any]:
    """A document whose schemas pydantic generated, as an app's models would give."""
    pydantic = pytest.importorskip("pydantic")

    class Owner(pydantic.BaseModel):
        name: str = pydantic.Field(min_length=1, examples=["Ana"])
        email: str | None = None

    class Todo(pydantic.BaseModel):
        id: int = pydantic.Field(gt=0)
        title: str = pydantic.Field(max_length=100, description="What to do")
        status: Status = Status.OPEN
        owner: Owner | None = None
        due: dt.datetime | None = None
        priority: float = pydantic.Field(default=1, ge=0, lt=5)
        kind: Literal["todo"] = "todo"
        point: tuple[int, int] = (0, 0)
        labels: dict[str, list[str]] = {}
        data: bytes = b""

    schema = pydantic.TypeAdapter(list[Todo]).json_schema(ref_template="#/components/schemas/{model}")
    schemas = schema.pop("$defs")
    return {
        "openapi": "3.1.0",
        "info": {"title": "Todos", "version": "1.0.0"},
        "paths": {
            "/todos": {
                "get": {"responses": ok_response(schema)},
                "post": {
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Todo"}}}
                    },
                    "responses": ok_response({"$ref": "#/components/schemas/Todo"}),
                },
            }
        },
        "components": {"schemas": schemas},
    }


def test_a_pydantic_generated_document_converts_to_valid_30() -> None:
    document = pydantic_document()
    validate(document, cls=OpenAPIV31SpecValidator)
    converted = to_openapi_30(document)
    validate(converted, cls=OpenAPIV30SpecValidator)
    todo = converted["components"]["schemas"]["Todo"]["properties"]
    assert todo["owner"] == {
        "allOf": [{"$ref": "#/components/schemas/Owner"}],
        "default": None,
        "nullable": True,
    }
    assert todo["due"]["nullable"] is True and todo["due"]["type"] == "string"
    assert todo["kind"]["enum"] == ["todo"]
    assert todo["id"]["exclusiveMinimum"] is True


def test_an_openapi_object_converts_too() -> None:
    document = OpenAPI.model_validate(pydantic_document())
    validate(to_openapi_30(document), cls=OpenAPIV30SpecValidator)


def test_schemas_that_need_no_change_are_kept() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string", "format": "email"}}, "required": ["a"]}
    assert convert_schema(schema) == schema


def test_a_stricter_inclusive_bound_wins() -> None:
    assert convert_schema({"type": "integer", "minimum": 1, "exclusiveMinimum": 0}) == {
        "type": "integer",
        "minimum": 1,
    }
    assert convert_schema({"maximum": 5, "exclusiveMaximum": 5}) == {"maximum": 5, "exclusiveMaximum": True}


@pytest.mark.parametrize("bad", [None, [], {"openapi": "3.1.0"}, "openapi: 3.1.0"])
def test_what_is_not_a_document_is_refused(bad: Any) -> None:
    with pytest.raises(TypeError, match="takes an OpenAPI document"):
        to_openapi_30(bad)

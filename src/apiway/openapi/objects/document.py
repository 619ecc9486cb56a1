"""The OpenAPI document (``OpenAPI``) and its reusable ``Components``."""

from apiway.openapi.objects.base import Model
from apiway.openapi.objects.fields import field
from apiway.openapi.objects.info import OpenAPIExtensions
from apiway.openapi.objects.kinds import (
    SCHEMA,
    SECURITY_REQUIREMENTS,
    TEXT,
    Callbacks,
    DictOf,
    ListOf,
    Object,
    RefOr,
    WithExtensions,
)
from apiway.openapi.objects.security import SecuritySchemeOrRef

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.openapi.objects.info import Example, ExternalDocumentation, Info, Reference, Server, Tag
    from apiway.openapi.objects.paths import Header, Link, Parameter, PathItem, RequestBody, Response
    from apiway.openapi.objects.schema import Schema
    from apiway.openapi.objects.security import SecurityScheme


class Components(Model):
    """Objects defined once and referenced with ``{"$ref": "#/components/<kind>/<name>"}``."""

    extra = "allow"
    schemas: "dict[str, Schema | Reference] | None" = field(DictOf(SCHEMA))
    responses: "dict[str, Response | Reference] | None" = field(DictOf(RefOr("Response")))
    parameters: "dict[str, Parameter | Reference] | None" = field(DictOf(RefOr("Parameter")))
    examples: "dict[str, Example | Reference] | None" = field(DictOf(RefOr("Example")))
    requestBodies: "dict[str, RequestBody | Reference] | None" = field(DictOf(RefOr("RequestBody")))
    headers: "dict[str, Header | Reference] | None" = field(DictOf(RefOr("Header")))
    securitySchemes: "dict[str, SecurityScheme | Reference] | None" = field(DictOf(SecuritySchemeOrRef()))
    links: "dict[str, Link | Reference] | None" = field(DictOf(RefOr("Link")))
    callbacks: "dict[str, dict[str, PathItem] | Reference | Any] | None" = field(
        DictOf(Callbacks(loose=True))
    )
    pathItems: "dict[str, PathItem] | None" = field(DictOf(Object("PathItem")))


class OpenAPI(OpenAPIExtensions):
    """An OpenAPI document: ``OpenAPI.model_validate(data)`` reads one, ``model_dump_json`` writes it."""

    openapi: str = field(TEXT, required=True)
    info: "Info" = field(Object("Info"), required=True)
    jsonSchemaDialect: "str | None" = field(TEXT)
    servers: "list[Server] | None" = field(ListOf(Object("Server")))
    paths: "dict[str, PathItem | Any] | None" = field(WithExtensions(Object("PathItem")))
    webhooks: "dict[str, PathItem] | None" = field(DictOf(Object("PathItem")))
    components: "Components | None" = field(Object("Components"))
    security: "list[dict[str, list[str]]] | None" = field(SECURITY_REQUIREMENTS)
    tags: "list[Tag] | None" = field(ListOf(Object("Tag")))
    externalDocs: "ExternalDocumentation | None" = field(Object("ExternalDocumentation"))

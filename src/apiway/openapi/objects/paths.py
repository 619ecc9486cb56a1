"""OpenAPI objects describing operations: ``PathItem``, ``Operation``, ``Parameter``, ``Response``, ..."""

from enum import Enum

from apiway.openapi.objects.base import Model
from apiway.openapi.objects.fields import field
from apiway.openapi.objects.info import OpenAPIExtensions
from apiway.openapi.objects.kinds import (
    ANYTHING,
    BOOLEAN,
    SCHEMA,
    SECURITY_REQUIREMENTS,
    TEXT,
    TEXT_LIST,
    Callbacks,
    Choice,
    DictOf,
    ListOf,
    Object,
    RefOr,
    WithExtensions,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.openapi.objects.info import Example, ExternalDocumentation, Reference, Server
    from apiway.openapi.objects.schema import Schema


class ParameterInType(Enum):
    """Where a parameter is: ``query``, ``header``, ``path`` or ``cookie``."""

    query = "query"
    header = "header"
    path = "path"
    cookie = "cookie"


_EXAMPLES = DictOf(RefOr("Example"))
_SERVERS = ListOf(Object("Server"))
_PARAMETERS = ListOf(RefOr("Parameter"))


class Encoding(Model):
    """How one property of a form or multipart body is encoded."""

    extra = "allow"
    contentType: "str | None" = field(TEXT)
    headers: "dict[str, Header | Reference] | None" = field(DictOf(RefOr("Header")))
    style: "str | None" = field(TEXT)
    explode: "bool | None" = field(BOOLEAN)
    allowReserved: "bool | None" = field(BOOLEAN)


class MediaType(Model):
    """The schema and examples of one content type of a body (``schema_``, JSON ``schema``)."""

    extra = "allow"
    schema_: "Schema | Reference | None" = field(SCHEMA, alias="schema")
    examples: "dict[str, Example | Reference] | None" = field(_EXAMPLES)
    encoding: "dict[str, Encoding] | None" = field(DictOf(Object("Encoding")))


class ParameterBase(Model):
    """The fields parameters and headers share."""

    extra = "allow"
    description: "str | None" = field(TEXT)
    required: "bool | None" = field(BOOLEAN)
    deprecated: "bool | None" = field(BOOLEAN)
    style: "str | None" = field(TEXT)
    explode: "bool | None" = field(BOOLEAN)
    allowReserved: "bool | None" = field(BOOLEAN)
    schema_: "Schema | Reference | None" = field(SCHEMA, alias="schema")
    examples: "dict[str, Example | Reference] | None" = field(_EXAMPLES)
    content: "dict[str, MediaType] | None" = field(DictOf(Object("MediaType")))


class Parameter(ParameterBase):
    """An operation parameter: ``name`` and where it is (``in_``, JSON ``in``)."""

    name: str = field(TEXT, required=True)
    in_: ParameterInType = field(Choice(ParameterInType), alias="in", required=True)


class Header(ParameterBase):
    """A response or encoding header."""


class RequestBody(Model):
    """The request body, by content type."""

    extra = "allow"
    description: "str | None" = field(TEXT)
    content: "dict[str, MediaType]" = field(DictOf(Object("MediaType")), required=True)
    required: "bool | None" = field(BOOLEAN)


class Link(Model):
    """A link from a response to another operation."""

    extra = "allow"
    operationRef: "str | None" = field(TEXT)
    operationId: "str | None" = field(TEXT)
    parameters: "dict[str, Any] | None" = field(DictOf(ANYTHING))
    requestBody: "Any | None" = field(ANYTHING)
    description: "str | None" = field(TEXT)
    server: "Server | None" = field(Object("Server"))


class Response(Model):
    """A response: its description, headers, content by type, links."""

    extra = "allow"
    description: str = field(TEXT, required=True)
    headers: "dict[str, Header | Reference] | None" = field(DictOf(RefOr("Header")))
    content: "dict[str, MediaType] | None" = field(DictOf(Object("MediaType")))
    links: "dict[str, Link | Reference] | None" = field(DictOf(RefOr("Link")))


class Operation(OpenAPIExtensions):
    """One HTTP method on a path; ``responses`` is keyed by status code (int, ``"default"``, ``"2XX"``)."""

    tags: "list[str] | None" = field(TEXT_LIST)
    summary: "str | None" = field(TEXT)
    description: "str | None" = field(TEXT)
    externalDocs: "ExternalDocumentation | None" = field(Object("ExternalDocumentation"))
    operationId: "str | None" = field(TEXT)
    parameters: "list[Parameter | Reference] | None" = field(_PARAMETERS)
    requestBody: "RequestBody | Reference | None" = field(RefOr("RequestBody"))
    responses: "dict[int | str, Response | Reference | Any] | None" = field(
        WithExtensions(RefOr("Response"), status_keys=True)
    )
    callbacks: "dict[str, dict[str, PathItem] | Reference] | None" = field(DictOf(Callbacks()))
    deprecated: "bool | None" = field(BOOLEAN)
    security: "list[dict[str, list[str]]] | None" = field(SECURITY_REQUIREMENTS)
    servers: "list[Server] | None" = field(_SERVERS)


_OPERATION = Object("Operation")


class PathItem(Model):
    """The operations on one path, by HTTP method."""

    extra = "allow"
    ref: "str | None" = field(TEXT, alias="$ref")
    summary: "str | None" = field(TEXT)
    description: "str | None" = field(TEXT)
    get: "Operation | None" = field(_OPERATION)
    put: "Operation | None" = field(_OPERATION)
    post: "Operation | None" = field(_OPERATION)
    delete: "Operation | None" = field(_OPERATION)
    options: "Operation | None" = field(_OPERATION)
    head: "Operation | None" = field(_OPERATION)
    patch: "Operation | None" = field(_OPERATION)
    trace: "Operation | None" = field(_OPERATION)
    servers: "list[Server] | None" = field(_SERVERS)
    parameters: "list[Parameter | Reference] | None" = field(_PARAMETERS)

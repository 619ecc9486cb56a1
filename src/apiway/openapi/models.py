"""The OpenAPI 3.1 objects, by the names of the Powertools REST event handler's ``openapi.models``.

Build them with keywords (``Info(title="Todos", version="1.0")``; fields whose JSON names are
not Python names take either: ``schema_`` or ``schema``, ``in_`` or ``in``, ``ref`` or
``$ref``), read them as attributes, load a document with ``OpenAPI.model_validate(data)`` and
write it with ``model_dump(by_alias=True, exclude_none=True)`` or ``model_dump_json(...)``.
"""

from apiway.openapi.objects.base import Model
from apiway.openapi.objects.document import Components, OpenAPI
from apiway.openapi.objects.fields import ModelValidationError
from apiway.openapi.objects.info import (
    XML,
    Contact,
    Discriminator,
    Example,
    ExternalDocumentation,
    Info,
    License,
    OpenAPIExtensions,
    Reference,
    Server,
    ServerVariable,
    Tag,
)
from apiway.openapi.objects.paths import (
    Encoding,
    Header,
    Link,
    MediaType,
    Operation,
    Parameter,
    ParameterBase,
    ParameterInType,
    PathItem,
    RequestBody,
    Response,
)
from apiway.openapi.objects.schema import Schema
from apiway.openapi.objects.security import (
    APIKey,
    APIKeyIn,
    HTTPBase,
    HTTPBearer,
    MutualTLS,
    OAuth2,
    OAuthFlow,
    OAuthFlowAuthorizationCode,
    OAuthFlowClientCredentials,
    OAuthFlowImplicit,
    OAuthFlowPassword,
    OAuthFlows,
    OpenIdConnect,
    SecurityBase,
    SecurityScheme,
    SecuritySchemeType,
)

#: A JSON Schema: a ``Schema`` object or a boolean (``True`` accepts anything).
SchemaOrBool = Schema | bool

__all__ = [
    "XML",
    "APIKey",
    "APIKeyIn",
    "Components",
    "Contact",
    "Discriminator",
    "Encoding",
    "Example",
    "ExternalDocumentation",
    "HTTPBase",
    "HTTPBearer",
    "Header",
    "Info",
    "License",
    "Link",
    "MediaType",
    "Model",
    "ModelValidationError",
    "MutualTLS",
    "OAuth2",
    "OAuthFlow",
    "OAuthFlowAuthorizationCode",
    "OAuthFlowClientCredentials",
    "OAuthFlowImplicit",
    "OAuthFlowPassword",
    "OAuthFlows",
    "OpenAPI",
    "OpenAPIExtensions",
    "OpenIdConnect",
    "Operation",
    "Parameter",
    "ParameterBase",
    "ParameterInType",
    "PathItem",
    "Reference",
    "RequestBody",
    "Response",
    "Schema",
    "SchemaOrBool",
    "SecurityBase",
    "SecurityScheme",
    "SecuritySchemeType",
    "Server",
    "ServerVariable",
    "Tag",
]

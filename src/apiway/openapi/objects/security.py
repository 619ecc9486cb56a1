"""Security schemes: ``APIKey``, ``HTTPBase``, ``HTTPBearer``, ``OAuth2`` and its flows, ``OpenIdConnect``."""

from enum import Enum

from apiway.openapi.objects.base import REGISTRY, Model
from apiway.openapi.objects.fields import field
from apiway.openapi.objects.info import OpenAPIExtensions
from apiway.openapi.objects.kinds import TEXT, TEXT_DICT, Choice, Exactly, Kind, Object, fail

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class SecuritySchemeType(Enum):
    """The kinds of security scheme."""

    apiKey = "apiKey"
    http = "http"
    oauth2 = "oauth2"
    openIdConnect = "openIdConnect"
    mutualTLS = "mutualTLS"


class APIKeyIn(Enum):
    """Where an API key is sent."""

    query = "query"
    header = "header"
    cookie = "cookie"


class SecurityBase(OpenAPIExtensions):
    """The fields every security scheme has (``type_``, JSON ``type``)."""

    type_: SecuritySchemeType = field(Choice(SecuritySchemeType), alias="type", required=True)
    description: "str | None" = field(TEXT)


def _scheme_type(kind: SecuritySchemeType) -> "Any":
    return field(Choice(SecuritySchemeType), alias="type", default=lambda: kind)


class APIKey(SecurityBase):
    """An API key in a header, query parameter or cookie named ``name``."""

    type_: SecuritySchemeType = _scheme_type(SecuritySchemeType.apiKey)
    in_: APIKeyIn = field(Choice(APIKeyIn), alias="in", required=True)
    name: str = field(TEXT, required=True)


class HTTPBase(SecurityBase):
    """HTTP authentication with the given ``scheme`` (``basic``, ``bearer``, ...)."""

    type_: SecuritySchemeType = _scheme_type(SecuritySchemeType.http)
    scheme: str = field(TEXT, required=True)


class HTTPBearer(HTTPBase):
    """HTTP bearer tokens, with an optional ``bearerFormat`` hint (``JWT``)."""

    scheme: str = field(Exactly("bearer"), default=lambda: "bearer")
    bearerFormat: "str | None" = field(TEXT)


class OAuthFlow(Model):
    """What every OAuth 2 flow has: ``scopes`` (name to description) and ``refreshUrl``."""

    extra = "allow"
    refreshUrl: "str | None" = field(TEXT)
    scopes: "dict[str, str]" = field(TEXT_DICT, default=dict)


class OAuthFlowImplicit(OAuthFlow):
    """The implicit flow."""

    authorizationUrl: str = field(TEXT, required=True)


class OAuthFlowPassword(OAuthFlow):
    """The resource owner password flow."""

    tokenUrl: str = field(TEXT, required=True)


class OAuthFlowClientCredentials(OAuthFlow):
    """The client credentials flow."""

    tokenUrl: str = field(TEXT, required=True)


class OAuthFlowAuthorizationCode(OAuthFlow):
    """The authorization code flow."""

    authorizationUrl: str = field(TEXT, required=True)
    tokenUrl: str = field(TEXT, required=True)


class OAuthFlows(Model):
    """The OAuth 2 flows a scheme supports."""

    extra = "allow"
    implicit: "OAuthFlowImplicit | None" = field(Object("OAuthFlowImplicit"))
    password: "OAuthFlowPassword | None" = field(Object("OAuthFlowPassword"))
    clientCredentials: "OAuthFlowClientCredentials | None" = field(Object("OAuthFlowClientCredentials"))
    authorizationCode: "OAuthFlowAuthorizationCode | None" = field(Object("OAuthFlowAuthorizationCode"))


class OAuth2(SecurityBase):
    """OAuth 2, with its ``flows``."""

    type_: SecuritySchemeType = _scheme_type(SecuritySchemeType.oauth2)
    flows: OAuthFlows = field(Object("OAuthFlows"), required=True)


class OpenIdConnect(SecurityBase):
    """OpenID Connect discovery at ``openIdConnectUrl``."""

    type_: SecuritySchemeType = _scheme_type(SecuritySchemeType.openIdConnect)
    openIdConnectUrl: str = field(TEXT, required=True)


class MutualTLS(SecurityBase):
    """Mutual TLS (client certificates)."""

    type_: SecuritySchemeType = _scheme_type(SecuritySchemeType.mutualTLS)


#: Any security scheme (a union type: for annotations and ``isinstance``).
SecurityScheme = APIKey | HTTPBase | OAuth2 | OpenIdConnect | HTTPBearer | MutualTLS

_BY_TYPE = {
    "apiKey": APIKey,
    "http": HTTPBase,
    "oauth2": OAuth2,
    "openIdConnect": OpenIdConnect,
    "mutualTLS": MutualTLS,
}


class SecuritySchemeOrRef(Kind):
    """A security scheme, its class chosen by ``type``; or a ``Reference``."""

    __slots__ = ()

    def parse(self, value: "Any", loc: "Any", errors: "Any") -> "Any":
        if isinstance(value, (SecurityBase, REGISTRY["Reference"])):
            return value
        if not isinstance(value, dict):
            return fail(errors, "model_type", loc, "must be a security scheme or a dict", value)
        if "$ref" in value:
            return REGISTRY["Reference"].parse(value, loc, errors)
        kind = value.get("type", value.get("type_"))
        kind = kind.value if isinstance(kind, SecuritySchemeType) else kind
        cls: type[Model] | None = _BY_TYPE.get(kind) if isinstance(kind, str) else None
        if cls is None:
            choices = ", ".join(repr(name) for name in _BY_TYPE)
            return fail(errors, "union_tag_invalid", (*loc, "type"), f"must be one of {choices}", kind)
        if cls is HTTPBase and "bearerFormat" in value:
            cls = HTTPBearer
        return cls.parse(value, loc, errors)

"""API Gateway HTTP API events (payload format 2.0)."""

from apiway.events.base import (
    BaseProxyEvent,
    DictWrapper,
    RequestContextClientCert,
    as_dict,
    parse_cookie_header,
)
from apiway.routing import strip_stage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class RequestContextV2Http(DictWrapper):
    """``requestContext.http``: method, path, protocol, source IP, user agent."""

    __slots__ = ()

    @property
    def method(self) -> str:
        return self.get("method", "")

    @property
    def path(self) -> "str | None":
        return self.get("path")

    @property
    def protocol(self) -> "str | None":
        return self.get("protocol")

    @property
    def source_ip(self) -> "str | None":
        return self.get("sourceIp")

    @property
    def user_agent(self) -> "str | None":
        return self.get("userAgent")


class RequestContextV2AuthorizerIam(DictWrapper):
    """The IAM caller of a request signed with SigV4 (each field ``""`` when absent)."""

    __slots__ = ()

    @property
    def access_key(self) -> str:
        return self.get("accessKey", "")

    @property
    def account_id(self) -> str:
        """The caller's AWS account."""
        return self.get("accountId", "")

    @property
    def caller_id(self) -> str:
        return self.get("callerId", "")

    @property
    def principal_org_id(self) -> str:
        """The caller's AWS organization."""
        return self.get("principalOrgId", "")

    @property
    def user_arn(self) -> str:
        return self.get("userArn", "")

    @property
    def user_id(self) -> str:
        return self.get("userId", "")

    def _cognito_identity(self) -> "dict[str, Any]":
        # Only requests signed with Cognito identity pool credentials carry it.
        return as_dict(self._data.get("cognitoIdentity"))

    @property
    def cognito_identity_id(self) -> str:
        return self._cognito_identity().get("identityId") or ""

    @property
    def cognito_identity_pool_id(self) -> str:
        return self._cognito_identity().get("identityPoolId") or ""

    @property
    def cognito_amr(self) -> "list[str]":
        """How Cognito authenticated the caller (authentication methods references)."""
        amr = self._cognito_identity().get("amr")
        return amr if isinstance(amr, list) else []


class RequestContextV2Authorizer(DictWrapper):
    """What the authorizer attached: JWT claims and scopes, a Lambda authorizer's context, or
    the IAM caller."""

    __slots__ = ()

    @property
    def jwt_claim(self) -> "dict[str, Any]":
        """The claims of a JWT authorizer's token (``{}`` without one)."""
        return as_dict(as_dict(self.get("jwt")).get("claims"))

    @property
    def jwt_scopes(self) -> "list[str]":
        """The scopes of a JWT authorizer's token (``[]`` without one)."""
        scopes = as_dict(self.get("jwt")).get("scopes")
        return scopes if isinstance(scopes, list) else []

    @property
    def claims(self) -> "dict[str, Any]":
        """JWT claims (same as ``jwt_claim``)."""
        return self.jwt_claim

    @property
    def get_lambda(self) -> "dict[str, Any]":
        """The context a Lambda authorizer returned (``{}`` without one)."""
        return as_dict(self.get("lambda"))

    def get_context(self) -> "dict[str, Any]":
        """The Lambda authorizer context (same as ``get_lambda``)."""
        return self.get_lambda

    @property
    def iam(self) -> "RequestContextV2AuthorizerIam":
        """The IAM caller (empty unless the route uses IAM authorization)."""
        return RequestContextV2AuthorizerIam(self.get("iam"))


class BaseRequestContextV2(DictWrapper):
    """The ``requestContext`` fields HTTP APIs and Function URLs share."""

    __slots__ = ()

    @property
    def account_id(self) -> "str | None":
        """The AWS account that owns the API or function."""
        return self.get("accountId")

    @property
    def api_id(self) -> "str | None":
        return self.get("apiId")

    @property
    def domain_name(self) -> "str | None":
        return self.get("domainName")

    @property
    def domain_prefix(self) -> "str | None":
        return self.get("domainPrefix")

    @property
    def http(self) -> "RequestContextV2Http":
        """Method, path, protocol, source IP and user agent."""
        return RequestContextV2Http(self.get("http"))

    @property
    def request_id(self) -> "str | None":
        return self.get("requestId")

    @property
    def route_key(self) -> "str | None":
        """The route that matched (``"GET /todos"``; ``"$default"`` for Function URLs)."""
        return self.get("routeKey")

    @property
    def stage(self) -> "str | None":
        """The stage (``"$default"`` for Function URLs)."""
        return self.get("stage")

    @property
    def time(self) -> "str | None":
        """When the request arrived, as ``dd/MMM/yyyy:HH:mm:ss +0000``."""
        return self.get("time")

    @property
    def time_epoch(self) -> "int | None":
        """When the request arrived, in milliseconds since the epoch."""
        return self.get("timeEpoch")

    @property
    def source_ip(self) -> "str | None":
        """The caller's IP address (same as ``http.source_ip``)."""
        return self.http.source_ip

    @property
    def authentication(self) -> "RequestContextClientCert | None":
        """The mutual-TLS client certificate, None without mutual TLS."""
        cert = as_dict(self.get("authentication")).get("clientCert")
        return None if cert is None else RequestContextClientCert(cert)


class RequestContextV2(BaseRequestContextV2):
    """``requestContext`` of an HTTP API or Function URL event."""

    __slots__ = ()

    @property
    def authorizer(self) -> "RequestContextV2Authorizer":
        """What the authorizer attached (empty without one)."""
        return RequestContextV2Authorizer(self.get("authorizer"))


class APIGatewayProxyEventV2(BaseProxyEvent):
    """An API Gateway HTTP API (payload 2.0) request."""

    __slots__ = ()

    @property
    def version(self) -> "str | None":
        return self.get("version")

    @property
    def route_key(self) -> "str | None":
        return self.get("routeKey")

    @property
    def raw_path(self) -> str:
        return self.get("rawPath", "")

    @property
    def raw_query_string(self) -> str:
        return self.get("rawQueryString", "")

    @property
    def cookies(self) -> "list[str]":
        """Request cookies as the platform delivers them: ``["name=value", ...]``."""
        cookies = self.get("cookies")
        return [c for c in cookies if isinstance(c, str)] if isinstance(cookies, list) else []

    @property
    def request_cookies(self) -> "dict[str, str]":
        found = parse_cookie_header("; ".join(self.cookies))
        header = self.headers.get("cookie")
        if header:
            for name, value in parse_cookie_header(header).items():
                found.setdefault(name, value)
        return found

    @property
    def request_context(self) -> "RequestContextV2":
        return RequestContextV2(self.get("requestContext"))

    @property
    def path(self) -> str:
        """The request path without an HTTP API stage prefix."""
        context = as_dict(self._data.get("requestContext"))
        return strip_stage(self.raw_path, context.get("stage"))

    @property
    def http_method(self) -> str:
        return self.request_context.http.method

    def _build_multi_value_query(self) -> "dict[str, list[str]]":
        raw = self._data.get("rawQueryString")
        if isinstance(raw, str) and raw:
            from urllib.parse import parse_qsl

            multi: dict[str, list[str]] = {}
            for name, value in parse_qsl(raw, keep_blank_values=True):
                multi.setdefault(name, []).append(value)
            return multi
        return {name: value.split(",") for name, value in self.query_string_parameters.items()}

"""API Gateway REST API events (payload format 1.0)."""

from apiway.events.base import ClientCert, DictWrapper, MultiValueProxyEvent, as_dict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class APIGatewayEventIdentity(DictWrapper):
    """Who called: source IP, user agent, IAM or Cognito identity, API key."""

    __slots__ = ()

    @property
    def source_ip(self) -> "str | None":
        return self.get("sourceIp")

    @property
    def user_agent(self) -> "str | None":
        return self.get("userAgent")

    @property
    def api_key(self) -> "str | None":
        return self.get("apiKey")

    @property
    def api_key_id(self) -> "str | None":
        return self.get("apiKeyId")

    @property
    def access_key(self) -> "str | None":
        return self.get("accessKey")

    @property
    def account_id(self) -> "str | None":
        return self.get("accountId")

    @property
    def caller(self) -> "str | None":
        return self.get("caller")

    @property
    def user(self) -> "str | None":
        return self.get("user")

    @property
    def user_arn(self) -> "str | None":
        return self.get("userArn")

    @property
    def principal_org_id(self) -> "str | None":
        return self.get("principalOrgId")

    @property
    def cognito_authentication_provider(self) -> "str | None":
        return self.get("cognitoAuthenticationProvider")

    @property
    def cognito_authentication_type(self) -> "str | None":
        return self.get("cognitoAuthenticationType")

    @property
    def cognito_identity_id(self) -> "str | None":
        return self.get("cognitoIdentityId")

    @property
    def cognito_identity_pool_id(self) -> "str | None":
        return self.get("cognitoIdentityPoolId")

    @property
    def client_cert(self) -> "ClientCert | None":
        cert = self.get("clientCert")
        return ClientCert(cert) if cert else None


class APIGatewayEventAuthorizer(DictWrapper):
    """What an authorizer attached to the request (Cognito claims, Lambda authorizer context)."""

    __slots__ = ()

    @property
    def claims(self) -> "dict[str, Any]":
        return as_dict(self.get("claims"))

    @property
    def scopes(self) -> "list[str]":
        scopes = self.get("scopes")
        return scopes if isinstance(scopes, list) else []

    @property
    def principal_id(self) -> "str | None":
        return self.get("principalId")

    @property
    def integration_latency(self) -> "int | None":
        return self.get("integrationLatency")

    def get_context(self) -> "dict[str, Any]":
        """The Lambda authorizer context (every key but the reserved ones)."""
        return {k: v for k, v in self._data.items() if k not in ("principalId", "integrationLatency")}


class APIGatewayEventRequestContext(DictWrapper):
    """``requestContext`` of a REST API event."""

    __slots__ = ()

    @property
    def account_id(self) -> "str | None":
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
    def extended_request_id(self) -> "str | None":
        return self.get("extendedRequestId")

    @property
    def protocol(self) -> "str | None":
        return self.get("protocol")

    @property
    def http_method(self) -> "str | None":
        return self.get("httpMethod")

    @property
    def identity(self) -> "APIGatewayEventIdentity":
        return APIGatewayEventIdentity(self.get("identity"))

    @property
    def path(self) -> "str | None":
        return self.get("path")

    @property
    def stage(self) -> "str | None":
        return self.get("stage")

    @property
    def request_id(self) -> "str | None":
        return self.get("requestId")

    @property
    def request_time(self) -> "str | None":
        return self.get("requestTime")

    @property
    def request_time_epoch(self) -> "int | None":
        return self.get("requestTimeEpoch")

    @property
    def resource_id(self) -> "str | None":
        return self.get("resourceId")

    @property
    def resource_path(self) -> "str | None":
        return self.get("resourcePath")

    @property
    def source_ip(self) -> "str | None":
        return self.identity.source_ip

    @property
    def authorizer(self) -> "APIGatewayEventAuthorizer":
        return APIGatewayEventAuthorizer(self.get("authorizer"))


class APIGatewayProxyEvent(MultiValueProxyEvent):
    """An API Gateway REST API (payload 1.0) request."""

    __slots__ = ()

    @property
    def version(self) -> "str | None":
        return self.get("version")

    @property
    def resource(self) -> "str | None":
        return self.get("resource")

    @property
    def request_context(self) -> "APIGatewayEventRequestContext":
        return APIGatewayEventRequestContext(self.get("requestContext"))

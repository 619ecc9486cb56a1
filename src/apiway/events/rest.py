"""API Gateway REST API events (payload format 1.0)."""

from apiway.events.base import DictWrapper, MultiValueProxyEvent, RequestContextClientCert, as_dict

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
    def client_cert(self) -> "RequestContextClientCert | None":
        """The mutual-TLS client certificate, None without mutual TLS."""
        cert = self.get("clientCert")
        return None if cert is None else RequestContextClientCert(cert)


class APIGatewayEventAuthorizer(DictWrapper):
    """What the authorizer attached to the request: Cognito user pool claims and scopes, or a
    Lambda authorizer's principal and context (its keys, read with ``authorizer["key"]``)."""

    __slots__ = ()

    @property
    def claims(self) -> "dict[str, Any]":
        """The token's claims from a Cognito user pool authorizer (``{}`` without one)."""
        return as_dict(self.get("claims"))

    @property
    def scopes(self) -> "list[str]":
        """The OAuth scopes a Cognito user pool authorizer granted (``[]`` without one)."""
        scopes = self.get("scopes")
        return scopes if isinstance(scopes, list) else []

    @property
    def principal_id(self) -> str:
        """The principal a Lambda authorizer returned (``""`` without one)."""
        return self.get("principalId", "")

    @property
    def integration_latency(self) -> "int | None":
        """How long the Lambda authorizer took, in milliseconds."""
        return self.get("integrationLatency")

    def get_context(self) -> "dict[str, Any]":
        """The whole authorizer map: a Lambda authorizer's context keys, with ``principalId``
        and ``integrationLatency`` beside them as API Gateway delivers them."""
        return self._data


class BaseRequestContext(DictWrapper):
    """The ``requestContext`` fields REST and WebSocket APIs share."""

    __slots__ = ()

    @property
    def account_id(self) -> "str | None":
        """The AWS account that owns the API."""
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
        """Who called (IAM or Cognito identity, API key, source IP, user agent)."""
        return APIGatewayEventIdentity(self.get("identity"))

    @property
    def path(self) -> "str | None":
        """The path as the client asked for it, stage and base path mapping included."""
        return self.get("path")

    @property
    def stage(self) -> "str | None":
        return self.get("stage")

    @property
    def request_id(self) -> "str | None":
        return self.get("requestId")

    @property
    def request_time(self) -> "str | None":
        """When the request arrived, as ``dd/MMM/yyyy:HH:mm:ss +0000``."""
        return self.get("requestTime")

    @property
    def request_time_epoch(self) -> "int | None":
        """When the request arrived, in milliseconds since the epoch."""
        return self.get("requestTimeEpoch")

    @property
    def resource_id(self) -> "str | None":
        return self.get("resourceId")

    @property
    def resource_path(self) -> "str | None":
        """The resource the request matched in API Gateway (``/todos/{id}``)."""
        return self.get("resourcePath")

    @property
    def source_ip(self) -> "str | None":
        """The caller's IP address (same as ``identity.source_ip``)."""
        return self.identity.source_ip


class APIGatewayEventRequestContext(BaseRequestContext):
    """``requestContext`` of a REST API event (and of a WebSocket API one)."""

    __slots__ = ()

    @property
    def connected_at(self) -> "int | None":
        """WebSocket APIs: when the connection opened, in milliseconds since the epoch."""
        return self.get("connectedAt")

    @property
    def connection_id(self) -> "str | None":
        """WebSocket APIs: the connection, for callbacks to the client."""
        return self.get("connectionId")

    @property
    def event_type(self) -> "str | None":
        """WebSocket APIs: ``CONNECT``, ``MESSAGE`` or ``DISCONNECT``."""
        return self.get("eventType")

    @property
    def message_direction(self) -> "str | None":
        """WebSocket APIs: ``IN`` for a message from the client."""
        return self.get("messageDirection")

    @property
    def message_id(self) -> "str | None":
        """WebSocket APIs: the message, for ``MESSAGE`` events."""
        return self.get("messageId")

    @property
    def operation_name(self) -> "str | None":
        """The operation name set on the API method, if any."""
        return self.get("operationName")

    @property
    def route_key(self) -> "str | None":
        """WebSocket APIs: the route the message was sent to."""
        return self.get("routeKey")

    @property
    def authorizer(self) -> "APIGatewayEventAuthorizer":
        """What the authorizer attached (empty without one)."""
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

"""The four resolvers, one per Lambda HTTP event source."""

from __future__ import annotations

from apiway.resolver import BaseResolver

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from re import Pattern
    from typing import Any

    from apiway.cors import CORSConfig
    from apiway.events import ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionUrlEvent


class APIGatewayRestResolver(BaseResolver):
    """API Gateway REST APIs (and HTTP APIs using payload format 1.0)."""

    _source_class = "apiway.sources.rest:RestApiSource"
    if TYPE_CHECKING:

        @property
        def current_event(self) -> APIGatewayProxyEvent: ...


class APIGatewayHttpResolver(BaseResolver):
    """API Gateway HTTP APIs, payload format 2.0."""

    _source_class = "apiway.sources.http:HttpApiSource"
    if TYPE_CHECKING:

        @property
        def current_event(self) -> APIGatewayProxyEventV2: ...


class LambdaFunctionUrlResolver(BaseResolver):
    """Lambda Function URLs."""

    _source_class = "apiway.sources.function_url:FunctionUrlSource"
    if TYPE_CHECKING:

        @property
        def current_event(self) -> LambdaFunctionUrlEvent: ...


class ALBResolver(BaseResolver):
    """Application Load Balancer targets, in single- or multi-value header mode.

    ALB forwards query strings still percent-encoded; they are decoded once, unless
    ``decode_query_parameters=False``.
    """

    if TYPE_CHECKING:

        @property
        def current_event(self) -> ALBEvent: ...

    def __init__(
        self,
        cors: CORSConfig | None = None,
        debug: bool | None = None,
        serializer: Callable[[Any], str] | None = None,
        strip_prefixes: list[str | Pattern[str]] | None = None,
        json_body_deserializer: Callable[[str], Any] | None = None,
        propagate_exceptions: bool = False,
        decode_query_parameters: bool = True,
    ):
        from apiway.sources.alb import ALBSource

        self._source = ALBSource(decode_query_parameters)
        super().__init__(
            cors, debug, serializer, strip_prefixes, json_body_deserializer, propagate_exceptions
        )


class ProxyEventType:
    """Event source names for :class:`ApiGatewayResolver` (``proxy_type=``)."""

    APIGatewayProxyEvent = "APIGatewayProxyEvent"
    APIGatewayProxyEventV2 = "APIGatewayProxyEventV2"
    ALBEvent = "ALBEvent"
    LambdaFunctionUrlEvent = "LambdaFunctionUrlEvent"


_SOURCES_BY_PROXY_TYPE = {
    ProxyEventType.APIGatewayProxyEvent: APIGatewayRestResolver._source_class,
    ProxyEventType.APIGatewayProxyEventV2: APIGatewayHttpResolver._source_class,
    ProxyEventType.LambdaFunctionUrlEvent: LambdaFunctionUrlResolver._source_class,
    ProxyEventType.ALBEvent: "apiway.sources.alb:ALBSource",
}


class ApiGatewayResolver(BaseResolver):
    """A resolver whose event source is chosen with ``proxy_type`` (REST payload 1.0 by default).

    Prefer the explicit resolvers: their ``current_event`` is typed for their source.
    """

    def __init__(
        self,
        proxy_type: object = None,
        cors: CORSConfig | None = None,
        debug: bool | None = None,
        serializer: Callable[[Any], str] | None = None,
        strip_prefixes: list[str | Pattern[str]] | None = None,
        json_body_deserializer: Callable[[str], Any] | None = None,
        propagate_exceptions: bool = False,
    ):
        key = getattr(proxy_type, "value", proxy_type) or ProxyEventType.APIGatewayProxyEvent
        source_class = _SOURCES_BY_PROXY_TYPE.get(key)  # type: ignore[call-overload]
        if source_class is None:
            valid = ", ".join(sorted(_SOURCES_BY_PROXY_TYPE))
            raise ValueError(f"unsupported proxy_type {proxy_type!r}; use one of: {valid}")
        self._source_class = source_class
        super().__init__(
            cors, debug, serializer, strip_prefixes, json_body_deserializer, propagate_exceptions
        )

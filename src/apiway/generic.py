"""``ApiGatewayResolver``: one resolver class for every event source, picked by ``proxy_type``."""

from apiway.resolvers import BaseResolver

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from re import Pattern
    from typing import Any

    from apiway.cors import CORSConfig


class ProxyEventType:
    """Event source names for :class:`ApiGatewayResolver` (``proxy_type=``)."""

    APIGatewayProxyEvent = "APIGatewayProxyEvent"
    APIGatewayProxyEventV2 = "APIGatewayProxyEventV2"
    ALBEvent = "ALBEvent"
    LambdaFunctionUrlEvent = "LambdaFunctionUrlEvent"
    VPCLatticeEvent = "VPCLatticeEvent"
    VPCLatticeEventV2 = "VPCLatticeEventV2"


_SOURCES_BY_PROXY_TYPE = {
    ProxyEventType.APIGatewayProxyEvent: "apiway.sources.rest:RestApiSource",
    ProxyEventType.APIGatewayProxyEventV2: "apiway.sources.http:HttpApiSource",
    ProxyEventType.LambdaFunctionUrlEvent: "apiway.sources.function_url:FunctionUrlSource",
    ProxyEventType.ALBEvent: "apiway.sources.alb:ALBSource",
    ProxyEventType.VPCLatticeEvent: "apiway.sources.vpc_lattice:VPCLatticeSource",
    ProxyEventType.VPCLatticeEventV2: "apiway.sources.vpc_lattice:VPCLatticeV2Source",
}


class ApiGatewayResolver(BaseResolver):
    """A resolver whose event source is chosen with ``proxy_type`` (REST payload 1.0 by default).

    Prefer the explicit resolvers: their ``current_event`` is typed for their source.
    """

    def __init__(
        self,
        proxy_type: object = None,
        cors: "CORSConfig | None" = None,
        debug: "bool | None" = None,
        serializer: "Callable[[Any], str] | None" = None,
        strip_prefixes: "Iterable[str | Pattern[str]] | None" = None,
        enable_validation: bool = False,
        response_validation_error_http_code: "int | None" = None,
        json_body_deserializer: "Callable[[str], Any] | None" = None,
        propagate_exceptions: bool = False,
    ):
        key = getattr(proxy_type, "value", proxy_type) or ProxyEventType.APIGatewayProxyEvent
        source_path = _SOURCES_BY_PROXY_TYPE.get(key)  # type: ignore[call-overload]
        if source_path is None:
            valid = ", ".join(sorted(_SOURCES_BY_PROXY_TYPE))
            raise ValueError(f"unsupported proxy_type {proxy_type!r}; use one of: {valid}")
        # perf: only the chosen source's module is imported
        module_name, _, class_name = source_path.partition(":")
        self._source_class = getattr(__import__(module_name, fromlist=[class_name]), class_name)
        super().__init__(
            cors,
            debug,
            serializer,
            strip_prefixes,
            enable_validation,
            response_validation_error_http_code,
            json_body_deserializer,
            propagate_exceptions,
        )

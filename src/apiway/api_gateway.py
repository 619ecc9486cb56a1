"""The names code written for Powertools imports from ``...event_handler.api_gateway``.

``from apiway.api_gateway import Router, Response`` works like ``from apiway import ...``;
each name loads its own module on first use, so this module costs nothing at cold start.
``BaseRouter`` is the base class that resolvers and routers share.
"""

from apiway import lazy_attributes

# perf: names are imported on first use (PEP 562), like the package's own.
_EXPORTS = {
    "ALBResolver": "apiway.sources.alb",
    "APIGatewayHttpResolver": "apiway.sources.http",
    "APIGatewayRestResolver": "apiway.sources.rest",
    "LambdaFunctionUrlResolver": "apiway.sources.function_url",
    "ApiGatewayResolver": "apiway.generic",
    "ProxyEventType": "apiway.generic",
    "BaseRouter": "apiway.registry:RouteRegistry",
    "Route": "apiway.registry",
    "Router": "apiway.router",
    "CORSConfig": "apiway.cors",
    "Cookie": "apiway.cookies",
    "MiddlewareFrame": "apiway.middlewares.chain:NextLink",  # the class of next_middleware objects
    "Request": "apiway.request",
    "Response": "apiway.response",
    "NotFoundError": "apiway.exceptions",
    "ResponseSizeExceededError": "apiway.exceptions",
    "ServiceError": "apiway.exceptions",
    "ALBEvent": "apiway.events",
    "APIGatewayProxyEvent": "apiway.events",
    "APIGatewayProxyEventV2": "apiway.events",
    "BaseProxyEvent": "apiway.events",
    "LambdaFunctionUrlEvent": "apiway.events",
    "content_types": "apiway:content_types",
}

__all__ = [
    "ALBEvent",
    "ALBResolver",
    "APIGatewayHttpResolver",
    "APIGatewayProxyEvent",
    "APIGatewayProxyEventV2",
    "APIGatewayRestResolver",
    "ApiGatewayResolver",
    "BaseProxyEvent",
    "BaseRouter",
    "CORSConfig",
    "Cookie",
    "LambdaFunctionUrlEvent",
    "LambdaFunctionUrlResolver",
    "MiddlewareFrame",
    "NotFoundError",
    "ProxyEventType",
    "Request",
    "Response",
    "ResponseSizeExceededError",
    "Route",
    "Router",
    "ServiceError",
    "content_types",
]

__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, __all__)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway import content_types
    from apiway.cookies import Cookie
    from apiway.cors import CORSConfig
    from apiway.events import (
        ALBEvent,
        APIGatewayProxyEvent,
        APIGatewayProxyEventV2,
        BaseProxyEvent,
        LambdaFunctionUrlEvent,
    )
    from apiway.exceptions import NotFoundError, ResponseSizeExceededError, ServiceError
    from apiway.generic import ApiGatewayResolver, ProxyEventType
    from apiway.middlewares.chain import NextLink as MiddlewareFrame
    from apiway.registry import Route
    from apiway.registry import RouteRegistry as BaseRouter
    from apiway.request import Request
    from apiway.response import Response
    from apiway.router import Router
    from apiway.sources.alb import ALBResolver
    from apiway.sources.function_url import LambdaFunctionUrlResolver
    from apiway.sources.http import APIGatewayHttpResolver
    from apiway.sources.rest import APIGatewayRestResolver

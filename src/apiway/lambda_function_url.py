"""The names code written for Powertools imports from ``...event_handler.lambda_function_url``."""

from apiway import lazy_attributes

# perf: imported on first use, so that importing this module costs nothing.
_EXPORTS = {
    "LambdaFunctionUrlResolver": "apiway.sources.function_url",
    "ApiGatewayResolver": "apiway.generic",
    "ProxyEventType": "apiway.generic",
}

__all__ = [
    "ApiGatewayResolver",
    "LambdaFunctionUrlResolver",
    "ProxyEventType",
]


__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, __all__)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.generic import ApiGatewayResolver, ProxyEventType
    from apiway.sources.function_url import LambdaFunctionUrlResolver

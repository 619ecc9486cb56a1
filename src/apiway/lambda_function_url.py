"""The names code written for Powertools imports from ``...event_handler.lambda_function_url``."""

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


def __getattr__(name: str) -> object:
    # perf: imported on first use, so that importing this module costs nothing.
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'apiway.lambda_function_url' has no attribute {name!r}")
    value = getattr(__import__(module, fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> "list[str]":
    return __all__


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.generic import ApiGatewayResolver, ProxyEventType
    from apiway.sources.function_url import LambdaFunctionUrlResolver

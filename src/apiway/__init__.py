"""apiway: fast, zero-dependency routing of AWS Lambda HTTP events.

``from apiway import APIGatewayRestResolver`` and declare routes with ``@app.get(...)``; a
request flows through a chain of stages (``app.pipeline``) around the router.
"""

__version__ = "0.1.0"

# perf: names are imported on first use (PEP 562), so `import apiway` loads nothing else and
# an app only pays for the parts it touches.
_EXPORTS = {
    "ALBResolver": "apiway.sources.alb",
    "APIGatewayHttpResolver": "apiway.sources.http",
    "APIGatewayRestResolver": "apiway.sources.rest",
    "LambdaFunctionUrlResolver": "apiway.sources.function_url",
    "VPCLatticeResolver": "apiway.sources.vpc_lattice",
    "VPCLatticeV2Resolver": "apiway.sources.vpc_lattice",
    "ApiGatewayResolver": "apiway.generic",
    "ProxyEventType": "apiway.generic",
    "CORSConfig": "apiway.cors",
    "Cookie": "apiway.cookies",
    "SameSite": "apiway.cookies",
    "Depends": "apiway.depends",
    "DependencyResolutionError": "apiway.depends",
    "Pipeline": "apiway.pipeline",
    "Stage": "apiway.stages",
    "Request": "apiway.request",
    "Response": "apiway.response",
    "Router": "apiway.router",
}
_SUBMODULES = (
    "content_types",
    "depends",
    "exceptions",
    "middlewares",
    "events",
    "openapi",
    "stages",
    "types",
)

__all__ = [
    "ALBResolver",
    "APIGatewayHttpResolver",
    "APIGatewayRestResolver",
    "ApiGatewayResolver",
    "CORSConfig",
    "Cookie",
    "DependencyResolutionError",
    "Depends",
    "LambdaFunctionUrlResolver",
    "Pipeline",
    "ProxyEventType",
    "Request",
    "Response",
    "Router",
    "SameSite",
    "Stage",
    "VPCLatticeResolver",
    "VPCLatticeV2Resolver",
    "__version__",
    "content_types",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(__import__(module, fromlist=[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return __import__(f"apiway.{name}", fromlist=["_"])
    raise AttributeError(f"module 'apiway' has no attribute {name!r}")


def __dir__() -> "list[str]":
    return sorted([*__all__, *_SUBMODULES])


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway import content_types as content_types
    from apiway.cookies import Cookie as Cookie
    from apiway.cookies import SameSite as SameSite
    from apiway.cors import CORSConfig as CORSConfig
    from apiway.depends import DependencyResolutionError as DependencyResolutionError
    from apiway.depends import Depends as Depends
    from apiway.generic import ApiGatewayResolver as ApiGatewayResolver
    from apiway.generic import ProxyEventType as ProxyEventType
    from apiway.pipeline import Pipeline as Pipeline
    from apiway.request import Request as Request
    from apiway.response import Response as Response
    from apiway.router import Router as Router
    from apiway.sources.alb import ALBResolver as ALBResolver
    from apiway.sources.function_url import LambdaFunctionUrlResolver as LambdaFunctionUrlResolver
    from apiway.sources.http import APIGatewayHttpResolver as APIGatewayHttpResolver
    from apiway.sources.rest import APIGatewayRestResolver as APIGatewayRestResolver
    from apiway.sources.vpc_lattice import VPCLatticeResolver as VPCLatticeResolver
    from apiway.sources.vpc_lattice import VPCLatticeV2Resolver as VPCLatticeV2Resolver
    from apiway.stages import Stage as Stage

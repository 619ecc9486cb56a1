"""apiway: fast, zero-dependency routing of AWS Lambda HTTP events.

``from apiway import APIGatewayRestResolver`` and declare routes with ``@app.get(...)``; a
request flows through a chain of stages (``app.pipeline``) around the router.
"""

__version__ = "0.1.0"

import sys

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
    "PipelineRequest": "apiway.request",
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
    "PipelineRequest",
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


def lazy_attributes(
    module: str, exports: "dict[str, str]", names: "list[str]", submodules: "tuple[str, ...]" = ()
) -> "tuple[Callable[[str], object], Callable[[], list[str]]]":
    """A module's ``__getattr__`` and ``__dir__`` (PEP 562) for names imported on first use.

    ``exports`` maps a name to the module defining it (``"pkg.mod"``, or ``"pkg.mod:other"``
    when it is defined under another name); ``submodules`` are loaded on first access as
    attributes. perf: what a module re-exports costs nothing until a name is used.
    """

    def attribute(name: str) -> object:
        target = exports.get(name)
        if target is not None:
            source, _, defined_as = target.partition(":")
            value = getattr(__import__(source, fromlist=["_"]), defined_as or name)
            setattr(sys.modules[module], name, value)
            return value
        if name in submodules:
            return __import__(f"{module}.{name}", fromlist=["_"])
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    def listing() -> "list[str]":
        return sorted({*names, *submodules})

    return attribute, listing


__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, __all__, _SUBMODULES)

#: The type of ``list[int]``, which Python 3.10 counts as a class (``isinstance(list[int], type)``).
_GENERIC_ALIAS = type(list[int])


def is_class(value: object) -> "TypeGuard[type]":
    """A class, not a parametrized builtin such as ``list[int]`` (a class to Python 3.10's
    ``isinstance``, which ``issubclass`` then refuses)."""
    return isinstance(value, type) and type(value) is not _GENERIC_ALIAS


TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeGuard

    from apiway import content_types as content_types
    from apiway.cookies import Cookie as Cookie
    from apiway.cookies import SameSite as SameSite
    from apiway.cors import CORSConfig as CORSConfig
    from apiway.depends import DependencyResolutionError as DependencyResolutionError
    from apiway.depends import Depends as Depends
    from apiway.generic import ApiGatewayResolver as ApiGatewayResolver
    from apiway.generic import ProxyEventType as ProxyEventType
    from apiway.pipeline import Pipeline as Pipeline
    from apiway.request import PipelineRequest as PipelineRequest
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

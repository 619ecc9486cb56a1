"""The names code written for Powertools imports from ``...event_handler.vpc_lattice``.

The resolvers live in :mod:`apiway.sources.vpc_lattice` (and ``apiway`` exports them too);
each name loads its own module on first use, so this module costs nothing at cold start.
"""

_EXPORTS = {
    "VPCLatticeResolver": "apiway.sources.vpc_lattice",
    "VPCLatticeV2Resolver": "apiway.sources.vpc_lattice",
    "ApiGatewayResolver": "apiway.generic",
    "ProxyEventType": "apiway.generic",
}

__all__ = [
    "ApiGatewayResolver",
    "ProxyEventType",
    "VPCLatticeResolver",
    "VPCLatticeV2Resolver",
]


def __getattr__(name: str) -> object:
    # perf: imported on first use, so that importing this module costs nothing.
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'apiway.vpc_lattice' has no attribute {name!r}")
    value = getattr(__import__(module, fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> "list[str]":
    return __all__


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.generic import ApiGatewayResolver, ProxyEventType
    from apiway.sources.vpc_lattice import VPCLatticeResolver, VPCLatticeV2Resolver

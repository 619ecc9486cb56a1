"""The names code written for Powertools imports from ``...event_handler.vpc_lattice``.

The resolvers live in :mod:`apiway.sources.vpc_lattice` (and ``apiway`` exports them too);
each name loads its own module on first use, so this module costs nothing at cold start.
"""

from apiway import lazy_attributes

# perf: imported on first use, so that importing this module costs nothing.
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


__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, __all__)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.generic import ApiGatewayResolver, ProxyEventType
    from apiway.sources.vpc_lattice import VPCLatticeResolver, VPCLatticeV2Resolver

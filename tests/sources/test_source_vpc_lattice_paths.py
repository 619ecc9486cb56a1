"""The VPC Lattice resolvers under every name Powertools users reach them by."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from support.events import LATTICE, LATTICE_V2, EventSource


def test_the_module_path_exports_the_package_resolvers() -> None:
    import apiway.vpc_lattice

    assert apiway.vpc_lattice.VPCLatticeResolver is apiway.VPCLatticeResolver
    assert apiway.vpc_lattice.VPCLatticeV2Resolver is apiway.VPCLatticeV2Resolver
    assert {"VPCLatticeResolver", "VPCLatticeV2Resolver"} <= set(apiway.vpc_lattice.__all__)
    assert {"VPCLatticeResolver", "VPCLatticeV2Resolver"} <= set(dir(apiway))


def test_the_module_path_has_what_the_powertools_module_has() -> None:
    pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
    import inspect

    from aws_lambda_powertools.event_handler import vpc_lattice

    import apiway.vpc_lattice

    names = {name for name, value in vars(vpc_lattice).items() if inspect.isclass(value)}
    assert names == {"ApiGatewayResolver", "ProxyEventType", "VPCLatticeResolver", "VPCLatticeV2Resolver"}
    assert names <= set(apiway.vpc_lattice.__all__)


def test_importing_the_module_path_loads_no_other_source() -> None:
    code = (
        "import sys\nfrom apiway.vpc_lattice import VPCLatticeV2Resolver\n"
        "print(sorted(m for m in sys.modules if m.startswith('apiway.sources')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['apiway.sources', 'apiway.sources.vpc_lattice']"


def _answer(app: Any, source: EventSource) -> dict[str, Any]:
    @app.get("/hello")
    def hello() -> dict[str, Any]:
        return {"event": type(app.current_event).__name__}

    return source.request(app, "GET", "/hello")


@pytest.mark.parametrize(
    ("proxy_type", "source", "event_class"),
    [
        ("VPCLatticeEvent", LATTICE, "VPCLatticeEvent"),
        ("VPCLatticeEventV2", LATTICE_V2, "VPCLatticeEventV2"),
    ],
)
def test_api_gateway_resolver_takes_the_lattice_proxy_types(
    proxy_type: str, source: EventSource, event_class: str
) -> None:
    from apiway import ApiGatewayResolver, ProxyEventType

    app = ApiGatewayResolver(proxy_type=getattr(ProxyEventType, proxy_type))
    response = _answer(app, source)
    assert response["statusDescription"] == "200 OK"
    assert response["body"] == f'{{"event":"{event_class}"}}'


def test_api_gateway_resolver_takes_the_powertools_enum() -> None:
    pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
    from aws_lambda_powertools.event_handler.api_gateway import ProxyEventType

    from apiway import ApiGatewayResolver

    app = ApiGatewayResolver(proxy_type=ProxyEventType.VPCLatticeEventV2)
    assert _answer(app, LATTICE_V2)["body"] == '{"event":"VPCLatticeEventV2"}'


def test_unknown_proxy_type_lists_the_lattice_ones() -> None:
    from apiway import ApiGatewayResolver

    with pytest.raises(ValueError, match="VPCLatticeEvent, VPCLatticeEventV2"):
        ApiGatewayResolver(proxy_type="VPCLattice")

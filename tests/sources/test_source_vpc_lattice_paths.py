"""The VPC Lattice resolvers under every name Powertools users reach them by."""

from __future__ import annotations

import subprocess
import sys

import pytest


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

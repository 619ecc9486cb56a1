"""The event classes under the module paths Powertools users import them from.

``aws_lambda_powertools.utilities.data_classes[.api_gateway_proxy_event | .alb_event |
.lambda_function_url_event | .vpc_lattice | .common]`` become ``apiway.events[...]``; the
alias modules load only when imported (``vpc_lattice`` is where the VPC Lattice views live).
(tests/compat/test_compat_event_views.py checks that they export every class the Powertools
modules do.)
"""

from __future__ import annotations

import subprocess
import sys

import pytest

ALIASES = {
    "apiway.events.api_gateway_proxy_event": [
        "APIGatewayProxyEvent",
        "APIGatewayEventRequestContext",
        "APIGatewayEventAuthorizer",
        "APIGatewayProxyEventV2",
        "RequestContextV2",
        "RequestContextV2Authorizer",
        "RequestContextV2AuthorizerIam",
        "BaseRequestContext",
        "BaseRequestContextV2",
        "BaseProxyEvent",
        "DictWrapper",
        "CaseInsensitiveDict",
    ],
    "apiway.events.alb_event": ["ALBEvent", "ALBEventRequestContext", "BaseProxyEvent", "DictWrapper"],
    "apiway.events.lambda_function_url_event": ["LambdaFunctionUrlEvent", "APIGatewayProxyEventV2"],
    "apiway.events.vpc_lattice": [
        "VPCLatticeEvent",
        "VPCLatticeEventBase",
        "VPCLatticeEventV2",
        "vpcLatticeEventV2Identity",
        "vpcLatticeEventV2RequestContext",
        "BaseProxyEvent",
        "DictWrapper",
        "CaseInsensitiveDict",
    ],
    "apiway.events.common": [
        "APIGatewayEventIdentity",
        "RequestContextClientCert",
        "BaseRequestContext",
        "BaseRequestContextV2",
        "RequestContextV2Http",
        "BaseProxyEvent",
        "DictWrapper",
        "CaseInsensitiveDict",
    ],
}


@pytest.mark.parametrize("module", sorted(ALIASES))
def test_alias_module_exports_the_same_objects(module: str) -> None:
    import importlib

    import apiway.events
    from apiway.headers import CaseInsensitiveDict

    alias = importlib.import_module(module)
    for name in ALIASES[module]:
        expected = CaseInsensitiveDict if name == "CaseInsensitiveDict" else getattr(apiway.events, name)
        assert getattr(alias, name) is expected, name
        assert name in alias.__all__


def test_package_names_resolve_and_unknown_names_fail_clearly() -> None:
    import apiway.events

    for name in apiway.events.__all__:
        assert getattr(apiway.events, name).__name__ == name
    with pytest.raises(AttributeError, match="no attribute 'SQSEvent'"):
        _ = apiway.events.SQSEvent


def test_importing_the_package_loads_no_event_module() -> None:
    code = (
        "import sys, apiway.events\n"
        "from apiway.events import APIGatewayProxyEvent\n"
        "print(sorted(m for m in sys.modules if m.startswith('apiway.events')))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # The REST view and what it builds on; no alias module, no other source's view.
    assert loaded.strip() == "['apiway.events', 'apiway.events.base', 'apiway.events.rest']"

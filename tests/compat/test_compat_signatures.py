"""The keywords of the resolvers, the route decorators and the OpenAPI methods: the Powertools
names, in the Powertools order, with the Powertools defaults (apiway's own extra keywords come
after them)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")

import apiway
from apiway.router import Router

RESOLVERS = [
    "APIGatewayRestResolver",
    "APIGatewayHttpResolver",
    "ALBResolver",
    "LambdaFunctionUrlResolver",
    "VPCLatticeResolver",
    "VPCLatticeV2Resolver",
    "ApiGatewayResolver",
]
DECORATORS = ["route", "get", "post", "put", "patch", "delete", "head"]
OPENAPI_METHODS = ["get_openapi_schema", "get_openapi_json_schema", "configure_openapi", "enable_swagger"]
#: Keywords whose default differs on purpose (docs/migrating.md).
DIFFERENT_DEFAULTS = {("ALBResolver", "decode_query_parameters")}


def parameters(function: Any) -> list[tuple[str, Any, str]]:
    """(name, default, kind) of each parameter but ``self``."""
    return [
        (name, parameter.default, parameter.kind.name)
        for name, parameter in inspect.signature(function).parameters.items()
        if name != "self"
    ]


def reference(name: str) -> Any:
    from aws_lambda_powertools import event_handler
    from aws_lambda_powertools.event_handler import api_gateway

    return getattr(event_handler, name, None) or getattr(api_gateway, name)


def assert_same_leading(
    mine: list[tuple[str, Any, str]], theirs: list[tuple[str, Any, str]], owner: str
) -> None:
    assert [name for name, _, _ in mine[: len(theirs)]] == [name for name, _, _ in theirs]
    for (name, default, kind), (_, their_default, their_kind) in zip(mine, theirs, strict=False):
        assert kind == their_kind, name
        if (owner, name) not in DIFFERENT_DEFAULTS:
            assert default == their_default, name


@pytest.mark.parametrize("name", RESOLVERS)
def test_resolver_keywords(name: str) -> None:
    theirs = parameters(reference(name).__init__)
    if name != "ApiGatewayResolver":
        # Powertools' concrete resolvers inherit ApiGatewayResolver's proxy_type (and ignore it).
        theirs = [item for item in theirs if item[0] != "proxy_type"]
    mine = parameters(getattr(apiway, name).__init__)
    # Up to json_body_deserializer the same order; after it apiway's own propagate_exceptions,
    # then the source's own keywords (ALB's), each as Powertools names and defaults them.
    shared = [item[0] for item in theirs].index("json_body_deserializer") + 1
    assert_same_leading(mine[:shared], theirs[:shared], name)
    assert mine[shared][0] == "propagate_exceptions"
    assert_same_leading(mine[shared + 1 :], theirs[shared:], name)
    assert len(mine) == len(theirs) + 1


@pytest.mark.parametrize("method", DECORATORS)
@pytest.mark.parametrize("owner", ["APIGatewayRestResolver", "Router"])
def test_route_decorator_keywords(owner: str, method: str) -> None:
    theirs = parameters(getattr(reference(owner), method))
    mine = parameters(getattr(apiway.APIGatewayRestResolver if owner != "Router" else Router, method))
    assert mine == theirs


@pytest.mark.parametrize("method", OPENAPI_METHODS)
def test_openapi_method_keywords(method: str) -> None:
    assert parameters(getattr(apiway.APIGatewayRestResolver, method)) == parameters(
        getattr(reference("APIGatewayRestResolver"), method)
    )

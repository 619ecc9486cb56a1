"""The mechanical import change: every module path users import from, and every name in it.

``aws_lambda_powertools.event_handler`` becomes ``apiway`` in each path. For each module pair
below, the names the Powertools module defines (or re-exports, where users import them from
it) must exist in the apiway module, and be the same kind of thing: a class, an exception,
the same constant. Names apiway deliberately does not provide are listed with the reason;
the test checks that they are indeed in Powertools and not in apiway, so the list stays true.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, TypeVar

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")

PT = "aws_lambda_powertools"

RESOLVERS_ONLY = "apiway routes HTTP events: the other Powertools resolvers are not part of it"
TYPE_VARIABLES = "type variables of Powertools' own generic classes"

#: (Powertools module, apiway module, names imported from it beyond those it defines,
#: names not provided with the reason)
MODULES: list[tuple[str, str, list[str], dict[str, str]]] = [
    (
        f"{PT}.event_handler",
        "apiway",
        [],
        {
            "AppSyncResolver": RESOLVERS_ONLY,
            "AppSyncEventsResolver": RESOLVERS_ONLY,
            "BedrockAgentResolver": RESOLVERS_ONLY,
            "BedrockAgentFunctionResolver": RESOLVERS_ONLY,
            "BedrockResponse": RESOLVERS_ONLY,
            "BedrockFunctionResponse": RESOLVERS_ONLY,
            "HttpResolver": RESOLVERS_ONLY,
            "HttpResolverLocal": RESOLVERS_ONLY,
        },
    ),
    (
        f"{PT}.event_handler.api_gateway",
        "apiway.api_gateway",
        [
            "content_types",
            "Cookie",
            "NotFoundError",
            "ResponseSizeExceededError",
            "ServiceError",
            "Request",
            "ALBEvent",
            "APIGatewayProxyEvent",
            "APIGatewayProxyEventV2",
            "BaseProxyEvent",
            "LambdaFunctionUrlEvent",
        ],
        {
            "BedrockResponse": RESOLVERS_ONLY,
            "ResponseBuilder": "Powertools' internal response builder: apiway's stages and event "
            "sources build responses",
            "ResponseEventT": TYPE_VARIABLES,
            "ResponseT": TYPE_VARIABLES,
        },
    ),
    (
        f"{PT}.event_handler.lambda_function_url",
        "apiway.lambda_function_url",
        ["ApiGatewayResolver", "ProxyEventType"],
        {},
    ),
    (
        f"{PT}.event_handler.vpc_lattice",
        "apiway.vpc_lattice",
        ["ApiGatewayResolver", "ProxyEventType"],
        {},
    ),
    (f"{PT}.event_handler.router", "apiway.router", ["Router"], {}),
    (f"{PT}.event_handler.exceptions", "apiway.exceptions", [], {}),
    (
        f"{PT}.event_handler.content_types",
        "apiway.content_types",
        ["APPLICATION_JSON", "TEXT_HTML", "TEXT_PLAIN"],
        {},
    ),
    (f"{PT}.event_handler.middlewares", "apiway.middlewares", [], {}),
    (f"{PT}.event_handler.middlewares.base", "apiway.middlewares.base", [], {}),
    (f"{PT}.event_handler.middlewares.schema_validation", "apiway.middlewares.schema_validation", [], {}),
    (
        f"{PT}.event_handler.depends",
        "apiway.depends",
        [],
        dict.fromkeys(
            ("DependencyParam", "DependencyTree", "build_dependency_tree", "solve_dependencies"),
            "Powertools' machinery for resolving Depends parameters, which apiway does not do "
            "(docs/migrating.md, Not supported)",
        ),
    ),
    (f"{PT}.event_handler.types", "apiway.types", [], {}),
    (f"{PT}.event_handler.request", "apiway.request", [], {}),
    (f"{PT}.shared.cookies", "apiway.cookies", [], {}),
    (
        f"{PT}.utilities.typing",
        "apiway.types",
        [],
        {"DurableContextProtocol": "the context of Lambda durable functions, which apiway does not run"},
    ),
]


def public_names(module: ModuleType) -> list[str]:
    """What the module offers: its ``__all__``, else the names it defines itself."""
    listed = getattr(module, "__all__", None)
    if listed is not None:
        return list(listed)
    return [
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
    ]


def kind(value: Any) -> str:
    if isinstance(value, ModuleType):
        return "module"
    if isinstance(value, TypeVar):
        return "type variable"
    if isinstance(value, type):
        return "exception class" if issubclass(value, BaseException) else "class"
    if isinstance(value, str):
        return f"constant {value!r}"
    return type(value).__name__


PAIRS = [pytest.param(*entry, id=entry[1]) for entry in MODULES]


@pytest.mark.parametrize(("theirs", "ours", "imported", "not_provided"), PAIRS)
def test_every_name_users_import_exists_and_is_the_same_kind(
    theirs: str, ours: str, imported: list[str], not_provided: dict[str, str]
) -> None:
    reference, apiway_module = importlib.import_module(theirs), importlib.import_module(ours)
    names = sorted({*public_names(reference), *imported} - set(not_provided))
    assert names
    missing = [name for name in names if not hasattr(apiway_module, name)]
    assert not missing, f"{ours} lacks {missing}"
    kinds = {name: (kind(getattr(apiway_module, name)), kind(getattr(reference, name))) for name in names}
    assert {name: k for name, k in kinds.items() if k[0] != k[1]} == {}


@pytest.mark.parametrize(("theirs", "ours", "imported", "not_provided"), PAIRS)
def test_names_not_provided_are_powertools_names_apiway_lacks(
    theirs: str, ours: str, imported: list[str], not_provided: dict[str, str]
) -> None:
    reference, apiway_module = importlib.import_module(theirs), importlib.import_module(ours)
    for name, reason in not_provided.items():
        assert hasattr(reference, name), f"{name} is not in {theirs}: drop it from the list"
        assert not hasattr(apiway_module, name), f"{ours} has {name}: drop it from the list ({reason})"


def test_exceptions_keep_their_hierarchy() -> None:
    from aws_lambda_powertools.event_handler import exceptions as reference

    from apiway import exceptions

    for name in public_names(reference):
        ours, theirs = getattr(exceptions, name), getattr(reference, name)
        bases = {base.__name__ for base in theirs.__mro__ if base.__module__ == reference.__name__}
        assert bases <= {base.__name__ for base in ours.__mro__}, name

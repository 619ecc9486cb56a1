"""``ApiGatewayResolver``: one resolver class whose event source is picked with ``proxy_type``.

For every ``ProxyEventType``, given as apiway's name, as the plain string or as the member of
the Powertools enum, the resolver must answer each sample event of that source exactly as the
source's own resolver does, with the same typed ``current_event``.
"""

from __future__ import annotations

from typing import Any

import pytest

from apiway import ApiGatewayResolver, ProxyEventType
from apiway.exceptions import NotFoundError
from support.events import ALL_SOURCES, EventSource, each_source, load_event

#: The proxy type of each source of support.events (ALB in both header modes is one type).
PROXY_TYPES = {
    "rest": "APIGatewayProxyEvent",
    "http": "APIGatewayProxyEventV2",
    "function_url": "LambdaFunctionUrlEvent",
    "alb": "ALBEvent",
    "alb_multi": "ALBEvent",
    "lattice": "VPCLatticeEvent",
    "lattice_v2": "VPCLatticeEventV2",
}
VALID = (
    "ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionUrlEvent, "
    "VPCLatticeEvent, VPCLatticeEventV2"
)


def routes(app: Any) -> Any:
    """The same routes on any resolver; each answer names the typed event the route saw."""

    @app.route(".+", method=["GET", "POST", "PUT", "PATCH", "DELETE"])
    def anything() -> dict[str, Any]:
        event = app.current_event
        return {"event": type(event).__name__, "path": event.path, "method": event.http_method}

    @app.get("/missing")
    def missing() -> dict[str, Any]:
        raise NotFoundError("nothing here")

    return app


def pairs() -> list[Any]:
    """(source, proxy_type) for every source and each way of naming its proxy type."""
    params = []
    for source in ALL_SOURCES:
        name = PROXY_TYPES[source.name]
        params.append(pytest.param(source, getattr(ProxyEventType, name), id=f"{source}-attribute"))
        params.append(pytest.param(source, name, id=f"{source}-string"))
    return params


def test_proxy_event_type_names_every_source() -> None:
    names = {name for name in vars(ProxyEventType) if not name.startswith("_")}
    assert names == set(PROXY_TYPES.values())
    assert all(getattr(ProxyEventType, name) == name for name in names)


@pytest.mark.parametrize(("source", "proxy_type"), pairs())
def test_each_proxy_type_answers_like_its_own_resolver(source: EventSource, proxy_type: Any) -> None:
    generic = routes(ApiGatewayResolver(proxy_type=proxy_type))
    concrete = routes(source.app())
    assert type(generic.source) is type(concrete.source)
    events = [
        load_event(source.sample),
        source.trailing_slash_event(),
        source.event("POST", "/todos", body='{"a": 1}'),
        source.event("GET", "/missing"),
        source.event("OPTIONS", "/missing"),
    ]
    for event in events:
        answer = source.call(generic, event)
        assert answer == source.call(concrete, event)
        assert type(generic.current_event) is type(concrete.current_event)


@each_source
def test_each_proxy_type_refuses_the_events_of_the_other_sources(source: EventSource) -> None:
    from apiway.exceptions import InvalidEventError

    app = routes(ApiGatewayResolver(proxy_type=PROXY_TYPES[source.name]))
    for other in ALL_SOURCES:
        if source.kind == other.kind:
            continue
        event = load_event(other.sample)
        try:
            concrete = routes(source.app()).resolve(event, None)
        except InvalidEventError as error:
            with pytest.raises(InvalidEventError) as raised:
                app.resolve(event, None)
            assert str(raised.value) == str(error)
        else:  # a source that reads another's event (REST and ALB share payload 1.0)
            assert app.resolve(event, None) == concrete


def test_without_a_proxy_type_it_is_a_rest_resolver() -> None:
    from apiway.sources.rest import RestApiSource

    assert type(ApiGatewayResolver().source) is RestApiSource
    assert type(ApiGatewayResolver(proxy_type=None).source) is RestApiSource


def test_the_other_options_reach_the_resolver() -> None:
    from apiway import CORSConfig

    cors = CORSConfig()
    app = ApiGatewayResolver(ProxyEventType.ALBEvent, cors, True, None, ["/v1"], True, 502, None, True)
    assert (app.cors, app.debug, app.strip_prefixes, app.propagate_exceptions) == (cors, True, ["/v1"], True)
    assert (app.enable_validation, app.response_validation_error_http_code) == (True, 502)


def powertools_members() -> list[Any]:
    try:
        from aws_lambda_powertools.event_handler.api_gateway import ProxyEventType as PowertoolsProxyEventType
    except ImportError:  # pragma: no cover - a dev dependency
        return [pytest.param(None, marks=pytest.mark.skip(reason="aws-lambda-powertools is not installed"))]
    return [pytest.param(member, id=member.name) for member in PowertoolsProxyEventType]


@pytest.mark.parametrize("member", powertools_members())
def test_the_powertools_enum_members(member: Any) -> None:
    """Code written for Powertools passes its enum: each member apiway supports picks the same
    source as apiway's own name; the others are refused, listing the valid ones."""
    if member.value not in PROXY_TYPES.values():
        with pytest.raises(ValueError) as raised:
            ApiGatewayResolver(proxy_type=member)
        assert str(raised.value) == f"unsupported proxy_type {member!r}; use one of: {VALID}"
        return
    source = next(s for s in ALL_SOURCES if PROXY_TYPES[s.name] == member.value)
    app = routes(ApiGatewayResolver(proxy_type=member))
    assert type(app.source) is type(source.app().source)
    assert source.call(app, load_event(source.sample))["statusCode"] == 200


@pytest.mark.parametrize("proxy_type", ["VPCLattice", "apigatewayproxyevent", "BedrockAgentEvent", 3, object])
def test_an_unknown_proxy_type_is_refused_with_the_valid_ones(proxy_type: Any) -> None:
    with pytest.raises(ValueError) as raised:
        ApiGatewayResolver(proxy_type=proxy_type)
    assert str(raised.value) == f"unsupported proxy_type {proxy_type!r}; use one of: {VALID}"

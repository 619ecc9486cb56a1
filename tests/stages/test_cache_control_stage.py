"""The cache-control stage on its own."""

from __future__ import annotations

from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from apiway.registry import Route
from apiway.stages.cache_control import CacheControlStage


def cached_route() -> Route:
    return Route("GET", "/items", lambda: None, cache_control="max-age=100")


@pytest.mark.parametrize("status", [200, 201, 204, 299])
def test_success_gets_the_route_value(status: int, make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    request = make_request(app, route=cached_route())
    response = CacheControlStage().handle(request, fake_next(Response(status, body="")))
    assert response.headers["Cache-Control"] == "max-age=100"


@pytest.mark.parametrize("status", [301, 304, 400, 404, 500, 503])
def test_other_statuses_get_no_cache(status: int, make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    request = make_request(app, route=cached_route())
    response = CacheControlStage().handle(request, fake_next(Response(status, body="")))
    assert response.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("key", ["Cache-Control", "cache-control"])
def test_handler_value_is_left_alone(key: str, make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    request = make_request(app, route=cached_route())
    answer = Response(200, body="", headers={key: "private, max-age=5"})
    response = CacheControlStage().handle(request, fake_next(answer))
    assert response.headers == {key: "private, max-age=5"}


def test_routes_without_cache_control_are_untouched(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    plain = Route("GET", "/items", lambda: None)
    for route in (plain, None):
        response = CacheControlStage().handle(
            make_request(app, route=route), fake_next(Response(500, body=""))
        )
        assert response.headers == {}


def test_enabled_only_when_a_route_sets_it() -> None:
    app = APIGatewayRestResolver()

    @app.get("/plain")
    def plain() -> dict[str, str]:
        return {}

    stage = CacheControlStage()
    assert not stage.enabled(app)

    @app.get("/cached", cache_control="max-age=1")
    def cached() -> dict[str, str]:
        return {}

    assert stage.enabled(app)
    assert stage.applies_to(app.routes[1])
    assert not stage.applies_to(app.routes[0])

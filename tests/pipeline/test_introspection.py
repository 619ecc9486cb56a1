"""``route_chains``: what each route runs through, as data; ``describe()`` prints the same."""

from __future__ import annotations

from typing import Any

from apiway import APIGatewayRestResolver, CORSConfig, Router
from apiway.introspection import chain_stages, route_chains


def mw(name: str) -> Any:
    def middleware(app: Any, next_middleware: Any) -> Any:
        return next_middleware(app)

    middleware.__name__ = name
    return middleware


def build_app() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver(cors=CORSConfig())
    app.use([mw("everywhere")])

    @app.get("/plain", cors=False)
    def plain() -> dict[str, str]:
        return {}

    @app.get("/fancy", compress=True, cache_control="max-age=5", middlewares=[mw("route_only")])
    def fancy() -> dict[str, str]:
        return {}

    router = Router()
    router.use([mw("router_wide")])

    @router.post("/items", middlewares=[mw("item_only")])
    def create_item() -> dict[str, str]:
        return {}

    app.include_router(router, prefix="/shop")
    return app


def summary(app: APIGatewayRestResolver) -> list[tuple[str, list[str], list[str]]]:
    return [(c.route.rule, c.stages, c.middleware_names) for c in route_chains(app)]


def test_stages_and_middlewares_per_route() -> None:
    assert summary(build_app()) == [
        ("/plain", ["binary", "serialization", "exceptions", "router"], ["everywhere"]),
        (
            "/fancy",
            ["binary", "compression", "cors", "cache_control", "serialization", "exceptions", "router"],
            ["everywhere", "route_only"],
        ),
        (
            "/shop/items",
            ["binary", "cors", "serialization", "exceptions", "router"],
            ["everywhere", "router_wide", "item_only"],
        ),
    ]


def test_the_same_before_and_after_the_chain_is_built() -> None:
    app = build_app()
    before, left_out = chain_stages(app)
    assert left_out == ["debug", "prefix", "validation"]
    unbuilt = summary(app)
    app.build()
    after, left_out_after = chain_stages(app)
    assert [s.name for s in before] == [s.name for s in after] and left_out == left_out_after
    assert summary(app) == unbuilt


def test_for_some_routes_and_describe_prints_them() -> None:
    app = build_app()
    (chain,) = route_chains(app, [app.routes[1]])
    assert repr(chain).startswith("<RouteChain GET /fancy: binary -> compression")
    described = app.describe("GET /fancy").splitlines()
    path = [*chain.stages, *(f"middleware:{name}" for name in chain.middleware_names), "fancy"]
    assert described[1] == "  runs through: " + " -> ".join(path)
    assert "middlewares=[everywhere, route_only]" in described[0]

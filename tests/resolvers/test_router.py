"""Router: routes declared apart and included into a resolver."""

from __future__ import annotations

from typing import Any

import pytest

from apiway import APIGatewayHttpResolver, APIGatewayRestResolver, Response, Router
from apiway.exceptions import RouteError
from support.events import rest_call
from support.responses import json_body


def users_router() -> Router:
    router = Router()

    @router.get("/")
    def list_users() -> list[str]:
        return ["ann"]

    @router.get("/<user_id>")
    def get_user(user_id: str) -> dict[str, str]:
        return {"id": user_id}

    @router.route("/<user_id>", method=["PUT", "PATCH"])
    def update_user(user_id: str) -> dict[str, str]:
        return {"updated": user_id}

    return router


@pytest.mark.parametrize("prefix", ["/users", "/users/"])
def test_include_with_prefix(prefix: str) -> None:
    app = APIGatewayRestResolver()
    app.include_router(users_router(), prefix=prefix)
    assert sorted(f"{route.method} {route.rule}" for route in app.routes) == [
        "GET /users",
        "GET /users/<user_id>",
        "PATCH /users/<user_id>",
        "PUT /users/<user_id>",
    ]
    assert json_body(rest_call(app, "GET", "/users")) == ["ann"]
    assert json_body(rest_call(app, "GET", "/users/")) == ["ann"]
    assert json_body(rest_call(app, "GET", "/users/7")) == {"id": "7"}
    assert json_body(rest_call(app, "PATCH", "/users/7")) == {"updated": "7"}
    assert rest_call(app, "GET", "/")["statusCode"] == 404


def test_include_without_prefix() -> None:
    app = APIGatewayRestResolver()
    app.include_router(users_router())
    assert json_body(rest_call(app, "GET", "/")) == ["ann"]
    assert json_body(rest_call(app, "GET", "/3")) == {"id": "3"}


@pytest.mark.parametrize("prefix", ["users", 42])
def test_prefix_must_be_a_path(prefix: Any) -> None:
    with pytest.raises(ValueError, match="must start with '/'"):
        APIGatewayRestResolver().include_router(users_router(), prefix=prefix)


def test_route_added_to_the_router_after_include_reaches_the_app() -> None:
    app = APIGatewayRestResolver()
    router = users_router()
    app.include_router(router, prefix="/users")

    @router.delete("/<user_id>")
    def delete_user(user_id: str) -> dict[str, str]:
        return {"deleted": user_id}

    assert json_body(rest_call(app, "DELETE", "/users/5")) == {"deleted": "5"}


@pytest.mark.parametrize("prefix", ["/orders", "/orders/"])
def test_empty_rule_is_the_prefix_itself(prefix: str) -> None:
    router = Router()

    @router.post("")
    def create_order() -> tuple[dict[str, str], int]:
        return {"created": "order"}, 201

    @router.get("<order_id>")
    def get_order(order_id: str) -> dict[str, str]:
        return {"id": order_id}

    app = APIGatewayRestResolver()
    app.include_router(router, prefix=prefix)
    assert sorted(f"{route.method} {route.rule}" for route in app.routes) == [
        "GET /orders/<order_id>",
        "POST /orders",
    ]
    assert rest_call(app, "POST", "/orders")["statusCode"] == 201
    assert rest_call(app, "POST", "/orders/")["statusCode"] == 201
    assert json_body(rest_call(app, "GET", "/orders/9")) == {"id": "9"}


def test_empty_rule_without_a_prefix_is_the_root() -> None:
    router = Router()
    router.get("")(lambda: {"root": True})
    app = APIGatewayRestResolver()
    app.include_router(router)
    assert json_body(rest_call(app, "GET", "/")) == {"root": True}


def test_empty_rule_on_a_resolver_is_refused() -> None:
    # A resolver's rules are absolute: "" would be a path no request has.
    with pytest.raises(RouteError):
        APIGatewayRestResolver().get("")(dict)


@pytest.mark.parametrize(
    ("router_class", "resolver_class", "event_class"),
    [
        ("APIGatewayRouter", "APIGatewayRestResolver", "APIGatewayProxyEvent"),
        ("APIGatewayHttpRouter", "APIGatewayHttpResolver", "APIGatewayProxyEventV2"),
        ("ALBRouter", "ALBResolver", "ALBEvent"),
        ("LambdaFunctionUrlRouter", "LambdaFunctionUrlResolver", "LambdaFunctionUrlEvent"),
    ],
)
def test_typed_routers_are_routers_for_one_source(
    router_class: str, resolver_class: str, event_class: str
) -> None:
    import apiway
    import apiway.events
    import apiway.router
    from support.events import ALL_SOURCES

    router = getattr(apiway.router, router_class)()
    assert isinstance(router, Router)

    @router.get("/whoami")
    def whoami() -> dict[str, str]:
        return {"event": type(router.current_event).__name__}

    source = next(s for s in ALL_SOURCES if s.resolver.__name__ == resolver_class)
    app = getattr(apiway, resolver_class)()
    app.include_router(router, prefix="/me")
    response = source.request(app, "GET", "/me/whoami")
    assert json_body(response) == {"event": event_class}
    assert isinstance(router.current_event, getattr(apiway.events, event_class))


def test_bad_rule_is_refused_on_the_router() -> None:
    router = Router()
    with pytest.raises(RouteError):
        router.get("/a//b")(dict)


def test_router_exception_handlers_are_merged() -> None:
    class Conflict(Exception):
        pass

    router = Router()

    @router.exception_handler(Conflict)
    def on_conflict(error: Conflict) -> Response:
        return Response(409, "text/plain", "conflict")

    @router.get("/r")
    def from_router() -> None:
        raise Conflict()

    app = APIGatewayRestResolver()

    @app.get("/a")
    def from_app() -> None:
        raise Conflict()

    app.include_router(router)
    assert rest_call(app, "GET", "/r")["statusCode"] == 409
    # Handlers are the resolver's once merged: they apply to its own routes too.
    assert rest_call(app, "GET", "/a")["statusCode"] == 409


def test_router_middlewares_are_scoped_to_its_routes() -> None:
    log: list[str] = []

    def scoped(app: Any, next_middleware: Any) -> Any:
        log.append(app.current_event.path)
        return next_middleware(app)

    router = Router()
    router.use(middlewares=[scoped])

    @router.get("/inside")
    def inside() -> dict[str, str]:
        return {}

    app = APIGatewayRestResolver()

    @app.get("/outside")
    def outside() -> dict[str, str]:
        return {}

    app.include_router(router, prefix="/r")
    rest_call(app, "GET", "/outside")
    rest_call(app, "GET", "/nope")
    assert log == []
    rest_call(app, "GET", "/r/inside")
    assert log == ["/r/inside"]


def test_router_and_route_middlewares_order() -> None:
    log: list[str] = []

    def named(name: str) -> Any:
        def middleware(app: Any, next_middleware: Any) -> Any:
            log.append(name)
            return next_middleware(app)

        return middleware

    router = Router()
    router.use(middlewares=[named("router")])

    @router.get("/x", middlewares=[named("route")])
    def x() -> dict[str, str]:
        log.append("handler")
        return {}

    app = APIGatewayRestResolver()
    app.use(middlewares=[named("app")])
    app.include_router(router)
    rest_call(app, "GET", "/x")
    assert log == ["app", "router", "route", "handler"]


def test_router_current_event_is_the_apps_during_a_request() -> None:
    router = Router()

    @router.get("/whoami")
    def whoami() -> dict[str, Any]:
        return {"path": router.current_event.path, "same": router.current_event is app.current_event}

    app = APIGatewayRestResolver()
    app.include_router(router)
    assert json_body(rest_call(app, "GET", "/whoami")) == {"path": "/whoami", "same": True}


def test_router_current_event_outside_any_app_raises() -> None:
    with pytest.raises(RuntimeError, match="included into a resolver"):
        _ = Router().current_event


def test_router_included_into_two_apps_sees_the_active_one() -> None:
    router = Router()

    @router.get("/source")
    def source() -> dict[str, str]:
        return {"kind": type(router.current_event).__name__}

    rest = APIGatewayRestResolver()
    http = APIGatewayHttpResolver()
    rest.include_router(router)
    http.include_router(router)
    assert json_body(rest_call(rest, "GET", "/source")) == {"kind": "APIGatewayProxyEvent"}
    http_event = {
        "version": "2.0",
        "rawPath": "/source",
        "requestContext": {"http": {"method": "GET", "path": "/source"}, "stage": "$default"},
    }
    assert json_body(http.resolve(http_event, None)) == {"kind": "APIGatewayProxyEventV2"}


def test_router_context_is_the_apps_request_context() -> None:
    router = Router()

    @router.get("/ctx")
    def ctx() -> dict[str, Any]:
        router.append_context(from_router=True)
        return dict(app.context)

    app = APIGatewayRestResolver()

    def tag(app_: Any, next_middleware: Any) -> Any:
        app_.append_context(from_app=True)
        return next_middleware(app_)

    app.use(middlewares=[tag])
    app.include_router(router)
    assert json_body(rest_call(app, "GET", "/ctx")) == {"from_app": True, "from_router": True}
    assert app.context == {}


def test_router_context_set_before_include_reaches_the_first_request() -> None:
    router = Router()
    router.append_context(db="primary")

    @router.get("/ctx")
    def ctx() -> dict[str, Any]:
        return dict(router.context)

    app = APIGatewayRestResolver()
    app.include_router(router)
    assert json_body(rest_call(app, "GET", "/ctx")) == {"db": "primary"}
    assert json_body(rest_call(app, "GET", "/ctx")) == {}

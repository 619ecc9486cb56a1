"""Typed routes registered on a resolver: what cannot work fails at the decorator, naming the
route and the parameter; the route options and resolver settings are checked where given.

No ``from __future__ import annotations``: handlers defined inside tests name local classes.
"""

import dataclasses
from http import HTTPStatus
from typing import Annotated, Any

import pytest

from apiway import APIGatewayRestResolver, Depends, Router
from apiway.exceptions import RouteError
from apiway.openapi.params import Path, Query
from apiway.validation import AnnotationError


class Opaque:
    """A class the validation engine has no rule for."""


@dataclasses.dataclass
class Item:
    name: str


def test_an_unsupported_type_fails_at_the_decorator() -> None:
    app = APIGatewayRestResolver(enable_validation=True)
    with pytest.raises(AnnotationError, match=r"^route GET /things/<thing_id>, parameter 'thing'") as raised:

        @app.get("/things/<thing_id>")
        def get_thing(thing_id: int, thing: Opaque) -> dict:
            return {}

    assert "Opaque" in str(raised.value)
    assert app.routes == []  # the route was not registered


@pytest.mark.parametrize(
    ("rule", "handler_source", "says"),
    [
        (
            "/things",
            "def handler(thing_id: Annotated[int, Path()]) -> dict: ...",
            "parameter 'thing_id': Path() names 'thing_id', which the rule does not have",
        ),
        (
            "/things",
            "def handler(limit: Annotated[int, Query(ge=5)] = 1) -> dict: ...",
            "parameter 'limit'",
        ),
        (
            "/things/<thing_id>",
            "def handler(ident: int) -> dict: ...",
            "the rule parameter 'thing_id' is not a parameter of the handler",
        ),
        (
            "/things",
            "def handler() -> Opaque: ...",
            "return annotation",
        ),
    ],
    ids=["path-not-in-rule", "default-breaks-constraint", "rule-parameter-not-taken", "return-type"],
)
def test_malformed_annotations_fail_at_registration(rule: str, handler_source: str, says: str) -> None:
    namespace: dict[str, Any] = {"Annotated": Annotated, "Path": Path, "Query": Query, "Opaque": Opaque}
    exec(handler_source, namespace)
    app = APIGatewayRestResolver(enable_validation=True)
    with pytest.raises(AnnotationError) as raised:
        app.get(rule)(namespace["handler"])
    assert str(raised.value).startswith(f"route GET {rule}")
    assert says in str(raised.value)


def test_a_route_turning_validation_on_is_compiled_at_registration() -> None:
    app = APIGatewayRestResolver()
    with pytest.raises(AnnotationError, match="route POST /things, parameter 'thing'"):

        @app.post("/things", enable_validation=True)
        def create(thing: Opaque) -> dict:
            return {}


def test_annotations_are_not_read_where_validation_is_off() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.get("/things/<thing_id>", enable_validation=False)
    def get_thing(thing_id: Opaque) -> Opaque:  # as Powertools: no validation, nothing read
        return {"id": thing_id}  # type: ignore[return-value]

    plain = APIGatewayRestResolver()
    plain.get("/things/<thing_id>")(get_thing)
    for each in (app, plain):
        response = each.resolve({"httpMethod": "GET", "path": "/things/7", "requestContext": {}}, None)
        assert (response["statusCode"], response["body"]) == (200, '{"id":"7"}')


def test_a_router_route_fails_when_included() -> None:
    router = Router()

    @router.get("/things")
    def list_things(thing: Opaque) -> dict:
        return {}

    app = APIGatewayRestResolver(enable_validation=True)
    with pytest.raises(AnnotationError, match=r"route GET /v1/things, parameter 'thing'"):
        app.include_router(router, prefix="/v1")


def test_an_injecting_route_without_validation_fails_when_the_chain_is_built() -> None:
    def tenant() -> str:
        return "t"

    app = APIGatewayRestResolver()

    @app.get("/things/<thing_id>")
    def get_thing(who: Annotated[str, Depends(tenant)]) -> dict:
        return {}

    with pytest.raises(AnnotationError, match=r"route GET /things/<thing_id>: the rule parameter 'thing_id'"):
        app.build()


# -- route options and resolver settings ---------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"tags": "items"}, "tags must be a list of strings"),
        ({"include_in_schema": "no"}, "include_in_schema must be True or False"),
        ({"deprecated": 1}, "deprecated must be True or False"),
        ({"enable_validation": "yes"}, "enable_validation must be True, False or None"),
        ({"summary": 3}, "summary must be a string"),
        ({"responses": {200: "ok"}}, "responses must map status codes to OpenAPI response dicts"),
        ({"security": {"key": []}}, "security must be a list of requirement dicts"),
        ({"openapi_extensions": ["x"]}, "openapi_extensions must be a dict"),
        ({"custom_response_validation_http_code": 999}, "must be an HTTP status code"),
        ({"custom_response_validation_http_code": True}, "must be an HTTP status code"),
    ],
)
def test_route_options_are_checked_at_the_decorator(options: dict[str, Any], says: str) -> None:
    app = APIGatewayRestResolver(enable_validation=True)
    with pytest.raises(RouteError, match=f"^route GET /things: .*{says}"):
        app.get("/things", **options)


def test_a_response_status_needs_validation_on_for_the_route() -> None:
    app = APIGatewayRestResolver()
    with pytest.raises(RouteError, match="custom_response_validation_http_code is the status of responses"):

        @app.get("/things", custom_response_validation_http_code=418)
        def things() -> dict:
            return {}

    @app.get("/things", custom_response_validation_http_code=HTTPStatus.IM_A_TEAPOT, enable_validation=True)
    def validated() -> dict:
        return {}

    assert app.routes[0].options == {"custom_response_validation_http_code": 418, "enable_validation": True}


def test_options_at_their_defaults_store_nothing() -> None:
    app = APIGatewayRestResolver()

    @app.get("/things", response_description="Successful Response", include_in_schema=True, deprecated=False)
    def things() -> dict:
        return {}

    assert app.routes[0].options is None


def test_resolver_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="needs enable_validation=True"):
        APIGatewayRestResolver(response_validation_error_http_code=500)
    with pytest.raises(ValueError, match="must be an HTTP status code"):
        APIGatewayRestResolver(enable_validation=True, response_validation_error_http_code=1000)
    with pytest.raises(TypeError, match="enable_validation must be True or False"):
        APIGatewayRestResolver(enable_validation="yes")  # type: ignore[arg-type]
    app = APIGatewayRestResolver(
        enable_validation=True, response_validation_error_http_code=HTTPStatus.BAD_GATEWAY
    )
    assert (app.enable_validation, app.response_validation_error_http_code) == (True, 502)
    assert type(app.response_validation_error_http_code) is int


def test_router_options_travel_to_the_resolver() -> None:
    router = Router()

    @router.post("/items", summary="Create", tags=["items"], status_code=201, enable_validation=True)
    def create(item: Item) -> Item:
        return item

    app = APIGatewayRestResolver()
    app.include_router(router, prefix="/v1")
    route = app.routes[0]
    assert route.options == {"summary": "Create", "tags": ["items"], "enable_validation": True}
    assert route.status_code == 201
    event = {
        "httpMethod": "POST",
        "path": "/v1/items",
        "body": '{"name": "a", "price": 1}',
        "requestContext": {},
    }
    assert app.resolve(event, None)["statusCode"] == 201
    assert route.plan is not None

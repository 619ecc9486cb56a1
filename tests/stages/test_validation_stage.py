"""The validation stage: when it is in the chain, the calls it sets up, and what it answers.

No ``from __future__ import annotations``: handlers defined inside tests name local classes.
"""

import dataclasses
import functools
import json
import logging
from typing import Annotated, Any, Optional

import pytest

from apiway import APIGatewayRestResolver, Depends, Response, Router
from apiway.depends import DependencyResolutionError
from apiway.exceptions import RouteError, UnauthorizedError
from apiway.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
    SchemaValidationError,
)
from apiway.openapi.params import Query
from apiway.request import Request
from apiway.stages import takes_injections, validation_needed
from apiway.stages.validation import ValidationStage


@dataclasses.dataclass
class Item:
    name: str
    price: float


def post(app: Any, path: str, body: Any, **query: str) -> dict[str, Any]:
    event = {
        "httpMethod": "POST",
        "path": path,
        "headers": {"Content-Type": "application/json"},
        "queryStringParameters": query or None,
        "body": body if isinstance(body, str) else json.dumps(body),
        "requestContext": {},
    }
    return app.resolve(event, None)  # type: ignore[no-any-return]


def get(app: Any, path: str, **headers: str) -> dict[str, Any]:
    return app.resolve({"httpMethod": "GET", "path": path, "headers": headers, "requestContext": {}}, None)  # type: ignore[no-any-return]


def answer(response: dict[str, Any]) -> tuple[int, Any]:
    return response["statusCode"], json.loads(response["body"])


# -- in the chain only when a route needs it ---------------------------------------------------


def test_left_out_of_apps_without_typed_routes() -> None:
    app = APIGatewayRestResolver()

    @app.get("/todos/<todo_id>", summary="A todo", tags=["todos"])
    def get_todo(todo_id: str) -> dict[str, str]:
        return {"id": todo_id}

    assert not validation_needed(app)
    app.build()
    assert "validation" in app.pipeline.left_out
    assert app.routes[0].invoke is None


def test_in_the_chain_when_the_resolver_validates() -> None:
    app = APIGatewayRestResolver(enable_validation=True)
    assert validation_needed(app)
    app.build()
    assert app.pipeline.names()[-2:] == ["validation", "router"]


def test_in_the_chain_when_one_route_validates() -> None:
    app = APIGatewayRestResolver()

    @app.get("/plain")
    def plain() -> dict[str, str]:
        return {}

    @app.post("/items", enable_validation=True)
    def create(item: Item) -> Item:
        return item

    app.build()
    stage = app.pipeline["validation"]
    assert stage.applies_to(app.routes[1]) and not stage.applies_to(app.routes[0])
    assert answer(post(app, "/items", {"name": "a", "price": "2"})) == (200, {"name": "a", "price": 2.0})
    assert answer(post(app, "/items", {"name": "a"}))[0] == 422


def test_in_the_chain_for_a_dependency_or_the_request_without_validation() -> None:
    def tenant() -> str:
        return "t1"

    def with_dependency(who: Annotated[str, Depends(tenant)]) -> dict[str, str]:
        return {"who": who}

    def with_request(request: Request, name: str = "") -> dict[str, Any]:
        return {"route": request.route, "name": name}

    def unannotated(request=None):  # type: ignore[no-untyped-def]  # not a Request: nothing to inject
        return {}

    for handler, needed in ((with_dependency, True), (with_request, True), (unannotated, False)):
        app = APIGatewayRestResolver()
        app.get("/")(handler)
        assert validation_needed(app) is needed
    app = APIGatewayRestResolver()
    app.get("/things/<name>")(with_request)
    app.get("/tenant")(with_dependency)
    assert answer(get(app, "/things/a")) == (200, {"route": "/things/{name}", "name": "a"})
    assert answer(get(app, "/tenant")) == (200, {"who": "t1"})
    assert app.pipeline["validation"].describe()["injected_routes"] == 2


def test_a_route_with_validation_off_on_a_validating_app_is_not_validated() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.get("/raw/<number>", enable_validation=False)
    def raw(number: int) -> Item:
        return {"number": number, "kind": type(number).__name__}  # type: ignore[return-value]

    assert answer(get(app, "/raw/x")) == (200, {"number": "x", "kind": "str"})
    assert not app.pipeline["validation"].applies_to(app.routes[0])


# -- takes_injections: cheap, and never a false "no" --------------------------------------------


def tenant_of() -> str:
    return "t"


def with_annotated(who: Annotated[str, Depends(tenant_of)]) -> None: ...


def with_default(who: str = Depends(tenant_of)) -> None: ...  # type: ignore[assignment]


def with_keyword_only(*, who: str = Depends(tenant_of)) -> None: ...  # type: ignore[assignment]


def with_request(request: Request) -> None: ...


def with_optional_request(request: Optional[Request] = None) -> None: ...  # noqa: UP045


def with_optional_dependency(who: Optional[Annotated[str, Depends(tenant_of)]] = None) -> None: ...  # noqa: UP045


def with_strings(request: "Request", who: "Annotated[str, Depends(tenant_of)]") -> None: ...


def with_neither(a: int, b: "list[str]", c: "RequestContext") -> None: ...  # type: ignore[name-defined]  # noqa: F821


@functools.wraps(with_request)
def wrapped(*args: Any, **kwargs: Any) -> None: ...


class Handlers:
    def method(self, request: Request) -> None: ...


@pytest.mark.parametrize(
    ("func", "expected"),
    [
        (with_annotated, True),
        (with_default, True),
        (with_keyword_only, True),
        (with_request, True),
        (with_optional_request, True),
        (with_optional_dependency, True),
        (with_strings, True),
        (wrapped, True),
        (Handlers().method, True),
        (with_neither, False),
        (lambda: None, False),
        (print, False),
    ],
)
def test_takes_injections(func: Any, expected: bool) -> None:
    assert takes_injections(func) is expected


# -- the calls it sets up ----------------------------------------------------------------------


def test_a_route_that_certainly_compiles_is_compiled_at_its_first_request_once() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.post("/items")
    def create(item: Item) -> Item:
        return item

    route = app.routes[0]
    assert route.plan is None  # plainly valid: compiled when first called
    app.build()
    deferred = route.invoke
    assert deferred is not None and deferred.__qualname__.endswith("(validated)")
    assert app.pipeline["validation"].describe()["validated_routes"] == 1
    assert answer(post(app, "/items", {"name": "a", "price": "x"}))[0] == 422
    plan = route.plan
    assert plan is not None and plan.validates and route.invoke is not deferred
    assert answer(post(app, "/items", {"name": "a", "price": 1}))[0] == 200
    assert route.plan is plan  # compiled once


def test_plans_of_other_validated_routes_are_compiled_at_registration() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.post("/items")
    def create(item: Item, tags: Annotated[list[str], Query()]) -> Item:
        return item

    plan = app.routes[0].plan
    assert plan is not None and plan.validates
    app.build()
    assert app.routes[0].plan is plan  # compiled once
    assert answer(post(app, "/items", {"name": "a", "price": 1}))[0] == 422  # tags is required
    assert app.routes[0].plan is plan


def test_setup_twice_links_each_route_once() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.post("/items")
    def create(item: Item) -> Item:
        return item

    app.describe()  # plans and sets up the stages before the build
    invoke = app.routes[0].invoke
    app.build()
    assert invoke is not None and app.routes[0].invoke is invoke


def test_a_route_registered_after_the_build_is_set_up() -> None:
    app = APIGatewayRestResolver(enable_validation=True)
    app.build()

    @app.post("/late")
    def late(item: Item, limit: Annotated[int, Query(ge=1)] = 1) -> Item:
        return item

    assert app.routes[0].invoke is not None
    assert answer(post(app, "/late", {"name": "a", "price": 1}, limit="0"))[0] == 422


def test_a_late_validated_route_without_the_stage_is_refused() -> None:
    app = APIGatewayRestResolver()

    @app.get("/")
    def index() -> dict[str, str]:
        return {}

    app.build()
    with pytest.raises(RouteError, match=r"route POST /late needs the 'validation' stage"):

        @app.post("/late", enable_validation=True)
        def late(item: Item) -> Item:
            return item

    assert [route.rule for route in app.routes] == ["/"]


def test_a_late_dependency_without_the_stage_is_refused() -> None:
    app = APIGatewayRestResolver()
    app.build()

    def tenant() -> str:
        return "t"

    with pytest.raises(RouteError, match="needs the 'validation' stage"):

        @app.get("/late")
        def late(who: Annotated[str, Depends(tenant)]) -> dict[str, str]:
            return {"who": who}


def test_router_routes_are_set_up_when_included() -> None:
    router = Router()

    @router.post("/items", enable_validation=True, custom_response_validation_http_code=502)
    def create(item: Item) -> Item:
        return {"name": 1}  # type: ignore[return-value]

    app = APIGatewayRestResolver()
    app.include_router(router, prefix="/v1")
    assert app.routes[0].plan is None  # plainly valid: compiled at its first request
    assert answer(post(app, "/v1/items", {"name": "a", "price": 1}))[0] == 502
    assert app.routes[0].plan is not None


# -- what it answers -------------------------------------------------------------------------------


def stage_for(app: Any) -> ValidationStage:
    stage = ValidationStage()
    stage.setup(app)
    return stage


def test_request_validation_error_answers_422_with_every_problem(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver(enable_validation=True)
    errors = [
        {"type": "missing", "loc": ("query", "q"), "msg": "Field required", "input": None},
        {"type": "int_parsing", "loc": ("body", "n"), "msg": "x", "input": "a"},
    ]
    response = stage_for(app).handle(make_request(app), fake_next(RequestValidationError(errors)))
    assert (response.status_code, response.body) == (
        422,
        {
            "statusCode": 422,
            "detail": [
                {"loc": ["query", "q"], "type": "missing"},
                {"loc": ["body", "n"], "type": "int_parsing"},
            ],
        },
    )


def test_unsupported_content_type_answers_415(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver(enable_validation=True)
    error = RequestUnsupportedContentType("no", [{"type": "unsupported_content_type", "loc": ("body",)}])
    response = stage_for(app).handle(make_request(app), fake_next(error))
    assert (response.status_code, response.body["detail"]) == (
        415,
        [{"loc": ["body"], "type": "unsupported_content_type"}],
    )


@pytest.mark.parametrize(
    ("resolver_code", "route_code", "status"),
    [(None, None, 500), (503, None, 503), (503, 418, 418), (None, 418, 418)],
)
def test_response_validation_error_status(
    resolver_code: Any, route_code: Any, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    app = APIGatewayRestResolver(enable_validation=True, response_validation_error_http_code=resolver_code)

    @app.get("/bad", custom_response_validation_http_code=route_code)
    def bad() -> Item:
        return {"name": "x"}  # type: ignore[return-value]

    with caplog.at_level(logging.ERROR, logger="apiway"):
        assert answer(get(app, "/bad")) == (
            status,
            {"statusCode": status, "detail": [{"loc": ["response", "price"], "type": "missing"}]},
        )
    assert "the response failed validation in GET /bad" in caplog.text


def test_errors_with_an_exception_handler_go_on_to_it() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.exception_handler(RequestValidationError)
    def invalid(error: RequestValidationError) -> Response:
        return Response(400, "application/json", {"problems": [e["type"] for e in error.errors()]})

    @app.post("/items")
    def create(item: Item, limit: Annotated[int, Query(ge=1)] = 1) -> Item:
        return item

    assert answer(post(app, "/items", {"price": "x"}, limit="0")) == (
        400,
        {"problems": ["greater_than_equal", "missing", "float_parsing"]},
    )


def test_a_handler_for_a_base_class_answers_too() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.exception_handler(Exception)
    def anything(error: Exception) -> Response:
        return Response(418, "text/plain", type(error).__name__)

    @app.post("/items")
    def create(item: Item) -> Item:
        return item

    response = post(app, "/items", {})
    assert (response["statusCode"], response["body"]) == (418, "RequestValidationError")


def test_other_errors_go_on_untouched(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver(enable_validation=True)
    stage = stage_for(app)
    for error in (ValueError("x"), UnauthorizedError("no"), SchemaValidationError(["x"])):
        with pytest.raises(type(error)) as raised:
            stage.handle(make_request(app), fake_next(error))
        assert raised.value is error


def failing_dependency(error: Exception) -> Any:
    def dependency() -> str:
        raise error

    return dependency


@pytest.mark.parametrize(
    ("raised", "status", "body"),
    [
        (UnauthorizedError("who?"), 401, {"statusCode": 401, "message": "who?"}),
        (KeyError("k"), 500, {"statusCode": 500, "message": "Internal server error"}),
        (
            RequestValidationError([{"type": "missing", "loc": ("header", "x")}]),
            422,
            {"statusCode": 422, "detail": [{"loc": ["header", "x"], "type": "missing"}]},
        ),
    ],
)
def test_a_failing_dependency_is_answered_as_what_it_raised(
    raised: Exception, status: int, body: Any
) -> None:
    app = APIGatewayRestResolver()

    @app.get("/")
    def index(who: Annotated[str, Depends(failing_dependency(raised))]) -> dict[str, str]:
        return {"who": who}

    assert answer(get(app, "/")) == (status, body)


def test_a_handler_for_the_dependency_error_itself_wins() -> None:
    app = APIGatewayRestResolver()

    @app.exception_handler(DependencyResolutionError)
    def failed(error: DependencyResolutionError) -> Response:
        return Response(503, "text/plain", str(error))

    @app.get("/")
    def index(who: Annotated[str, Depends(failing_dependency(UnauthorizedError("who?")))]) -> dict[str, str]:
        return {"who": who}

    response = get(app, "/")
    assert (response["statusCode"], response["body"]) == (
        503,
        "Failed to resolve dependency 'dependency' for parameter 'who': who?",
    )


def test_a_handler_for_what_the_dependency_raised_answers_it() -> None:
    app = APIGatewayRestResolver()

    @app.exception_handler(KeyError)
    def missing(error: KeyError) -> Response:
        return Response(404, "text/plain", f"no {error.args[0]}")

    @app.get("/")
    def index(who: Annotated[str, Depends(failing_dependency(KeyError("user")))]) -> dict[str, str]:
        return {"who": who}

    response = get(app, "/")
    assert (response["statusCode"], response["body"]) == (404, "no user")


def test_describe_shows_the_stage_and_each_route() -> None:
    app = APIGatewayRestResolver(enable_validation=True, response_validation_error_http_code=502)

    @app.post("/items")
    def create(item: Item) -> Item:
        return item

    @app.get("/free", enable_validation=False)
    def free() -> dict[str, str]:
        return {}

    described = app.describe()
    assert "validation     ValidationStage      validated_routes=1, injected_routes=0" in described
    assert "response_validation_error_http_code=502" in described
    assert "exceptions -> validation -> router -> create" in app.describe("POST /items")
    assert "validation" not in app.describe("GET /free")

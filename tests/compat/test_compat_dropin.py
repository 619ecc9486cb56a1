"""Drop-in checks: code written for the Powertools REST event handler, run on both frameworks.

Each test writes the code once, against a namespace holding either framework's names, and
asserts that both give the same answer: the names exist, the calls succeed, the responses,
warnings and exceptions match. Where apiway deliberately answers more helpfully (a warning
the reference does not give), the test says so and asserts both sides.
"""

from __future__ import annotations

import json
import warnings
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")

from support.events import ALL_SOURCES, SOURCE_IDS, EventSource
from support.responses import header
from support.validate import assert_valid_response

sources = pytest.mark.parametrize("source", ALL_SOURCES, ids=SOURCE_IDS)


def apiway_api() -> SimpleNamespace:
    import apiway
    from apiway import exceptions
    from apiway.middlewares import BaseMiddlewareHandler

    return SimpleNamespace(
        name="apiway",
        resolvers={
            "rest": apiway.APIGatewayRestResolver,
            "http": apiway.APIGatewayHttpResolver,
            "function_url": apiway.LambdaFunctionUrlResolver,
            "alb": apiway.ALBResolver,
            "lattice": apiway.VPCLatticeResolver,
            "lattice_v2": apiway.VPCLatticeV2Resolver,
        },
        Response=apiway.Response,
        CORSConfig=apiway.CORSConfig,
        Router=apiway.Router,
        errors=exceptions,
        BaseMiddlewareHandler=BaseMiddlewareHandler,
    )


def powertools_api() -> SimpleNamespace:
    from aws_lambda_powertools.event_handler import (
        ALBResolver,
        APIGatewayHttpResolver,
        APIGatewayRestResolver,
        CORSConfig,
        LambdaFunctionUrlResolver,
        Response,
        VPCLatticeResolver,
        VPCLatticeV2Resolver,
        exceptions,
    )
    from aws_lambda_powertools.event_handler.api_gateway import Router
    from aws_lambda_powertools.event_handler.middlewares import BaseMiddlewareHandler

    return SimpleNamespace(
        name="powertools",
        resolvers={
            "rest": APIGatewayRestResolver,
            "http": APIGatewayHttpResolver,
            "function_url": LambdaFunctionUrlResolver,
            "alb": ALBResolver,
            "lattice": VPCLatticeResolver,
            "lattice_v2": VPCLatticeV2Resolver,
        },
        Response=Response,
        CORSConfig=CORSConfig,
        Router=Router,
        errors=exceptions,
        BaseMiddlewareHandler=BaseMiddlewareHandler,
    )


APIS = [pytest.param(apiway_api, id="apiway"), pytest.param(powertools_api, id="powertools")]


def resolver_for(api: SimpleNamespace, source: EventSource) -> Any:
    return api.resolvers["alb" if source.kind == "alb" else source.name]


def resolve(api: SimpleNamespace, source: EventSource, app: Any, *args: Any, **fields: Any) -> dict[str, Any]:
    """Resolve an event built from ``args``/``fields``; apiway's answer is checked against the
    source's contract (the reference's is not always valid, which some tests show)."""
    event = source.event(*args, **fields)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the reference's own deprecations
        response: dict[str, Any] = app.resolve(event, None)
    if api.name == "apiway":
        assert_valid_response(source.kind, response, event)
    return response


# -- CORSConfig ----------------------------------------------------------------------------------


@sources
def test_wildcard_with_credentials_answers_star_without_credentials(source: EventSource) -> None:
    answers = []
    for make_api in (apiway_api, powertools_api):
        api = make_api()
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            config = api.CORSConfig(allow_origin="*", allow_credentials=True)
        # apiway says once, where the config is built, what the browser would otherwise say.
        warned = [str(w.message) for w in record if issubclass(w.category, UserWarning)]
        assert bool(warned) is (api.name == "apiway"), warned
        app = resolver_for(api, source)(cors=config)

        @app.get("/todos")
        def todos() -> dict[str, Any]:
            return {"todos": []}

        seen = []
        for method, extra in (("GET", {}), ("OPTIONS", {"Access-Control-Request-Method": "GET"})):
            response = resolve(
                api, source, app, method, "/todos", headers={"Origin": "https://a.example", **extra}
            )
            seen.append(
                (
                    response["statusCode"],
                    header(response, "Access-Control-Allow-Origin"),
                    header(response, "Access-Control-Allow-Credentials"),
                )
            )
        answers.append(seen)
    assert answers[0] == answers[1] == [(200, "*", None), (204, "*", None)]


@pytest.mark.parametrize("make_api", APIS)
def test_required_headers_concatenate_with_a_list(make_api: Any) -> None:
    api = make_api()
    config = api.CORSConfig(allow_headers=[*api.CORSConfig._REQUIRED_HEADERS, "X-Custom"])
    assert api.CORSConfig._REQUIRED_HEADERS + ["X-Custom"] == [  # noqa: RUF005 - what user code does
        "Authorization",
        "Content-Type",
        "X-Amz-Date",
        "X-Api-Key",
        "X-Amz-Security-Token",
        "X-Custom",
    ]
    assert "X-Custom" in config.allow_headers


# -- Response ------------------------------------------------------------------------------------


@pytest.mark.parametrize("make_api", APIS)
def test_response_and_middleware_base_are_subscriptable(make_api: Any) -> None:
    api = make_api()
    app = api.resolvers["rest"]()

    def handler() -> api.Response[str]:  # type: ignore[name-defined]
        return api.Response(200, "text/plain", "typed")

    class Passthrough(api.BaseMiddlewareHandler[api.resolvers["rest"]]):  # type: ignore[misc,name-defined]
        def handler(self, app: Any, next_middleware: Any) -> Any:
            return next_middleware(app)

    assert handler().body == "typed"
    assert Passthrough()(app, lambda app: "next") == "next"


def answer_of(api: SimpleNamespace, source: EventSource, result: Any) -> dict[str, Any]:
    app = resolver_for(api, source)()

    @app.get("/thing")
    def thing() -> Any:
        return result(api)

    return resolve(api, source, app, "GET", "/thing")


@sources
def test_response_without_a_body(source: EventSource) -> None:
    def text(api: SimpleNamespace) -> Any:
        return api.Response(status_code=200, content_type="text/plain")

    ours, theirs = (answer_of(make_api(), source, text) for make_api in (apiway_api, powertools_api))
    # The reference leaves the body out (None) for API Gateway and Function URLs, which
    # their clients receive as an empty body; an ALB needs a string, and both send "".
    assert ours["body"] == ""
    assert theirs["body"] == ("" if source.kind == "alb" else None)
    assert header(ours, "Content-Type") == header(theirs, "Content-Type") == "text/plain"


@sources
def test_response_without_a_body_and_a_json_content_type(source: EventSource) -> None:
    def empty_json(api: SimpleNamespace) -> Any:
        return api.Response(status_code=201, content_type="application/json")

    ours, theirs = (answer_of(make_api(), source, empty_json) for make_api in (apiway_api, powertools_api))
    # Deliberate (docs/migrating.md): no body is an empty body; the reference sends JSON
    # null, except to an ALB.
    assert (ours["statusCode"], ours["body"]) == (201, "")
    assert (theirs["statusCode"], theirs["body"]) == (201, "" if source.kind == "alb" else "null")


@sources
def test_response_with_a_dict_body_and_no_content_type(source: EventSource) -> None:
    def dict_body(api: SimpleNamespace) -> Any:
        return api.Response(status_code=200, body={"a": 1})

    ours, theirs = (answer_of(make_api(), source, dict_body) for make_api in (apiway_api, powertools_api))
    assert (ours["statusCode"], ours["body"], header(ours, "Content-Type")) == (
        200,
        '{"a":1}',
        "application/json",
    )
    # Deliberate (docs/migrating.md): the reference returns the dict itself as the body,
    # which no integration accepts (API Gateway answers 502).
    assert theirs["body"] == {"a": 1}
    with pytest.raises(AssertionError):
        assert_valid_response(source.kind, theirs, source.event("GET", "/thing"))


# -- warnings ------------------------------------------------------------------------------------


def warnings_of(action: Any) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        action()
    return [w for w in record if issubclass(w.category, UserWarning)]


@pytest.mark.parametrize("make_api", APIS)
def test_powertools_dev_warns_with_the_same_words(make_api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    api = make_api()
    monkeypatch.setenv("POWERTOOLS_DEV", "1")
    record = warnings_of(api.resolvers["rest"])
    assert [str(w.message).startswith("POWERTOOLS_DEV environment variable is enabled") for w in record] == [
        True
    ]
    # Code that silences it keeps working.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", message="POWERTOOLS_DEV environment variable is enabled")
        assert api.resolvers["rest"]()._debug is True
    assert warnings_of(lambda: api.resolvers["rest"](debug=False)) == []


@pytest.mark.parametrize("make_api", APIS)
def test_duplicate_route_warns_with_the_same_words(make_api: Any) -> None:
    api = make_api()
    app = api.resolvers["rest"]()

    def register() -> None:
        app.get("/todos")(lambda: {"first": True})

    register()
    record = warnings_of(register)
    assert len(record) == 1
    assert str(record[0].message).startswith("A route like this was already registered")
    if api.name == "apiway":
        assert record[0].filename == __file__  # the reference names its own module
    response = resolve(api, source_named("rest"), app, "GET", "/todos")
    assert json.loads(response["body"]) == {"first": True}


def source_named(name: str) -> EventSource:
    return next(source for source in ALL_SOURCES if source.name == name)


# -- request state after resolve() and assigned events -------------------------------------------


def event_classes(api: SimpleNamespace) -> Any:
    if api.name == "apiway":
        from apiway import events
    else:
        import aws_lambda_powertools.utilities.data_classes as events
    return events


@sources
def test_the_last_request_is_readable_after_resolve(source: EventSource) -> None:
    seen = []
    for make_api in (apiway_api, powertools_api):
        api = make_api()
        app = resolver_for(api, source)()
        app.get("/todos/<todo_id>")(lambda todo_id: {"id": todo_id})
        context = SimpleNamespace(aws_request_id="r-1")
        event = source.event("GET", "/todos/5")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            app.resolve(event, context)
        seen.append((app.current_event.path, app.lambda_context is context, dict(app.context)))
    assert seen[0] == seen[1] == ("/todos/5", True, {})


@pytest.mark.parametrize("make_api", APIS)
def test_an_assigned_event_is_what_a_route_function_reads(make_api: Any) -> None:
    api = make_api()
    app = api.resolvers["function_url"]()

    @app.post("/orders")
    def create_order() -> dict[str, Any]:
        return {"order": app.current_event.json_body, "path": app.current_event.path}

    app.current_event = event_classes(api).LambdaFunctionUrlEvent(
        {
            "rawPath": "/orders",
            "body": '{"qty": 2}',
            "requestContext": {"stage": "$default", "http": {"method": "POST"}},
        }
    )
    assert create_order() == {"order": {"qty": 2}, "path": "/orders"}


@pytest.mark.parametrize("make_api", APIS)
def test_an_event_assigned_to_a_router_is_what_its_routes_read(make_api: Any) -> None:
    api = make_api()
    router = api.Router()

    @router.get("/items/<item_id>")
    def get_item(item_id: str) -> dict[str, Any]:
        return {"id": item_id, "key": router.current_event.headers.get("x-api-key")}

    router.current_event = event_classes(api).APIGatewayProxyEvent(
        {"path": "/items/1", "headers": {"X-Api-Key": "k"}}
    )
    assert get_item("1") == {"id": "1", "key": "k"}


# -- strip_prefixes ------------------------------------------------------------------------------


def prefixed_answer(api: SimpleNamespace, strip_prefixes: Any) -> int:
    app = api.resolvers["rest"](strip_prefixes=strip_prefixes)
    app.get("/todos")(lambda: {"todos": []})
    return int(resolve(api, source_named("rest"), app, "GET", "/foo/todos")["statusCode"])


def test_prefixes_in_a_list_strip_in_both() -> None:
    assert prefixed_answer(apiway_api(), ["/foo"]) == prefixed_answer(powertools_api(), ["/foo"]) == 200


@pytest.mark.parametrize(
    "given",
    ["/foo", {"/foo": None}, [None, "/foo"], [1, "/foo"], ["", "/foo"], ["foo", "/foo"]],
    ids=["string", "dict", "None-entry", "int-entry", "empty-entry", "no-slash-entry"],
)
def test_misconfigured_prefixes_are_refused_where_the_reference_ignores_them(given: Any) -> None:
    # Deliberate (docs/migrating.md): the reference skips what it cannot use, so a string or
    # dict strips nothing (404) and bad entries are passed over; apiway refuses at creation,
    # saying what to write.
    with pytest.raises((TypeError, ValueError), match=r"write.*strip_prefixes=\["):
        prefixed_answer(apiway_api(), given)
    assert prefixed_answer(powertools_api(), given) == (404 if isinstance(given, (str, dict)) else 200)


@pytest.mark.parametrize("given", [("/foo",), {"/foo"}], ids=["tuple", "set"])
def test_prefixes_in_a_tuple_or_set_strip_where_the_reference_ignores_them(given: Any) -> None:
    # Deliberate (docs/migrating.md): the reference only reads a list.
    assert (prefixed_answer(apiway_api(), given), prefixed_answer(powertools_api(), given)) == (200, 404)


# -- invalid JSON bodies ---------------------------------------------------------------------------


def orders_app(api: SimpleNamespace, source: EventSource) -> Any:
    app = resolver_for(api, source)()

    @app.post("/orders")
    def create_order() -> Any:
        try:
            order = app.current_event.json_body
        except json.JSONDecodeError:
            return api.Response(400, "application/json", json.dumps({"error": "send JSON"}))
        return {"order": order}

    return app


@sources
def test_an_app_catching_json_decode_error_answers_its_own_400(source: EventSource) -> None:
    answers = []
    for api in (apiway_api(), powertools_api()):
        app = orders_app(api, source)
        responses = [
            resolve(api, source, app, "POST", "/orders", body=body) for body in ('{"qty": 1', '{"qty": 1}')
        ]
        answers.append([(response["statusCode"], response["body"]) for response in responses])
    assert answers[0] == answers[1] == [(400, '{"error": "send JSON"}'), (200, '{"order":{"qty":1}}')]


def test_invalid_json_left_uncaught_answers_400() -> None:
    # Deliberate (docs/migrating.md): the reference lets the JSONDecodeError escape.
    source = source_named("rest")
    apps = []
    for make_api in (apiway_api, powertools_api):
        api = make_api()
        app = api.resolvers["rest"]()
        app.post("/orders")(lambda app=app: app.current_event.json_body)
        apps.append((api, app))
    (ours, our_app), (theirs, their_app) = apps
    response = resolve(ours, source, our_app, "POST", "/orders", body="{")
    assert (response["statusCode"], json.loads(response["body"])["message"]) == (
        400,
        "Request body is not valid JSON",
    )
    with pytest.raises(json.JSONDecodeError):
        resolve(theirs, source, their_app, "POST", "/orders", body="{")


# -- routers ---------------------------------------------------------------------------------------


def router_module(api: SimpleNamespace) -> Any:
    if api.name == "apiway":
        from apiway import router
    else:
        from aws_lambda_powertools.event_handler import router
    return router


@sources
@pytest.mark.parametrize("make_api", APIS)
def test_typed_router_serves_its_sources_app(make_api: Any, source: EventSource) -> None:
    api = make_api()
    names = {"rest": "APIGatewayRouter", "http": "APIGatewayHttpRouter", "alb": "ALBRouter"}
    router = getattr(router_module(api), names.get(source.kind, "LambdaFunctionUrlRouter"))()

    @router.post("")
    def create_order() -> Any:
        return {"created": router.current_event.json_body}, 201

    @router.get("/<order_id>")
    def get_order(order_id: str) -> Any:
        return {"id": order_id}

    app = resolver_for(api, source)()
    app.include_router(router, prefix="/orders")
    created = resolve(api, source, app, "POST", "/orders", body='{"qty": 1}')
    assert (created["statusCode"], json.loads(created["body"])) == (201, {"created": {"qty": 1}})
    assert json.loads(resolve(api, source, app, "GET", "/orders/4")["body"]) == {"id": "4"}


# -- global middlewares and the answers around routes ---------------------------------------------


def secured_app(api: SimpleNamespace, source: EventSource) -> Any:
    def security_headers(app: Any, next_middleware: Any) -> Any:
        response = next_middleware(app)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    app = resolver_for(api, source)(cors=api.CORSConfig(allow_origin="https://app.example"))
    app.use(middlewares=[security_headers])
    app.get("/todos")(lambda: {"todos": []})
    return app


def secured_answer(api: SimpleNamespace, source: EventSource, method: str, path: str, **headers: str) -> Any:
    response = resolve(api, source, secured_app(api, source), method, path, headers=headers)
    return (
        response["statusCode"],
        header(response, "X-Content-Type-Options"),
        header(response, "Access-Control-Allow-Methods"),
    )


@sources
@pytest.mark.parametrize(
    ("method", "path", "headers", "expected"),
    [
        ("GET", "/todos", {}, (200, "nosniff", None)),
        ("GET", "/nowhere", {}, (404, "nosniff", None)),
        (
            "OPTIONS",
            "/todos",
            {"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
            (204, "nosniff", "GET,OPTIONS"),
        ),
    ],
    ids=["route", "404", "preflight"],
)
def test_global_middlewares_see_the_same_answers(
    source: EventSource, method: str, path: str, headers: dict[str, str], expected: Any
) -> None:
    ours = secured_answer(apiway_api(), source, method, path, **headers)
    theirs = secured_answer(powertools_api(), source, method, path, **headers)
    assert ours == theirs == expected


@sources
def test_global_middlewares_see_the_405(source: EventSource) -> None:
    # Deliberate (docs/migrating.md): 405 instead of 404; the middleware sees it either way.
    assert secured_answer(apiway_api(), source, "DELETE", "/todos") == (405, "nosniff", None)
    assert secured_answer(powertools_api(), source, "DELETE", "/todos") == (404, "nosniff", None)


@sources
def test_options_without_a_request_method_is_not_answered_as_a_preflight(source: EventSource) -> None:
    # Deliberate (docs/migrating.md): the reference answers every OPTIONS like a preflight.
    origin = {"Origin": "https://app.example"}
    assert secured_answer(apiway_api(), source, "OPTIONS", "/todos", **origin) == (204, "nosniff", None)
    assert secured_answer(powertools_api(), source, "OPTIONS", "/todos", **origin) == (
        204,
        "nosniff",
        "GET,OPTIONS",
    )


# -- cookies -------------------------------------------------------------------------------------


def cookie_class(api: SimpleNamespace) -> Any:
    if api.name == "apiway":
        from apiway.cookies import Cookie
    else:
        from aws_lambda_powertools.shared.cookies import Cookie
    return Cookie


@pytest.mark.parametrize("make_api", APIS)
def test_ordinary_cookies_are_written_alike(make_api: Any) -> None:
    Cookie = cookie_class(make_api())
    assert str(Cookie("session_id", "a1b2", path="/", domain="example.com", http_only=True, max_age=60)) == (
        "session_id=a1b2; Path=/; Domain=example.com; Max-Age=60; HttpOnly; Secure"
    )


def test_a_value_that_injects_attributes_is_refused() -> None:
    # Deliberate (docs/migrating.md): the reference writes the injected attribute.
    with pytest.raises(ValueError, match="would end or break the cookie"):
        cookie_class(apiway_api())("sid", "abc; Domain=evil.example")
    assert str(cookie_class(powertools_api())("sid", "abc; Domain=evil.example")) == (
        "sid=abc; Domain=evil.example; Secure"
    )


@sources
def test_an_empty_router_rule_without_a_prefix_is_the_root(source: EventSource) -> None:
    statuses = []
    for api in (apiway_api(), powertools_api()):
        router = api.Router()
        router.get("")(lambda: {"root": True})
        app = resolver_for(api, source)()
        app.include_router(router)
        statuses.append(resolve(api, source, app, "GET", "/")["statusCode"])
    # The reference drops the trailing slash of REST API paths only, so that "" matches "/"
    # there alone (docs/migrating.md: the same route with or without the slash everywhere).
    assert statuses == [200, 200 if source.kind == "rest" else 404]

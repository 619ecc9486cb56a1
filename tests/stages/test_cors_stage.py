"""The CORS stage on its own, with a fake next stage (``CORSConfig`` itself: test_cors_config.py)."""

from __future__ import annotations

from typing import Any

import pytest

from apiway import APIGatewayRestResolver, CORSConfig, Response
from apiway.stages.cors import CorsStage

SITE = "https://app.example.com"
OTHER = "https://evil.example.net"
ACAO = "access-control-allow-origin"


def header_keys(response: Response, name: str) -> list[str]:
    return [key for key in response.headers if key.lower() == name.lower()]


def only_value(response: Response, name: str) -> Any:
    keys = header_keys(response, name)
    assert len(keys) == 1, f"{name} appears {len(keys)} times: {response.headers}"
    return response.headers[keys[0]]


def stage_for(app: APIGatewayRestResolver) -> CorsStage:
    stage = CorsStage()
    stage.setup(app)
    return stage


def todo_app(cors: CORSConfig | None = None, **kwargs: Any) -> APIGatewayRestResolver:
    app = APIGatewayRestResolver(cors=cors, **kwargs)

    @app.get("/todos")
    def list_todos() -> list[str]:
        raise AssertionError("a preflight must not reach the route")

    @app.post("/todos")
    def add_todo() -> dict[str, str]:
        raise AssertionError("a preflight must not reach the route")

    @app.delete("/todos/<todo_id>")
    def delete_todo(todo_id: str) -> dict[str, str]:
        raise AssertionError("a preflight must not reach the route")

    return app


def preflight_headers(origin: str = SITE, method: str = "POST", **extra: str) -> dict[str, str]:
    return {"Origin": origin, "Access-Control-Request-Method": method, **extra}


# -- responses ----------------------------------------------------------------------------------


def test_allowed_origin_gets_exactly_one_allow_origin(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE))
    request = make_request(app, "GET", "/todos", headers={"Origin": SITE}, route=app.routes[0])
    response = stage_for(app).handle(request, fake_next(Response(200, "application/json", "[]")))
    assert only_value(response, ACAO) == SITE
    assert only_value(response, "Vary") == "Origin"
    assert "Authorization" in only_value(response, "Access-Control-Allow-Headers")


def test_other_origin_gets_no_allow_origin(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE))
    request = make_request(app, "GET", "/todos", headers={"Origin": OTHER}, route=app.routes[0])
    response = stage_for(app).handle(request, fake_next(Response(200, "application/json", "[]")))
    assert header_keys(response, ACAO) == []
    assert only_value(response, "Vary") == "Origin"


def test_null_origin_is_refused_by_the_wildcard(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig())
    request = make_request(app, "GET", "/todos", headers={"Origin": "null"}, route=app.routes[0])
    response = stage_for(app).handle(request, fake_next(Response(200, body="")))
    assert header_keys(response, ACAO) == []


def test_wildcard_config_answers_star(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig())
    request = make_request(app, "GET", "/todos", headers={"Origin": OTHER}, route=app.routes[0])
    response = stage_for(app).handle(request, fake_next(Response(200, body="")))
    assert only_value(response, ACAO) == "*"


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ({"Vary": "Accept-Encoding"}, "Accept-Encoding, Origin"),
        ({"vary": "accept-encoding, origin"}, "accept-encoding, origin"),
        ({"VARY": "Origin"}, "Origin"),
        ({"Vary": "*"}, "*"),
    ],
)
def test_vary_is_merged_without_duplicates(
    existing: dict[str, str], expected: str, make_request: Any, fake_next: Any
) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE))
    request = make_request(app, "GET", "/todos", headers={"Origin": SITE}, route=app.routes[0])
    response = stage_for(app).handle(request, fake_next(Response(200, body="", headers=existing)))
    assert only_value(response, "Vary") == expected


def test_handler_cors_headers_in_another_case_are_replaced(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE))
    request = make_request(app, "GET", "/todos", headers={"Origin": SITE}, route=app.routes[0])
    answer = Response(
        200, body="", headers={"access-control-allow-origin": "*", "ACCESS-CONTROL-ALLOW-HEADERS": "X"}
    )
    response = stage_for(app).handle(request, fake_next(answer))
    assert only_value(response, ACAO) == SITE
    assert only_value(response, "Access-Control-Allow-Headers") != "X"


def test_request_without_origin_gets_vary_only(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig())
    request = make_request(app, "GET", "/todos", route=app.routes[0])
    response = stage_for(app).handle(request, fake_next(Response(200, body="")))
    assert header_keys(response, ACAO) == []
    assert only_value(response, "Vary") == "Origin"


def test_error_responses_of_unmatched_paths_get_cors(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE))
    request = make_request(app, "GET", "/nowhere", headers={"Origin": SITE}, route=None)
    response = stage_for(app).handle(request, fake_next(Response(404, body="")))
    assert only_value(response, ACAO) == SITE


# -- preflight ----------------------------------------------------------------------------------


def test_preflight_is_answered_without_calling_the_route(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE, max_age=300))
    inner = fake_next(AssertionError("the preflight went past the CORS stage"))
    request = make_request(app, "OPTIONS", "/todos", headers=preflight_headers())
    response = stage_for(app).handle(request, inner)
    assert not inner.called
    assert response.status_code == 204
    assert response.body == ""
    # HEAD is CORS-safelisted and never preflighted, so it need not be listed.
    assert only_value(response, "Access-Control-Allow-Methods") == "GET,OPTIONS,POST"
    assert only_value(response, ACAO) == SITE
    assert only_value(response, "Access-Control-Max-Age") == "300"
    assert only_value(response, "Vary") == "Origin"


def test_preflight_lists_the_methods_of_that_path_only(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig())
    request = make_request(app, "OPTIONS", "/todos/7", headers=preflight_headers(method="DELETE"))
    response = stage_for(app).handle(request, fake_next(AssertionError()))
    assert only_value(response, "Access-Control-Allow-Methods") == "DELETE,OPTIONS"


def test_preflight_uses_the_stripped_path(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig())
    request = make_request(app, "OPTIONS", "/api/todos", headers=preflight_headers())
    request.route_path = "/todos"
    response = stage_for(app).handle(request, fake_next(AssertionError()))
    assert response.status_code == 204


def test_preflight_from_a_disallowed_origin_gets_no_grant(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE))
    request = make_request(app, "OPTIONS", "/todos", headers=preflight_headers(origin=OTHER))
    response = stage_for(app).handle(request, fake_next(AssertionError()))
    assert response.status_code == 204
    assert header_keys(response, ACAO) == []
    assert header_keys(response, "Access-Control-Allow-Methods") == []


def test_preflight_for_an_unknown_path_is_passed_on(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig())
    inner = fake_next(Response(404, "application/json", '{"statusCode":404}'))
    request = make_request(app, "OPTIONS", "/unknown", headers=preflight_headers())
    response = stage_for(app).handle(request, inner)
    assert inner.called
    assert response.status_code == 404


def test_options_without_origin_is_not_a_preflight(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig())
    inner = fake_next(Response(204, body="", headers={"Allow": "GET"}))
    request = make_request(app, "OPTIONS", "/todos", headers={"Access-Control-Request-Method": "GET"})
    stage_for(app).handle(request, inner)
    assert inner.called


def test_options_without_a_request_method_is_not_a_preflight(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE, max_age=300, expose_headers=["X-Total"]))
    inner = fake_next(Response(204, body="", headers={"Allow": "GET, HEAD, OPTIONS, POST"}))
    request = make_request(app, "OPTIONS", "/todos", headers={"Origin": SITE})
    response = stage_for(app).handle(request, inner)
    assert inner.called
    assert response.headers == {
        "Allow": "GET, HEAD, OPTIONS, POST",
        "Access-Control-Allow-Origin": SITE,
        "Access-Control-Expose-Headers": "X-Total",
        "Vary": "Origin",
    }


def test_preflight_is_handed_to_the_router_when_the_app_has_middlewares(
    make_request: Any, fake_next: Any
) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE))
    app.use(middlewares=[lambda app, next_middleware: next_middleware(app)])
    stage = stage_for(app)
    request = make_request(app, "OPTIONS", "/todos", headers=preflight_headers())
    # The inner stages hand back the preflight the router found in request.state ...
    response = stage.handle(request, fake_next(lambda request: request.state["preflight"]))
    assert response.status_code == 204
    assert only_value(response, "Access-Control-Allow-Methods") == "GET,OPTIONS,POST"
    assert only_value(response, "Vary") == "Origin"  # complete once, never merged again
    # ... or another answer (a middleware's), which gets the CORS headers of any answer.
    request = make_request(app, "OPTIONS", "/todos", headers=preflight_headers())
    response = stage.handle(request, fake_next(Response(401, "text/plain", "no")))
    assert (response.status_code, only_value(response, ACAO)) == (401, SITE)
    assert header_keys(response, "Access-Control-Allow-Methods") == []


def test_path_with_its_own_options_route_is_passed_on(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig())

    @app.options("/todos")
    def todo_options() -> Response:
        return Response(200, body="mine")

    inner = fake_next(Response(200, body="mine"))
    request = make_request(app, "OPTIONS", "/todos", headers=preflight_headers())
    response = stage_for(app).handle(request, inner)
    assert inner.called
    assert response.body == "mine"


def test_preflight_for_a_path_without_cors_routes_is_passed_on(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver(cors=CORSConfig())

    @app.get("/private", cors=False)
    def private() -> dict[str, str]:
        return {}

    inner = fake_next(Response(204, body=""))
    request = make_request(app, "OPTIONS", "/private", headers=preflight_headers(method="GET"))
    stage_for(app).handle(request, inner)
    assert inner.called


# -- per-route switches and debug ---------------------------------------------------------------


def test_route_cors_false_opts_out(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver(cors=CORSConfig())

    @app.get("/private", cors=False)
    def private() -> dict[str, str]:
        return {}

    request = make_request(app, "GET", "/private", headers={"Origin": SITE}, route=app.routes[0])
    response = stage_for(app).handle(request, fake_next(Response(200, body="")))
    assert response.headers == {}


def test_route_cors_true_without_a_resolver_config_uses_the_defaults(
    make_request: Any, fake_next: Any
) -> None:
    app = APIGatewayRestResolver()

    @app.get("/public", cors=True)
    def public() -> dict[str, str]:
        return {}

    @app.get("/plain")
    def plain() -> dict[str, str]:
        return {}

    stage = stage_for(app)
    assert stage.enabled(app)
    public_route, plain_route = app.routes
    request = make_request(app, "GET", "/public", headers={"Origin": SITE}, route=public_route)
    assert only_value(stage.handle(request, fake_next(Response(200, body=""))), ACAO) == "*"
    request = make_request(app, "GET", "/plain", headers={"Origin": SITE}, route=plain_route)
    assert stage.handle(request, fake_next(Response(200, body=""))).headers == {}


def test_stage_is_left_out_when_nothing_uses_cors() -> None:
    app = APIGatewayRestResolver()

    @app.get("/plain")
    def plain() -> dict[str, str]:
        return {}

    assert not CorsStage().enabled(app)
    assert CorsStage().enabled(APIGatewayRestResolver(cors=CORSConfig()))
    assert CorsStage().enabled(APIGatewayRestResolver(debug=True))


def test_debug_mode_relaxes_origins(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE), debug=True)
    request = make_request(app, "GET", "/todos", headers={"Origin": OTHER}, route=app.routes[0])
    response = stage_for(app).handle(request, fake_next(Response(200, body="")))
    assert only_value(response, ACAO) == OTHER


def test_debug_mode_preflight_echoes_requested_headers(make_request: Any, fake_next: Any) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE), debug=True)
    headers = preflight_headers(origin=OTHER, **{"Access-Control-Request-Headers": "X-Custom"})
    request = make_request(app, "OPTIONS", "/todos", headers=headers)
    response = stage_for(app).handle(request, fake_next(AssertionError()))
    assert only_value(response, ACAO) == OTHER
    assert only_value(response, "Access-Control-Allow-Headers") == "X-Custom"


@pytest.mark.parametrize(
    ("headers", "multi", "read_first"),
    [
        ({"origin": SITE}, None, False),
        ({"Origin": SITE}, None, False),
        ({"ORIGIN": SITE}, None, False),
        ({"origin": "", "Origin": SITE}, None, False),  # the lower-case spelling wins, as header() has it
        ({"Origin": ["not", "text"]}, {"Origin": [SITE]}, False),
        ({"origin": 7}, None, False),
        (None, {"origin": [SITE]}, False),
        ({"Origin": OTHER}, None, False),
        ({"Origin": SITE}, None, True),  # a stage read the headers first
        ({}, None, False),
    ],
)
def test_the_origin_is_read_as_request_header_reads_it(
    headers: Any, multi: Any, read_first: bool, make_request: Any
) -> None:
    app = todo_app(CORSConfig(allow_origin=SITE))
    request = make_request(app, "GET", "/todos", route=app.routes[0])
    request.raw_event["headers"] = headers
    if multi is not None:
        request.raw_event["multiValueHeaders"] = multi
    if read_first:
        assert request.headers  # builds the lower-case map the stage must then use
    expected = request.header("origin")
    if not read_first:
        request._headers = None  # header() may have built the map: start as the stage would
    response = stage_for(app).after(request, Response(200, "application/json", "{}"))
    allowed = [value for key, value in response.headers.items() if key.lower() == ACAO]
    assert allowed == ([SITE] if expected == SITE else [])
    assert response.headers["Vary"] == "Origin"

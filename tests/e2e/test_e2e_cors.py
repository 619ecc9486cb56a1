"""CORS end to end, for every event source: what each answer carries, header by header.

Allowed and refused origins, the wildcard, credentials, preflights, error answers, per-route
switches, headers the handler set itself, and debug mode. Attacks on the origin matching
(look-alike origins, CR/LF, floods) are in ``tests/hostile/test_hostile_cors.py``; the stage
and ``CORSConfig`` on their own in ``tests/stages``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from apiway import CORSConfig, Response
from apiway.exceptions import NotFoundError
from support.events import EventSource, each_source
from support.exact import GENERIC_500, JSON_ONLY, NOT_FOUND, assert_answer, error_body, flat_headers

ALLOWED = "https://app.example.com"
ADMIN = "https://admin.example.com"
DEFAULT_ALLOW_HEADERS = "Authorization,Content-Type,X-Amz-Date,X-Amz-Security-Token,X-Api-Key"
TODOS = {"todos": []}
#: What an answer to a refused (or absent) Origin carries: its own headers and ``Vary``.
REFUSED = {**JSON_ONLY, "Vary": "Origin"}


def granted(origin: str = ALLOWED, content_type: bool = True, **extra: str) -> dict[str, str]:
    """Every header of an answer to ``origin`` under :func:`cors_app`'s configuration."""
    headers = {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Headers": f"{DEFAULT_ALLOW_HEADERS},X-Custom",
        "Access-Control-Expose-Headers": "X-Request-Id",
        "Access-Control-Max-Age": "300",
        "Access-Control-Allow-Credentials": "true",
        "Vary": "Origin",
        **extra,
    }
    return {**JSON_ONLY, **headers} if content_type else headers


def star(**extra: str) -> dict[str, str]:
    """Every header of an answer under the default ``CORSConfig()`` (any origin)."""
    return {
        **JSON_ONLY,
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Headers": DEFAULT_ALLOW_HEADERS,
        "Vary": "Origin",
        **extra,
    }


def cors_app(source: EventSource, config: CORSConfig | None = None, **kwargs: Any) -> Any:
    config = config or CORSConfig(
        allow_origin=ALLOWED,
        extra_origins=[ADMIN],
        allow_headers=["X-Custom"],
        expose_headers=["X-Request-Id"],
        max_age=300,
        allow_credentials=True,
    )
    app = source.app(cors=config, **kwargs)
    app.ran = []  # the routes that ran, in order

    @app.get("/todos")
    def todos() -> dict[str, Any]:
        app.ran.append("todos")
        return TODOS

    @app.post("/todos")
    def create() -> tuple[dict[str, Any], int]:
        app.ran.append("create")
        return {}, 201

    @app.get("/todos/<todo_id>")
    def todo(todo_id: str) -> dict[str, Any]:
        raise NotFoundError(f"no todo {todo_id}")

    @app.get("/boom")
    def boom() -> dict[str, Any]:
        raise RuntimeError("boom")

    @app.get("/set")
    def set_headers() -> Response:
        # The handler sets the headers the request body lists.
        return Response(200, "application/json", TODOS, headers=app.current_event.json_body or {})

    @app.get("/healthcheck", cors=False)
    def health() -> dict[str, Any]:
        return {"am_i_alive": "yes"}

    return app


def get(
    source: EventSource, app: Any, path: str, origin: str | None, method: str = "GET", **headers: str
) -> Any:
    all_headers = {"Origin": origin} if origin is not None else {}
    all_headers.update({name.replace("_", "-"): value for name, value in headers.items()})
    return source.request(app, method, path, headers=all_headers)


def preflight(
    source: EventSource, app: Any, path: str, origin: str, method: str = "POST", **headers: str
) -> Any:
    return get(source, app, path, origin, "OPTIONS", Access_Control_Request_Method=method, **headers)


# -- which origins are answered ------------------------------------------------------------------
@each_source
@pytest.mark.parametrize(
    ("origin", "answered"),
    [
        pytest.param(ALLOWED, ALLOWED, id="allow_origin"),
        pytest.param(ADMIN, ADMIN, id="extra_origins"),
        # compared without regard to case or a trailing slash, echoed as configured
        pytest.param("HTTPS://APP.EXAMPLE.COM", ALLOWED, id="upper-case"),
        pytest.param(ALLOWED + "/", ALLOWED, id="trailing-slash"),
    ],
)
def test_allowed_origin_is_echoed_with_every_configured_header(
    source: EventSource, origin: str, answered: str
) -> None:
    app = cors_app(source)
    assert_answer(get(source, app, "/todos", origin), 200, TODOS, granted(answered))
    assert app.ran == ["todos"]


@each_source
@pytest.mark.parametrize("origin", ["https://evil.example.com", "null", None])
def test_disallowed_or_missing_origin_gets_only_vary(source: EventSource, origin: str | None) -> None:
    assert_answer(get(source, cors_app(source), "/todos", origin), 200, TODOS, REFUSED)


@each_source
def test_wildcard_answers_star(source: EventSource) -> None:
    response = get(source, cors_app(source, CORSConfig()), "/todos", "https://anyone.example")
    assert_answer(response, 200, TODOS, star())


@each_source
def test_wildcard_never_allows_the_null_origin(source: EventSource) -> None:
    assert_answer(get(source, cors_app(source, CORSConfig()), "/todos", "null"), 200, TODOS, REFUSED)


@each_source
def test_null_origin_allowed_when_listed(source: EventSource) -> None:
    response = get(source, cors_app(source, CORSConfig(allow_origin="null")), "/todos", "null")
    assert_answer(response, 200, TODOS, star(**{"Access-Control-Allow-Origin": "null"}))


@each_source
def test_wildcard_with_credentials_answers_star_without_credentials(source: EventSource) -> None:
    with pytest.warns(UserWarning, match="allow_credentials=True has no effect"):
        config = CORSConfig(allow_origin="*", allow_credentials=True)
    app = cors_app(source, config)
    assert_answer(get(source, app, "/todos", "https://anyone.example"), 200, TODOS, star())
    response = preflight(source, app, "/todos", "https://anyone.example", "GET")
    expected = star(**{"Access-Control-Allow-Methods": "GET,OPTIONS,POST"})
    del expected["Content-Type"]
    assert_answer(response, 204, "", expected)


# -- which answers carry them ----------------------------------------------------------------------
@each_source
def test_route_with_cors_off(source: EventSource) -> None:
    assert_answer(get(source, cors_app(source), "/healthcheck", ALLOWED), 200, {"am_i_alive": "yes"})


@each_source
def test_no_cors_config_means_no_cors_headers(source: EventSource) -> None:
    app = source.app()

    @app.get("/todos")
    def todos() -> dict[str, Any]:
        return {}

    assert_answer(get(source, app, "/todos", ALLOWED), 200, {})


@each_source
def test_route_with_cors_on_without_a_resolver_config(source: EventSource) -> None:
    app = source.app()

    @app.get("/open", cors=True)
    def open_route() -> dict[str, Any]:
        return {}

    @app.get("/closed")
    def closed() -> dict[str, Any]:
        return {}

    assert_answer(get(source, app, "/open", ALLOWED), 200, {}, star())
    assert_answer(get(source, app, "/closed", ALLOWED), 200, {})
    # A wrong method on that path: no route matched, but the path's routes are CORS routes.
    wrong_method = get(source, app, "/open", ALLOWED, method="PUT")
    assert_answer(wrong_method, 405, error_body(405, "Method not allowed"), star(Allow="GET, HEAD, OPTIONS"))


@each_source
def test_error_answers_carry_cors_headers(source: EventSource) -> None:
    app = cors_app(source)
    mapped = get(source, app, "/todos/9", ALLOWED)
    assert_answer(mapped, 404, error_body(404, "no todo 9"), granted())
    assert_answer(get(source, app, "/nowhere", ALLOWED), 404, NOT_FOUND, granted())
    wrong_method = get(source, app, "/todos", ALLOWED, method="DELETE")
    allow = "GET, HEAD, OPTIONS, POST"
    assert_answer(wrong_method, 405, error_body(405, "Method not allowed"), granted(Allow=allow))
    assert_answer(get(source, app, "/boom", ALLOWED), 500, GENERIC_500, granted())


# -- headers the handler set itself ---------------------------------------------------------------
def handler_sets(source: EventSource, headers: dict[str, Any], origin: str = ALLOWED) -> dict[str, Any]:
    app = cors_app(source)
    return source.request(app, "GET", "/set", headers={"Origin": origin}, body=json.dumps(headers))


@each_source
@pytest.mark.parametrize(
    ("vary", "merged"),
    [
        ("Accept-Encoding", "Accept-Encoding, Origin"),
        ("origin", "origin"),  # already there, in another case: not repeated
        (["Accept", "Origin"], "Accept, Origin"),
        ("*", "*"),
    ],
)
def test_vary_set_by_the_handler_is_merged(source: EventSource, vary: Any, merged: str) -> None:
    name = "vary" if vary == "origin" else "Vary"
    assert_answer(handler_sets(source, {name: vary}), 200, TODOS, granted(Vary=merged))


@each_source
@pytest.mark.parametrize("name", ["access-control-allow-origin", "ACCESS-CONTROL-ALLOW-ORIGIN"])
@pytest.mark.parametrize("value", ["*", "https://evil.example"])
def test_allow_origin_set_by_the_handler_is_replaced(source: EventSource, name: str, value: str) -> None:
    response = handler_sets(source, {name: value})
    names = [key for key in flat_headers(response) if key.lower() == "access-control-allow-origin"]
    assert names == ["Access-Control-Allow-Origin"]  # exactly one
    assert_answer(response, 200, TODOS, granted())


@each_source
def test_allow_origin_set_by_the_handler_for_a_refused_origin_is_its_own_choice(source: EventSource) -> None:
    response = handler_sets(source, {"Access-Control-Allow-Origin": "*"}, origin="https://evil.example")
    assert_answer(response, 200, TODOS, {**REFUSED, "Access-Control-Allow-Origin": "*"})


# -- preflights --------------------------------------------------------------------------------------
@each_source
def test_preflight_is_answered_without_running_the_route(source: EventSource) -> None:
    app = cors_app(source)
    response = preflight(source, app, "/todos", ALLOWED, Access_Control_Request_Headers="X-Custom")
    # The methods /todos really has; HEAD, CORS-safelisted, needs no preflight.
    assert_answer(
        response, 204, "", granted(content_type=False, **{"Access-Control-Allow-Methods": "GET,OPTIONS,POST"})
    )
    assert app.ran == []


@each_source
def test_preflight_from_a_disallowed_origin_gets_no_permission(source: EventSource) -> None:
    app = cors_app(source)
    assert_answer(preflight(source, app, "/todos", "https://evil.example.com"), 204, "", {"Vary": "Origin"})
    assert app.ran == []


@each_source
def test_preflight_for_an_unknown_path_is_not_answered_as_if_it_existed(source: EventSource) -> None:
    response = preflight(source, cors_app(source), "/nowhere", ALLOWED, "GET")
    assert_answer(response, 404, NOT_FOUND, granted())


@each_source
def test_options_without_a_request_method_is_not_a_preflight(source: EventSource) -> None:
    response = get(source, cors_app(source), "/todos", ALLOWED, method="OPTIONS")
    # The CORS headers of any answer, not those that make it a preflight answer.
    expected = granted(content_type=False, Allow="GET, HEAD, OPTIONS, POST")
    del expected["Access-Control-Allow-Headers"], expected["Access-Control-Max-Age"]
    assert_answer(response, 204, "", expected)


@each_source
def test_options_without_a_request_method_reaches_the_users_options_route(source: EventSource) -> None:
    app = cors_app(source)

    @app.options("/todos")
    def describe_todos() -> dict[str, Any]:
        return {"methods": ["GET", "POST"]}

    response = get(source, app, "/todos", ALLOWED, method="OPTIONS")
    expected = granted()
    del expected["Access-Control-Allow-Headers"], expected["Access-Control-Max-Age"]
    assert_answer(response, 200, {"methods": ["GET", "POST"]}, expected)


# -- debug mode --------------------------------------------------------------------------------------
@each_source
def test_debug_mode_answers_any_printable_origin(source: EventSource) -> None:
    app = cors_app(source, debug=True)
    response = get(source, app, "/todos", "http://localhost:5173")
    assert_answer(response, 200, TODOS, granted("http://localhost:5173"))
    # A preflight echoes the headers the browser asks for.
    response = preflight(
        source, app, "/todos", "http://localhost:5173", "GET", Access_Control_Request_Headers="X-Trace"
    )
    expected = granted("http://localhost:5173", False, **{"Access-Control-Allow-Methods": "GET,OPTIONS,POST"})
    expected["Access-Control-Allow-Headers"] = "X-Trace"
    assert_answer(response, 204, "", expected)

"""CORS end to end: allowed and refused origins, preflights, errors, per-route switches."""

from __future__ import annotations

from typing import Any

import pytest

from apiway import CORSConfig
from apiway.exceptions import NotFoundError
from support.events import ALL_SOURCES, SOURCE_IDS, EventSource
from support.responses import header, header_tokens, json_body

sources = pytest.mark.parametrize("source", ALL_SOURCES, ids=SOURCE_IDS)

ALLOWED = "https://app.example.com"
DEFAULT_ALLOW_HEADERS = ["Authorization", "Content-Type", "X-Amz-Date", "X-Amz-Security-Token", "X-Api-Key"]


def cors_app(source: EventSource, config: CORSConfig | None = None, **kwargs: Any) -> Any:
    config = config or CORSConfig(
        allow_origin=ALLOWED,
        extra_origins=["https://admin.example.com"],
        allow_headers=["X-Custom"],
        expose_headers=["X-Request-Id"],
        max_age=300,
        allow_credentials=True,
    )
    app = source.app(cors=config, **kwargs)

    @app.get("/todos")
    def todos() -> dict[str, Any]:
        return {"todos": []}

    @app.post("/todos")
    def create() -> tuple[dict[str, Any], int]:
        return {}, 201

    @app.get("/todos/<todo_id>")
    def todo(todo_id: str) -> dict[str, Any]:
        raise NotFoundError(f"no todo {todo_id}")

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


@sources
@pytest.mark.parametrize("origin", [ALLOWED, "https://admin.example.com", "HTTPS://APP.EXAMPLE.COM"])
def test_allowed_origin_is_echoed(source: EventSource, origin: str) -> None:
    response = get(source, cors_app(source), "/todos", origin)
    assert response["statusCode"] == 200
    assert header(response, "Access-Control-Allow-Origin") in (ALLOWED, "https://admin.example.com")
    assert header(response, "Access-Control-Allow-Origin").lower() == origin.lower()
    assert header(response, "Access-Control-Allow-Credentials") == "true"
    assert header(response, "Access-Control-Expose-Headers") == "X-Request-Id"
    assert sorted(header_tokens(response, "Access-Control-Allow-Headers")) == sorted(
        [*DEFAULT_ALLOW_HEADERS, "X-Custom"]
    )
    assert "Origin" in header_tokens(response, "Vary")
    assert json_body(response) == {"todos": []}


@sources
@pytest.mark.parametrize(
    "origin", ["https://evil.example.com", "null", "https://app.example.com.evil.io", None]
)
def test_disallowed_or_missing_origin_gets_no_cors_headers(source: EventSource, origin: str | None) -> None:
    response = get(source, cors_app(source), "/todos", origin)
    assert response["statusCode"] == 200
    assert header(response, "Access-Control-Allow-Origin") is None
    assert header(response, "Access-Control-Allow-Credentials") is None
    assert "Origin" in header_tokens(response, "Vary")


@sources
def test_wildcard_origin(source: EventSource) -> None:
    response = get(source, cors_app(source, CORSConfig()), "/todos", "https://anyone.example")
    assert header(response, "Access-Control-Allow-Origin") == "*"
    assert header(response, "Access-Control-Allow-Credentials") is None


@sources
def test_wildcard_never_allows_the_null_origin(source: EventSource) -> None:
    response = get(source, cors_app(source, CORSConfig()), "/todos", "null")
    assert header(response, "Access-Control-Allow-Origin") is None


@sources
def test_route_with_cors_off(source: EventSource) -> None:
    response = get(source, cors_app(source), "/healthcheck", ALLOWED)
    assert json_body(response) == {"am_i_alive": "yes"}
    assert header(response, "Access-Control-Allow-Origin") is None


@sources
def test_cors_headers_on_error_responses(source: EventSource) -> None:
    app = cors_app(source)
    mapped = get(source, app, "/todos/9", ALLOWED)
    assert mapped["statusCode"] == 404
    assert header(mapped, "Access-Control-Allow-Origin") == ALLOWED
    unknown = get(source, app, "/nowhere", ALLOWED)
    assert unknown["statusCode"] == 404
    assert header(unknown, "Access-Control-Allow-Origin") == ALLOWED
    wrong_method = get(source, app, "/todos", ALLOWED, method="DELETE")
    assert wrong_method["statusCode"] == 405
    assert header(wrong_method, "Access-Control-Allow-Origin") == ALLOWED


@sources
def test_preflight_is_answered_without_running_the_route(source: EventSource) -> None:
    app = cors_app(source)
    response = get(
        source,
        app,
        "/todos",
        ALLOWED,
        method="OPTIONS",
        Access_Control_Request_Method="POST",
        Access_Control_Request_Headers="X-Custom",
    )
    assert response["statusCode"] == 204
    assert response["body"] == ""
    assert header(response, "Access-Control-Allow-Origin") == ALLOWED
    methods = set(header_tokens(response, "Access-Control-Allow-Methods"))
    # the methods /todos really has (HEAD, CORS-safelisted, may or may not be listed)
    assert methods - {"HEAD"} == {"GET", "OPTIONS", "POST"}
    assert header(response, "Access-Control-Max-Age") == "300"
    assert "X-Custom" in header_tokens(response, "Access-Control-Allow-Headers")
    assert "Origin" in header_tokens(response, "Vary")


@sources
def test_options_without_a_request_method_is_not_a_preflight(source: EventSource) -> None:
    response = get(source, cors_app(source), "/todos", ALLOWED, method="OPTIONS")
    assert (response["statusCode"], response["body"]) == (204, "")
    assert header(response, "Allow") == "GET, HEAD, OPTIONS, POST"
    # The CORS headers of any answer, not those that make it a preflight answer.
    assert header(response, "Access-Control-Allow-Origin") == ALLOWED
    assert header(response, "Access-Control-Allow-Credentials") == "true"
    assert header(response, "Access-Control-Expose-Headers") == "X-Request-Id"
    assert "Origin" in header_tokens(response, "Vary")
    for preflight_only in ("Allow-Methods", "Allow-Headers", "Max-Age"):
        assert header(response, f"Access-Control-{preflight_only}") is None


@sources
def test_options_without_a_request_method_reaches_the_users_options_route(source: EventSource) -> None:
    app = cors_app(source)

    @app.options("/todos")
    def describe_todos() -> dict[str, Any]:
        return {"methods": ["GET", "POST"]}

    response = get(source, app, "/todos", ALLOWED, method="OPTIONS")
    assert (response["statusCode"], json_body(response)) == (200, {"methods": ["GET", "POST"]})
    assert header(response, "Access-Control-Allow-Origin") == ALLOWED
    assert header(response, "Access-Control-Max-Age") is None


@sources
def test_preflight_from_a_disallowed_origin_gets_no_permission(source: EventSource) -> None:
    response = get(
        source,
        cors_app(source),
        "/todos",
        "https://evil.example.com",
        method="OPTIONS",
        Access_Control_Request_Method="POST",
    )
    assert header(response, "Access-Control-Allow-Origin") is None
    assert header(response, "Access-Control-Allow-Methods") is None


@sources
def test_preflight_for_an_unknown_path_is_not_answered_as_if_it_existed(source: EventSource) -> None:
    response = get(
        source, cors_app(source), "/nowhere", ALLOWED, method="OPTIONS", Access_Control_Request_Method="GET"
    )
    assert response["statusCode"] == 404
    assert header(response, "Access-Control-Allow-Methods") is None


@sources
def test_no_cors_config_means_no_cors_headers(source: EventSource) -> None:
    app = source.app()

    @app.get("/todos")
    def todos() -> dict[str, Any]:
        return {}

    response = get(source, app, "/todos", ALLOWED)
    assert header(response, "Access-Control-Allow-Origin") is None


@sources
def test_route_with_cors_on_without_a_resolver_config(source: EventSource) -> None:
    app = source.app()

    @app.get("/open", cors=True)
    def open_route() -> dict[str, Any]:
        return {}

    @app.get("/closed")
    def closed() -> dict[str, Any]:
        return {}

    assert header(get(source, app, "/open", ALLOWED), "Access-Control-Allow-Origin") == "*"
    assert header(get(source, app, "/closed", ALLOWED), "Access-Control-Allow-Origin") is None


@sources
def test_debug_mode_relaxes_cors(source: EventSource) -> None:
    app = cors_app(source, debug=True)
    response = get(source, app, "/todos", "http://localhost:3000")
    assert header(response, "Access-Control-Allow-Origin") == "http://localhost:3000"


@sources
def test_wildcard_with_credentials_answers_star_without_credentials(source: EventSource) -> None:
    with pytest.warns(UserWarning, match="allow_credentials"):
        config = CORSConfig(allow_origin="*", allow_credentials=True)
    for method, extra in (("GET", {}), ("OPTIONS", {"Access-Control-Request-Method": "GET"})):
        response = get(source, cors_app(source, config), "/todos", "https://anyone.example", method, **extra)
        assert header(response, "Access-Control-Allow-Origin") == "*"
        assert header(response, "Access-Control-Allow-Credentials") is None

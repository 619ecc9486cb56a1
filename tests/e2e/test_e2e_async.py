"""Async apps end to end, for every event source and every way of resolving.

One app is registered twice, from the same handler bodies: once with plain functions, once
with ``async def`` ones (handlers, ``not_found`` and exception handlers, a global and a route
middleware). The async app must answer every case exactly as the plain one answers it
through ``resolve()``, whether it is served by ``await resolve_async()``, by ``resolve()``
(which runs async parts to completion), or by ``resolve()`` called while an event loop is
running; and the plain app must answer the same through ``resolve_async``. The cases cover
what a client sees: route arguments, query, headers and body, HEAD, 405, CORS preflights and
headers, not-found, mapped and unmapped errors, refused paths, gzip, binary bodies, cookies
and ``Cache-Control``.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import json
from collections.abc import Callable
from typing import Any

import pytest

from apiway import CORSConfig, Response
from apiway.cookies import Cookie
from apiway.exceptions import BadRequestError
from support.events import WAYS, EventSource, each_source, each_way
from support.exact import DOT_SEGMENTS, GENERIC_500, URI_TOO_LONG, flat_headers
from support.responses import body_bytes, header, json_body, set_cookies

ORIGIN = "https://app.example.com"
BIG = {"rows": [{"n": n, "text": "the same words again"} for n in range(200)]}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\x00"


class TeapotError(Exception):
    """Mapped to 418 by the apps' exception handler."""


def make_app(source: EventSource, asynchronous: bool) -> Any:
    """The twin app: the same routes and answers, written plain or ``async def``."""
    app = source.app(cors=CORSConfig(allow_origin=ORIGIN, expose_headers=["X-Id"], max_age=60))

    def written(func: Callable[..., Any]) -> Callable[..., Any]:
        if not asynchronous:
            return func

        async def run(*args: Any, **kwargs: Any) -> Any:
            await asyncio.sleep(0)  # gives the loop a turn, as any real await would
            return func(*args, **kwargs)

        run.__name__ = func.__name__
        return run

    def stamp(app: Any, next_middleware: Any) -> Response:
        app.append_context(stamped=app.current_event.get_header_value("x-id") or "-")
        response = next_middleware(app)
        response.headers["X-Stamp"] = "yes"
        return response

    def route_stamp(app: Any, next_middleware: Any) -> Response:
        response = next_middleware(app)
        response.headers["X-Route-Stamp"] = app.context["stamped"]
        return response

    if asynchronous:

        async def stamp(app: Any, next_middleware: Any) -> Response:  # type: ignore[no-redef]
            app.append_context(stamped=app.current_event.get_header_value("x-id") or "-")
            response = await next_middleware(app)
            response.headers["X-Stamp"] = "yes"
            return response

        async def route_stamp(app: Any, next_middleware: Any) -> Response:  # type: ignore[no-redef]
            response = await next_middleware(app)
            response.headers["X-Route-Stamp"] = app.context["stamped"]
            return response

    app.use([stamp])

    def get_item(item: str) -> dict[str, Any]:
        event = app.current_event
        return {
            "item": item,
            "q": event.get_query_string_value("q"),
            "id": event.get_header_value("x-id"),
            "stamped": app.context.get("stamped"),
        }

    def create_item() -> tuple[dict[str, Any], int]:
        return {"created": app.current_event.json_body}, 201

    def teapot() -> None:
        raise TeapotError("short and stout")

    def bad() -> None:
        raise BadRequestError("no such thing")

    def boom() -> None:
        raise KeyError("hidden")

    def big() -> dict[str, Any]:
        return BIG

    def picture() -> Response:
        return Response(200, "image/png", PNG)

    def cookies() -> Response:
        return Response(200, "text/plain", "set", cookies=[Cookie("session", "s1")])

    def cached() -> dict[str, Any]:
        return {"cached": True}

    def on_teapot(error: TeapotError) -> Response:
        return Response(418, "text/plain", f"teapot: {error}")

    def on_not_found(error: Exception) -> Response:
        return Response(404, "text/plain", f"nothing at {app.current_event.path}")

    app.get("/items/<item>", middlewares=[route_stamp])(written(get_item))
    app.post("/items")(written(create_item))
    app.get("/teapot")(written(teapot))
    app.get("/bad")(written(bad))
    app.get("/boom")(written(boom))
    app.get("/big", compress=True)(written(big))
    app.get("/picture")(written(picture))
    app.get("/cookies")(written(cookies))
    app.get("/cached", cache_control="max-age=30")(written(cached))
    app.exception_handler(TeapotError)(written(on_teapot))
    app.not_found(written(on_not_found))
    return app


#: Each case: (method, path, event fields).
CASES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "route_args_query_headers": ("GET", "/items/abc", {"query": {"q": "1"}, "headers": {"X-Id": "7"}}),
    "post_json": (
        "POST",
        "/items",
        {"body": json.dumps({"n": 1}), "headers": {"Content-Type": "application/json"}},
    ),
    "head": ("HEAD", "/items/abc", {"headers": {"X-Id": "7"}}),
    "method_not_allowed": ("PUT", "/items/abc", {}),
    "preflight": (
        "OPTIONS",
        "/items/abc",
        {"headers": {"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}},
    ),
    "cors_headers": ("GET", "/items/abc", {"headers": {"Origin": ORIGIN, "X-Id": "8"}}),
    "cors_refused_origin": ("GET", "/items/abc", {"headers": {"Origin": "https://evil.example"}}),
    "not_found": ("GET", "/nothing/here", {}),
    "mapped_error": ("GET", "/teapot", {"headers": {"Origin": ORIGIN}}),
    "service_error": ("GET", "/bad", {}),
    "unhandled_error": ("GET", "/boom", {"headers": {"Origin": ORIGIN}}),
    "gzip": ("GET", "/big", {"headers": {"Accept-Encoding": "gzip"}}),
    "binary": ("GET", "/picture", {}),
    "cookies": ("GET", "/cookies", {}),
    "cache_control": ("GET", "/cached", {}),
    "dot_segments": ("GET", "/items/../teapot", {}),
    "uri_too_long": ("GET", "/items/" + "a" * 9000, {}),
}


def answer(source: EventSource, case: str, asynchronous: bool, way: str) -> dict[str, Any]:
    method, path, fields = CASES[case]
    return source.request(make_app(source, asynchronous), method, path, way=way, **fields)


@pytest.fixture(scope="module")
def expected() -> dict[tuple[str, str], dict[str, Any]]:
    """The plain app's answers through ``resolve()``, by (source, case): what every other
    way and twin must answer."""
    return {}


@each_source
@each_way
@pytest.mark.parametrize("case", list(CASES))
def test_the_async_app_answers_as_the_plain_app(
    source: EventSource, way: str, case: str, expected: dict[tuple[str, str], dict[str, Any]]
) -> None:
    key = (source.name, case)
    if key not in expected:
        expected[key] = answer(source, case, asynchronous=False, way="resolve")
    assert answer(source, case, asynchronous=True, way=way) == expected[key]


@each_source
@pytest.mark.parametrize("way", [way for way in WAYS if way != "resolve"])
@pytest.mark.parametrize("case", list(CASES))
def test_the_plain_app_answers_the_same_on_every_way(source: EventSource, way: str, case: str) -> None:
    assert answer(source, case, False, way) == answer(source, case, False, "resolve")


# -- what the plain app (and so the async one) answers: the cases say what they claim --------------
def plain(source: EventSource, case: str) -> dict[str, Any]:
    return answer(source, case, asynchronous=False, way="resolve")


@each_source
def test_route_arguments_query_headers_and_context_reach_the_handler(source: EventSource) -> None:
    response = plain(source, "route_args_query_headers")
    assert response["statusCode"] == 200
    assert json_body(response) == {"item": "abc", "q": "1", "id": "7", "stamped": "7"}
    assert header(response, "X-Stamp") == "yes"
    assert header(response, "X-Route-Stamp") == "7"


@each_source
def test_post_and_head(source: EventSource) -> None:
    created = plain(source, "post_json")
    assert (created["statusCode"], json_body(created)) == (201, {"created": {"n": 1}})
    head = plain(source, "head")
    assert (head["statusCode"], head["body"], header(head, "X-Route-Stamp")) == (200, "", "7")


@each_source
def test_method_not_allowed_and_preflight(source: EventSource) -> None:
    refused = plain(source, "method_not_allowed")
    assert refused["statusCode"] == 405
    assert header(refused, "Allow") == "GET, HEAD, OPTIONS"
    preflight = plain(source, "preflight")
    assert preflight["statusCode"] == 204
    assert header(preflight, "Access-Control-Allow-Origin") == ORIGIN
    assert header(preflight, "Access-Control-Max-Age") == "60"


@each_source
def test_cors_headers(source: EventSource) -> None:
    allowed = flat_headers(plain(source, "cors_headers"))
    assert allowed["Access-Control-Allow-Origin"] == ORIGIN
    assert allowed["Access-Control-Expose-Headers"] == "X-Id"
    assert "Access-Control-Allow-Origin" not in flat_headers(plain(source, "cors_refused_origin"))


@each_source
def test_errors(source: EventSource) -> None:
    not_found = plain(source, "not_found")
    assert (not_found["statusCode"], not_found["body"]) == (404, "nothing at /nothing/here")
    teapot = plain(source, "mapped_error")
    assert (teapot["statusCode"], teapot["body"]) == (418, "teapot: short and stout")
    assert header(teapot, "Access-Control-Allow-Origin") == ORIGIN
    assert json_body(plain(source, "service_error")) == {"statusCode": 400, "message": "no such thing"}
    unhandled = plain(source, "unhandled_error")
    assert (unhandled["statusCode"], unhandled["body"]) == (500, GENERIC_500)
    assert header(unhandled, "Access-Control-Allow-Origin") == ORIGIN
    assert plain(source, "dot_segments")["body"] == DOT_SEGMENTS
    assert plain(source, "uri_too_long")["body"] == URI_TOO_LONG


@each_source
def test_gzip_binary_cookies_and_cache_control(source: EventSource) -> None:
    zipped = plain(source, "gzip")
    assert header(zipped, "Content-Encoding") == "gzip"
    assert json.loads(gzip.decompress(base64.b64decode(zipped["body"]))) == BIG
    picture = plain(source, "binary")
    assert picture["isBase64Encoded"] is True
    assert body_bytes(picture) == PNG
    assert set_cookies(plain(source, "cookies")) == ["session=s1; Secure"]
    assert header(plain(source, "cache_control"), "Cache-Control") == "max-age=30"

"""Errors and the router's own answers with async parts, on every way of resolving.

Errors raised by async code (before or after awaiting, in a handler or a middleware) reach
the exception stage like any other; ``async def`` exception handlers and ``not_found``
answer; ``propagate_exceptions=True`` and debug mode behave as for plain code. The router's
own answers (404, 405, the automatic ``OPTIONS`` and ``HEAD``, refused paths) go through
async global middlewares (``apiway.aio.links.answer_chain``).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, CORSConfig, Response
from apiway.exceptions import BadRequestError, MethodNotAllowedError, NotFoundError
from support.events import each_way, rest_call
from support.exact import GENERIC_500, NOT_FOUND, error_body
from support.responses import header, header_tokens, json_body


class Refused(Exception):
    pass


class SoftRefused(Refused):
    pass


def failing_app(error: Exception, where: str, **options: Any) -> Any:
    """An app whose ``/fail`` raises ``error`` from async code: the handler before or after
    awaiting, or an async middleware before or after ``next_middleware``."""
    app = APIGatewayRestResolver(**options)

    async def guard(app: Any, next_middleware: Any) -> Response:
        if where == "middleware_before_next":
            raise error
        response = await next_middleware(app)
        if where == "middleware_after_next":
            raise error
        return response

    @app.get("/fail", middlewares=[guard])
    async def fail() -> dict[str, Any]:
        if where == "handler_before_await":
            raise error
        await asyncio.sleep(0)
        if where == "handler_after_await":
            raise error
        return {"not": "reached"}

    return app


WHERE = ["handler_before_await", "handler_after_await", "middleware_before_next", "middleware_after_next"]


@each_way
@pytest.mark.parametrize("where", WHERE)
def test_an_async_exception_handler_answers_errors_raised_by_async_code(where: str, way: str) -> None:
    app = failing_app(SoftRefused("not today"), where)

    @app.exception_handler(Refused)  # a base class: found through the error's MRO
    async def refused(error: Refused) -> Response:
        await asyncio.sleep(0)
        return Response(403, "text/plain", f"{type(error).__name__}: {error} at {app.current_event.path}")

    response = rest_call(app, "GET", "/fail", way=way)
    assert (response["statusCode"], response["body"]) == (403, "SoftRefused: not today at /fail")


@each_way
@pytest.mark.parametrize("where", WHERE)
def test_a_plain_exception_handler_answers_errors_raised_by_async_code(where: str, way: str) -> None:
    app = failing_app(Refused("no"), where)
    app.exception_handler(Refused)(lambda error: Response(409, "text/plain", str(error)))
    response = rest_call(app, "GET", "/fail", way=way)
    assert (response["statusCode"], response["body"]) == (409, "no")


@each_way
@pytest.mark.parametrize("where", WHERE)
def test_service_errors_raised_by_async_code(where: str, way: str) -> None:
    response = rest_call(failing_app(BadRequestError("bad input"), where), "GET", "/fail", way=way)
    assert (response["statusCode"], response["body"]) == (400, error_body(400, "bad input"))


@each_way
@pytest.mark.parametrize("where", WHERE)
def test_unhandled_errors_of_async_code_are_a_logged_generic_500(
    where: str, way: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = rest_call(failing_app(RuntimeError("secret 42"), where), "GET", "/fail", way=way)
    assert (response["statusCode"], response["body"]) == (500, GENERIC_500)
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert [record.exc_info[0] for record in errors if record.exc_info] == [RuntimeError]


@each_way
def test_an_async_exception_handler_may_raise_a_service_error_or_fail(way: str) -> None:
    app = failing_app(Refused("first"), "handler_after_await")

    @app.get("/other")
    async def other() -> None:
        raise SoftRefused()

    @app.exception_handler(Refused)
    async def reword(error: Refused) -> Response:
        await asyncio.sleep(0)
        if isinstance(error, SoftRefused):
            raise KeyError("the handler itself fails")
        raise BadRequestError(f"reworded: {error}")

    reworded = rest_call(app, "GET", "/fail", way=way)
    assert (reworded["statusCode"], json_body(reworded)["message"]) == (400, "reworded: first")
    failed = rest_call(app, "GET", "/other", way=way)
    assert (failed["statusCode"], failed["body"]) == (500, GENERIC_500)


@each_way
@pytest.mark.parametrize("where", WHERE)
def test_propagate_exceptions_raises_what_async_code_raised(where: str, way: str) -> None:
    app = failing_app(RuntimeError("count me"), where, propagate_exceptions=True)
    with pytest.raises(RuntimeError, match="count me"):
        rest_call(app, "GET", "/fail", way=way)
    # Service errors are still answers.
    app = failing_app(BadRequestError("bad"), where, propagate_exceptions=True)
    assert rest_call(app, "GET", "/fail", way=way)["statusCode"] == 400


@each_way
@pytest.mark.parametrize("route_kind", ["plain", "async"])
def test_an_async_exception_handler_that_fails_is_called_once(route_kind: str, way: str) -> None:
    app = APIGatewayRestResolver(propagate_exceptions=True)
    calls: list[str] = []

    if route_kind == "plain":

        @app.get("/fail")
        def fail() -> None:
            raise Refused("first")

    else:

        @app.get("/fail")
        async def fail() -> None:  # type: ignore[misc]
            raise Refused("first")

    @app.exception_handler(Refused)
    async def broken(error: Refused) -> Response:
        calls.append(str(error))
        await asyncio.sleep(0)
        raise LookupError("the handler fails")

    with pytest.raises(LookupError, match="the handler fails"):
        rest_call(app, "GET", "/fail", way=way)
    assert calls == ["first"]


@each_way
def test_debug_mode_answers_with_the_traceback_of_async_code(
    way: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = failing_app(ZeroDivisionError("boom in debug"), "handler_after_await", debug=True)
    with caplog.at_level(logging.DEBUG, logger="apiway"):
        response = rest_call(app, "GET", "/fail", way=way)
    assert response["statusCode"] == 500
    assert response["body"].startswith("Traceback (most recent call last):")
    assert "in fail" in response["body"]
    assert "ZeroDivisionError: boom in debug" in response["body"]
    debug_lines = [record.getMessage() for record in caplog.records if record.name == "apiway.debug"]
    assert len(debug_lines) == 2 and all("/fail" in line or "500" in line for line in debug_lines)


# -- not found, and the router's own answers through async global middlewares ------------------------
@each_way
def test_an_async_not_found_handler(way: str) -> None:
    app = APIGatewayRestResolver()

    @app.not_found
    async def missing(error: NotFoundError) -> Response:
        await asyncio.sleep(0)
        return Response(404, "text/plain", f"no {app.current_event.path}")

    response = rest_call(app, "GET", "/nowhere", way=way)
    assert (response["statusCode"], response["body"]) == (404, "no /nowhere")


@each_way
def test_an_async_handler_for_405_keeps_allow(way: str) -> None:
    app = APIGatewayRestResolver()
    app.get("/only-get")(dict)

    @app.exception_handler(MethodNotAllowedError)
    async def reword(error: MethodNotAllowedError) -> Response:
        return Response(405, "text/plain", "use another method")

    response = rest_call(app, "DELETE", "/only-get", way=way)
    assert (response["statusCode"], response["body"]) == (405, "use another method")
    assert header_tokens(response, "Allow") == ["GET", "HEAD", "OPTIONS"]


def router_answer_app(**options: Any) -> tuple[Any, list[str]]:
    """An app whose global middleware is async and records what it saw."""
    app = APIGatewayRestResolver(**options)
    seen: list[str] = []

    async def record(app: Any, next_middleware: Any) -> Response:
        seen.append(f"{app.current_event.http_method} {app.current_event.path}")
        response = await next_middleware(app)
        response.headers["X-Seen"] = "1"
        return response

    app.use([record])

    @app.get("/things/<thing>")
    async def thing(thing: str) -> dict[str, Any]:
        await asyncio.sleep(0)
        return {"thing": thing}

    return app, seen


@each_way
@pytest.mark.parametrize(
    ("method", "path", "status", "body"),
    [
        ("GET", "/things/a", 200, '{"thing":"a"}'),
        ("HEAD", "/things/a", 200, ""),
        ("GET", "/missing", 404, NOT_FOUND),
        ("PUT", "/things/a", 405, error_body(405, "Method not allowed")),
        ("OPTIONS", "/things/a", 204, ""),
        ("GET", "/things/../x", 400, error_body(400, "Invalid path: '.' and '..' segments are not allowed")),
        ("GET", "/things/" + "x" * 9000, 414, error_body(414, "URI too long")),
    ],
    ids=["route", "head", "not_found", "method_not_allowed", "options", "dot_segments", "too_long"],
)
def test_the_router_answers_through_async_global_middlewares(
    method: str, path: str, status: int, body: str, way: str
) -> None:
    app, seen = router_answer_app()
    response = rest_call(app, method, path, way=way)
    assert (response["statusCode"], response["body"], header(response, "X-Seen")) == (status, body, "1")
    assert seen == [f"{method} {path}"]
    if status in (204, 405):
        assert header_tokens(response, "Allow") == ["GET", "HEAD", "OPTIONS"]


@each_way
def test_head_of_an_async_get_route_runs_it_once_without_a_body(way: str) -> None:
    app = APIGatewayRestResolver()
    calls: list[str] = []

    @app.get("/file/<name>")
    async def file(name: str) -> Response:
        calls.append(name)
        await asyncio.sleep(0)
        return Response(200, "image/png", b"\x89PNG", headers={"X-Size": "4"})

    response = rest_call(app, "HEAD", "/file/a.png", way=way)
    assert (response["statusCode"], response["body"], response["isBase64Encoded"]) == (200, "", False)
    assert (header(response, "Content-Type"), header(response, "X-Size")) == ("image/png", "4")
    assert calls == ["a.png"]


@each_way
def test_cors_preflight_through_an_async_global_middleware(way: str) -> None:
    app, seen = router_answer_app(cors=CORSConfig(allow_origin="https://a.example"))
    headers = {"Origin": "https://a.example", "Access-Control-Request-Method": "GET"}
    response = rest_call(app, "OPTIONS", "/things/a", way=way, headers=headers)
    assert response["statusCode"] == 204
    assert header(response, "Access-Control-Allow-Origin") == "https://a.example"
    assert header(response, "X-Seen") == "1"
    assert seen == ["OPTIONS /things/a"]


@each_way
def test_an_async_exception_handler_registered_after_the_first_answer(way: str) -> None:
    app = APIGatewayRestResolver()
    app.get("/here")(dict)
    assert rest_call(app, "GET", "/gone", way=way)["body"] == NOT_FOUND

    @app.not_found
    async def later(error: NotFoundError) -> Response:
        return Response(404, "text/plain", "registered late")

    assert rest_call(app, "GET", "/gone", way=way)["body"] == "registered late"

"""Async apps through the local tools: the test clients, the threaded server over real
sockets, ``apiway serve`` and the WSGI adapter.

The server, the WSGI adapter and ``TestClient`` call ``resolve()``, which runs async routes to
completion on an event loop of the calling thread: the server starts a thread per
connection, and each thread's loop must be closed when it ends. ``AsyncTestClient`` awaits
``resolve_async`` on the test's own loop.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import subprocess
import sys
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from apiway import Response
from apiway.exceptions import NotFoundError
from apiway.local.proxy import MalformedResponseError
from apiway.local.wsgi import to_wsgi
from apiway.testing import AsyncTestClient, TestClient

from .apps import BIG, PNG, RESOLVERS, SOURCES
from .test_server import REPOSITORY, fetch, free_port, running, wait_for_line
from .test_wsgi import call


def async_app(source: str = "rest") -> Any:
    """A resolver whose routes, middleware and exception handler are ``async def`` (and one
    plain middleware, which runs in a worker thread around them)."""
    app = RESOLVERS[source]()

    def stamp(app: Any, next_middleware: Any) -> Response:
        app.append_context(thread=threading.get_ident())
        response: Response = next_middleware(app)
        response.headers["X-Stamp"] = app.current_event.path
        return response

    async def slow_down(app: Any, next_middleware: Any) -> Response:
        await asyncio.sleep(0.001)
        return await next_middleware(app)

    app.use([stamp, slow_down])

    @app.get("/items/<item>")
    async def item(item: str) -> dict[str, Any]:
        await asyncio.sleep(0.002)
        return {
            "item": item,
            "n": app.current_event.get_query_string_value("n"),
            "path": app.current_event.path,
        }

    @app.post("/items")
    async def create() -> tuple[dict[str, Any], int]:
        await asyncio.sleep(0)
        return {"created": app.current_event.json_body}, 201

    @app.get("/big", compress=True)
    async def big() -> dict[str, Any]:
        return BIG

    @app.get("/image")
    async def image() -> Response:
        return Response(200, "image/png", PNG)

    @app.get("/missing")
    async def missing() -> None:
        raise NotFoundError("nothing here")

    @app.get("/bug")
    async def bug() -> None:
        await asyncio.sleep(0)
        raise RuntimeError("a bug in async code")

    @app.get("/loop")
    async def loop() -> dict[str, Any]:
        return {"loop": id(asyncio.get_running_loop())}

    class Teapot(Exception):
        pass

    @app.get("/teapot")
    async def teapot() -> None:
        raise Teapot()

    @app.exception_handler(Teapot)
    async def short_and_stout(error: Teapot) -> Response:
        return Response(418, "text/plain", "teapot")

    return app


# -- TestClient ------------------------------------------------------------------------------------
@pytest.mark.parametrize("source", SOURCES)
def test_the_test_client_serves_an_async_app(source: str) -> None:
    client = TestClient(async_app(source), source=source)
    got = client.get("/items/a", query={"n": "1"})
    assert (got.status_code, got.json()) == (200, {"item": "a", "n": "1", "path": "/items/a"})
    assert got.headers["X-Stamp"] == "/items/a"
    created = client.post("/items", json={"title": "t"})
    assert (created.status_code, created.json()) == (201, {"created": {"title": "t"}})
    head = client.head("/items/a")
    assert (head.status_code, head.content) == (200, b"")
    assert client.get("/big", headers={"Accept-Encoding": "gzip"}).json() == BIG
    assert client.get("/image").content == PNG
    assert client.get("/missing").status_code == 404
    assert client.get("/teapot").status_code == 418
    with pytest.raises(RuntimeError, match="a bug in async code"):
        client.get("/bug")
    assert (
        TestClient(async_app(source), source=source, raise_server_exceptions=False).get("/bug").status_code
        == 500
    )


def test_the_test_client_inside_a_running_loop() -> None:
    # An async test calling the (synchronous) test client: resolve() runs the async parts on
    # a worker thread's loop.
    client = TestClient(async_app())

    async def test_body() -> tuple[int, Any, int]:
        got = client.get("/items/b")
        loop_seen = client.get("/loop").json()["loop"]
        return got.status_code, got.json()["item"], loop_seen != id(asyncio.get_running_loop())

    assert asyncio.run(test_body()) == (200, "b", True)


# -- AsyncTestClient ---------------------------------------------------------------------------------
@pytest.mark.parametrize("source", SOURCES)
def test_the_async_test_client_awaits_on_the_tests_own_loop(source: str) -> None:
    client = AsyncTestClient(async_app(source), source=source)

    async def test_body() -> None:
        got = await client.get("/items/a", query={"n": "2"})
        assert (got.status_code, got.json()) == (200, {"item": "a", "n": "2", "path": "/items/a"})
        assert (await client.get("/loop")).json() == {"loop": id(asyncio.get_running_loop())}
        created = await client.post("/items", json={"title": "t"})
        assert created.status_code == 201
        assert (await client.head("/items/a")).content == b""
        assert (await client.put("/items")).status_code == 405
        assert (await client.patch("/items")).status_code == 405
        assert (await client.delete("/items")).status_code == 405
        assert (await client.options("/items")).status_code == 204
        assert (await client.get("/teapot")).status_code == 418
        with pytest.raises(RuntimeError, match="a bug in async code"):
            await client.get("/bug")
        quiet = AsyncTestClient(client.app, source=source, raise_server_exceptions=False)
        assert (await quiet.get("/bug")).status_code == 500
        # Concurrent requests on the test's loop keep their own state.
        replies = await asyncio.gather(*(client.get(f"/items/{n}") for n in range(20)))
        assert [reply.json()["item"] for reply in replies] == [str(n) for n in range(20)]

    asyncio.run(test_body())


def test_the_async_test_client_runs_a_lambda_handler_in_a_thread() -> None:
    app = async_app("http")

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return asyncio.run(app.resolve_async(event, context))

    client = AsyncTestClient(lambda_handler, source="http")

    async def test_body() -> Any:
        return (await client.get("/items/x")).json()["item"]

    assert asyncio.run(test_body()) == "x"
    assert repr(client).startswith("<AsyncTestClient ")


def test_an_async_lambda_handler_is_a_clear_malformed_response() -> None:
    app = async_app()

    async def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return await app.resolve_async(event, context)

    with pytest.raises(MalformedResponseError, match="Lambda calls handlers synchronously"):
        TestClient(lambda_handler).get("/items/a")
    answer = TestClient(lambda_handler, raise_server_exceptions=False).get("/items/a")
    assert answer.status_code == 502


@pytest.mark.parametrize("client_class", [TestClient, AsyncTestClient])
def test_a_lambda_handler_using_asyncio_run(client_class: type) -> None:
    app = async_app()

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return asyncio.run(app.resolve_async(event, context))

    client = client_class(lambda_handler)
    reply = client.get("/items/q")
    if client_class is AsyncTestClient:
        reply = asyncio.run(reply)
    assert reply.json()["item"] == "q"


# -- the threaded server over real sockets --------------------------------------------------------
def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0


@pytest.mark.parametrize("source", ["rest", "http", "lattice-v2"])
def test_the_server_answers_concurrent_requests_to_an_async_app(source: str) -> None:
    with running(async_app(source), source=source) as server:
        with ThreadPoolExecutor(max_workers=8) as pool:
            replies = list(pool.map(lambda n: fetch(server, "GET", f"/items/{n}?n={n}"), range(40)))
        for n, reply in enumerate(replies):
            assert reply.status == 200
            assert reply.json() == {"item": str(n), "n": str(n), "path": f"/items/{n}"}
            assert reply.header("X-Stamp") == f"/items/{n}"
        assert fetch(server, "GET", "/teapot").status == 418
        assert fetch(server, "GET", "/bug").status == 500
        assert fetch(server, "HEAD", "/items/1").body == b""


def test_the_server_leaves_no_event_loop_behind_its_connection_threads() -> None:
    # One thread per connection, each with its own loop: closed when the thread ends (left
    # to the garbage collector, each would warn that it was never closed, an error here).
    with running(async_app()) as server:
        fetch(server, "GET", "/items/warm")
        gc.collect()
        before = open_descriptors()
        for n in range(30):
            assert fetch(server, "GET", f"/items/{n}").status == 200
        gc.collect()
        # Each loop holds an epoll descriptor and a socket pair; 30 of them would show.
        assert open_descriptors() - before < 10


def test_apiway_serve_runs_the_async_example() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "apiway", "serve", "examples/async_handlers/app.py", "--port", str(port)],
        cwd=REPOSITORY,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert "as http events" in wait_for_line(process, "serving")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/todos/2", timeout=10) as response:
            assert json.loads(response.read())["title"] == "await the service"
            assert response.headers["X-Request-Id"]
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/todos",
            data=b'{"title": "ship it"}',
            headers={"X-Api-Key": "let-me-in", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert (response.status, json.loads(response.read())["title"]) == (201, "ship it")
    finally:
        process.terminate()
        process.wait(10)
        if process.stderr:
            process.stderr.close()


# -- the WSGI adapter ------------------------------------------------------------------------------
@pytest.mark.parametrize("source", SOURCES)
def test_the_wsgi_adapter_serves_an_async_app(source: str) -> None:
    app = to_wsgi(async_app(source), source=source)
    got = call(app, "GET", "/items/w", QUERY_STRING="n=3")
    assert (got.status, json.loads(got.body)) == ("200 OK", {"item": "w", "n": "3", "path": "/items/w"})
    created = call(app, "POST", "/items", b'{"a": 1}', CONTENT_TYPE="application/json")
    assert (created.status_code, json.loads(created.body)) == (201, {"created": {"a": 1}})
    assert call(app, "GET", "/image").body == PNG
    assert call(app, "GET", "/teapot").status_code == 418
    assert call(app, "HEAD", "/items/w").body == b""

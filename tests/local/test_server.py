"""The local server over real sockets: http.client and urllib against a loopback port."""

from __future__ import annotations

import gzip
import http.client
import json
import logging
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from apiway.local.server import ThreadingWSGIServer, make_server

from .apps import BIG, LAST_QUERY_VALUE, ONE_COOKIE, PNG, SOURCES, make_app

REPOSITORY = Path(__file__).resolve().parents[2]


@contextmanager
def running(app: Any, **options: Any) -> Iterator[ThreadingWSGIServer]:
    """``app`` served on a free loopback port in a background thread."""
    server = make_server(app, "127.0.0.1", 0, **options)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class Reply:
    def __init__(self, response: http.client.HTTPResponse):
        self.status = response.status
        self.reason = response.reason
        self.headers = response.getheaders()
        self.body = response.read()

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self) -> Any:
        return json.loads(self.body)


def fetch(
    server: ThreadingWSGIServer,
    method: str,
    target: str,
    body: bytes | None = None,
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
) -> Reply:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        pairs = headers.items() if isinstance(headers, dict) else headers or []
        for name, value in pairs:
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        return Reply(connection.getresponse())
    finally:
        connection.close()


@pytest.fixture(scope="module", params=SOURCES)
def server(request: pytest.FixtureRequest) -> Iterator[ThreadingWSGIServer]:
    with running(make_app(request.param), source=request.param) as server:
        yield server


def source_of(server: ThreadingWSGIServer) -> str:
    return server.get_app().source  # type: ignore[attr-defined, no-any-return]


def test_routing_status_codes_and_json(server: ThreadingWSGIServer) -> None:
    reply = fetch(server, "GET", "/todos/1")
    assert (reply.status, reply.reason) == (200, "OK")
    assert reply.header("Content-Type") == "application/json"
    assert reply.json() == {"id": "1", "title": "write docs"}
    assert fetch(server, "GET", "/todos/99").status == 404
    assert fetch(server, "GET", "/no/such/path").status == 404
    not_allowed = fetch(server, "DELETE", "/todos")
    assert not_allowed.status == 405
    assert not_allowed.header("Allow") == "GET, HEAD, OPTIONS, POST"
    assert fetch(server, "GET", "/bad").status == 400
    boom = fetch(server, "GET", "/boom")
    assert boom.status == 500
    assert b"secret" not in boom.body


def test_post_json(server: ThreadingWSGIServer) -> None:
    reply = fetch(server, "POST", "/todos", b'{"title": "over http"}', {"Content-Type": "application/json"})
    assert reply.status == 201
    assert reply.json()["title"] == "over http"


def test_query_headers_and_cookies(server: ThreadingWSGIServer) -> None:
    headers = [("X-Multi", "one"), ("X-Multi", "two"), ("Cookie", "a=1; b=2"), ("User-Agent", "http.client")]
    echo = fetch(server, "GET", "/echo?tag=x%20y&tag=z&plus=a+b", headers=headers).json()
    multi = source_of(server) not in LAST_QUERY_VALUE
    assert echo["query"] == {"tag": ["x y", "z"] if multi else ["z"], "plus": ["a b"]}
    # What each source makes of a repeated header, read with get_header_value.
    expected = {
        "rest": "two",  # `headers` keeps the last value; all of them are in multiValueHeaders
        "http": "one,two",
        "function-url": "one,two",
        "alb": "two",
        "alb-multi": "one, two",
        "lattice": "one, two",  # version 1 joins them into one string
        "lattice-v2": "one, two",  # version 2 lists them; headers joins the list
    }
    assert echo["x_multi"] == expected[source_of(server)]
    assert echo["cookies"] == {"a": "1", "b": "2"}
    assert echo["user_agent"] == "http.client"
    assert echo["request_id"]


def test_percent_encoded_paths(server: ThreadingWSGIServer) -> None:
    assert fetch(server, "GET", "/files/a%20b").json() == {"name": "a b"}
    assert fetch(server, "GET", "/files/caf%C3%A9").json() == {"name": "café"}


def test_gzip_with_accept_encoding(server: ThreadingWSGIServer) -> None:
    zipped = fetch(server, "GET", "/big", headers={"Accept-Encoding": "gzip"})
    assert zipped.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in (zipped.header("Vary") or "")
    assert zipped.header("Content-Length") == str(len(zipped.body))
    assert json.loads(gzip.decompress(zipped.body)) == BIG
    plain = fetch(server, "GET", "/big")
    assert plain.header("Content-Encoding") is None
    assert plain.json() == BIG


def test_binary_image_and_binary_upload(server: ThreadingWSGIServer) -> None:
    image = fetch(server, "GET", "/image")
    assert image.header("Content-Type") == "image/png"
    assert image.body == PNG
    upload = bytes(range(256)) * 4
    echoed = fetch(server, "POST", "/echo", upload, {"Content-Type": "application/octet-stream"})
    assert echoed.body == upload
    assert echoed.header("X-Base64") == "True"


def test_cookies_and_multi_value_headers(server: ThreadingWSGIServer) -> None:
    cookies = fetch(server, "GET", "/cookies").all("Set-Cookie")
    assert cookies == (
        ["theme=dark"] if source_of(server) in ONE_COOKIE else ["session=abc123", "theme=dark"]
    )
    multi = fetch(server, "GET", "/multi")
    assert multi.status == 204
    expected = ["one", "two"] if source_of(server) in ("rest", "alb-multi") else ["one, two"]
    assert multi.all("X-Multi") == expected


def test_head_request(server: ThreadingWSGIServer) -> None:
    reply = fetch(server, "HEAD", "/todos")
    assert reply.status == 200
    assert reply.body == b""


def test_urllib_client(server: ThreadingWSGIServer) -> None:
    with urllib.request.urlopen(f"{server.url}/todos", timeout=10) as response:
        assert response.status == 200
        assert json.loads(response.read())["todos"]
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{server.url}/todos/404", timeout=10)
    assert error.value.code == 404
    error.value.close()


def test_concurrent_requests_are_served_in_parallel(server: ThreadingWSGIServer) -> None:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=6) as pool:
        replies = list(pool.map(lambda _: fetch(server, "GET", "/slow"), range(6)))
    elapsed = time.perf_counter() - started
    assert [reply.status for reply in replies] == [200] * 6
    assert elapsed < 6 * 0.3 * 0.6, f"6 requests of 0.3 s took {elapsed:.2f} s: not concurrent"


def request_lines(caplog: pytest.LogCaptureFixture, count: int, path: str = "/") -> list[str]:
    """The server's request log lines for paths starting with ``path``, once ``count`` have
    arrived: a line is written when the response is finished, which can be just after the
    client has read it (or, for an earlier test's slow request, during this test)."""
    deadline = time.monotonic() + 5
    while True:
        lines = [
            message
            for message in (r.getMessage() for r in caplog.records if r.name == "apiway.local")
            if " ms" in message and message.split(" ", 2)[1].startswith(path)
        ]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.01)


def test_each_request_is_logged_on_one_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, "apiway.local"), running(make_app("rest")) as server:
        fetch(server, "GET", "/todos?x=1")
        fetch(server, "POST", "/todos", b"{}", {"Content-Type": "application/json"})
        lines = request_lines(caplog, 2, "/todos")
    assert len(lines) == 2
    # Each line is written by its request's thread after the response: order them by method.
    first, second = sorted(lines, key=lambda line: not line.startswith("GET"))
    parts = first.split()
    assert parts[:3] == ["GET", "/todos?x=1", "200"]
    assert parts[4] == "ms" and float(parts[3]) >= 0
    assert second.startswith("POST /todos 400 ")


def test_malformed_proxy_response_is_502_like_api_gateway(caplog: pytest.LogCaptureFixture) -> None:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        if event["path"] == "/raise":
            raise ValueError("broken handler")
        return {"statusCode": 200, "headers": {"X-Count": ["1"]}, "body": "x"}

    with caplog.at_level(logging.INFO, "apiway.local"), running(handler) as server:
        malformed = fetch(server, "GET", "/")
        raised = fetch(server, "GET", "/raise")
        lines = request_lines(caplog, 2)
    assert (malformed.status, malformed.reason) == (502, "Bad Gateway")
    assert malformed.header("Content-Type") == "application/json"
    assert malformed.json() == {
        "message": "Internal server error",
        "detail": "Malformed Lambda proxy response: header 'X-Count' must be a string, not list",
    }
    assert raised.status == 502
    assert raised.json()["detail"] == "the handler raised ValueError"
    assert "broken handler" in caplog.text  # the traceback is in the log, not the response
    # Each line is written by its request's thread after the response, so in either order.
    assert next(line for line in lines if line.split()[1] == "/").startswith("GET / 502 ")


def test_ipv6_loopback_when_available() -> None:
    import socket

    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        server = make_server(make_app("rest"), "::1", 0)
    except OSError as error:
        pytest.skip(f"IPv6 loopback unavailable: {error}")
    server.server_close()
    assert server.url.startswith("http://[::1]:")


def wait_for_line(process: subprocess.Popen[str], marker: str, timeout: float = 20) -> str:
    """Read the process's stderr until a line contains ``marker``."""
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        if marker in line:
            return line
    raise AssertionError(f"no {marker!r} line; the server printed:\n{''.join(seen)}")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_python_m_apiway_serve_an_example_app() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "apiway", "serve", "examples/testing/app.py", "--port", str(port)],
        cwd=REPOSITORY,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        banner = wait_for_line(process, "serving")
        assert f"http://127.0.0.1:{port}" in banner
        assert "as rest events" in banner
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/todos/1?x=1", timeout=10) as response:
            assert json.loads(response.read()) == {"id": "1", "title": "write the docs", "completed": False}
        assert "GET /todos/1?x=1 200" in wait_for_line(process, "/todos/1")
    finally:
        process.terminate()
        process.wait(10)
        if process.stderr:
            process.stderr.close()


def send_raw(server: ThreadingWSGIServer, head: str, body: bytes = b"") -> Reply:
    """A request written byte for byte (a chunked body framed by hand), and its reply."""
    import socket

    with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode("latin-1") + b"\r\n" + body)
        response = http.client.HTTPResponse(sock)
        response.begin()
        return Reply(response)


CHUNKED_POST = "POST /echo HTTP/1.1\nHost: localhost\nContent-Type: {type}\nTransfer-Encoding: {coding}\n"


def test_a_chunked_request_body_reaches_the_handler(server: ThreadingWSGIServer) -> None:
    head = CHUNKED_POST.format(type="text/plain", coding="chunked")
    text = send_raw(server, head, b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n")
    assert (text.status, text.body) == (200, b"hello, world")
    upload = bytes(range(256)) * 40
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (upload[:1000], upload[1000:]))
    head = CHUNKED_POST.format(type="application/octet-stream", coding="chunked")
    binary = send_raw(server, head, chunks + b"0\r\n\r\n")
    assert binary.body == upload
    assert binary.header("X-Base64") == "True"


def test_http_client_chunked_upload() -> None:
    # http.client frames an iterable body as chunks by itself when told to.
    with running(make_app("http")) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        try:
            parts = iter([b'{"title": ', b'"sent in chunks"}'])
            connection.request(
                "POST",
                "/todos",
                body=parts,
                headers={"Content-Type": "application/json"},
                encode_chunked=True,
            )
            reply = Reply(connection.getresponse())
        finally:
            connection.close()
    assert reply.status == 201
    assert reply.json()["title"] == "sent in chunks"


@pytest.mark.parametrize(
    ("coding", "body", "status", "detail"),
    [
        ("chunked", b"zz\r\nhello\r\n0\r\n\r\n", 400, "invalid chunk size 'zz'"),
        ("chunked", b"5\r\nhello world\r\n0\r\n\r\n", 400, "not followed by CRLF"),
        ("chunked", b"fffffffff\r\n", 413, "larger than 10485760 bytes"),
        ("gzip, chunked", b"0\r\n\r\n", 501, "only the chunked transfer coding is supported"),
        ("chunked, gzip", b"0\r\n\r\n", 400, "must end with chunked"),
    ],
)
def test_bad_chunked_bodies_are_refused_with_the_reason(
    coding: str, body: bytes, status: int, detail: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, "apiway.local"), running(make_app("rest")) as server:
        reply = send_raw(server, CHUNKED_POST.format(type="text/plain", coding=coding), body)
        lines = request_lines(caplog, 1, "/echo")
    assert reply.status == status
    assert reply.header("Content-Type") == "application/json"
    assert detail in reply.json()["detail"]
    assert lines and lines[0].startswith(f"POST /echo {status} ")


def test_a_wsgi_server_that_passes_chunked_bodies_on_gets_411() -> None:
    from wsgiref.simple_server import WSGIRequestHandler
    from wsgiref.simple_server import make_server as make_wsgiref_server

    from apiway.wsgi import to_wsgi

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    plain = make_wsgiref_server("127.0.0.1", 0, to_wsgi(make_app("rest")), handler_class=Quiet)
    thread = threading.Thread(target=plain.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        reply = send_raw(
            plain, CHUNKED_POST.format(type="text/plain", coding="chunked"), b"2\r\nhi\r\n0\r\n\r\n"
        )
    finally:
        plain.shutdown()
        plain.server_close()
        thread.join(5)
    assert (reply.status, reply.reason) == (411, "Length Required")
    assert "chunked request bodies" in reply.json()["detail"]


def test_head_carries_the_get_length_or_none() -> None:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        # a handler that knows nothing of HEAD answers it with the GET body
        return {"statusCode": 200, "headers": {"Content-Type": "text/plain"}, "body": "twelve bytes"}

    with running(make_app("rest")) as app_server, running(handler) as handler_server:
        get = fetch(app_server, "GET", "/todos")
        head = fetch(app_server, "HEAD", "/todos")
        assert get.header("Content-Length") == str(len(get.body))
        # the resolver sends no body for HEAD, so no length can be told: none, not 0
        assert (head.status, head.body, head.header("Content-Length")) == (200, b"", None)
        assert head.header("Content-Type") == "application/json"
        plain_head = fetch(handler_server, "HEAD", "/")
        assert (plain_head.body, plain_head.header("Content-Length")) == (b"", "12")
        no_content = fetch(app_server, "GET", "/multi")
        assert (no_content.status, no_content.header("Content-Length")) == (204, None)


def test_the_access_log_redacts_credentials_in_the_query(caplog: pytest.LogCaptureFixture) -> None:
    target = "/echo?page=2&token=abc123&X-Api-Key=k9&access_token=t0&session_id=s1&q=find+me&password"
    with caplog.at_level(logging.INFO, "apiway.local"), running(make_app("rest")) as server:
        assert fetch(server, "GET", target).status == 200
        lines = request_lines(caplog, 1, "/echo")
    assert lines[0].startswith(
        "GET /echo?page=2&token=***&X-Api-Key=***&access_token=***&session_id=***&q=find+me&password 200 "
    )
    for secret in ("abc123", "k9", "t0", "s1"):
        assert secret not in caplog.text


def test_redact_target_uses_the_debug_logs_rule() -> None:
    from apiway.local.server import redact_target
    from apiway.stages.debug import is_secret

    assert redact_target("/a") == "/a"
    assert redact_target("/a?") == "/a?"
    assert redact_target("/a?api%5Fkey=1&Authorization=2&x=3") == "/a?api%5Fkey=***&Authorization=***&x=3"
    for name in ("cookie", "client_secret", "refresh_token", "page", "user"):
        redacted = redact_target(f"/?{name}=v") == f"/?{name}=***"
        assert redacted == is_secret(name)

"""The local development server: a threaded ``wsgiref`` server around :mod:`apiway.local.wsgi`.

Each request is handled in its own thread and logged on one line (method, target with
credential-looking query values redacted, status, duration). The request line and the
header lines reach the WSGI adapter untouched, so percent-encoding and repeated headers
arrive in the event exactly as the client sent them; a chunked request body is decoded here,
since ``wsgiref`` would pass it on undecoded.
"""

import logging
import socket
import socketserver
import time
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from apiway.local import DEFAULT_HOST, DEFAULT_PORT
from apiway.local.chunked import ChunkedBodyError, read_chunked, transfer_codings
from apiway.local.proxy import gateway_error
from apiway.local.target import describe
from apiway.local.wsgi import LambdaWSGIApp
from apiway.status import reason_phrase

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from _typeshed.wsgi import WSGIEnvironment

logger = logging.getLogger("apiway.local")


def redact_target(target: str) -> str:
    """``target`` with the values of credential-looking query parameters replaced, by the
    rule the debug log uses (:func:`apiway.stages.debug.is_secret`)."""
    path, sep, query = target.partition("?")
    if not sep:
        return target
    from urllib.parse import unquote_plus

    from apiway.stages.debug import REDACTED, is_secret

    parts = []
    for part in query.split("&"):
        name, has_value, _ = part.partition("=")
        parts.append(f"{name}={REDACTED}" if has_value and is_secret(unquote_plus(name)) else part)
    return f"{path}?{'&'.join(parts)}"


class RequestHandler(WSGIRequestHandler):
    """Hands the raw request target, header lines and decoded body to the app; logs one line
    per request."""

    # HTTP/1.1 makes the request parser answer "Expect: 100-continue" (curl sends it for big
    # bodies and would otherwise wait a second); each connection still serves one request.
    protocol_version = "HTTP/1.1"
    _started = 0.0
    _body: "bytes | None" = None

    def handle(self) -> None:
        self._started = time.perf_counter()
        super().handle()

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        encodings = self.headers.get_all("Transfer-Encoding")
        if not encodings:
            return True
        codings = transfer_codings(", ".join(encodings))
        if codings != ["chunked"]:
            if not codings or codings[-1] != "chunked":
                return self._refuse(400, "a request's Transfer-Encoding must end with chunked")
            return self._refuse(
                501, f"only the chunked transfer coding is supported, not {', '.join(codings)}"
            )
        try:
            self._body = read_chunked(self.rfile)
        except ChunkedBodyError as error:
            return self._refuse(error.status, f"chunked request body: {error}")
        return True

    def _refuse(self, status: int, detail: str) -> bool:
        """Answer ``status`` with a JSON message before the app sees the request."""
        response = gateway_error(status, reason_phrase(status), detail)
        self.close_connection = True
        self.send_response(status, response.reason)  # logs the request line
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(response.body)
        self._discard_unread()
        return False

    def _discard_unread(self) -> None:
        """Read what is left of the request for a moment before closing: closing a socket with
        unread data resets the connection, and the client could lose the answer just sent."""
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(0.5)
            for _ in range(64):  # at most 4 MiB
                if not self.rfile.read1(65536):
                    break
        except OSError:
            pass

    def get_environ(self) -> "WSGIEnvironment":
        environ = super().get_environ()
        # wsgiref decodes PATH_INFO and comma-joins repeated headers; keep the originals.
        environ["RAW_URI"] = self.path
        environ["apiway.headers"] = list(self.headers.items())
        if self._body is not None:
            environ["apiway.body"] = self._body  # wsgiref sets wsgi.input to the raw stream
        return environ

    def log_request(self, code: "int | str" = "-", size: "int | str" = "-") -> None:
        elapsed = (time.perf_counter() - self._started) * 1000
        method = getattr(self, "command", None) or "-"
        target = redact_target(getattr(self, "path", None) or "-")
        logger.info("%s %s %s %.1f ms", method, target, code, elapsed)

    def log_message(self, format: str, *args: "Any") -> None:
        logger.warning("%s: %s", self.address_string(), format % args)


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    """A WSGI server answering each request in a daemon thread."""

    daemon_threads = True
    allow_reuse_address = True  # --reload restarts bind the same port at once
    request_queue_size = 64  # socketserver's 5 refuses bursts of parallel browser requests

    def server_bind(self) -> None:
        # perf: HTTPServer.server_bind asks socket.getfqdn(), a reverse DNS lookup that can
        # stall start-up for seconds; the bound address is name enough here.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)
        self.setup_environ()

    @property
    def url(self) -> str:
        """``http://host:port`` the server answers on."""
        host = self.server_name
        return f"http://[{host}]:{self.server_port}" if ":" in host else f"http://{host}:{self.server_port}"


class ThreadingWSGIServerV6(ThreadingWSGIServer):
    """The same, listening on an IPv6 address."""

    address_family = socket.AF_INET6


def make_server(
    app: "Any",
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    source: "str | None" = None,
    stage: "str | None" = None,
) -> "ThreadingWSGIServer":
    """A bound, not yet serving, local server for ``app`` (``port=0`` picks a free port).

    ``app`` is a resolver, a Lambda handler ``(event, context)`` or an already built
    :class:`~apiway.local.wsgi.LambdaWSGIApp`. Call ``serve_forever()`` (in a thread if
    needed), then ``shutdown()`` and ``server_close()``.
    """
    wsgi_app = app if isinstance(app, LambdaWSGIApp) else LambdaWSGIApp(app, source, stage)
    server_class = ThreadingWSGIServerV6 if ":" in host else ThreadingWSGIServer
    server = server_class((host, port), RequestHandler)
    server.set_app(wsgi_app)
    return server


def configure_logging(level: int = logging.INFO) -> None:
    """Send ``apiway.local`` lines to stderr, unless the application configured logging itself."""
    if logger.level == logging.NOTSET:
        logger.setLevel(level)
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        logger.addHandler(handler)


def serve(
    app: "Any",
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    source: "str | None" = None,
    stage: "str | None" = None,
    name: "str | None" = None,
) -> None:
    """Serve ``app`` until interrupted (Ctrl+C)."""
    run(make_server(app, host, port, source, stage), name)


def run(server: "ThreadingWSGIServer", name: "str | None" = None) -> None:
    """Announce what ``server`` serves (``name``: how the app was found), then serve it until
    interrupted (Ctrl+C)."""
    configure_logging()
    wsgi_app = server.get_app()
    assert isinstance(wsgi_app, LambdaWSGIApp)
    served = f"{name} ({describe(wsgi_app.app)})" if name else describe(wsgi_app.app)
    stage_note = f", stage {wsgi_app.stage}" if wsgi_app.stage else ""
    logger.info(
        "apiway serving %s as %s events%s on %s (Ctrl+C to stop)",
        served,
        wsgi_app.source,
        stage_note,
        server.url,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

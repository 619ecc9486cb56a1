"""The local development server: a threaded ``wsgiref`` server around :mod:`apiway.local.wsgi`.

Each request is handled in its own thread and logged on one line (method, path, status,
duration). The request line and the header lines reach the WSGI adapter untouched, so
percent-encoding and repeated headers arrive in the event exactly as the client sent them.
"""

import logging
import socket
import socketserver
import time
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from apiway.local.wsgi import LambdaWSGIApp

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from _typeshed.wsgi import WSGIEnvironment

logger = logging.getLogger("apiway.local")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3000


class RequestHandler(WSGIRequestHandler):
    """Hands the raw request target and header lines to the app; logs one line per request."""

    # HTTP/1.1 makes the request parser answer "Expect: 100-continue" (curl sends it for big
    # bodies and would otherwise wait a second); each connection still serves one request.
    protocol_version = "HTTP/1.1"
    _started = 0.0

    def handle(self) -> None:
        self._started = time.perf_counter()
        super().handle()

    def get_environ(self) -> "WSGIEnvironment":
        environ = super().get_environ()
        # wsgiref decodes PATH_INFO and comma-joins repeated headers; keep the originals.
        environ["RAW_URI"] = self.path
        environ["apiway.headers"] = list(self.headers.items())
        return environ

    def log_request(self, code: "int | str" = "-", size: "int | str" = "-") -> None:
        elapsed = (time.perf_counter() - self._started) * 1000
        method = getattr(self, "command", None) or "-"
        target = getattr(self, "path", None) or "-"
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
    configure_logging()
    server = make_server(app, host, port, source, stage)
    wsgi_app = server.get_app()
    assert isinstance(wsgi_app, LambdaWSGIApp)
    stage_note = f", stage {stage}" if stage else ""
    logger.info(
        "apiway serving %s as %s events%s on %s (Ctrl+C to stop)",
        name or type(app).__name__,
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

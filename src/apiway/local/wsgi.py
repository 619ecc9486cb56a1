"""An apiway app, or any Lambda HTTP handler, as a WSGI application.

``to_wsgi(app)`` turns each WSGI request into the event its source would send
(:mod:`apiway.local.events`), calls the handler with a local Lambda context, and writes the
proxy response back (:mod:`apiway.local.proxy`). A malformed proxy response or an exception
in the handler is answered 502 with a JSON message, as API Gateway answers them. The local
server (``apiway serve``) is built on it; any WSGI server can run it too::

    from apiway.local.wsgi import to_wsgi
    from myapp import app

    application = to_wsgi(app)          # gunicorn myapp_wsgi:application
"""

import logging
import uuid
from urllib.parse import quote

from apiway.local.context import LambdaContext
from apiway.local.events import build_event
from apiway.local.proxy import (
    HttpResponse,
    MalformedResponseError,
    failed_invocation,
    malformed_response,
    parse_response,
)
from apiway.local.target import as_handler

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from _typeshed.wsgi import StartResponse, WSGIEnvironment

logger = logging.getLogger("apiway.local")

#: Headers the platform manages itself: a proxy response cannot set them (and WSGI forbids
#: hop-by-hop headers from applications).
MANAGED_HEADERS = frozenset(
    (
        "connection",
        "content-length",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
    )
)
#: Characters left as they are when a decoded WSGI path is percent-encoded again.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_NO_BODY_STATUSES = (204, 304)


def _text(value: str) -> str:
    """A WSGI "bytes as latin-1" string as the text the client meant (UTF-8 when it is)."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def environ_headers(environ: "WSGIEnvironment") -> "list[tuple[str, str]]":
    """Request header pairs: the server's raw list when it gives one, else rebuilt from ``HTTP_*``."""
    raw = environ.get("apiway.headers")
    if raw is not None:
        return [(name, _text(value)) for name, value in raw]
    headers = []
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            name = "-".join(part.capitalize() for part in key[5:].split("_"))
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value:
            name = "-".join(part.capitalize() for part in key.split("_"))
        else:
            continue
        headers.append((name, _text(value)))
    return headers


def environ_target(environ: "WSGIEnvironment") -> "tuple[str, str]":
    """``(path, query)`` as sent on the request line: still percent-encoded.

    WSGI's ``PATH_INFO`` is already decoded; the raw form comes from ``RAW_URI`` (the local
    server, gunicorn) or ``REQUEST_URI`` (uWSGI), else ``PATH_INFO`` is encoded again.
    """
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        if "://" in raw.split("?", 1)[0]:  # absolute-form request target
            raw = "/" + raw.split("://", 1)[1].partition("/")[2]
        path, _, query = raw.partition("?")
        return path or "/", query
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    return quote(path.encode("latin-1"), safe=_PATH_SAFE) or "/", environ.get("QUERY_STRING", "")


def environ_body(environ: "WSGIEnvironment") -> bytes:
    """The request body (``CONTENT_LENGTH`` bytes of ``wsgi.input``)."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= 0:
        return b""
    data: bytes = environ["wsgi.input"].read(length)
    return data


class LambdaWSGIApp:
    """A WSGI application that invokes a Lambda HTTP handler in-process."""

    def __init__(
        self,
        app: "Any",
        source: "str | None" = None,
        stage: "str | None" = None,
        function_name: str = "apiway-local",
        timeout_seconds: float = 30.0,
    ):
        self.app = app
        self.handler, self.source = as_handler(app, source)
        self.stage = stage
        self.function_name = function_name
        self.timeout_seconds = timeout_seconds
        build_event(self.source, "GET", "/", stage=stage)  # refuse a bad stage now, not per request

    def invoke(
        self,
        method: str,
        path: str,
        query: str = "",
        headers: "Iterable[tuple[str, str]]" = (),
        body: bytes = b"",
        source_ip: str = "127.0.0.1",
        protocol: str = "HTTP/1.1",
    ) -> "HttpResponse":
        """One request through the handler, answered as the platform would answer it."""
        request_id = str(uuid.uuid4())
        event = build_event(
            self.source,
            method,
            path,
            query,
            headers,
            body,
            source_ip=source_ip,
            stage=self.stage,
            protocol=protocol,
            request_id=request_id,
        )
        context = LambdaContext(request_id, self.function_name, timeout_seconds=self.timeout_seconds)
        try:
            result = self.handler(event, context)
        except Exception as error:  # the gateway answers a failed invocation: so do we
            logger.exception("%s %s: the handler raised", method, path)
            return failed_invocation(error)
        try:
            return parse_response(result, self.source)
        except MalformedResponseError as error:
            logger.error("%s %s: malformed Lambda proxy response: %s", method, path, error)
            return malformed_response(error)

    def __call__(self, environ: "WSGIEnvironment", start_response: "StartResponse") -> "Iterable[bytes]":
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path, query = environ_target(environ)
        response = self.invoke(
            method,
            path,
            query,
            environ_headers(environ),
            environ_body(environ),
            environ.get("REMOTE_ADDR") or "127.0.0.1",
            environ.get("SERVER_PROTOCOL") or "HTTP/1.1",
        )
        environ["apiway.response"] = response
        headers = [(name, value) for name, value in response.headers if name.lower() not in MANAGED_HEADERS]
        if response.status in _NO_BODY_STATUSES:
            # No content, so no type to describe it (wsgiref.validate refuses one here, too).
            headers = [(name, value) for name, value in headers if name.lower() != "content-type"]
        else:
            headers.append(("Content-Length", str(len(response.body))))
        start_response(f"{response.status} {response.reason}", headers)
        if method == "HEAD" or response.status in _NO_BODY_STATUSES:
            return []
        return [response.body]

    def __repr__(self) -> str:
        return f"<LambdaWSGIApp {self.app!r} source={self.source}>"


def to_wsgi(
    app: "Any",
    source: "str | None" = None,
    stage: "str | None" = None,
    function_name: str = "apiway-local",
    timeout_seconds: float = 30.0,
) -> "LambdaWSGIApp":
    """A WSGI application serving ``app`` (a resolver or a handler ``(event, context)``).

    ``source`` is one of ``rest``, ``http``, ``alb``, ``alb-multi``, ``function-url``
    (default: the resolver's own, else ``rest``); ``stage`` the API Gateway stage name.
    """
    return LambdaWSGIApp(app, source, stage, function_name, timeout_seconds)

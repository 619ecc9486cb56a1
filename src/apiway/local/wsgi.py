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

from urllib.parse import quote, unquote

from apiway.local.invoke import invoke
from apiway.local.proxy import gateway_error
from apiway.local.target import serving
from apiway.status import reason_phrase

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

    from _typeshed.wsgi import StartResponse, WSGIEnvironment

    from apiway.local.proxy import HttpResponse

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


def _encoded(path: str) -> str:
    """A decoded WSGI path (bytes as latin-1) percent-encoded again."""
    return quote(path.encode("latin-1"), safe=_PATH_SAFE) or "/"


def _after_mount(raw_path: str, script_name: str) -> "str | None":
    """What follows the mount point ``script_name`` in a raw request path, or None when the
    raw path does not start with it (a proxy rewrote the path)."""
    mount = script_name.rstrip("/")
    if not mount:
        return raw_path
    for index, char in enumerate(raw_path + "/"):
        # The mount point ends at a segment boundary; compare decoded, as WSGI's SCRIPT_NAME is.
        if char == "/" and index and unquote(raw_path[:index], encoding="latin-1") == mount:
            return raw_path[index:] or "/"
    return None


def environ_target(environ: "WSGIEnvironment") -> "tuple[str, str]":
    """``(path, query)`` the app routes, as sent on the request line: still percent-encoded.

    The path is ``PATH_INFO``: an app mounted under a prefix (``SCRIPT_NAME``) routes what
    follows the prefix. WSGI's ``PATH_INFO`` is already decoded; the raw form comes from
    ``RAW_URI`` (the local server, gunicorn) or ``REQUEST_URI`` (uWSGI), else ``PATH_INFO``
    is encoded again. The query is ``QUERY_STRING``, which WSGI passes as sent (some
    servers and test clients, werkzeug's among them, leave it out of ``REQUEST_URI``); the
    raw target's only when a server sets no ``QUERY_STRING`` at all.
    """
    query = environ.get("QUERY_STRING")
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        if "://" in raw.split("?", 1)[0]:  # absolute-form request target
            raw = "/" + raw.split("://", 1)[1].partition("/")[2]
        path, _, raw_query = raw.partition("?")
        routed = _after_mount(path or "/", environ.get("SCRIPT_NAME", ""))
        return routed or _encoded(environ.get("PATH_INFO", "")), raw_query if query is None else query
    return _encoded(environ.get("PATH_INFO", "")), query or ""


class UnreadableBodyError(Exception):
    """The request body cannot be read as sent; answered with ``status`` and the message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def environ_body(environ: "WSGIEnvironment") -> bytes:
    """The request body: ``CONTENT_LENGTH`` bytes of ``wsgi.input``, or the whole input when
    the server marks it terminated (``wsgi.input_terminated``: a chunked body it decoded).

    Raises :class:`UnreadableBodyError` (411) for a chunked body the server passes on
    undecoded, and (400) for an invalid ``CONTENT_LENGTH``.
    """
    decoded = environ.get("apiway.body")  # the local server's decoded chunked body
    if decoded is not None:
        return bytes(decoded)
    length_text = (environ.get("CONTENT_LENGTH") or "").strip()
    stream = environ["wsgi.input"]
    if length_text:
        if not length_text.isdigit():
            raise UnreadableBodyError(400, f"invalid Content-Length {length_text[:40]!r}")
        length = int(length_text)
        data: bytes = stream.read(length) if length else b""
        return data
    if environ.get("wsgi.input_terminated"):
        whole: bytes = stream.read()
        return whole
    if environ.get("HTTP_TRANSFER_ENCODING"):
        raise UnreadableBodyError(
            411,
            "this WSGI server passes chunked request bodies on undecoded; send Content-Length, "
            "or run the app under a server that decodes them (apiway serve, gunicorn)",
        )
    return b""


def _headers_only() -> "Iterator[bytes]":
    # Not an empty list: wsgiref would add "Content-Length: 0" to it (it sizes one-item lists
    # and calls an empty one 0 bytes), a lie for HEAD and forbidden on 204. A generator has
    # no length, so only the headers set here go out.
    yield b""


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
        self.handler, self.source = serving(app, source, stage)
        self.stage = stage
        self.function_name = function_name
        self.timeout_seconds = timeout_seconds

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
        return invoke(
            self.handler,
            self.source,
            method,
            path,
            query,
            headers,
            body,
            stage=self.stage,
            source_ip=source_ip,
            protocol=protocol,
            function_name=self.function_name,
            timeout_seconds=self.timeout_seconds,
        ).response

    def __call__(self, environ: "WSGIEnvironment", start_response: "StartResponse") -> "Iterable[bytes]":
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path, query = environ_target(environ)
        try:
            body = environ_body(environ)
        except UnreadableBodyError as error:
            response = gateway_error(error.status, reason_phrase(error.status), str(error))
        else:
            response = self.invoke(
                method,
                path,
                query,
                environ_headers(environ),
                body,
                environ.get("REMOTE_ADDR") or "127.0.0.1",
                environ.get("SERVER_PROTOCOL") or "HTTP/1.1",
            )
        environ["apiway.response"] = response
        headers = [(name, value) for name, value in response.headers if name.lower() not in MANAGED_HEADERS]
        if response.status in _NO_BODY_STATUSES:
            # No content, so no type to describe it (wsgiref.validate refuses one here, too).
            headers = [(name, value) for name, value in headers if name.lower() != "content-type"]
        else:
            length = _content_length(response, method)
            if length is not None:
                headers.append(("Content-Length", length))
        start_response(f"{response.status} {response.reason}", headers)
        if method == "HEAD" or response.status in _NO_BODY_STATUSES:
            return _headers_only()
        return [response.body]

    def __repr__(self) -> str:
        return f"<LambdaWSGIApp {self.app!r} source={self.source}>"


def _content_length(response: "HttpResponse", method: str) -> "str | None":
    """The ``Content-Length`` to send: the body's; for ``HEAD``, that of the ``GET`` body.

    A handler answering ``HEAD`` with the ``GET`` body gives its length; an apiway resolver
    sends no body for ``HEAD``, so only a ``Content-Length`` the handler set itself can say
    it, and without one none is sent (never a made-up 0).
    """
    if method != "HEAD" or response.body:
        return str(len(response.body))
    declared = (response.header("content-length") or "").strip()
    return declared if declared.isdigit() else None


def to_wsgi(
    app: "Any",
    source: "str | None" = None,
    stage: "str | None" = None,
    function_name: str = "apiway-local",
    timeout_seconds: float = 30.0,
) -> "LambdaWSGIApp":
    """A WSGI application serving ``app`` (a resolver or a handler ``(event, context)``).

    ``source`` is one of ``rest``, ``http``, ``alb``, ``alb-multi``, ``function-url``,
    ``lattice``, ``lattice-v2`` (default: the resolver's own, else ``rest``); ``stage`` the API
    Gateway stage name.
    """
    return LambdaWSGIApp(app, source, stage, function_name, timeout_seconds)

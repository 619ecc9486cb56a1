"""Event sources: how each Lambda integration shapes its requests and expects its responses.

A source reads the method and path out of a raw event (refusing events that are not its
own), says whether the platform already percent-decoded the path, and writes a
:class:`~apiway.response.Response` in the integration's proxy response format.

- REST API (payload 1.0): path still percent-encoded; answers with ``multiValueHeaders``.
- HTTP API (payload 2.0): path already percent-decoded (stage prefix removed when the stage
  is not ``$default``); answers with ``headers`` plus a ``cookies`` list.
- Function URL: path still encoded; answers like an HTTP API.
- ALB: path and query string still encoded; answers with ``multiValueHeaders`` when the
  target group has multi-value headers on, ``headers`` otherwise, and always a
  ``statusDescription``.
"""

from __future__ import annotations

_CLASSES = {
    "ALBSource": "apiway.sources.alb",
    "FunctionUrlSource": "apiway.sources.function_url",
    "HttpApiSource": "apiway.sources.http",
    "RestApiSource": "apiway.sources.rest",
}

__all__ = ["ALBSource", "EventSource", "FunctionUrlSource", "HttpApiSource", "RestApiSource"]


def __getattr__(name: str) -> object:
    # perf: a resolver imports only its own source's module.
    module = _CLASSES.get(name)
    if module is None:
        raise AttributeError(f"module 'apiway.sources' has no attribute {name!r}")
    return getattr(__import__(module, fromlist=[name]), name)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.events.base import BaseProxyEvent
    from apiway.response import Response

_FORBIDDEN = ("\r", "\n", "\x00")


def invalid_event(source: str, field: str, problem: str = "is missing") -> Exception:
    """An :class:`~apiway.exceptions.InvalidEventError` (imported only when one is raised)."""
    from apiway.exceptions import InvalidEventError

    return InvalidEventError(source, field, problem)


def response_error(message: str) -> Exception:
    """A :class:`~apiway.exceptions.ResponseError` (imported only when one is raised)."""
    from apiway.exceptions import ResponseError

    return ResponseError(message)


def require_text(container: Any, key: str, source: str, field: str) -> str:
    """``container[key]`` as a non-empty string, or :class:`InvalidEventError` naming ``field``."""
    if not isinstance(container, dict):
        raise invalid_event(source, field.rsplit(".", 1)[0] if "." in field else field, "is not an object")
    value = container.get(key)
    if value is None:
        raise invalid_event(source, field)
    if not isinstance(value, str):
        raise invalid_event(source, field, f"must be a string, not {type(value).__name__}")
    if not value:
        raise invalid_event(source, field, "is empty")
    return value


def check_text(kind: str, text: str) -> str:
    """Refuse header names, values and cookies that would split or corrupt a header line."""
    for char in _FORBIDDEN:
        if char in text:
            raise response_error(f"{kind} {text[:40]!r} contains a CR, LF or NUL character")
    return text


def header_values(name: str, value: Any) -> list[str]:
    """A response header value (str, list or other) as a list of checked strings."""
    if isinstance(value, str):
        return [check_text("header value", value)]
    if isinstance(value, (list, tuple)):
        return [
            check_text("header value", v if isinstance(v, str) else str(v)) for v in value if v is not None
        ]
    return [check_text("header value", str(value))]


def status_and_body(response: Response) -> tuple[int, str, bool]:
    """Validated status code, string body and base64 flag of a response."""
    status = response.status_code
    body = response.body
    if type(body) is str and type(status) is int and 100 <= status <= 599:
        return status, body, response.base64_encoded is True  # perf: the common case
    if type(status) is not int:
        try:
            status = int(status)
        except (TypeError, ValueError):
            raise response_error(f"status code {status!r} is not an integer") from None
    if not 100 <= status <= 599:
        raise response_error(f"status code {status} is outside 100-599")
    body = response.body
    encoded = response.base64_encoded is True
    if body is None:
        return status, "", False
    if isinstance(body, str):
        return status, body, encoded
    if isinstance(body, (bytes, bytearray, memoryview)):
        from apiway.codec import b64encode

        return status, b64encode(bytes(body)), True
    raise response_error(f"response body of type {type(body).__name__} was not serialized")


class EventSource:
    """Base class of the four sources; subclasses set the class attributes and ``write``."""

    name = "base"
    label = "Lambda HTTP"
    #: ``"module:Class"`` of the typed event; imported on first ``app.current_event``.
    event_class_path = "apiway.events.base:BaseProxyEvent"
    #: True when the platform hands over the path already percent-decoded.
    path_decoded = False
    _event_class: type[BaseProxyEvent] | None = None

    @property
    def event_class(self) -> type[BaseProxyEvent]:
        """The typed event class of this source."""
        if self._event_class is None:
            module_name, _, class_name = self.event_class_path.partition(":")
            module = __import__(module_name, fromlist=[class_name])
            self._event_class = getattr(module, class_name)
        return self._event_class

    #: Payload 1.0 sources tell each other apart by ``requestContext.elb``: ALB events have
    #: it (True), REST events must not (False). None: not checked.
    elb_context: bool | None = None

    def read(self, raw: Any) -> tuple[str, str]:
        """``(METHOD, path)`` of a raw event; :class:`InvalidEventError` if it is not ours."""
        try:
            method = raw["httpMethod"]
            path = raw["path"]
        except (KeyError, TypeError):
            method = path = None
        if type(method) is not str or type(path) is not str or not method or not path:
            if not isinstance(raw, dict):
                raise invalid_event(self.label, "event", f"must be an object, not {type(raw).__name__}")
            method = require_text(raw, "httpMethod", self.label, "httpMethod")
            path = require_text(raw, "path", self.label, "path")
        elb = self.elb_context
        if elb is not None:
            context = raw.get("requestContext")
            # Hand-written test events may leave requestContext out entirely.
            if context is not None and (type(context) is dict and "elb" in context) is not elb:
                if elb:
                    raise invalid_event(self.label, "requestContext.elb")
                raise invalid_event(self.label, "requestContext.elb", "is present: this is an ALB event")
        return method.upper(), path

    def lower_headers(self, raw: dict[str, Any]) -> dict[str, str]:
        """Request headers keyed by lower-cased name (for stages; built at most once)."""
        from apiway.events.base import as_text, join_header_values

        headers: dict[str, str] = {}
        single = raw.get("headers")
        if isinstance(single, dict):
            for name, value in single.items():
                text = as_text(value)
                if text is not None:
                    headers[str(name).lower()] = text
        multi = raw.get("multiValueHeaders")
        if isinstance(multi, dict):
            for name, values in multi.items():
                key = str(name).lower()
                if key not in headers and isinstance(values, list):
                    texts = [t for t in map(as_text, values) if t is not None]
                    if texts:
                        headers[key] = join_header_values(key, texts)
        return headers

    def make_event(self, raw: dict[str, Any], json_loads: Any) -> BaseProxyEvent:
        """The typed event users see as ``app.current_event``."""
        return self.event_class(raw, json_loads)

    def stage_of(self, raw: dict[str, Any]) -> str | None:
        """The API stage name, when the source has one."""
        context = raw.get("requestContext")
        stage = context.get("stage") if isinstance(context, dict) else None
        return stage if isinstance(stage, str) else None

    def write(self, response: Response, raw: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


_BAD = frozenset(_FORBIDDEN)

#: Header names and values that apiway writes itself, or that were checked when configured
#: (CORS settings): writing a response skips the character check for them. perf: a set
#: look-up costs less than scanning a long value such as Access-Control-Allow-Headers.
KNOWN_SAFE: set[str] = {
    "Content-Type",
    "application/json",
    "Content-Encoding",
    "gzip",
    "Vary",
    "Origin",
    "Accept-Encoding",
    "Origin, Accept-Encoding",
    "Cache-Control",
    "no-cache",
    "Allow",
}


def multi_value_headers(response: Response) -> dict[str, list[str]]:
    """Response headers and cookies as ``multiValueHeaders`` (one list per name)."""
    out: dict[str, list[str]] = {}
    for name, value in response.headers.items():
        # perf: printable text has no CR, LF or NUL; anything else gets the precise check.
        if (
            type(value) is str
            and (value in KNOWN_SAFE or value.isprintable())
            and (name in KNOWN_SAFE or (type(name) is str and name.isprintable()))
        ):
            out[name] = [value]
        elif value is not None:
            out[check_text("header name", str(name))] = header_values(name, value)
    if response.cookies:
        key = next((k for k in out if k.lower() == "set-cookie"), "Set-Cookie")
        out.setdefault(key, []).extend(check_text("cookie", str(c)) for c in response.cookies)
    return out


def plain_single_headers(response: Response) -> dict[str, str] | None:
    """The response headers as they are, when they need no work at all (every name and value a
    printable string, no cookies, no ``Set-Cookie``); None otherwise. perf: the common case."""
    if response.cookies:
        return None
    for name, value in response.headers.items():
        if not (
            type(value) is str
            and (value in KNOWN_SAFE or value.isprintable())
            and (name in KNOWN_SAFE or (type(name) is str and name.isprintable()))
        ):
            return None
        if len(name) == 10 and name.lower() == "set-cookie":
            return None
    return dict(response.headers)  # type: ignore[arg-type]


def single_value_headers(response: Response) -> tuple[dict[str, str], list[str]]:
    """Response headers joined one value per name, and the ``Set-Cookie`` values apart."""
    out: dict[str, str] = {}
    cookies: list[str] = []
    headers: dict[str, Any] = response.headers
    for name, value in headers.items():
        simple = type(value) is str and type(name) is str and value.isprintable() and name.isprintable()
        if simple and name.lower() != "set-cookie":
            out[name] = value  # perf: the common case (see multi_value_headers)
            continue
        if value is None:
            continue
        key = str(name)
        values = header_values(key, value)
        if key.lower() == "set-cookie":
            cookies.extend(values)
        elif values:
            out[check_text("header name", key)] = ", ".join(values)
    cookies.extend(check_text("cookie", str(c)) for c in response.cookies)
    return out, cookies

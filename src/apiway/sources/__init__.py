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
- VPC Lattice (event structure version 1 or 2): path still encoded, maybe followed by the
  query string; answers with one value per header and a ``statusDescription``.
"""

_CLASSES = {
    "ALBSource": "apiway.sources.alb",
    "FunctionUrlSource": "apiway.sources.function_url",
    "HttpApiSource": "apiway.sources.http",
    "RestApiSource": "apiway.sources.rest",
    "VPCLatticeSource": "apiway.sources.vpc_lattice",
    "VPCLatticeV2Source": "apiway.sources.vpc_lattice",
}

__all__ = [
    "ALBSource",
    "EventSource",
    "FunctionUrlSource",
    "HttpApiSource",
    "RestApiSource",
    "VPCLatticeSource",
    "VPCLatticeV2Source",
]


def __getattr__(name: str) -> object:
    # perf: a resolver imports only its own source's module, and the checks module loads with
    # the first event or response that needs it (`sources.checks` is then a plain attribute).
    if name == "REASONS":
        return reasons()
    if name == "checks":
        __import__("apiway.sources.checks")  # the import binds it as this package's attribute
        return globals()["checks"]
    module = _CLASSES.get(name)
    if module is None:
        raise AttributeError(f"module 'apiway.sources' has no attribute {name!r}")
    return getattr(__import__(module, fromlist=[name]), name)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.events.base import BaseProxyEvent
    from apiway.response import Response

    REASONS: dict[int, str]

#: Largest proxy response (its JSON encoding, in bytes) Lambda returns from a synchronous call.
LAMBDA_RESPONSE_LIMIT = 6_291_556
#: Largest response an ALB takes from a Lambda target.
ALB_RESPONSE_LIMIT = 1_048_576
#: The writers' fast paths take at most FAST_HEADERS headers, each name and value at most
#: FAST_TEXT characters, and a body of at most ``quick_body_limit()`` characters: such a
#: response certainly fits the size limit, without measuring it.
FAST_TEXT = 1024
FAST_HEADERS = 16
#: The header set of most responses; the fast paths compare against it instead of checking
#: each header (never mutated).
JSON_ONLY = {"Content-Type": "application/json"}


#: Reason phrases, for the ``statusDescription`` of ALB and VPC Lattice answers: ``REASONS``
#: (``{404: "Not Found", ...}``) is made from these lines when first read. perf: a literal
#: table rather than ``http.HTTPStatus``, which would load the ``http`` package, and one text
#: rather than a literal dict, which would cost every app (REST ones included) at cold start.
_REASON_LINES = """\
100 Continue
101 Switching Protocols
102 Processing
103 Early Hints
200 OK
201 Created
202 Accepted
203 Non-Authoritative Information
204 No Content
205 Reset Content
206 Partial Content
207 Multi-Status
208 Already Reported
226 IM Used
300 Multiple Choices
301 Moved Permanently
302 Found
303 See Other
304 Not Modified
305 Use Proxy
307 Temporary Redirect
308 Permanent Redirect
400 Bad Request
401 Unauthorized
402 Payment Required
403 Forbidden
404 Not Found
405 Method Not Allowed
406 Not Acceptable
407 Proxy Authentication Required
408 Request Timeout
409 Conflict
410 Gone
411 Length Required
412 Precondition Failed
413 Content Too Large
414 URI Too Long
415 Unsupported Media Type
416 Range Not Satisfiable
417 Expectation Failed
418 I'm a teapot
421 Misdirected Request
422 Unprocessable Content
423 Locked
424 Failed Dependency
425 Too Early
426 Upgrade Required
428 Precondition Required
429 Too Many Requests
431 Request Header Fields Too Large
451 Unavailable For Legal Reasons
500 Internal Server Error
501 Not Implemented
502 Bad Gateway
503 Service Unavailable
504 Gateway Timeout
505 HTTP Version Not Supported
506 Variant Also Negotiates
507 Insufficient Storage
508 Loop Detected
510 Not Extended
511 Network Authentication Required
"""
_reasons: "dict[int, str] | None" = None


def reasons() -> "dict[int, str]":
    """The reason phrase of each status code that has one (``REASONS``)."""
    global _reasons
    if _reasons is None:
        _reasons = {int(line[:3]): line[4:] for line in _REASON_LINES.splitlines()}
    return _reasons


_CLASS_REASONS = {1: "Informational", 2: "Success", 3: "Redirection", 4: "Client Error", 5: "Server Error"}


def reason_phrase(status_code: int) -> str:
    """The reason phrase for a status code, or a generic one for its class."""
    return reasons().get(status_code) or _CLASS_REASONS.get(status_code // 100, "Unknown")


def status_line(status_code: int) -> str:
    """``"200 OK"``: the form ALB expects in ``statusDescription``."""
    return f"{status_code} {reason_phrase(status_code)}"


def quick_body_limit(limit: int) -> int:
    """Characters of body below which a fast-path response certainly fits ``limit`` bytes.

    JSON turns one character into at most 12 bytes (an astral character into two ``\\u``
    escapes); each header takes at most ``2 * FAST_TEXT`` characters plus punctuation, and
    the other fields well under 512 bytes.
    """
    return (limit - 512) // 12 - FAST_HEADERS * (2 * FAST_TEXT + 16)


def invalid_event(source: str, field: str, problem: str = "is missing") -> Exception:
    """An :class:`~apiway.exceptions.InvalidEventError` (imported only when one is raised)."""
    from apiway.exceptions import InvalidEventError

    return InvalidEventError(source, field, problem)


def response_error(message: str) -> Exception:
    """A :class:`~apiway.exceptions.ResponseError` (imported only when one is raised)."""
    from apiway.exceptions import ResponseError

    return ResponseError(message)


#: Deletes the characters a header field name (an RFC 9110 token) may have.
_TOKEN_CHARS = str.maketrans(
    "", "", "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
#: A source's ``known_names`` remembers at most this many names (header names come from user
#: code, which may build them from input).
_KNOWN_NAMES_LIMIT = 512


def is_token(name: str) -> bool:
    """Whether ``name`` is a valid header field name of at most FAST_TEXT characters."""
    return 0 < len(name) <= FAST_TEXT and name.isascii() and not name.translate(_TOKEN_CHARS)


class EventSource:
    """Base class of the sources; subclasses set the class attributes and ``write``.

    Each resolver has its own source object, and with it the header names and values its
    writers know need no check (``known_names``, ``known_safe``): apiway's own, what
    :meth:`trust` was told (the CORS stage's configured headers), and names that passed the
    check before; and ``plain_seen``, a copy of the last header set found plain as a whole.
    """

    def __init__(self) -> None:
        self.known_names = set(DEFAULT_KNOWN_NAMES)
        self.known_safe = set(DEFAULT_KNOWN_SAFE)
        self.plain_seen: dict[str, str] = JSON_ONLY

    def trust(self, name: str, value: str) -> None:
        """Mark a header this resolver writes itself as valid: ``name`` a field name, ``value``
        (if at most FAST_TEXT characters) free of characters that would corrupt it. For values
        checked when they were configured, never for what a client sent."""
        if not is_token(name) or not value.isprintable():
            raise ValueError(f"header {name!r}: {value!r} is not a header apiway can trust")
        self.known_names.add(name)
        if len(value) <= FAST_TEXT:
            self.known_safe.add(value)

    name = "base"
    label = "Lambda HTTP"
    #: ``"module:Class"`` of the typed event; imported on first ``app.current_event``.
    event_class_path = "apiway.events.base:BaseProxyEvent"
    #: True when the platform hands over the path already percent-decoded.
    path_decoded = False
    #: True when the query string and the body come as REST payload 1.0 has them
    #: (``multiValueQueryStringParameters``, ``body``, ``isBase64Encoded``), so that readers
    #: may take them from the raw event without making the typed one.
    rest_fields = False
    _event_class: "type[BaseProxyEvent] | None" = None

    @property
    def event_class(self) -> "type[BaseProxyEvent]":
        """The typed event class of this source."""
        if self._event_class is None:
            module_name, _, class_name = self.event_class_path.partition(":")
            module = __import__(module_name, fromlist=[class_name])
            self._event_class = getattr(module, class_name)
        return self._event_class

    #: Payload 1.0 sources tell each other apart by ``requestContext.elb``: ALB events have
    #: it (True), REST events must not (False). None: not checked.
    elb_context: "bool | None" = None

    def read(self, raw: "Any") -> "tuple[str, str]":
        """``(METHOD, path)`` of a raw event; :class:`InvalidEventError` if it is not ours."""
        try:
            method = raw["httpMethod"]
            path = raw["path"]
        except (KeyError, TypeError):
            method = path = None
        if type(method) is not str or type(path) is not str or not method or not path:
            if not isinstance(raw, dict):
                raise invalid_event(self.label, "event", f"must be an object, not {type(raw).__name__}")
            from apiway.sources.checks import require_text

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

    def lower_headers(self, raw: "dict[str, Any]") -> "dict[str, str]":
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

    def make_event(self, raw: "dict[str, Any]", json_loads: "Any") -> "BaseProxyEvent":
        """The typed event users see as ``app.current_event``."""
        return self.event_class(raw, json_loads)

    def write(self, response: "Response", raw: "dict[str, Any]") -> "dict[str, Any]":
        raise NotImplementedError


#: Header values that apiway writes itself: writing a response skips the character check for
#: them (each source copies these into its ``known_safe``, and adds the values :meth:`trust`
#: is told). perf: a set look-up costs less than scanning a long value such as
#: Access-Control-Allow-Headers. None is longer than FAST_TEXT (the fast paths' size bound
#: counts on it).
DEFAULT_KNOWN_SAFE = frozenset(
    ("application/json", "gzip", "Origin", "Accept-Encoding", "Origin, Accept-Encoding", "no-cache")
)
#: Header names apiway writes itself (each source copies them into its ``known_names``).
DEFAULT_KNOWN_NAMES = frozenset(("Content-Type", "Content-Encoding", "Vary", "Cache-Control", "Allow"))


def plain_headers(headers: "dict[str, Any]", multi: bool, source: "EventSource") -> "dict[str, Any] | None":
    """The headers in the response format, when they need no work at all: at most FAST_HEADERS,
    every name a valid field name and every value a printable string, each of at most
    FAST_TEXT characters (and no ``Set-Cookie`` for single-value formats); None otherwise.
    ``multi`` wraps each value in a list (``multiValueHeaders``). The source's known names
    and values (``known_names``, ``known_safe``) skip their checks, and valid names found here
    join them, up to a bound.

    perf: the common case, in one pass. A set found plain is kept (a copy) as the source's
    ``plain_seen``: the writers compare the next response's headers with it before calling
    this, since most routes of an app answer with the same few headers (CORS, a
    security-headers middleware), and comparing two small dicts is a single C-level operation.
    What they write then is that copy: the very strings that were checked."""
    if len(headers) > FAST_HEADERS:
        return None
    names, safe = source.known_names, source.known_safe
    out: dict[str, Any] = {}
    for name, value in headers.items():
        if not (type(value) is str and (value in safe or (len(value) <= FAST_TEXT and value.isprintable()))):
            return None
        if name not in names:
            if type(name) is not str or not is_token(name):
                return None
            if len(names) < _KNOWN_NAMES_LIMIT:
                names.add(name)
        if multi:
            out[name] = [value]
        elif len(name) == 10 and name.lower() == "set-cookie":
            return None
        else:
            out[name] = value
    # A copy: the response's own dict may be changed after this answer (by the caller of
    # resolve(), say) without changing what was checked here.
    source.plain_seen = dict(headers)
    return out


def plain_single_headers(source: "EventSource", response: "Response") -> "dict[str, str] | None":
    """The single-value headers of a response without cookies whose headers need no work (see
    :func:`plain_headers`); None otherwise."""
    if response.cookies:
        return None
    headers = response.headers
    if headers == JSON_ONLY:
        return {"Content-Type": "application/json"}  # perf: nothing to check
    if headers == source.plain_seen:
        return dict(source.plain_seen)
    return plain_headers(headers, False, source)

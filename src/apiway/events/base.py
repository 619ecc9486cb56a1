"""Typed, read-only views over Lambda proxy events.

Each property reads the raw event on demand and tolerates missing or ``null`` fields: an
absent map is empty, an absent value is None. Values that need work (headers, query strings,
bodies) are computed once per event.
"""

from apiway.codec import b64decode_strict, parse_json, utf8_text
from apiway.headers import CaseInsensitiveDict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

_UNSET: "Any" = object()


def as_dict(value: "Any") -> "dict[str, Any]":
    """``value`` if it is a dict, else an empty dict (events may carry ``null``)."""
    return value if isinstance(value, dict) else {}


def as_text(value: "Any") -> "str | None":
    """A header or query value as text; None stays None, lists give their last item."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        return as_text(value[-1]) if value else None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def as_text_list(value: "Any") -> "list[str]":
    """A multi-value field as a list of strings, whatever shape it arrived in."""
    if value is None:
        return []
    if type(value) is list:
        for item in value:
            if type(item) is not str:
                break
        else:
            return value[:]  # perf: the usual shape, a list of strings, copied as it is
    if isinstance(value, list):
        return [text for text in (as_text(item) for item in value) if text is not None]
    text = as_text(value)
    return [] if text is None else [text]


def join_header_values(name: str, values: "list[str]") -> str:
    """Combine repeated header lines the way HTTP allows (cookies with '; ')."""
    return ("; " if name.lower() == "cookie" else ", ").join(values)


class DictWrapper:
    """Read-only mapping view over part of an event.

    perf: not a ``collections.abc.Mapping`` subclass, which would import ``collections``.
    """

    __slots__ = ("_data",)

    def __init__(self, data: "Any"):
        self._data: dict[str, Any] = as_dict(data)

    def __getitem__(self, key: str) -> "Any":
        return self._data[key]

    def __iter__(self) -> "Iterator[str]":
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def keys(self) -> "Any":
        return self._data.keys()

    def items(self) -> "Any":
        return self._data.items()

    def values(self) -> "Any":
        return self._data.values()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DictWrapper):
            return self._data == other._data
        return self._data == other

    __hash__ = None  # type: ignore[assignment]

    def get(self, key: str, default: "Any" = None) -> "Any":
        value = self._data.get(key)
        return default if value is None else value

    @property
    def raw_event(self) -> "dict[str, Any]":
        """The event dict exactly as Lambda delivered it."""
        return self._data

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"


class RequestContextClientCert(DictWrapper):
    """The mutual-TLS client certificate of a request."""

    __slots__ = ()

    @property
    def client_cert_pem(self) -> "str | None":
        return self.get("clientCertPem")

    @property
    def subject_dn(self) -> "str | None":
        return self.get("subjectDN")

    @property
    def issuer_dn(self) -> "str | None":
        return self.get("issuerDN")

    @property
    def serial_number(self) -> "str | None":
        return self.get("serialNumber")

    @property
    def validity_not_before(self) -> "str | None":
        return as_dict(self.get("validity")).get("notBefore")

    @property
    def validity_not_after(self) -> "str | None":
        return as_dict(self.get("validity")).get("notAfter")


class BaseProxyEvent(DictWrapper):
    """What every HTTP event source has in common."""

    __slots__ = ("_body_bytes", "_decoded_body", "_headers", "_json_body", "_json_loads", "_mvq", "_query")

    def __init__(self, data: "Any", json_deserializer: "Callable[..., Any] | None" = None):
        super().__init__(data)
        self._json_loads = json_deserializer
        self._headers: CaseInsensitiveDict | None = None
        self._query: dict[str, str] | None = None
        self._mvq: dict[str, list[str]] | None = None
        self._decoded_body: Any = _UNSET
        self._body_bytes: Any = _UNSET
        self._json_body: Any = _UNSET

    # -- request line ---------------------------------------------------------------------
    @property
    def path(self) -> str:
        return self.get("path", "")

    @property
    def http_method(self) -> str:
        return self.get("httpMethod", "")

    # -- headers --------------------------------------------------------------------------
    def _build_headers(self) -> "CaseInsensitiveDict":
        headers = CaseInsensitiveDict()
        for name, value in as_dict(self._data.get("headers")).items():
            text = as_text(value)
            if text is not None:
                headers[str(name)] = text
        return headers

    @property
    def headers(self) -> "CaseInsensitiveDict":
        """Request headers; look-ups ignore case."""
        if self._headers is None:
            self._headers = self._build_headers()
        return self._headers

    def get_header_value(
        self, name: str, default_value: "str | None" = None, case_sensitive: bool = False
    ) -> "str | None":
        """Header ``name`` (any case), or ``default_value``."""
        if case_sensitive:
            raw = as_dict(self._data.get("headers"))
            if name in raw:
                return as_text(raw[name])
        value = self.headers.get(name)
        return default_value if value is None else value

    # -- query string ---------------------------------------------------------------------
    def _build_query(self) -> "dict[str, str]":
        query: dict[str, str] = {}
        for name, value in as_dict(self._data.get("queryStringParameters")).items():
            text = as_text(value)
            if text is not None:
                query[str(name)] = text
        # Multi-value-only events (ALB in multi-value mode) still answer single look-ups.
        for name, values in as_dict(self._data.get("multiValueQueryStringParameters")).items():
            if str(name) not in query:
                texts = as_text_list(values)
                if texts:
                    query[str(name)] = texts[-1]
        return query

    def _build_multi_value_query(self) -> "dict[str, list[str]]":
        multi = {
            str(name): as_text_list(values)
            for name, values in as_dict(self._data.get("multiValueQueryStringParameters")).items()
        }
        for name, value in as_dict(self._data.get("queryStringParameters")).items():
            text = as_text(value)
            if text is not None and str(name) not in multi:
                multi[str(name)] = [text]
        return multi

    @property
    def query_string_parameters(self) -> "dict[str, str]":
        """Query parameters, one value each (the last one when repeated)."""
        if self._query is None:
            self._query = self._build_query()
        return self._query

    @property
    def multi_value_query_string_parameters(self) -> "dict[str, list[str]]":
        """Query parameters with every value, in order."""
        if self._mvq is None:
            self._mvq = self._build_multi_value_query()
        return self._mvq

    def get_query_string_value(self, name: str, default_value: "str | None" = None) -> "str | None":
        """Query parameter ``name``, or ``default_value``."""
        value = self.query_string_parameters.get(name)
        return default_value if value is None else value

    def get_multi_value_query_string_values(
        self, name: str, default_values: "list[str] | None" = None
    ) -> "list[str]":
        """Every value of query parameter ``name``, or ``default_values`` (or ``[]``)."""
        values = self.multi_value_query_string_parameters.get(name)
        if values:
            return values
        return default_values if default_values is not None else []

    # -- body -----------------------------------------------------------------------------
    @property
    def body(self) -> "str | None":
        """The body as delivered (base64 text when ``is_base64_encoded``)."""
        body = self._data.get("body")
        return body if isinstance(body, str) or body is None else str(body)

    @property
    def is_base64_encoded(self) -> "bool | None":
        """True only when the event says so with a real boolean; None when the field is absent."""
        flag = self._data.get("isBase64Encoded")
        return None if flag is None else flag is True

    @property
    def body_bytes(self) -> bytes:
        """The body as bytes, base64-decoded when needed (invalid base64 answers 400)."""
        if self._body_bytes is _UNSET:
            body = self.body
            if not body:
                self._body_bytes = b""
            elif self.is_base64_encoded:
                self._body_bytes = b64decode_strict(body)
            else:
                self._body_bytes = body.encode("utf-8", "surrogatepass")
        return self._body_bytes

    @property
    def decoded_body(self) -> "str | None":
        """The body as text, base64-decoded when needed (bad base64 or UTF-8 answers 400)."""
        if self._decoded_body is _UNSET:
            body = self.body
            if body and self.is_base64_encoded:
                self._decoded_body = utf8_text(self.body_bytes)
            else:
                self._decoded_body = body
        return self._decoded_body

    @property
    def json_body(self) -> "Any":
        """The body parsed as JSON, None when empty (invalid JSON answers 400)."""
        if self._json_body is _UNSET:
            text = self.decoded_body
            self._json_body = parse_json(text, self._json_loads) if text else None
        return self._json_body

    # -- the rest -------------------------------------------------------------------------
    @property
    def path_parameters(self) -> "dict[str, str]":
        return as_dict(self._data.get("pathParameters"))

    @property
    def stage_variables(self) -> "dict[str, str]":
        return as_dict(self._data.get("stageVariables"))

    @property
    def request_cookies(self) -> "dict[str, str]":
        """Request cookies by name, parsed from the ``Cookie`` header(s)."""
        return parse_cookie_header(self.headers.get("cookie") or "")


def parse_cookie_header(header: str) -> "dict[str, str]":
    """``"a=1; b=2"`` as ``{"a": "1", "b": "2"}``; malformed pairs are skipped."""
    cookies: dict[str, str] = {}
    for pair in header.split(";"):
        name, sep, value = pair.partition("=")
        name = name.strip()
        if sep and name:
            value = value.strip()
            if len(value) > 1 and value[0] == value[-1] == '"':
                value = value[1:-1]
            cookies[name] = value
    return cookies


class MultiValueProxyEvent(BaseProxyEvent):
    """An event that may carry ``multiValueHeaders`` (REST payload 1.0, ALB)."""

    __slots__ = ("_mvh",)

    def __init__(self, data: "Any", json_deserializer: "Callable[..., Any] | None" = None):
        super().__init__(data, json_deserializer)
        self._mvh: CaseInsensitiveDict | None = None

    @property
    def multi_value_headers(self) -> "CaseInsensitiveDict":
        """Request headers with every value, in order; look-ups ignore case."""
        if self._mvh is None:
            mvh = CaseInsensitiveDict()
            for name, values in as_dict(self._data.get("multiValueHeaders")).items():
                texts = as_text_list(values)
                if texts:
                    mvh[str(name)] = texts
            self._mvh = mvh
        return self._mvh

    def _build_headers(self) -> "CaseInsensitiveDict":
        headers = super()._build_headers()
        # Multi-value-only events (ALB in multi-value mode) still answer single look-ups.
        for name, values in self.multi_value_headers.items():
            if name not in headers:
                headers[name] = join_header_values(name, values)
        return headers

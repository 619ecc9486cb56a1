"""A test client: call routes without hand-writing Lambda events.

::

    from apiway.testing import TestClient

    client = TestClient(app)                      # source: the resolver's own
    response = client.get("/todos", query={"page": "2"}, headers={"X-Api-Key": "k"})
    assert response.status_code == 200
    assert response.json() == {"todos": []}

The events come from :func:`apiway.local.events.build_event` and the proxy responses are
read by :func:`apiway.local.proxy.parse_response`: the same code as ``apiway serve``, so a
test and the local server never disagree about what a source sends or accepts. Pass
``source=`` (``rest``, ``http``, ``alb``, ``alb-multi``, ``function-url``, ``lattice``,
``lattice-v2``) to build another source's events, so one test can be parametrized over all
of them. :class:`AsyncTestClient` is the same client for async tests: its requests are
awaited, served by ``resolve_async`` on the test's own loop.
"""

import json as _json
from urllib.parse import quote, urlencode

from apiway.local.invoke import invoke
from apiway.local.target import serving

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from typing import Any

    from apiway.local.proxy import HttpResponse

    Pairs = Mapping[str, Any] | Iterable[tuple[str, Any]]

__all__ = ["AsyncTestClient", "Headers", "TestClient", "TestResponse"]

_UNSET: "Any" = object()
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"  # '%' kept: an already-encoded path stays as it is
_DEFAULT_HEADERS = [("Host", "testserver"), ("User-Agent", "apiway-testclient")]


def _pairs(value: "Pairs | None") -> "list[tuple[str, str]]":
    """Name/value pairs from a mapping (list values repeat the name) or a list of pairs."""
    if value is None:
        return []
    items = value.items() if hasattr(value, "items") else value
    pairs: list[tuple[str, str]] = []
    for name, item in items:
        if isinstance(item, (list, tuple)):
            pairs.extend((str(name), str(v)) for v in item)
        else:
            pairs.append((str(name), str(item)))
    return pairs


class Headers:
    """Response headers: case-insensitive look-ups over every header line, in order."""

    __slots__ = ("_lines",)

    def __init__(self, lines: "Iterable[tuple[str, str]]" = ()):
        self._lines = list(lines)

    def get_all(self, name: str) -> "list[str]":
        """Every value of header ``name``, one per header line."""
        lowered = name.lower()
        return [value for key, value in self._lines if key.lower() == lowered]

    def get(self, name: str, default: "str | None" = None) -> "str | None":
        """The values of ``name`` joined with ``", "``, or ``default``."""
        values = self.get_all(name)
        return ", ".join(values) if values else default

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.get_all(name))

    def __iter__(self) -> "Iterator[str]":
        seen: dict[str, None] = {}
        for key, _ in self._lines:
            seen.setdefault(key.lower())
        return iter(seen)

    def __len__(self) -> int:
        return len(list(iter(self)))

    def keys(self) -> "list[str]":
        """Distinct header names, lower-cased, in order of first appearance."""
        return list(self)

    def items(self) -> "list[tuple[str, str]]":
        """Every header line as ``(name, value)``, names as sent."""
        return list(self._lines)

    def to_dict(self) -> "dict[str, list[str]]":
        """``{lower-cased name: [values]}``."""
        return {name: self.get_all(name) for name in self}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Headers):
            return self.to_dict() == other.to_dict()
        if isinstance(other, dict):
            return {k.lower(): v for k, v in other.items()} == {name: self[name] for name in self}
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Headers({self._lines!r})"


class TestResponse:
    """A decoded response: status, headers, cookies and body (base64 and gzip undone)."""

    __test__ = False  # not a pytest test class

    def __init__(self, http: "HttpResponse", raw: "Any", request_event: "dict[str, Any]"):
        self.status_code = http.status
        self.reason = http.reason
        self.headers = Headers(http.headers)
        #: The body as delivered (base64 decoded, still gzip-compressed if it was).
        self.body = http.body
        #: The proxy response exactly as the handler returned it.
        self.raw = raw
        #: The event the handler was called with.
        self.event = request_event
        self._content: bytes | None = None

    @property
    def content(self) -> bytes:
        """The body bytes, gunzipped when ``Content-Encoding: gzip``."""
        if self._content is None:
            content = self.body
            if content and "gzip" in (self.headers.get("content-encoding") or "").lower():
                import gzip

                content = gzip.decompress(content)
            self._content = content
        return self._content

    @property
    def text(self) -> str:
        """The body as text (UTF-8)."""
        return self.content.decode("utf-8", "replace")

    def json(self) -> "Any":
        """The body parsed as JSON."""
        return _json.loads(self.content)

    @property
    def cookies(self) -> "dict[str, str]":
        """Cookies set by the response: name to value, from the ``Set-Cookie`` lines."""
        cookies = {}
        for line in self.headers.get_all("set-cookie"):
            pair = line.split(";", 1)[0]
            name, sep, value = pair.partition("=")
            if sep and name.strip():
                cookies[name.strip()] = value.strip()
        return cookies

    @property
    def ok(self) -> bool:
        """True for 1xx-3xx statuses."""
        return self.status_code < 400

    def __repr__(self) -> str:
        return f"<TestResponse {self.status_code} {self.reason}>"


class _Client:
    """What both test clients share: the app, its source, default headers, and the
    arguments of one invocation built from a request's parts."""

    def __init__(
        self,
        app: "Any",
        source: "str | None" = None,
        stage: "str | None" = None,
        headers: "Pairs | None" = None,
        source_ip: str = "127.0.0.1",
        raise_server_exceptions: bool = True,
    ):
        self.app = app
        self.handler, self.source = serving(app, source, stage)
        self.stage = stage
        self.headers = _merge_headers(_DEFAULT_HEADERS, _pairs(headers))
        self.source_ip = source_ip
        self.raise_server_exceptions = raise_server_exceptions

    def _invocation(
        self,
        method: str,
        path: str,
        query: "Pairs | str | None",
        headers: "Pairs | None",
        cookies: "Mapping[str, str] | None",
        json: "Any",
        data: "bytes | str | Pairs | None",
        body: "str | bytes | None",
        content_type: "str | None",
    ) -> "tuple[tuple[Any, ...], dict[str, Any]]":
        """The positional and keyword arguments of ``invoke`` for one request."""
        path, _, raw_query = path.partition("?")
        path = quote(path, safe=_PATH_SAFE) or "/"
        if query:
            extra = query if isinstance(query, str) else urlencode(_pairs(query))
            raw_query = f"{raw_query}&{extra}" if raw_query else extra
        payload, default_type = _payload(json, data, body)
        lines = _merge_headers(self.headers, _pairs(headers))
        if cookies:
            lines.append(("Cookie", "; ".join(f"{name}={value}" for name, value in cookies.items())))
        if content_type is not None:
            lines = _merge_headers(lines, [("Content-Type", content_type)])
        elif default_type and not any(name.lower() == "content-type" for name, _ in lines):
            lines.append(("Content-Type", default_type))
        if payload:
            lines.append(("Content-Length", str(len(payload))))
        options = {
            "stage": self.stage,
            "source_ip": self.source_ip,
            "raise_exceptions": self.raise_server_exceptions,
        }
        return (self.source, method, path, raw_query, lines, payload), options

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.app!r} source={self.source}>"


class TestClient(_Client):
    """Calls an app (a resolver or a Lambda handler) with events built for ``source``.

    ``raise_server_exceptions`` (default True) re-raises in the test what would otherwise be
    an error answer: an exception a route raised and no ``exception_handler`` mapped (the
    resolver would answer a generic 500), an exception the handler raised, and a
    :class:`~apiway.local.proxy.MalformedResponseError`. HTTP errors (``NotFoundError``,
    ...) and mapped exceptions are answers, never raised. With False every request is
    answered as the local server answers it: 500 from the resolver, 502 for the rest.
    """

    __test__ = False  # not a pytest test class

    def request(
        self,
        method: str,
        path: str,
        *,
        query: "Pairs | str | None" = None,
        headers: "Pairs | None" = None,
        cookies: "Mapping[str, str] | None" = None,
        json: "Any" = _UNSET,
        data: "bytes | str | Pairs | None" = None,
        body: "str | bytes | None" = None,
        content_type: "str | None" = None,
    ) -> "TestResponse":
        """Send one request. ``path`` may carry ``?query``; ``query`` adds to it.

        The body is one of ``json=`` (serialized, ``application/json``), ``data=`` (bytes
        as ``application/octet-stream``, a mapping form-encoded) or ``body=`` (text as
        ``text/plain``); ``content_type`` overrides the type.
        """
        args, options = self._invocation(
            method, path, query, headers, cookies, json, data, body, content_type
        )
        call = invoke(self.handler, *args, **options)
        return TestResponse(call.response, call.result, call.event)

    def get(self, path: str, **kwargs: "Any") -> "TestResponse":
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: "Any") -> "TestResponse":
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: "Any") -> "TestResponse":
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: "Any") -> "TestResponse":
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: "Any") -> "TestResponse":
        return self.request("DELETE", path, **kwargs)

    def head(self, path: str, **kwargs: "Any") -> "TestResponse":
        return self.request("HEAD", path, **kwargs)

    def options(self, path: str, **kwargs: "Any") -> "TestResponse":
        return self.request("OPTIONS", path, **kwargs)


class AsyncTestClient(_Client):
    """:class:`TestClient` for async tests: every request is awaited.

    A resolver answers with ``await app.resolve_async(...)`` on the running loop (the
    test's own, so handlers may use clients and pools made on it); a Lambda handler
    function runs in a worker thread, as on Lambda. Same options and answers as
    :class:`TestClient`: ``response = await client.get("/todos")``.
    """

    __test__ = False  # not a pytest test class

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: "Pairs | str | None" = None,
        headers: "Pairs | None" = None,
        cookies: "Mapping[str, str] | None" = None,
        json: "Any" = _UNSET,
        data: "bytes | str | Pairs | None" = None,
        body: "str | bytes | None" = None,
        content_type: "str | None" = None,
    ) -> "TestResponse":
        """Send one request (see :meth:`TestClient.request`)."""
        from apiway.local.invoke import invoke_async

        args, options = self._invocation(
            method, path, query, headers, cookies, json, data, body, content_type
        )
        call = await invoke_async(self.app, self.handler, *args, **options)
        return TestResponse(call.response, call.result, call.event)

    async def get(self, path: str, **kwargs: "Any") -> "TestResponse":
        return await self.request("GET", path, **kwargs)

    async def post(self, path: str, **kwargs: "Any") -> "TestResponse":
        return await self.request("POST", path, **kwargs)

    async def put(self, path: str, **kwargs: "Any") -> "TestResponse":
        return await self.request("PUT", path, **kwargs)

    async def patch(self, path: str, **kwargs: "Any") -> "TestResponse":
        return await self.request("PATCH", path, **kwargs)

    async def delete(self, path: str, **kwargs: "Any") -> "TestResponse":
        return await self.request("DELETE", path, **kwargs)

    async def head(self, path: str, **kwargs: "Any") -> "TestResponse":
        return await self.request("HEAD", path, **kwargs)

    async def options(self, path: str, **kwargs: "Any") -> "TestResponse":
        return await self.request("OPTIONS", path, **kwargs)


def _merge_headers(base: "list[tuple[str, str]]", extra: "list[tuple[str, str]]") -> "list[tuple[str, str]]":
    """``base`` lines whose names ``extra`` does not set, then the ``extra`` lines."""
    names = {name.lower() for name, _ in extra}
    return [line for line in base if line[0].lower() not in names] + extra


def _payload(json: "Any", data: "Any", body: "Any") -> "tuple[bytes, str | None]":
    passed = {"json": json is not _UNSET, "data": data is not None, "body": body is not None}
    given = [name for name, is_set in passed.items() if is_set]
    if len(given) > 1:
        raise TypeError(f"pass only one of json=, data=, body= (got {', '.join(given)})")
    if json is not _UNSET:
        return _json.dumps(json, separators=(",", ":")).encode(), "application/json"
    if data is not None:
        if isinstance(data, (bytes, bytearray, memoryview)):
            return bytes(data), "application/octet-stream"
        if isinstance(data, str):
            return data.encode(), "text/plain; charset=utf-8"
        return urlencode(_pairs(data)).encode(), "application/x-www-form-urlencoded"
    if body is not None:
        if isinstance(body, (bytes, bytearray, memoryview)):
            return bytes(body), "application/octet-stream"
        return str(body).encode(), "text/plain; charset=utf-8"
    return b"", None

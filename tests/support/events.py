"""The real AWS sample events, and per-source builders that change only what a test is about.

The events live in ``tests/fixtures/events`` (see the README there for where they come from).
Every load returns a fresh copy, so tests may edit what they get.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlencode

import pytest

from apiway import (
    ALBResolver,
    APIGatewayHttpResolver,
    APIGatewayRestResolver,
    LambdaFunctionUrlResolver,
    VPCLatticeResolver,
    VPCLatticeV2Resolver,
)

from .validate import assert_valid_response

#: ``tests/fixtures/events``; this file is ``tests/support/events.py``.
EVENTS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "events"

_KEEP: Any = object()

#: Header or query maps: a name to one value or to a list of values.
Headers = dict[str, Any]
Query = dict[str, Any]


@cache
def _event_text(name: str) -> str:
    path = EVENTS_DIR / name
    if not path.is_file():
        raise FileNotFoundError(
            f"sample event {name} not found in {EVENTS_DIR}; add it there with its source "
            "named in the folder's README"
        )
    return path.read_text(encoding="utf-8")


def load_event(name: str) -> dict[str, Any]:
    """A fresh copy of the sample event ``name`` (e.g. ``"apiGatewayProxyEvent.json"``)."""
    event = json.loads(_event_text(name))
    assert isinstance(event, dict)
    return event


def _values(value: str | list[str]) -> list[str]:
    return list(value) if isinstance(value, list) else [value]


@dataclass(frozen=True)
class EventSource:
    """One Lambda HTTP event source: its resolver, sample events and event shape."""

    name: str
    kind: str  # the response contract (support.validate): rest, http, function_url, alb, lattice
    resolver: type
    sample: str
    trailing_slash_sample: str | None
    #: True when the platform percent-decodes the path before Lambda sees it.
    path_decoded: bool

    def __str__(self) -> str:
        return self.name

    @property
    def shape(self) -> str:
        """The request event's shape: ``v1`` (REST, ALB), ``v2`` (HTTP API, Function URL),
        ``lattice`` or ``lattice_v2``."""
        if self.kind in ("http", "function_url"):
            return "v2"
        if self.kind == "lattice":
            return self.name
        return "v1"

    @property
    def method_field(self) -> str:
        """The event field (dotted) that carries the HTTP method."""
        return {"v1": "httpMethod", "v2": "requestContext.http.method"}.get(self.shape, "method")

    @property
    def path_field(self) -> str:
        """The event field that carries the path the resolver routes on."""
        return {"v1": "path", "v2": "rawPath", "lattice": "raw_path"}.get(self.shape, "path")

    @property
    def query_field(self) -> str:
        """The event field of the single-value query parameters."""
        return "query_string_parameters" if self.shape == "lattice" else "queryStringParameters"

    @property
    def one_cookie(self) -> bool:
        """True when answers carry one value per header, so one ``Set-Cookie`` (ALB in
        single-value mode, VPC Lattice)."""
        return self.name in ("alb", "lattice", "lattice_v2")

    def route_of(self, event: dict[str, Any]) -> tuple[str, str]:
        """``(method, path)`` of an event of this source, as delivered."""
        value: Any = event
        for key in self.method_field.split("."):
            value = value[key]
        return value, event[self.path_field]

    @property
    def base64_field(self) -> str:
        """The event field that says the body is base64."""
        return "is_base64_encoded" if self.shape == "lattice" else "isBase64Encoded"

    def app(self, **kwargs: Any) -> Any:
        """A new resolver for this source."""
        return self.resolver(**kwargs)

    def call(
        self, app: Any, event: dict[str, Any], context: Any = None, way: str = "resolve"
    ) -> dict[str, Any]:
        """Resolve ``event`` (one of :data:`WAYS`) and check the response against the
        source's contract."""
        response = resolve_by(way, app, event, context)
        assert_valid_response(self.kind, response, event)
        return response

    def request(
        self, app: Any, method: str = "GET", path: str = "/", way: str = "resolve", **fields: Any
    ) -> dict[str, Any]:
        """Build an event with :meth:`event`, resolve it (one of :data:`WAYS`) and validate
        the response."""
        return self.call(app, self.event(method, path, **fields), way=way)

    def trailing_slash_event(self) -> dict[str, Any]:
        """The source's ``*PathTrailingSlash.json`` sample (ALB multi-value: its sample with a '/' added)."""
        if self.trailing_slash_sample is not None:
            return load_event(self.trailing_slash_sample)
        event = load_event(self.sample)
        event[self.path_field] = event[self.path_field] + "/"
        return event

    def event(
        self,
        method: str = "GET",
        path: str = "/",
        *,
        headers: Headers | None = None,
        query: Query | None = None,
        body: str | None = _KEEP,
        is_base64: bool = False,
        cookies: list[str] | None = None,
    ) -> dict[str, Any]:
        """The source's sample event with method and path set, and the other fields replaced
        only when given (``headers``/``query`` replace the sample's whole map)."""
        event = load_event(self.sample)
        if self.shape == "v2":
            self._shape_v2(event, method, path, headers, query, cookies)
        elif self.shape == "v1":
            self._shape_v1(event, method, path, headers, query, cookies)
        else:
            self._shape_lattice(event, method, path, headers, query, cookies)
        if body is not _KEEP:
            event["body"] = body
            event[self.base64_field] = is_base64
        return event

    # -- payload 1.0 shape: REST API and ALB ----------------------------------------------------
    def _shape_v1(
        self,
        event: dict[str, Any],
        method: str,
        path: str,
        headers: Headers | None,
        query: Query | None,
        cookies: list[str] | None,
    ) -> None:
        event["httpMethod"] = method
        event["path"] = path
        context = event.get("requestContext")
        if self.kind == "rest":
            event["resource"] = path
            if isinstance(context, dict):
                context["httpMethod"] = method
                context["path"] = path
                context["resourcePath"] = path
        if cookies is not None:
            headers = dict(headers if headers is not None else self._sample_headers(event))
            headers["Cookie"] = "; ".join(cookies)
        multi = "multiValueHeaders" in event
        if headers is not None:
            if self.kind == "alb":
                # ALB hands header names over lower-cased.
                headers = {name.lower(): value for name, value in headers.items()}
            if multi:
                event["multiValueHeaders"] = {name: _values(value) for name, value in headers.items()}
            if self.kind == "rest" or not multi:
                event["headers"] = {name: _values(value)[-1] for name, value in headers.items()}
        if query is not None:
            pairs = {name: _values(value) for name, value in query.items()}
            if self.kind == "alb":
                # ALB forwards the query string still percent-encoded.
                pairs = {quote_plus(k): [quote_plus(v) for v in vs] for k, vs in pairs.items()}
            if multi:
                event["multiValueQueryStringParameters"] = pairs or ({} if self.kind == "alb" else None)
            if self.kind == "rest" or not multi:
                event["queryStringParameters"] = {k: vs[-1] for k, vs in pairs.items()} or None

    def _sample_headers(self, event: dict[str, Any]) -> Headers:
        if "multiValueHeaders" in event:
            return dict(event.get("multiValueHeaders") or {})
        return dict(event.get("headers") or {})

    # -- payload 2.0 shape: HTTP API and Function URL --------------------------------------------
    def _shape_v2(
        self,
        event: dict[str, Any],
        method: str,
        path: str,
        headers: Headers | None,
        query: Query | None,
        cookies: list[str] | None,
    ) -> None:
        event["rawPath"] = path
        context = event["requestContext"]
        context["http"]["method"] = method
        context["http"]["path"] = path
        if headers is not None:
            # Payload 2.0 lower-cases header names and joins repeated values with commas.
            event["headers"] = {name.lower(): ",".join(_values(value)) for name, value in headers.items()}
        if query is not None:
            pairs = [(name, value) for name, values in query.items() for value in _values(values)]
            event["rawQueryString"] = urlencode(pairs)
            if query:
                event["queryStringParameters"] = {
                    name: ",".join(_values(values)) for name, values in query.items()
                }
            else:
                event.pop("queryStringParameters", None)
        if cookies is not None:
            event["cookies"] = list(cookies)

    # -- VPC Lattice: event structure versions 1 and 2 ------------------------------------------
    def _shape_lattice(
        self,
        event: dict[str, Any],
        method: str,
        path: str,
        headers: Headers | None,
        query: Query | None,
        cookies: list[str] | None,
    ) -> None:
        version2 = self.shape == "lattice_v2"
        event["method"] = method
        event[self.path_field] = path
        if cookies is not None:
            headers = dict(headers if headers is not None else event.get("headers") or {})
            headers["cookie"] = "; ".join(cookies)
        if headers is not None:
            # Lattice lower-cases header names; version 1 joins repeated values with commas.
            event["headers"] = {
                name.lower(): _values(value) if version2 else ",".join(_values(value))
                for name, value in headers.items()
            }
        if query is not None:
            if version2:
                event["queryStringParameters"] = {name: _values(value) for name, value in query.items()}
            else:  # version 1 keeps the last value of a repeated name
                event["query_string_parameters"] = {name: _values(value)[-1] for name, value in query.items()}


REST = EventSource(
    "rest",
    "rest",
    APIGatewayRestResolver,
    "apiGatewayProxyEvent.json",
    "apiGatewayProxyEventPathTrailingSlash.json",
    path_decoded=False,
)
HTTP = EventSource(
    "http",
    "http",
    APIGatewayHttpResolver,
    "apiGatewayProxyV2Event.json",
    "apiGatewayProxyV2EventPathTrailingSlash.json",
    path_decoded=True,
)
FUNCTION_URL = EventSource(
    "function_url",
    "function_url",
    LambdaFunctionUrlResolver,
    "lambdaFunctionUrlEvent.json",
    "lambdaFunctionUrlEventPathTrailingSlash.json",
    path_decoded=False,
)
ALB = EventSource(
    "alb", "alb", ALBResolver, "albEvent.json", "albEventPathTrailingSlash.json", path_decoded=False
)
ALB_MULTI = EventSource(
    "alb_multi", "alb", ALBResolver, "albMultiValueHeadersEvent.json", None, path_decoded=False
)

LATTICE = EventSource(
    "lattice",
    "lattice",
    VPCLatticeResolver,
    "vpcLatticeEvent.json",
    "vpcLatticeEventPathTrailingSlash.json",
    path_decoded=False,
)
LATTICE_V2 = EventSource(
    "lattice_v2",
    "lattice",
    VPCLatticeV2Resolver,
    "vpcLatticeV2EventWithHeaders.json",
    "vpcLatticeEventV2PathTrailingSlash.json",
    path_decoded=False,
)

#: Every source, ALB in both header modes and VPC Lattice in both event structure versions:
#: parametrize shared behaviour over these.
ALL_SOURCES = (REST, HTTP, FUNCTION_URL, ALB, ALB_MULTI, LATTICE, LATTICE_V2)
SOURCE_IDS = [source.name for source in ALL_SOURCES]


def each_of(*sources: EventSource) -> pytest.MarkDecorator:
    """Runs a test once per source given, as its ``source`` argument: ``@each_of(HTTP, FUNCTION_URL)``."""
    return pytest.mark.parametrize("source", sources, ids=str)


#: Runs a test once per source: ``@each_source`` on ``def test_...(source: EventSource)``.
each_source = each_of(*ALL_SOURCES)


#: The ways to resolve an event: ``app.resolve()``, ``await app.resolve_async()`` (on a loop of
#: its own, ``asyncio.run``), and ``app.resolve()`` called from a coroutine, while an event
#: loop is running in the thread (as from an async test).
WAYS = ("resolve", "resolve_async", "resolve_in_loop")

#: Runs a test once per way of resolving, as its ``way`` argument.
each_way = pytest.mark.parametrize("way", WAYS)


def resolve_by(way: str, app: Any, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    """``app``'s answer to ``event``, resolved one of the :data:`WAYS`."""
    import asyncio

    response: dict[str, Any]
    if way == "resolve":
        response = app.resolve(event, context)
    elif way == "resolve_async":
        response = asyncio.run(app.resolve_async(event, context))
    elif way == "resolve_in_loop":

        async def in_loop() -> dict[str, Any]:
            answer: dict[str, Any] = app.resolve(event, context)
            return answer

        response = asyncio.run(in_loop())
    else:
        raise ValueError(f"no way {way!r}; the ways are {WAYS}")
    return response


def rest_call(
    app: Any, method: str, path: str, context: Any = None, way: str = "resolve", **fields: Any
) -> dict[str, Any]:
    """Resolve the smallest REST event (``httpMethod``, ``path`` and ``fields``), one of the
    :data:`WAYS`: for tests of the resolver layer, where the event source is not what the
    test is about."""
    return resolve_by(way, app, {"httpMethod": method, "path": path, **fields}, context)


_CAPTURE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def capture_event(source: EventSource, event: dict[str, Any], **resolver_kwargs: Any) -> Any:
    """Resolve ``event`` through a catch-all route and return ``app.current_event`` as the
    route saw it (the response is validated on the way)."""
    app = source.app(**resolver_kwargs)
    seen: list[Any] = []

    @app.route(".+", method=_CAPTURE_METHODS)
    def catch_all() -> dict[str, Any]:
        seen.append(app.current_event)
        return {}

    response = source.call(app, event)
    assert response["statusCode"] == 200, response
    assert len(seen) == 1
    return seen[0]

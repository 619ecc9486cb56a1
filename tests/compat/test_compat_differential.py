"""Differential test: the same app code on apiway and on the Powertools REST event handler.

Runs only where ``aws_lambda_powertools`` is importable (it is not a dev dependency). One
function builds the app from whichever framework it is handed, so the code is literally the
same for both; a table of requests then goes through both apps, for every event source, and
status code, decoded body and the main headers and cookies are compared.

apiway differs from the reference on purpose in a few places (``DELIBERATE``, each citing
where the behaviour is specified); those rows assert the apiway behaviour and the reference
behaviour both, so a change on either side shows up. Differences no document mentions are in
``UNDOCUMENTED``, asserted the same way, each with a comment on which side looks right.
"""

from __future__ import annotations

import base64
import gzip
import json
import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")

from support.events import ALL_SOURCES, EventSource
from support.responses import header, header_values
from support.validate import assert_valid_response


def apiway_api() -> SimpleNamespace:
    import apiway
    from apiway import exceptions
    from apiway.cookies import Cookie
    from apiway.middlewares import BaseMiddlewareHandler

    return SimpleNamespace(
        name="apiway",
        rest=apiway.APIGatewayRestResolver,
        http=apiway.APIGatewayHttpResolver,
        function_url=apiway.LambdaFunctionUrlResolver,
        alb=apiway.ALBResolver,
        lattice=apiway.VPCLatticeResolver,
        lattice_v2=apiway.VPCLatticeV2Resolver,
        Response=apiway.Response,
        CORSConfig=apiway.CORSConfig,
        Router=apiway.Router,
        content_types=apiway.content_types,
        Cookie=Cookie,
        errors=exceptions,
        BaseMiddlewareHandler=BaseMiddlewareHandler,
    )


def powertools_api() -> SimpleNamespace:
    from aws_lambda_powertools.event_handler import (
        ALBResolver,
        APIGatewayHttpResolver,
        APIGatewayRestResolver,
        CORSConfig,
        LambdaFunctionUrlResolver,
        Response,
        VPCLatticeResolver,
        VPCLatticeV2Resolver,
        content_types,
        exceptions,
    )
    from aws_lambda_powertools.event_handler.api_gateway import Router
    from aws_lambda_powertools.event_handler.middlewares import BaseMiddlewareHandler
    from aws_lambda_powertools.shared.cookies import Cookie

    return SimpleNamespace(
        name="powertools",
        rest=APIGatewayRestResolver,
        http=APIGatewayHttpResolver,
        function_url=LambdaFunctionUrlResolver,
        alb=ALBResolver,
        lattice=VPCLatticeResolver,
        lattice_v2=VPCLatticeV2Resolver,
        Response=Response,
        CORSConfig=CORSConfig,
        Router=Router,
        content_types=content_types,
        Cookie=Cookie,
        errors=exceptions,
        BaseMiddlewareHandler=BaseMiddlewareHandler,
    )


ORIGIN = "https://example.com"


def build_app(api: SimpleNamespace, source: EventSource) -> Any:
    """The app under test, written once against ``api`` (either framework)."""
    resolver = getattr(api, "alb" if source.kind == "alb" else source.name)
    Response = api.Response
    errors = api.errors
    cors = api.CORSConfig(allow_origin=ORIGIN, extra_origins=["https://admin.example.com"], max_age=60)
    app = resolver(cors=cors, strip_prefixes=["/stage-prefix"])

    class AddHeader(api.BaseMiddlewareHandler):  # type: ignore[name-defined,misc]
        def handler(self, app: Any, next_middleware: Any) -> Any:
            response = next_middleware(app)
            response.headers["X-Middleware"] = "class"
            return response

    def early_return(app: Any, next_middleware: Any) -> Any:
        if app.current_event.get_query_string_value("stop") == "1":
            return Response(403, api.content_types.TEXT_PLAIN, "stopped")
        return next_middleware(app)

    @app.get("/todos")
    def list_todos() -> Any:
        return {"todos": [{"id": 1, "title": "a"}, {"id": 2, "title": "b"}]}

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> Any:
        if todo_id == "404":
            raise errors.NotFoundError(f"no todo {todo_id}")
        return {"id": todo_id}

    @app.post("/todos")
    def create_todo() -> Any:
        return {"created": app.current_event.json_body}, 201

    @app.get("/users/<user>/todos/<todo_id>")
    def user_todo(user: str, todo_id: str) -> Any:
        return {"user": user, "todo": todo_id}

    @app.get("/files/.+")
    def files() -> Any:
        return {"path": app.current_event.path}

    @app.get("/text")
    def text() -> Any:
        return "just text"

    @app.get("/response")
    def response() -> Any:
        return Response(
            status_code=200,
            content_type=api.content_types.TEXT_PLAIN,
            body="custom",
            headers={"X-Single": "one", "X-Many": ["a", "b"]},
            cookies=[api.Cookie(name="session", value="s1", http_only=True)],
        )

    @app.get("/two-cookies")
    def two_cookies() -> Any:
        return Response(
            200, api.content_types.TEXT_PLAIN, "c", cookies=[api.Cookie("a", "1"), api.Cookie("b", "2")]
        )

    @app.get("/binary")
    def binary() -> Any:
        return Response(200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x01\x02")

    @app.get("/gzip", compress=True)
    def gzipped() -> Any:
        return {"items": ["compress me"] * 40}

    @app.get("/cached/<what>", cache_control="max-age=60")
    def cached(what: str) -> Any:
        if what == "error":
            raise errors.BadRequestError("bad cache")
        return {"cached": what}

    @app.get("/decimal")
    def decimal() -> Any:
        return {"price": Decimal("10.50")}

    @app.get("/query")
    def query() -> Any:
        event = app.current_event
        return {
            "q": event.get_query_string_value("q", "none"),
            "all": event.get_multi_value_query_string_values("tag", []),
        }

    @app.get("/headers")
    def headers() -> Any:
        return {
            "key": app.current_event.headers.get("x-api-key"),
            "KEY": app.current_event.headers.get("X-API-KEY"),
        }

    @app.get("/error/<code>")
    def error(code: str) -> Any:
        classes = {
            "400": errors.BadRequestError,
            "401": errors.UnauthorizedError,
            "403": errors.ForbiddenError,
            "408": errors.RequestTimeoutError,
            "413": errors.RequestEntityTooLargeError,
            "500": errors.InternalServerError,
            "503": errors.ServiceUnavailableError,
        }
        if code == "404":
            raise errors.NotFoundError
        if code in classes:
            raise classes[code](f"error {code}")
        raise errors.ServiceError(int(code), f"service error {code}")

    @app.get("/handled")
    def handled() -> Any:
        raise ValueError("bad value")

    @app.exception_handler(ValueError)
    def on_value_error(exc: ValueError) -> Any:
        return Response(400, api.content_types.TEXT_PLAIN, f"handled: {exc}")

    @app.get("/boom")
    def boom() -> Any:
        raise RuntimeError("unhandled")

    @app.get("/no-cors", cors=False)
    def no_cors() -> Any:
        return {"cors": False}

    @app.get("/middleware", middlewares=[AddHeader(), early_return])
    def middleware() -> Any:
        return {"middleware": True}

    @app.post("/json")
    def echo_json() -> Any:
        return {"json": app.current_event.json_body}

    @app.get("/huge")
    def huge() -> Any:
        return {"items": ["x" * 1000] * 7000}  # 7 MB: over Lambda's 6 MB response limit

    router = api.Router()

    @router.get("/items/<item_id>")
    def get_item(item_id: str) -> Any:
        return {"item": item_id, "via": "router"}

    app.include_router(router, prefix="/api")
    return app


@dataclass
class Case:
    """One request, and how the two frameworks are expected to compare on it."""

    id: str
    method: str
    path: str
    headers: dict[str, Any] | None = None
    query: dict[str, Any] | None = None
    body: str | None = None
    sources: tuple[str, ...] = ()  # empty: every source
    #: field -> (apiway value, reference value) for an expected difference
    differs: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    reference_raises: type[BaseException] | None = None


NOT_FOUND = '{"statusCode":404,"message":"Not found"}'


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


# Deliberate, documented differences of apiway (README, issues 2 and 3).
DELIBERATE = [
    Case(
        "405-for-known-path",
        "DELETE",
        "/todos",
        differs={
            "statusCode": (405, 404),
            "body": ('{"statusCode":405,"message":"Method not allowed"}', NOT_FOUND),
        },
    ),
    Case("head-served-by-get", "HEAD", "/todos", differs={"statusCode": (200, 404), "body": ("", NOT_FOUND)}),
    Case("unhandled-is-generic-500", "GET", "/boom", reference_raises=RuntimeError),
    # "/todos and /todos/ reach the same route for every source" (issue 2); the reference
    # only does so for REST APIs.
    Case(
        "trailing-slash",
        "GET",
        "/todos/",
        sources=("http", "function_url", "alb", "alb_multi", "lattice", "lattice_v2"),
        differs={
            "statusCode": (200, 404),
            "body": ('{"todos":[{"id":1,"title":"a"},{"id":2,"title":"b"}]}', NOT_FOUND),
        },
    ),
    Case(
        "router-prefix-trailing-slash",
        "GET",
        "/api/items/9/",
        sources=("http", "function_url", "alb", "alb_multi", "lattice", "lattice_v2"),
        differs={"statusCode": (200, 404), "body": ('{"item":"9","via":"router"}', NOT_FOUND)},
    ),
    # "Paths are percent-decoded exactly once" (README): REST, Function URL, ALB and VPC
    # Lattice hand the path over encoded; the reference passes the encoded text to the handler.
    *(
        Case(
            f"path-decoded-{name}",
            "GET",
            f"/todos/{encoded}",
            sources=("rest", "function_url", "alb", "alb_multi", "lattice", "lattice_v2"),
            differs={"body": (compact({"id": decoded}), compact({"id": encoded}))},
        )
        for name, encoded, decoded in (
            ("space", "a%20b", "a b"),
            ("utf8", "caf%C3%A9", "café"),
            ("slash", "a%2Fb", "a/b"),
        )
    ),
    # "multi_value_query_string_parameters (HTTP v2 derives them from rawQueryString)"
    Case(
        "v2-multi-value-query",
        "GET",
        "/query",
        query={"q": "x", "tag": ["a", "b"]},
        sources=("http", "function_url", "lattice_v2"),
        differs={"body": ('{"q":"x","all":["a","b"]}', '{"q":"x","all":[]}')},
    ),
    # "VPC Lattice answers multi-value query look-ups": version 1 keeps the last value of a
    # repeated name, answered as a list of one.
    Case(
        "lattice-v1-multi-value-query",
        "GET",
        "/query",
        query={"q": "x", "tag": ["a", "b"]},
        sources=("lattice",),
        differs={"body": ('{"q":"x","all":["b"]}', '{"q":"x","all":[]}')},
    ),
    # "VPC Lattice version 2 headers are text": the reference answers Lattice's lists.
    Case(
        "lattice-v2-headers-are-text",
        "GET",
        "/headers",
        headers={"X-Api-Key": "k"},
        sources=("lattice_v2",),
        differs={"body": ('{"key":"k","KEY":"k"}', '{"key":["k"],"KEY":["k"]}')},
    ),
    # "VPC Lattice answers are in VPC Lattice's format": one value per header, so one Set-Cookie (the
    # last); the reference lists both in a "cookies" field, which Lattice answers do not have.
    Case(
        "lattice-one-cookie",
        "GET",
        "/two-cookies",
        sources=("lattice", "lattice_v2"),
        differs={"cookies": (["b=2; Secure"], ["a=1; Secure", "b=2; Secure"])},
    ),
    # Issue 3: gzip only when Accept-Encoding allows it, q-values honoured; the reference
    # looks for the substring "gzip" (case-sensitive) and ignores q-values and "*".
    Case(
        "gzip-q0-refused",
        "GET",
        "/gzip",
        headers={"Accept-Encoding": "gzip;q=0"},
        differs={"Content-Encoding": (None, "gzip")},
    ),
    *(
        Case(
            f"gzip-{name}",
            "GET",
            "/gzip",
            headers={"Accept-Encoding": value},
            differs={"Content-Encoding": ("gzip", None)},
        )
        for name, value in (("star", "*"), ("upper-case", "GZIP"))
    ),
    # Issue 3: "a preflight for a path that does not exist is not answered as if it did".
    Case(
        "preflight-unknown-path",
        "OPTIONS",
        "/nothing",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
        differs={
            "statusCode": (404, 204),
            "body": (NOT_FOUND, ""),
            "Content-Type": ("application/json", None),
        },
    ),
]

# Issue 6 (README, Security): dot segments answer 400, paths over 8 KiB answer 414, and
# responses over Lambda's size limit answer a generic 500; the reference routes and returns
# them (Lambda then fails the over-sized invocation, which API Gateway answers 502).
DOT_SEGMENTS = '{"statusCode":400,"message":"Invalid path: \'.\' and \'..\' segments are not allowed"}'
DELIBERATE += [
    Case(
        "dot-dot-segment",
        "GET",
        "/todos/..",
        differs={"statusCode": (400, 200), "body": (DOT_SEGMENTS, '{"id":".."}')},
    ),
    Case(
        "dot-dot-segment-into-a-catch-all",
        "GET",
        "/files/../todos",
        differs={"statusCode": (400, 200), "body": (DOT_SEGMENTS, None)},
    ),
    Case(
        "encoded-dot-dot-segment",
        "GET",
        "/todos/%2e%2e",
        sources=("rest", "function_url", "alb", "alb_multi", "lattice", "lattice_v2"),
        differs={"statusCode": (400, 200), "body": (DOT_SEGMENTS, '{"id":"%2e%2e"}')},
    ),
    Case(
        "path-over-8-kib",
        "GET",
        "/todos/" + "a" * 8186,
        differs={
            "statusCode": (414, 200),
            "body": ('{"statusCode":414,"message":"URI too long"}', compact({"id": "a" * 8186})),
        },
    ),
    Case(
        "response-over-the-size-limit",
        "GET",
        "/huge",
        differs={
            "statusCode": (500, 200),
            "body": ('{"statusCode":500,"message":"Internal server error"}', None),
        },
    ),
]

# Differences found by this module that no document mentions.
UNDOCUMENTED = [
    # Origins are compared without regard to case or a trailing slash and the configured
    # spelling is echoed; the reference compares exactly. Harmless (browsers send origins
    # lower-case, without a slash), arguably friendlier.
    *(
        Case(
            f"cors-origin-{name}",
            "GET",
            "/todos",
            headers={"Origin": origin},
            differs={"Access-Control-Allow-Origin": (ORIGIN, None)},
        )
        for name, origin in (("upper-case", "HTTPS://EXAMPLE.COM"), ("trailing-slash", ORIGIN + "/"))
    ),
    # ALB single-value mode: apiway joins a list header's values with ", "; the reference
    # keeps the last value only.
    Case(
        "alb-single-value-header-list",
        "GET",
        "/response",
        sources=("alb",),
        differs={"X-Many": ("a, b", "b")},
    ),
    # ALBResolver(decode_query_parameters=...) defaults to True in apiway, False in the reference.
    Case(
        "alb-query-decoded-by-default",
        "GET",
        "/query",
        query={"q": "hello world"},
        sources=("alb",),
        differs={"body": ('{"q":"hello world","all":[]}', '{"q":"hello+world","all":[]}')},
    ),
    # ALB multi-value mode: the reference's single-value look-ups (get_query_string_value,
    # headers) find nothing, because it only reads the single-value fields.
    Case(
        "alb-multi-value-single-lookups",
        "GET",
        "/query",
        query={"q": "x", "tag": ["a", "b"]},
        sources=("alb_multi",),
        differs={"body": ('{"q":"x","all":["a","b"]}', '{"q":"none","all":["a","b"]}')},
    ),
    Case(
        "alb-multi-value-headers",
        "GET",
        "/headers",
        headers={"X-Api-Key": "k"},
        sources=("alb_multi",),
        differs={"body": ('{"key":"k","KEY":"k"}', '{"key":null,"KEY":null}')},
    ),
    # Invalid JSON: both raise a ValueError, which the app's ValueError handler answers;
    # apiway's (InvalidJSONError, a JSONDecodeError too) has a message that does not echo the
    # parser's details.
    Case(
        "invalid-json",
        "POST",
        "/json",
        body="{broken",
        differs={
            "body": (
                "handled: Request body is not valid JSON",
                "handled: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            ),
        },
    ),
]

SAME = [
    Case("static", "GET", "/todos"),
    Case("trailing-slash", "GET", "/todos/", sources=("rest",)),
    Case("dynamic", "GET", "/todos/7"),
    Case("dynamic-not-found-error", "GET", "/todos/404"),
    Case("nested", "GET", "/users/u1/todos/t2"),
    Case("catch-all", "GET", "/files/a/b/c.txt"),
    Case("post-json-tuple", "POST", "/todos", body='{"title": "new"}'),
    Case("unknown-path", "GET", "/nothing/here"),
    Case("text", "GET", "/text"),
    Case("response-object", "GET", "/response", sources=("rest", "http", "function_url", "alb_multi")),
    Case(
        "two-cookies",
        "GET",
        "/two-cookies",
        sources=("rest", "http", "function_url", "alb", "alb_multi"),
    ),
    Case("binary", "GET", "/binary"),
    Case("gzip-accepted", "GET", "/gzip", headers={"Accept-Encoding": "gzip"}),
    Case("gzip-not-accepted", "GET", "/gzip", headers={}),
    Case("cache-control", "GET", "/cached/ok"),
    Case("cache-control-error", "GET", "/cached/error"),
    Case("decimal", "GET", "/decimal"),
    Case("query", "GET", "/query", query={"q": "x", "tag": ["a", "b"]}, sources=("rest",)),
    Case("query-default", "GET", "/query", query={}),
    Case(
        "headers-any-case",
        "GET",
        "/headers",
        headers={"X-Api-Key": "k"},
        sources=("rest", "http", "function_url", "alb", "lattice"),
    ),
    Case("exception-handler", "GET", "/handled"),
    Case("router-prefix", "GET", "/api/items/9"),
    Case("strip-prefix", "GET", "/stage-prefix/todos"),
    Case("middleware", "GET", "/middleware"),
    Case(
        "middleware-early-return",
        "GET",
        "/middleware",
        query={"stop": "1"},
        sources=("rest", "http", "function_url", "alb", "lattice", "lattice_v2"),
    ),
    Case("cors-allowed", "GET", "/todos", headers={"Origin": ORIGIN}),
    Case("cors-extra-origin", "GET", "/todos", headers={"Origin": "https://admin.example.com"}),
    Case("cors-refused", "GET", "/todos", headers={"Origin": "https://evil.example.com"}),
    Case("cors-off-route", "GET", "/no-cors", headers={"Origin": ORIGIN}),
    Case("cors-on-404", "GET", "/nothing", headers={"Origin": ORIGIN}),
    *(
        Case(f"error-{code}", "GET", f"/error/{code}")
        for code in ("400", "401", "403", "404", "408", "413", "500", "503", "502", "418")
    ),
]

#: Headers compared on every response (Vary is not: apiway adds ``Vary: Origin`` on purpose).
COMPARED_HEADERS = (
    "Content-Type",
    "Content-Encoding",
    "Cache-Control",
    "X-Single",
    "X-Many",
    "X-Middleware",
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Credentials",
    "Access-Control-Expose-Headers",
)


def normalize(response: dict[str, Any]) -> dict[str, Any]:
    """What a client would see: status, decoded body, the compared headers, the cookies."""
    data = (
        base64.b64decode(response["body"])
        if response.get("isBase64Encoded")
        else (response["body"] or "").encode()
    )
    if (header(response, "Content-Encoding") or "").lower() == "gzip":
        data = gzip.decompress(data)
    try:
        body: Any = data.decode("utf-8")
    except UnicodeDecodeError:
        body = data
    seen: dict[str, Any] = {
        "statusCode": response["statusCode"],
        "body": body,
        "cookies": sorted(list(response.get("cookies") or []) + header_values(response, "Set-Cookie")),
    }
    for name in COMPARED_HEADERS:
        seen[name] = header(response, name)
    return seen


def run(api: SimpleNamespace, source: EventSource, case: Case) -> dict[str, Any]:
    app = build_app(api, source)
    fields: dict[str, Any] = {"headers": case.headers, "query": case.query}
    if case.body is not None:
        fields["body"] = case.body
    event = source.event(case.method, case.path, **fields)
    # The reference warns (UserWarning, deprecations) where apiway logs; record, never raise.
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        response = app.resolve(event, None)
    if api.name == "apiway":
        assert_valid_response(source.kind, response, event)
    return response


def _params(cases: list[Case]) -> list[Any]:
    params = []
    for case in cases:
        for source in ALL_SOURCES:
            if case.sources and source.name not in case.sources:
                continue
            params.append(pytest.param(case, source, id=f"{case.id}-{source.name}"))
    return params


@pytest.fixture(scope="module")
def apis() -> tuple[SimpleNamespace, SimpleNamespace]:
    return apiway_api(), powertools_api()


@pytest.mark.parametrize(("case", "source"), _params(SAME))
def test_same_answer(case: Case, source: EventSource, apis: tuple[SimpleNamespace, SimpleNamespace]) -> None:
    ours, reference = apis
    assert normalize(run(ours, source, case)) == normalize(run(reference, source, case))


@pytest.mark.parametrize(("case", "source"), _params(DELIBERATE + UNDOCUMENTED))
def test_expected_difference(
    case: Case, source: EventSource, apis: tuple[SimpleNamespace, SimpleNamespace]
) -> None:
    ours, reference = apis
    mine = normalize(run(ours, source, case))
    if case.reference_raises is not None:
        assert mine["statusCode"] == 500
        assert mine["body"] == '{"statusCode":500,"message":"Internal server error"}'
        with pytest.raises(case.reference_raises):
            run(reference, source, case)
        return
    theirs = normalize(run(reference, source, case))
    for name, (ours_value, reference_value) in case.differs.items():
        if reference_value is None and name == "body":  # too long to spell out: only ours
            assert mine[name] == ours_value, name
            continue
        assert (mine[name], theirs[name]) == (ours_value, reference_value), name
    rest_of = {k: v for k, v in mine.items() if k not in case.differs}
    assert rest_of == {k: v for k, v in theirs.items() if k not in case.differs}


def test_preflight(apis: tuple[SimpleNamespace, SimpleNamespace]) -> None:
    ours, reference = apis
    case = Case(
        "preflight", "OPTIONS", "/todos", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    for source in ALL_SOURCES:
        mine, theirs = run(ours, source, case), run(reference, source, case)
        assert mine["statusCode"] == theirs["statusCode"] == 204
        assert (
            header(mine, "Access-Control-Allow-Origin")
            == header(theirs, "Access-Control-Allow-Origin")
            == ORIGIN
        )
        assert header(mine, "Access-Control-Max-Age") == header(theirs, "Access-Control-Max-Age") == "60"
        assert header(mine, "Access-Control-Allow-Methods") == header(theirs, "Access-Control-Allow-Methods")
        assert header(mine, "Access-Control-Allow-Methods") == "GET,OPTIONS,POST"
        assert mine["body"] == theirs["body"] == ""


# -- VPC Lattice: the answer's own shape, and the sample events as delivered -----------------------
@pytest.mark.parametrize("name", ["lattice", "lattice_v2"])
def test_lattice_answer_shape(name: str, apis: tuple[SimpleNamespace, SimpleNamespace]) -> None:
    """apiway answers in the format VPC Lattice documents for Lambda targets: status code and
    description, one value per header (one ``Set-Cookie``), body, base64 flag. The reference
    leaves out ``statusDescription`` and lists cookies in a ``cookies`` field, the format of
    HTTP APIs ("VPC Lattice answers" in docs/migrating.md)."""
    from support.events import LATTICE, LATTICE_V2

    source = LATTICE if name == "lattice" else LATTICE_V2
    ours, reference = apis
    case = Case("response", "GET", "/response")
    mine, theirs = run(ours, source, case), run(reference, source, case)
    assert set(mine) == {"statusCode", "statusDescription", "headers", "body", "isBase64Encoded"}
    assert mine["statusDescription"] == "200 OK"
    assert mine["headers"]["Set-Cookie"] == "session=s1; HttpOnly; Secure"
    assert set(theirs) == {"statusCode", "headers", "cookies", "body", "isBase64Encoded"}
    assert theirs["cookies"] == ["session=s1; HttpOnly; Secure"]
    assert "Set-Cookie" not in theirs["headers"]
    for header_name in ("X-Single", "X-Many", "Content-Type"):
        assert mine["headers"][header_name] == theirs["headers"][header_name]
    assert (mine["statusCode"], mine["body"]) == (theirs["statusCode"], theirs["body"]) == (200, "custom")


LATTICE_SAMPLES = [
    "vpcLatticeEvent.json",
    "vpcLatticeEventPathTrailingSlash.json",
    "vpcLatticeEventPost.json",
    "vpcLatticeV2EventWithHeaders.json",
    "vpcLatticeEventV2PathTrailingSlash.json",
    "vpcLatticeV2EventMultiValue.json",
    "vpcLatticeV2EventBase64.json",
    "vpcLatticeV2EventRolesAnywhere.json",
]


def echo_app(api: SimpleNamespace, version2: bool) -> Any:
    """One catch-all route answering what the typed event reads, on either framework."""
    app = (api.lattice_v2 if version2 else api.lattice)()

    @app.route(".+", method=["GET", "POST"])
    def echo() -> Any:
        event = app.current_event
        body = event.decoded_body if event.body and not event.is_base64_encoded else None
        return {
            "method": event.http_method,
            "path": event.path,
            "query": event.query_string_parameters,
            "one": {name: event.get_query_string_value(name) for name in event.query_string_parameters},
            "body": body,
            "json": event.json_body if body else None,
            "base64": event.is_base64_encoded,
        }

    return app


@pytest.mark.parametrize("sample", LATTICE_SAMPLES)
def test_lattice_sample_events_answer_alike(
    sample: str, apis: tuple[SimpleNamespace, SimpleNamespace]
) -> None:
    """Each real sample event, as delivered, through the same app on both frameworks."""
    from support.events import load_event

    event = load_event(sample)
    version2 = "version" in event
    ours, reference = apis
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        mine = echo_app(ours, version2).resolve(load_event(sample), None)
        theirs = echo_app(reference, version2).resolve(load_event(sample), None)
    assert_valid_response("lattice", mine, event)
    assert mine["statusCode"] == theirs["statusCode"] == 200
    assert json.loads(mine["body"]) == json.loads(theirs["body"])
    assert mine["statusDescription"] == "200 OK"
    assert "statusDescription" not in theirs

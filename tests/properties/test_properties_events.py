"""Property-based tests: random mutations of every real AWS sample event, for every source.

Each example takes a sample event of the resolver's source (``tests/fixtures/events``) and applies
a few random mutations: a field anywhere in the event deleted, set to ``null`` or to a value
of another type, or a realistic field (method, path, headers, query string, cookies, body)
replaced by hostile content. The properties:

- ``resolve()`` raises nothing but ``InvalidEventError``, and raises it exactly for events
  that lack the source's essential fields (method, path, and for ALB and REST the
  ``requestContext.elb`` marker that tells them apart);
- every response passes ``assert_valid_response`` for its source;
- no response is a 500: the routes read every property of the typed event (only invalid
  bodies may refuse, with a 400), so a 500 would be apiway failing on input.

CI runs the ``ci`` hypothesis profile (200 examples per test); ``HYPOTHESIS_PROFILE=long``
runs thousands (see README, Security).
"""

from __future__ import annotations

import base64
import copy
import json
import logging
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apiway import CORSConfig, Response
from apiway.events.base import DictWrapper
from apiway.exceptions import InvalidBodyError, InvalidEventError
from support.events import EVENTS_DIR, load_event
from support.validate import assert_valid_response

RESOLVERS = {
    "rest": "APIGatewayRestResolver",
    "http": "APIGatewayHttpResolver",
    "function_url": "LambdaFunctionUrlResolver",
    "alb": "ALBResolver",
    "lattice": "VPCLatticeResolver",
    "lattice_v2": "VPCLatticeV2Resolver",
}
V2 = ("http", "function_url")
#: The VPC Lattice event field holding the path, by event structure version.
LATTICE_PATH = {"lattice": "raw_path", "lattice_v2": "path"}


def kind_of(event: dict[str, Any]) -> str | None:
    """The source a sample event comes from, told by its shape."""
    if "rawPath" in event:
        return "function_url" if "lambda-url" in json.dumps(event) else "http"
    if "raw_path" in event:
        return "lattice"
    if "serviceNetworkArn" in (event.get("requestContext") or {}):
        return "lattice_v2"
    if "httpMethod" in event:
        return "alb" if "elb" in (event.get("requestContext") or {}) else "rest"
    return None


@cache
def samples(kind: str) -> tuple[str, ...]:
    names = sorted(path.name for path in EVENTS_DIR.glob("*.json"))
    found = tuple(name for name in names if kind_of(load_event(name)) == kind)
    assert found, f"no sample event for {kind}"
    return found


# -- the apps: routes that read everything --------------------------------------------------------
def read_everything(value: Any, depth: int = 0) -> int:
    """Read every public property of a typed event (and of the views it returns)."""
    count = 0
    if depth > 4:
        return count
    for name in dir(type(value)):
        if name.startswith("_") or not isinstance(getattr(type(value), name), property):
            continue
        try:
            found = getattr(value, name)
        except InvalidBodyError:
            continue  # answers 400 when a route reads it; tested in tests/hostile
        count += 1
        if isinstance(found, DictWrapper):
            count += read_everything(found, depth + 1)
    for method in ("get_context",):
        if hasattr(value, method):
            getattr(value, method)()
    return count


def make_app(kind: str, debug: bool) -> Any:
    import apiway

    app = getattr(apiway, RESOLVERS[kind])(cors=CORSConfig(allow_origin="https://app.example"), debug=debug)

    def read() -> dict[str, Any]:
        event = app.current_event
        event.get_header_value("origin")
        event.get_query_string_value("a")
        event.get_multi_value_query_string_values("a")
        return {"read": read_everything(event)}

    for path in ("/", "/lambda", "/my/path", "/my/anotherPath", "/other/path", "/todos", "/trip"):
        app.route(path, method=["GET", "POST", "PUT", "DELETE", "PATCH"])(read)
    app.get("/todos/<todo_id>", cache_control="max-age=60")(lambda todo_id: read())
    app.get("/files/<name>.<ext>", compress=True)(lambda name, ext: read())
    app.get("/proxy/.+/items")(read)

    @app.get("/answer")
    def answer() -> Response:
        return Response(200, "text/plain", "x" * 2000, headers={"X-Count": "1"}, compress=True)

    return app


@cache
def app_for(kind: str, debug: bool = False) -> Any:
    return make_app(kind, debug)


# -- what the resolver must accept ---------------------------------------------------------------
def _text(value: Any) -> bool:
    return type(value) is str and value != ""


def essential_fields_ok(kind: str, event: Any) -> bool:
    """Whether ``event`` has what the source needs; otherwise InvalidEventError is expected."""
    if not isinstance(event, dict):
        return False
    if kind in LATTICE_PATH:
        return _text(event.get("method")) and _text(event.get(LATTICE_PATH[kind]))
    if kind in V2:
        context = event.get("requestContext")
        if not isinstance(context, dict):
            return False
        http = context.get("http")
        return isinstance(http, dict) and _text(http.get("method")) and _text(event.get("rawPath"))
    if not (_text(event.get("httpMethod")) and _text(event.get("path"))):
        return False
    context = event.get("requestContext")
    if context is None:
        return True
    has_elb = isinstance(context, dict) and "elb" in context
    return has_elb if kind == "alb" else not has_elb


# -- mutations ------------------------------------------------------------------------------------
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=8,
)
TRICKY_SEGMENTS = ("my", "path", "todos", "42", "files", "a.json", "proxy", "items", "answer")
TRICKY_SEGMENTS += (".", "..", "%2e%2e", "%2E", ".%2e", "%2F", "a%2Fb", "", "+", "%", "%zz", "%00")
TRICKY_SEGMENTS += ("%ff", "é", "😀", "a" * 300, "%252e", "\\", "a b", "<x>", "*")
SEGMENTS = st.one_of(st.sampled_from(TRICKY_SEGMENTS), st.text(max_size=12))
PATHS = st.one_of(
    st.sampled_from(
        ["/my/path", "/lambda/", "/todos/1", "/files/a.json", "/proxy/a/b/items", "/answer", "/"]
    ),
    st.lists(SEGMENTS, max_size=8).map(lambda parts: "/" + "/".join(parts)),
    st.lists(SEGMENTS, min_size=1, max_size=4).map("/".join),
    st.sampled_from(["/", "/a/", "-", "%2F", "./"]).map(lambda unit: "/" + unit * 4200),
)
METHODS = st.one_of(
    st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "get", "BREW", ""]),
    st.text(max_size=10),
    VALUES,
)
TRICKY_NAMES = ("origin", "Origin", "accept-encoding", "Accept-Encoding", "content-type", "cookie")
TRICKY_NAMES += ("authorization", "access-control-request-method", "access-control-request-headers")
TRICKY_NAMES += ("x-api-key", "host")
HEADER_NAMES = st.one_of(st.sampled_from(TRICKY_NAMES), st.text(max_size=15))
TRICKY_VALUES = ("https://app.example", "null", "gzip", "gzip;q=0", "*;q=nan", "application/json")
TRICKY_VALUES += ("a=1; b=2", "GET", "X-A, X-B", "\r\nX-Evil: 1", "", "https://app.example.evil.com")
HEADER_VALUES = st.one_of(st.sampled_from(TRICKY_VALUES), st.text(max_size=40), VALUES)
HEADERS = st.dictionaries(HEADER_NAMES, HEADER_VALUES, max_size=6)
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
BODIES = st.one_of(
    st.none(),
    st.text(max_size=100),
    JSON_VALUES.map(json.dumps),
    st.binary(max_size=60).map(lambda data: base64.b64encode(data).decode()),
    st.sampled_from(["{", "[" * 5000, "NaN", '{"a": 1e999}', "9" * 5000, "%%%", "eyJ9", "\ufeff{}"]),
    VALUES,
)
QUERIES = st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=20), VALUES), max_size=4)


def walk_to_a_field(data: st.DataObject, event: dict[str, Any]) -> tuple[Any, Any] | None:
    """A (container, key) pair anywhere in the event, drawn by walking down from the top."""
    container: Any = event
    while True:
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        if not keys:
            return None
        key = data.draw(st.sampled_from(keys))
        child = container[key]
        if isinstance(child, (dict, list)) and child and data.draw(st.booleans()):
            container = child
            continue
        return container, key


def set_field(kind: str, event: dict[str, Any], field: str, value: Any) -> None:
    """Set a realistic field, in the place this source's events keep it."""
    if kind in LATTICE_PATH:
        set_lattice_field(kind, event, field, value)
    elif field == "method":
        if kind in V2:
            context = event.get("requestContext")
            http = context.get("http") if isinstance(context, dict) else None
            if isinstance(http, dict):
                http["method"] = value
        else:
            event["httpMethod"] = value
    elif field == "path":
        event["rawPath" if kind in V2 else "path"] = value
    elif field == "headers":
        event["headers"] = value
        if "multiValueHeaders" in event and isinstance(value, dict):
            event["multiValueHeaders"] = {name: [v] for name, v in value.items()}
    elif field == "query":
        event["queryStringParameters"] = value
        if kind in V2:
            event["rawQueryString"] = (
                "&".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else value
            )
        elif isinstance(value, dict):
            event["multiValueQueryStringParameters"] = {name: [v] for name, v in value.items()}
    else:
        event[field] = value


def set_lattice_field(kind: str, event: dict[str, Any], field: str, value: Any) -> None:
    """Version 1 keeps one string per header and query name; version 2 lists the values."""
    version2 = kind == "lattice_v2"
    if field in ("headers", "query") and version2 and isinstance(value, dict):
        value = {name: [v] for name, v in value.items()}
    names = {
        "path": LATTICE_PATH[kind],
        "query": "queryStringParameters" if version2 else "query_string_parameters",
    }
    event[names.get(field, field)] = value


def mutate(data: st.DataObject, kind: str, event: dict[str, Any]) -> None:
    operation = data.draw(
        st.sampled_from(["delete", "null", "retype", "method", "path", "headers", "query", "body", "cookies"])
    )
    if operation in ("delete", "null", "retype"):
        found = walk_to_a_field(data, event)
        if found is None:
            return
        container, key = found
        if operation == "delete":
            del container[key]
        else:
            container[key] = None if operation == "null" else data.draw(VALUES)
    elif operation == "method":
        set_field(kind, event, "method", data.draw(METHODS))
    elif operation == "path":
        set_field(kind, event, "path", data.draw(PATHS))
    elif operation == "headers":
        set_field(kind, event, "headers", data.draw(st.one_of(HEADERS, VALUES)))
    elif operation == "query":
        set_field(kind, event, "query", data.draw(st.one_of(QUERIES, VALUES)))
    elif operation == "body":
        event["body"] = data.draw(BODIES)
        event["is_base64_encoded" if kind == "lattice" else "isBase64Encoded"] = data.draw(
            st.one_of(st.booleans(), st.sampled_from(["true", "false", 1, None]))
        )
    else:
        event["cookies"] = data.draw(st.one_of(st.lists(st.text(max_size=20), max_size=4), VALUES))


# -- the property ---------------------------------------------------------------------------------
class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage() + (f": {record.exc_info[1]!r}" if record.exc_info else ""))


def check(kind: str, debug: bool, data: st.DataObject) -> None:
    event = load_event(data.draw(st.sampled_from(samples(kind))))
    for _ in range(data.draw(st.integers(min_value=0, max_value=5))):
        mutate(data, kind, event)
    original = copy.deepcopy(event)
    app = app_for(kind, debug)
    errors = _Errors()
    logger = logging.getLogger("apiway")
    logger.addHandler(errors)
    try:
        response = app.resolve(event, None)
    except InvalidEventError:
        assert not essential_fields_ok(kind, original), "a valid event was refused"
        return
    finally:
        logger.removeHandler(errors)
    assert essential_fields_ok(kind, original), "an event without its essential fields was answered"
    assert_valid_response(kind, response, event)
    assert response["statusCode"] != 500, errors.messages
    assert event == original, "resolve() changed the event"


@pytest.mark.parametrize("kind", sorted(RESOLVERS))
@given(data=st.data())
def test_mutated_sample_events(kind: str, data: st.DataObject) -> None:
    check(kind, False, data)


@pytest.mark.parametrize("kind", sorted(RESOLVERS))
@given(data=st.data())
def test_mutated_sample_events_in_debug_mode(kind: str, data: st.DataObject) -> None:
    check(kind, True, data)


@pytest.mark.parametrize("kind", sorted(RESOLVERS))
@given(event=VALUES)
def test_events_that_are_not_events_at_all(kind: str, event: Any) -> None:
    if isinstance(event, dict) and essential_fields_ok(kind, event):
        assert_valid_response(kind, app_for(kind).resolve(event, None), event)
        return
    with pytest.raises(InvalidEventError):
        app_for(kind).resolve(event, None)


@pytest.mark.parametrize("kind", sorted(RESOLVERS))
def test_every_sample_event_of_the_source_is_answered(kind: str) -> None:
    for name in samples(kind):
        event = load_event(name)
        response = app_for(kind).resolve(event, None)
        assert_valid_response(kind, response, event)
        assert response["statusCode"] != 500, name

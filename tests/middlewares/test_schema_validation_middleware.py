"""``SchemaValidationMiddleware``: the request's JSON body and the response body against JSON Schemas."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from typing import Any

import pytest

pytest.importorskip("fastjsonschema", reason="the jsonschema extra is not installed")

import fastjsonschema

from apiway import Response
from apiway.exceptions import BadRequestError
from apiway.middlewares.schema_validation import (
    InvalidSchemaFormatError,
    SchemaValidationError,
    SchemaValidationMiddleware,
)
from support.events import ALL_SOURCES, REST, EventSource, load_event

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

#: A draft-07 schema using the draft's own keywords (if/then/else, const, contains).
TODO = {
    "$schema": DRAFT_07,
    "type": "object",
    "required": ["title", "priority"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 40},
        "priority": {"type": "integer", "minimum": 1, "maximum": 5},
        "status": {"enum": ["open", "done"], "default": "open"},
        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "done_at": {"type": "string", "format": "date-time"},
        "kind": {"const": "todo"},
    },
    "if": {"properties": {"status": {"const": "done"}}, "required": ["status"]},
    "then": {"required": ["done_at"]},
    "else": {"not": {"required": ["done_at"]}},
}

CREATED = {
    "$schema": DRAFT_07,
    "type": "object",
    "required": ["id", "title"],
    "additionalProperties": False,
    "properties": {"id": {"type": "string", "format": "todo-id"}, "title": {"type": "string"}},
}
#: Custom formats: a regular expression and a callable.
FORMATS = {"todo-id": r"^t-[0-9]{4}$", "upper": str.isupper}


def app_with(source: EventSource, middleware: SchemaValidationMiddleware, result: Any = None) -> Any:
    app = source.app()

    @app.post("/todos", middlewares=[middleware])
    def create() -> Any:
        body = app.current_event.json_body
        return result if result is not None else {"id": "t-0001", "title": body["title"]}

    return app


def post(source: EventSource, app: Any, body: Any) -> tuple[int, Any]:
    text = body if isinstance(body, str) or body is None else json.dumps(body)
    response = source.call(app, source.event("POST", "/todos", body=text))
    return response["statusCode"], json.loads(response["body"])


def bad_request(message: str) -> dict[str, Any]:
    return {"statusCode": 400, "message": f"Bad Request: {message}"}


# -- requests ---------------------------------------------------------------------------------
@pytest.mark.parametrize("source", ALL_SOURCES, ids=str)
def test_a_valid_body_reaches_the_route(source: EventSource) -> None:
    app = app_with(source, SchemaValidationMiddleware(TODO))
    assert post(source, app, {"title": "write", "priority": 2}) == (200, {"id": "t-0001", "title": "write"})


@pytest.mark.parametrize("source", ALL_SOURCES, ids=str)
def test_an_invalid_body_answers_400_with_the_validation_message(source: EventSource) -> None:
    app = app_with(source, SchemaValidationMiddleware(TODO))
    status, body = post(source, app, {"title": "write"})
    assert status == 400
    assert body == bad_request(
        "Failed schema validation. Error: data must contain ['priority'] properties, "
        "Path: ['data'], Data: {'title': 'write'}"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"title": "", "priority": 1},
            "data.title must be longer than or equal to 1 characters, Path: ['data', 'title'], Data: ",
        ),
        (
            {"title": "a", "priority": 9},
            "data.priority must be smaller than or equal to 5, Path: ['data', 'priority'], Data: 9",
        ),
        (
            {"title": "a", "priority": 1, "owner": "x"},
            "data must not contain {'owner'} properties, Path: ['data'], "
            "Data: {'title': 'a', 'priority': 1, 'owner': 'x', 'status': 'open'}",  # the default filled in
        ),
        (
            {"title": "a", "priority": 1, "tags": ["x", "x"]},
            "data.tags must contain unique items, Path: ['data', 'tags'], Data: ['x', 'x']",
        ),
        (
            {"title": "a", "priority": 1, "kind": "note"},
            "data.kind must be same as const definition: todo, Path: ['data', 'kind'], Data: note",
        ),
        (
            {"title": "a", "priority": 1, "status": "done"},
            "data must contain ['done_at'] properties, Path: ['data'], "
            "Data: {'title': 'a', 'priority': 1, 'status': 'done'}",
        ),
        (
            {"title": "a", "priority": 1, "status": "done", "done_at": "yesterday"},
            "data.done_at must be date-time, Path: ['data', 'done_at'], Data: yesterday",
        ),
        (["not", "an", "object"], "data must be object, Path: ['data'], Data: ['not', 'an', 'object']"),
        (None, "data must be object, Path: ['data'], Data: None"),
    ],
    ids=[
        "minLength",
        "maximum",
        "additionalProperties",
        "uniqueItems",
        "const",
        "if-then",
        "date-time",
        "type",
        "no-body",
    ],
)
def test_draft_07_keywords(body: Any, message: str) -> None:
    app = app_with(REST, SchemaValidationMiddleware(TODO))
    assert post(REST, app, body) == (400, bad_request(f"Failed schema validation. Error: {message}"))


def test_draft_07_if_then_else_accepts_the_valid_branches() -> None:
    app = app_with(REST, SchemaValidationMiddleware(TODO))
    done = {"title": "a", "priority": 1, "status": "done", "done_at": "2026-01-01T12:00:00Z"}
    assert post(REST, app, done)[0] == 200
    assert post(REST, app, {"title": "a", "priority": 1, "status": "open"})[0] == 200


def test_defaults_of_the_schema_reach_the_route() -> None:
    """Validation fills in the schema's defaults, and the route reads the same parsed body."""
    app = REST.app()
    seen: list[Any] = []

    @app.post("/todos", middlewares=[SchemaValidationMiddleware(TODO)])
    def create() -> dict[str, str]:
        seen.append(app.current_event.json_body)
        return {}

    post(REST, app, {"title": "a", "priority": 1})
    assert seen == [{"title": "a", "priority": 1, "status": "open"}]


def test_invalid_json_answers_400_before_validation() -> None:
    app = app_with(REST, SchemaValidationMiddleware(TODO))
    assert post(REST, app, "{broken") == (
        400,
        {"statusCode": 400, "message": "Request body is not valid JSON"},
    )


def test_custom_formats() -> None:
    schema = {
        "$schema": DRAFT_07,
        "type": "object",
        # Formats apply to strings; other types pass them.
        "properties": {"id": {"type": "string", "format": "todo-id"}, "code": {"format": "upper"}},
    }
    app = app_with(REST, SchemaValidationMiddleware(schema, inbound_formats=FORMATS), result={"ok": True})
    assert post(REST, app, {"id": "t-1234", "code": "ABC"}) == (200, {"ok": True})
    assert post(REST, app, {"code": 3}) == (200, {"ok": True})
    assert post(REST, app, {"id": "x-1"}) == (
        400,
        bad_request(
            "Failed schema validation. Error: data.id must be todo-id, Path: ['data', 'id'], Data: x-1"
        ),
    )
    assert post(REST, app, {"code": "abc"}) == (
        400,
        bad_request(
            "Failed schema validation. Error: data.code must be upper, Path: ['data', 'code'], Data: abc"
        ),
    )


def test_a_global_middleware_validates_every_route() -> None:
    app = REST.app()
    app.use(middlewares=[SchemaValidationMiddleware(TODO)])

    @app.post("/todos")
    def create() -> dict[str, str]:
        return {"route": "todos"}

    @app.post("/drafts")
    def draft() -> dict[str, str]:
        return {"route": "drafts"}

    for path in ("/todos", "/drafts"):
        response = REST.call(app, REST.event("POST", path, body='{"title": "a", "priority": 1}'))
        assert response["statusCode"] == 200
        response = REST.call(app, REST.event("POST", path, body="{}"))
        assert response["statusCode"] == 400


def test_the_400_reaches_the_exception_handlers() -> None:
    app = app_with(REST, SchemaValidationMiddleware(TODO))

    @app.exception_handler(BadRequestError)
    def handle(error: BadRequestError) -> Response:
        return Response(422, "application/json", json.dumps({"problem": str(error)}))

    status, body = post(REST, app, {"title": "a"})
    assert status == 422
    assert body["problem"].startswith("Bad Request: Failed schema validation. Error: data must contain")


def test_a_subclass_answers_its_own_way() -> None:
    class ProblemDetails(SchemaValidationMiddleware):
        def bad_request(self, error: SchemaValidationError) -> Response:
            problem = {"title": "invalid body", "detail": error.validation_message, "field": error.name}
            problem |= {"rule": error.rule, "expected": error.rule_definition, "path": error.path}
            return Response(422, "application/problem+json", json.dumps(problem))

    app = app_with(REST, ProblemDetails(TODO))
    assert post(REST, app, {"title": "a", "priority": 9}) == (
        422,
        {
            "title": "invalid body",
            "detail": "data.priority must be smaller than or equal to 5",
            "field": "data.priority",
            "rule": "maximum",
            "expected": 5,
            "path": ["data", "priority"],
        },
    )


# -- responses ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "result",
    [
        {"id": "t-0001", "title": "a"},
        Response(201, "application/json", json.dumps({"id": "t-0002", "title": "a"})),  # JSON text is parsed
        ({"id": "t-0003", "title": "a"}, 201),
    ],
    ids=["dict", "json-text", "tuple"],
)
def test_a_valid_response_goes_out(result: Any) -> None:
    middleware = SchemaValidationMiddleware(TODO, outbound_schema=CREATED, outbound_formats=FORMATS)
    app = app_with(REST, middleware, result=result)
    status, body = post(REST, app, {"title": "a", "priority": 1})
    assert status in (200, 201)
    assert body["title"] == "a"


@pytest.mark.parametrize(
    ("result", "reason"),
    [
        (
            {"id": "t-0001", "title": "a", "password_hash": "secret"},
            "data must not contain {'password_hash'} properties, Path: ['data']",
        ),
        ({"id": "nope", "title": "a"}, "data.id must be todo-id, Path: ['data', 'id']"),
        (Response(200, "text/plain", "plain text"), "data must be object, Path: ['data']"),
        (Response(200, "application/json", "{not json"), "data must be object, Path: ['data']"),
    ],
    ids=["extra-field", "custom-format", "text", "broken-json"],
)
def test_an_invalid_response_answers_500_without_showing_it(
    result: Any, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    middleware = SchemaValidationMiddleware(TODO, outbound_schema=CREATED, outbound_formats=FORMATS)
    app = app_with(REST, middleware, result=result)
    with caplog.at_level(logging.ERROR, logger="apiway"):
        status, body = post(REST, app, {"title": "a", "priority": 1})
    assert (status, body) == (500, {"statusCode": 500, "message": "Bad Response: Failed schema validation"})
    logged = [record.getMessage() for record in caplog.records if record.name == "apiway"]
    assert logged == [f"Bad Response: Failed schema validation. Error: {reason}"]
    assert "secret" not in caplog.text


def test_without_outbound_schema_the_response_is_not_checked() -> None:
    app = app_with(REST, SchemaValidationMiddleware(TODO), result={"anything": ["goes"]})
    assert post(REST, app, {"title": "a", "priority": 1}) == (200, {"anything": ["goes"]})


def test_an_invalid_request_never_reaches_the_route_or_the_response_check() -> None:
    calls: list[str] = []
    app = REST.app()

    @app.post("/todos", middlewares=[SchemaValidationMiddleware(TODO, outbound_schema=CREATED)])
    def create() -> dict[str, str]:
        calls.append("route")
        return {}

    assert post(REST, app, {"title": "a"})[0] == 400
    assert calls == []


# -- construction ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"inbound_schema": {"type": "objectx"}}, "inbound_schema is not a valid JSON Schema: Unknown type"),
        (
            {"inbound_schema": {"maxLength": "x"}},
            "inbound_schema is not a valid JSON Schema: maxLength must be",
        ),
        (
            {"inbound_schema": {"required": "name"}},
            "inbound_schema is not a valid JSON Schema: required must be",
        ),
        (
            {"inbound_schema": {"$ref": "#/definitions/nope"}},
            "inbound_schema is not a valid JSON Schema: Unresolvable",
        ),
        ({"inbound_schema": {"properties": []}}, "inbound_schema is not a valid JSON Schema"),
        ({"inbound_schema": {"pattern": "("}}, "inbound_schema is not a valid JSON Schema: missing \\)"),
        (
            {"inbound_schema": ["type", "object"]},
            "inbound_schema must be a JSON Schema \\(a dict\\), not list",
        ),
        ({"inbound_schema": None}, "inbound_schema must be a JSON Schema \\(a dict\\), not NoneType"),
        (
            {"inbound_schema": TODO, "outbound_schema": {"type": 5}},
            "outbound_schema is not a valid JSON Schema",
        ),
        (
            {"inbound_schema": {"format": "id"}, "inbound_formats": {"id": "(["}},
            "inbound_schema is not a valid JSON Schema: unterminated character set",
        ),
        ({"inbound_schema": TODO, "inbound_formats": ["id"]}, "formats must be a dict"),
    ],
)
def test_an_invalid_schema_fails_when_the_middleware_is_created(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidSchemaFormatError, match=message):
        SchemaValidationMiddleware(**kwargs)


def test_each_schema_is_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[Any] = []
    real_compile = fastjsonschema.compile

    def counting_compile(definition: Any, **kwargs: Any) -> Any:
        compiled.append(definition)
        return real_compile(definition, **kwargs)

    monkeypatch.setattr(fastjsonschema, "compile", counting_compile)
    middleware = SchemaValidationMiddleware(TODO, outbound_schema=CREATED, outbound_formats=FORMATS)
    assert compiled == [TODO, CREATED]
    app = app_with(REST, middleware)
    for _ in range(5):
        assert post(REST, app, {"title": "a", "priority": 1})[0] == 200
        assert post(REST, app, {"title": "a"})[0] == 400
    assert compiled == [TODO, CREATED]


def test_the_constructor_keeps_its_arguments() -> None:
    middleware = SchemaValidationMiddleware(TODO, FORMATS, CREATED, None)
    assert middleware.inbound_schema is TODO
    assert middleware.inbound_formats is FORMATS
    assert middleware.outbound_schema is CREATED
    assert middleware.outbound_formats is None


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fastjsonschema", None)  # makes `import fastjsonschema` fail
    with pytest.raises(
        ImportError, match=r"fastjsonschema, which is not installed: pip install 'apiway\[jsonschema\]'"
    ):
        SchemaValidationMiddleware(TODO)


def test_nothing_loads_until_a_middleware_is_created() -> None:
    code = (
        "import sys\n"
        "import apiway, apiway.middlewares\n"
        "app = apiway.APIGatewayRestResolver()\n"
        "app.get('/x')(lambda: {})\n"
        "print('schema_validation' in str(sorted(sys.modules)), 'fastjsonschema' in sys.modules)\n"
        "from apiway.middlewares.schema_validation import SchemaValidationMiddleware\n"
        "print('fastjsonschema' in sys.modules)\n"
        "SchemaValidationMiddleware({'type': 'object'})\n"
        "print('fastjsonschema' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "False", "True"]


def test_works_with_a_real_sample_event() -> None:
    schema = {
        "type": "object",
        "required": ["message", "username"],
        "properties": {"message": {"type": "string"}},
    }
    app = REST.app()

    @app.post("/my/path", middlewares=[SchemaValidationMiddleware(schema)])
    def handler() -> dict[str, Any]:
        return {"got": app.current_event.json_body}

    valid = REST.call(app, load_event("apigatewayeSchemaMiddlwareValidEvent.json"))
    assert valid["statusCode"] == 200
    invalid = REST.call(app, load_event("apigatewayeSchemaMiddlwareInvalidEvent.json"))
    assert json.loads(invalid["body"]) == bad_request(
        "Failed schema validation. Error: data must contain ['message'] properties, "
        "Path: ['data'], Data: {'username': 'lessa'}"
    )

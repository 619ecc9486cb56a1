"""Event behaviour every source shares: bodies, base64, JSON errors, null and missing fields."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from apiway.exceptions import BadRequestError, InvalidBodyError, InvalidJSONError
from support.events import (
    FUNCTION_URL,
    HTTP,
    REST,
    EventSource,
    capture_event,
    each_of,
    each_source,
    load_event,
)
from support.responses import json_body


def b64(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return base64.b64encode(data).decode("ascii")


@each_source
def test_base64_body_is_decoded(source: EventSource) -> None:
    raw = source.event("POST", "/echo", body=b64('{"name": "café"}'), is_base64=True)
    event = capture_event(source, raw)
    assert event.is_base64_encoded is True
    assert event.body == b64('{"name": "café"}')
    assert event.decoded_body == '{"name": "café"}'
    assert event.json_body == {"name": "café"}


@each_source
@pytest.mark.parametrize("flag", ["false", "true", "True", 1, None, "yes"])
def test_only_a_real_true_means_base64(source: EventSource, flag: Any) -> None:
    raw = source.event("POST", "/echo", body="aGVsbG8=")
    raw[source.base64_field] = flag
    event = capture_event(source, raw)
    # null reads as None, like an absent field; anything but a real true reads as False.
    assert event.is_base64_encoded is (None if flag is None else False)
    assert not event.is_base64_encoded
    assert event.decoded_body == "aGVsbG8="


@each_source
def test_text_body_is_not_decoded(source: EventSource) -> None:
    event = capture_event(source, source.event("POST", "/echo", body='{"a": [1, 2]}'))
    assert event.body == '{"a": [1, 2]}'
    assert event.decoded_body == '{"a": [1, 2]}'
    assert event.json_body == {"a": [1, 2]}


@each_source
@pytest.mark.parametrize("body", [None, ""])
def test_empty_body(source: EventSource, body: str | None) -> None:
    event = capture_event(source, source.event("POST", "/echo", body=body))
    assert event.body == body
    assert event.json_body is None


def _reading_app(source: EventSource, read: str) -> Any:
    app = source.app()

    @app.post("/echo")
    def echo() -> dict[str, Any]:
        return {"value": getattr(app.current_event, read)}

    return app


@each_source
@pytest.mark.parametrize(
    ("body", "is_base64", "read"),
    [
        pytest.param("{not json", False, "json_body", id="invalid-json"),
        pytest.param('{"a": 1', False, "json_body", id="truncated-json"),
        pytest.param("NaN", False, "json_body", id="nan"),
        pytest.param("[" * 100_000 + "]" * 100_000, False, "json_body", id="too-deep"),
        pytest.param("not base64!", True, "decoded_body", id="invalid-base64"),
        pytest.param("not base64!", True, "json_body", id="invalid-base64-json"),
        pytest.param(b64(b"\xff\xfe{}"), True, "decoded_body", id="invalid-utf8"),
        pytest.param(b64("{oops"), True, "json_body", id="base64-invalid-json"),
    ],
)
def test_undecodable_body_answers_400(source: EventSource, body: str, is_base64: bool, read: str) -> None:
    app = _reading_app(source, read)
    response = source.request(app, "POST", "/echo", body=body, is_base64=is_base64)
    assert response["statusCode"] == 400
    payload = json_body(response)
    assert payload["statusCode"] == 400
    assert payload["message"].startswith("Request body is not valid")
    assert "oops" not in response["body"], "the error must not repeat the body"


def test_invalid_json_raises_invalid_body_error_inside_the_route() -> None:
    app = REST.app()
    raised: list[BaseException] = []

    @app.post("/echo")
    def echo() -> dict[str, Any]:
        try:
            return app.current_event.json_body  # type: ignore[no-any-return]
        except InvalidBodyError as error:
            raised.append(error)
            raise

    response = REST.request(app, "POST", "/echo", body="{nope")
    assert response["statusCode"] == 400
    assert len(raised) == 1
    assert raised[0].status_code == 400


@pytest.mark.parametrize(
    ("body", "where"),
    [('{"a": 1,\n  oops}', (11, 2, 3)), ("[" * 100_000, (0, 1, 1)), ('{"n": NaN}', (0, 1, 1))],
    ids=["syntax", "too-deep", "nan"],
)
def test_invalid_json_is_a_json_decode_error_as_well(body: str, where: tuple[int, int, int]) -> None:
    app = REST.app()
    caught: list[json.JSONDecodeError] = []

    @app.post("/orders")
    def create_order() -> Any:
        try:
            return app.current_event.json_body
        except json.JSONDecodeError as error:  # what code written for Powertools catches
            caught.append(error)
            return {"error": "send JSON"}, 422

    response = REST.request(app, "POST", "/orders", body=body)
    assert (response["statusCode"], json_body(response)) == (422, {"error": "send JSON"})
    [error] = caught
    assert isinstance(error, InvalidJSONError)
    assert isinstance(error, BadRequestError)
    assert isinstance(error, InvalidBodyError)
    assert error.status_code == 400
    assert (error.pos, error.lineno, error.colno) == where
    assert error.doc == body
    assert str(error).startswith("Request body is not valid JSON")
    assert "oops" not in str(error)


def test_invalid_json_from_a_custom_deserializer_is_a_json_decode_error() -> None:
    def strict(text: str) -> Any:
        raise ValueError("no")

    app = REST.app(json_body_deserializer=strict)

    @app.post("/x")
    def x() -> dict[str, Any]:
        with pytest.raises(json.JSONDecodeError) as raised:
            _ = app.current_event.json_body
        return {"status": raised.value.status_code}  # type: ignore[attr-defined]

    assert json_body(REST.request(app, "POST", "/x", body="{}")) == {"status": 400}


def test_sample_event_with_a_bogus_base64_flag_answers_400() -> None:
    # apiGatewayProxyEventAnotherPath.json says isBase64Encoded: true about a plain text body
    app = REST.app()

    @app.get("/my/anotherPath")
    def another() -> dict[str, Any]:
        return {"body": app.current_event.decoded_body}

    raw = load_event("apiGatewayProxyEventAnotherPath.json")
    response = REST.call(app, raw)
    assert response["statusCode"] == 400
    assert json_body(response)["message"] == "Request body is not valid base64"


def test_custom_json_deserializer() -> None:
    calls: list[str] = []

    def loads(text: str) -> Any:
        calls.append(text)
        return {"parsed": json.loads(text)}

    event = capture_event(REST, REST.event("POST", "/x", body="[1]"), json_body_deserializer=loads)
    assert event.json_body == {"parsed": [1]}
    assert event.json_body == {"parsed": [1]}
    assert calls == ["[1]"], "the body is parsed once"


# -- null and missing fields --------------------------------------------------------------------
_NULLABLE = {
    "rest": [
        "headers",
        "multiValueHeaders",
        "queryStringParameters",
        "multiValueQueryStringParameters",
        "pathParameters",
        "stageVariables",
        "body",
        "isBase64Encoded",
        "requestContext",
    ],
    "http": [
        "headers",
        "queryStringParameters",
        "rawQueryString",
        "cookies",
        "pathParameters",
        "stageVariables",
        "body",
        "isBase64Encoded",
    ],
    "alb": ["headers", "queryStringParameters", "body", "isBase64Encoded", "requestContext"],
    "alb_multi": ["multiValueHeaders", "multiValueQueryStringParameters", "body", "isBase64Encoded"],
    "lattice": ["headers", "query_string_parameters", "body", "is_base64_encoded"],
    "lattice_v2": ["headers", "queryStringParameters", "body", "isBase64Encoded", "requestContext"],
}
_NULLABLE["function_url"] = _NULLABLE["http"]


def _assert_empty(event: Any) -> None:
    assert event.headers == {}
    assert event.get_header_value("origin") is None
    assert event.get_header_value("origin", "x") == "x"
    assert event.query_string_parameters == {}
    assert event.multi_value_query_string_parameters == {}
    assert event.get_query_string_value("parameter1") is None
    assert event.get_multi_value_query_string_values("parameter1") == []
    assert event.path_parameters == {}
    assert event.body is None
    assert event.decoded_body is None
    assert event.json_body is None
    assert event.is_base64_encoded is None
    if hasattr(event, "multi_value_headers"):
        assert event.multi_value_headers == {}
    if hasattr(event, "cookies"):
        assert event.cookies == []


@each_source
@pytest.mark.parametrize("how", ["null", "missing"])
def test_null_or_missing_fields_read_as_empty(source: EventSource, how: str) -> None:
    raw = load_event(source.sample)
    for field in _NULLABLE[source.name]:
        if how == "null":
            raw[field] = None
        else:
            raw.pop(field, None)
    event = capture_event(source, raw)
    _assert_empty(event)
    assert event.path == raw[source.path_field]


@each_source
@pytest.mark.parametrize("junk", ["a string", ["a", "list"], 42])
def test_mistyped_maps_read_as_empty(source: EventSource, junk: Any) -> None:
    raw = load_event(source.sample)
    maps = ("headers", "multiValueHeaders", "multiValueQueryStringParameters", source.query_field)
    for field in maps:
        if field in raw:
            raw[field] = junk
    raw.pop("rawQueryString", None)
    event = capture_event(source, raw)
    assert event.headers == {}
    assert event.query_string_parameters == {}


@each_of(HTTP, FUNCTION_URL)
def test_null_request_context_parts_read_as_empty(source: EventSource) -> None:
    raw = load_event(source.sample)
    raw["requestContext"]["authorizer"] = None
    raw["requestContext"]["authentication"] = None
    event = capture_event(source, raw)
    context = event.request_context
    assert context.authorizer.jwt_claim == {}
    assert context.authorizer.jwt_scopes == []
    assert context.authorizer.get_lambda == {}
    assert context.authorizer.iam.user_arn == ""
    assert context.authorizer.iam.cognito_amr == []
    assert context.authentication is None


def test_null_rest_identity_reads_as_empty() -> None:
    raw = load_event("apiGatewayProxyEvent.json")
    raw["requestContext"]["identity"] = None
    raw["requestContext"]["authorizer"] = None
    event = capture_event(REST, raw)
    assert event.request_context.identity.source_ip is None
    assert event.request_context.source_ip is None
    assert event.request_context.authorizer.claims == {}
    assert event.request_context.authorizer.get_context() == {}


@each_source
def test_current_event_is_only_available_during_a_request(source: EventSource) -> None:
    app = source.app()
    with pytest.raises(RuntimeError, match="current_event"):
        _ = app.current_event


@each_source
def test_raw_event_is_the_dict_resolved(source: EventSource) -> None:
    raw = load_event(source.sample)
    assert capture_event(source, raw).raw_event is raw


@each_source
def test_header_and_query_values_of_other_json_types_read_as_text(source: EventSource) -> None:
    raw = load_event(source.sample)
    field = "multiValueHeaders" if "multiValueHeaders" in raw else "headers"
    raw[field] = {
        "x-number": [5] if field == "multiValueHeaders" else 5,
        "x-flag": [True] if field == "multiValueHeaders" else True,
    }
    event = capture_event(source, raw)
    assert event.get_header_value("X-Number") == "5"
    assert event.get_header_value("X-Flag") == "true"


@each_source
def test_base64_flag_with_empty_body(source: EventSource) -> None:
    event = capture_event(source, source.event("POST", "/echo", body="", is_base64=True))
    assert event.decoded_body == ""
    assert event.json_body is None

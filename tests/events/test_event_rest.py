"""``app.current_event`` for API Gateway REST APIs (payload 1.0), from the real sample events."""

from __future__ import annotations

import pytest

from apiway.events import APIGatewayProxyEvent
from support.events import REST, capture_event, load_event


@pytest.fixture
def event() -> APIGatewayProxyEvent:
    return capture_event(REST, load_event("apiGatewayProxyEvent.json"))


def test_event_class_and_request_line(event: APIGatewayProxyEvent) -> None:
    assert isinstance(event, APIGatewayProxyEvent)
    assert event.path == "/my/path"
    assert event.http_method == "GET"
    assert event.resource == "/my/path"
    assert event.version == "1.0"


def test_headers_ignore_case(event: APIGatewayProxyEvent) -> None:
    headers = event.headers
    assert headers["Header1"] == "value1"
    assert headers["header1"] == "value1"
    assert headers["HEADER1"] == "value1"
    assert headers.get("ORIGIN") == "https://aws.amazon.com"
    assert "hEaDeR2" in headers
    assert "missing" not in headers
    assert headers.get("missing") is None


def test_multi_value_headers_keep_every_value(event: APIGatewayProxyEvent) -> None:
    assert event.multi_value_headers["Header2"] == ["value1", "value2"]
    assert event.multi_value_headers["header2"] == ["value1", "value2"]
    assert event.multi_value_headers["origin"] == ["https://aws.amazon.com"]


def test_get_header_value(event: APIGatewayProxyEvent) -> None:
    assert event.get_header_value("header1") == "value1"
    assert event.get_header_value("HEADER1") == "value1"
    assert event.get_header_value("missing") is None
    assert event.get_header_value("missing", "fallback") == "fallback"
    assert event.get_header_value("Header1", case_sensitive=True) == "value1"


def test_query_strings(event: APIGatewayProxyEvent) -> None:
    assert event.query_string_parameters == {"parameter1": "value1", "parameter2": "value"}
    assert event.multi_value_query_string_parameters == {
        "parameter1": ["value1", "value2"],
        "parameter2": ["value"],
    }
    assert event.get_query_string_value("parameter2") == "value"
    assert event.get_query_string_value("missing") is None
    assert event.get_query_string_value("missing", "fallback") == "fallback"
    assert event.get_multi_value_query_string_values("parameter1") == ["value1", "value2"]
    assert event.get_multi_value_query_string_values("missing") == []
    assert event.get_multi_value_query_string_values("missing", ["a", "b"]) == ["a", "b"]


def test_body(event: APIGatewayProxyEvent) -> None:
    assert event.body == "Hello from Lambda!"
    assert event.decoded_body == "Hello from Lambda!"
    assert event.is_base64_encoded is False


def test_null_path_parameters_and_stage_variables_are_empty(event: APIGatewayProxyEvent) -> None:
    assert event.raw_event["pathParameters"] is None
    assert event.path_parameters == {}
    assert event.stage_variables == {}


def test_request_context(event: APIGatewayProxyEvent) -> None:
    context = event.request_context
    assert context.request_id == "id="
    assert context.stage == "$default"
    assert context.account_id == "123456789012"
    assert context.api_id == "id"
    assert context.domain_name == "id.execute-api.us-east-1.amazonaws.com"
    assert context.http_method == "GET"
    assert context.protocol == "HTTP/1.1"
    assert context.request_time_epoch == 1583349317135
    assert context.resource_id is None
    assert context.source_ip == "192.168.0.1/32"
    assert context.identity.source_ip == "192.168.0.1/32"
    assert context.identity.user_agent == "user-agent"
    assert context.identity.user is None
    assert context.identity.client_cert is not None
    assert context.identity.client_cert.subject_dn == "www.example.com"
    assert context.identity.client_cert.validity_not_after == "Aug  5 09:36:04 2021 GMT"


def test_null_authorizer_claims_are_empty(event: APIGatewayProxyEvent) -> None:
    authorizer = event.request_context.authorizer
    assert event.raw_event["requestContext"]["authorizer"]["claims"] is None
    assert authorizer.claims == {}
    assert authorizer.scopes == []


def test_lambda_authorizer_context() -> None:
    # apiGatewayProxyEventPrincipalId.json has no headers, query or body at all.
    event = capture_event(REST, load_event("apiGatewayProxyEventPrincipalId.json"))
    authorizer = event.request_context.authorizer
    assert authorizer.principal_id == "fake"
    assert authorizer.integration_latency == 451
    assert authorizer["user_id"] == "fake_username"
    assert authorizer.get_context() == {
        "user_id": "fake_username",
        "principalId": "fake",
        "integrationLatency": 451,
    }
    assert event.http_method == "POST"
    assert event.path == "/trip"
    assert event.headers == {}
    assert event.multi_value_headers == {}
    assert event.query_string_parameters == {}
    assert event.body is None
    assert event.json_body is None


def test_cognito_claims() -> None:
    raw = load_event("apiGatewayProxyEvent.json")
    raw["requestContext"]["authorizer"] = {"claims": {"sub": "user-1", "email": "a@example.com"}}
    event = capture_event(REST, raw)
    assert event.request_context.authorizer.claims == {"sub": "user-1", "email": "a@example.com"}


def test_raw_event_is_the_event_resolved() -> None:
    raw = load_event("apiGatewayProxyEvent.json")
    event = capture_event(REST, raw)
    assert event.raw_event is raw


def test_event_without_version_or_authorizer() -> None:
    event = capture_event(REST, load_event("apiGatewayProxyEvent_noVersionAuth.json"))
    assert event.version is None
    assert event.request_context.authorizer.claims == {}
    assert event.request_context.authorizer.principal_id == ""

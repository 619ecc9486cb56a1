"""``app.current_event`` for API Gateway HTTP APIs (payload 2.0), from the real sample events."""

from __future__ import annotations

import pytest

from apiway.events import APIGatewayProxyEventV2
from support.events import HTTP, capture_event, load_event


@pytest.fixture
def event() -> APIGatewayProxyEventV2:
    return capture_event(HTTP, load_event("apiGatewayProxyV2Event.json"))


def test_event_class_and_request_line(event: APIGatewayProxyEventV2) -> None:
    assert isinstance(event, APIGatewayProxyEventV2)
    assert event.path == "/my/path"
    assert event.raw_path == "/my/path"
    assert event.http_method == "POST"
    assert event.version == "2.0"
    assert event.route_key == "$default"


def test_headers_ignore_case(event: APIGatewayProxyEventV2) -> None:
    assert event.headers["header1"] == "value1"
    assert event.headers["HEADER1"] == "value1"
    assert event.headers["Header2"] == "value1,value2"
    assert event.get_header_value("HeAdEr2") == "value1,value2"
    assert event.get_header_value("missing", "fallback") == "fallback"


def test_query_strings_come_from_the_raw_query_string(event: APIGatewayProxyEventV2) -> None:
    assert event.query_string_parameters == {"parameter1": "value1,value2", "parameter2": "value"}
    assert event.multi_value_query_string_parameters == {
        "parameter1": ["value1", "value2"],
        "parameter2": ["value"],
    }
    assert event.get_query_string_value("parameter2") == "value"
    assert event.get_query_string_value("missing", "fallback") == "fallback"
    assert event.get_multi_value_query_string_values("parameter1") == ["value1", "value2"]
    assert event.get_multi_value_query_string_values("missing") == []
    assert event.get_multi_value_query_string_values("missing", ["x"]) == ["x"]


def test_multi_value_query_keeps_commas_inside_values() -> None:
    # queryStringParameters joins repeated values with commas; only rawQueryString tells
    # a value containing a comma apart from two values.
    raw = load_event("apiGatewayProxyV2Event.json")
    raw["rawQueryString"] = "tags=a%2Cb&tags=c&empty=&q=x+y"
    raw["queryStringParameters"] = {"tags": "a,b,c", "empty": "", "q": "x y"}
    event = capture_event(HTTP, raw)
    assert event.multi_value_query_string_parameters == {"tags": ["a,b", "c"], "empty": [""], "q": ["x y"]}
    assert event.get_query_string_value("q") == "x y"


def test_cookies(event: APIGatewayProxyEventV2) -> None:
    assert event.cookies == ["cookie1", "cookie2"]


def test_missing_cookies_are_empty() -> None:
    raw = load_event("apiGatewayProxyV2Event.json")
    del raw["cookies"]
    assert capture_event(HTTP, raw).cookies == []


def test_body(event: APIGatewayProxyEventV2) -> None:
    assert event.body == '{"message": "hello world", "username": "tom"}'
    assert event.decoded_body == event.body
    assert event.json_body == {"message": "hello world", "username": "tom"}
    assert event.is_base64_encoded is False


def test_json_body_with_crlf_and_tabs() -> None:
    event = capture_event(HTTP, load_event("apiGatewayProxyV2IamEvent.json"))
    assert event.json_body == {"a": 1}


def test_path_parameters(event: APIGatewayProxyEventV2) -> None:
    assert event.path_parameters == {"parameter1": "value1"}
    assert event.stage_variables == {"stageVariable1": "value1", "stageVariable2": "value2"}


def test_request_context(event: APIGatewayProxyEventV2) -> None:
    context = event.request_context
    assert context.request_id == "id"
    assert context.stage == "$default"
    assert context.account_id == "123456789012"
    assert context.time_epoch == 1583348638390
    assert context.http.method == "POST"
    assert context.http.source_ip == "192.168.0.1/32"
    assert context.source_ip == "192.168.0.1/32"
    assert context.http.user_agent == "agent"
    assert context.authentication is not None
    assert context.authentication.subject_dn == "www.example.com"


def test_jwt_claims(event: APIGatewayProxyEventV2) -> None:
    authorizer = event.request_context.authorizer
    assert authorizer.jwt_claim == {"claim1": "value1", "claim2": "value2"}
    assert authorizer.jwt_scopes == ["scope1", "scope2"]


def test_iam_authorizer() -> None:
    event = capture_event(HTTP, load_event("apiGatewayProxyV2IamEvent.json"))
    iam = event.request_context.authorizer.iam
    assert iam.access_key == "ARIA2ZJZYVUEREEIHAKY"
    assert iam.account_id == "1234567890"
    assert iam.cognito_amr == ["foo"]
    assert event.request_context.authorizer.jwt_claim == {}
    assert event.path_parameters == {"proxy": "hello/world"}


def test_lambda_authorizer() -> None:
    event = capture_event(HTTP, load_event("apiGatewayProxyV2LambdaAuthorizerEvent.json"))
    authorizer = event.request_context.authorizer
    assert authorizer.get_lambda == {"tenantId": "123-456-789-012"}
    assert authorizer.get_context() == {"tenantId": "123-456-789-012"}
    assert authorizer.jwt_claim == {"claim1": "value1"}


@pytest.mark.parametrize(
    ("stage", "raw_path", "path"),
    [
        ("prod", "/prod/my/path", "/my/path"),
        ("prod", "/prod", "/"),
        ("prod", "/prod/", "/"),
        ("prod", "/production/my/path", "/production/my/path"),
        ("prod", "/my/path", "/my/path"),
        ("$default", "/$default/my/path", "/$default/my/path"),
        ("$default", "/my/path", "/my/path"),
    ],
)
def test_stage_prefix_is_stripped_from_the_path(stage: str, raw_path: str, path: str) -> None:
    raw = load_event("apiGatewayProxyV2Event.json")
    raw["requestContext"]["stage"] = stage
    raw["rawPath"] = raw_path
    raw["requestContext"]["http"]["path"] = raw_path
    event = capture_event(HTTP, raw)
    assert event.path == path
    assert event.raw_path == raw_path


def test_stage_prefix_does_not_reach_routing() -> None:
    app = HTTP.app()

    @app.post("/my/path")
    def my_path() -> dict[str, str]:
        return {"path": app.current_event.path}

    raw = load_event("apiGatewayProxyV2Event.json")
    raw["requestContext"]["stage"] = "prod"
    raw["rawPath"] = "/prod/my/path"
    response = HTTP.call(app, raw)
    assert response["statusCode"] == 200
    assert response["body"] == '{"path":"/my/path"}'

"""``app.current_event`` for Lambda Function URLs, from the real sample events."""

from __future__ import annotations

from apiway.events import LambdaFunctionUrlEvent
from support.events import FUNCTION_URL, capture_event, load_event


def test_event_class_and_request_line() -> None:
    event = capture_event(FUNCTION_URL, load_event("lambdaFunctionUrlEvent.json"))
    assert isinstance(event, LambdaFunctionUrlEvent)
    assert event.path == "/"
    assert event.http_method == "GET"


def test_headers_query_and_empty_fields() -> None:
    event = capture_event(FUNCTION_URL, load_event("lambdaFunctionUrlEvent.json"))
    assert event.headers["Accept-Language"] == "pt-BR,pt;q=0.9"
    assert event.get_header_value("X-FORWARDED-FOR") == "123.123.123.123"
    assert event.get_header_value("missing", "fallback") == "fallback"
    # no queryStringParameters, no cookies, no body in the sample
    assert event.query_string_parameters == {}
    assert event.multi_value_query_string_parameters == {}
    assert event.get_query_string_value("x", "fallback") == "fallback"
    assert event.cookies == []
    assert event.body is None
    assert event.decoded_body is None
    assert event.json_body is None
    assert event.path_parameters == {}


def test_request_context() -> None:
    event = capture_event(FUNCTION_URL, load_event("lambdaFunctionUrlEvent.json"))
    context = event.request_context
    assert context.request_id == "id"
    assert context.account_id == "anonymous"
    assert context.domain_name == "<url-id>.lambda-url.us-east-1.on.aws"
    assert context.http.source_ip == "123.123.123.123"
    assert context.source_ip == "123.123.123.123"
    assert context.authorizer.jwt_claim == {}


def test_iam_event() -> None:
    event = capture_event(FUNCTION_URL, load_event("lambdaFunctionUrlIAMEvent.json"))
    assert event.http_method == "POST"
    assert event.path == "/my/path"
    assert event.body == "Hello from client!"
    assert event.cookies == ["cookie1", "cookie2"]
    assert event.query_string_parameters == {"parameter1": "value1,value2", "parameter2": "value"}
    assert event.multi_value_query_string_parameters == {
        "parameter1": ["value1", "value2"],
        "parameter2": ["value"],
    }
    assert event.request_context.authorizer.iam.user_arn == "arn:aws:iam::111122223333:user/example-user"
    # null cognitoIdentity reads as empty
    assert event.request_context.authorizer.iam.cognito_amr == []
    assert event.stage_variables == {}


def test_function_urls_have_no_stage_to_strip() -> None:
    raw = load_event("lambdaFunctionUrlIAMEvent.json")
    raw["requestContext"]["stage"] = "my"
    event = capture_event(FUNCTION_URL, raw)
    assert event.path == "/my/path"


def test_query_from_headers_event() -> None:
    event = capture_event(FUNCTION_URL, load_event("lambdaFunctionUrlEventWithHeaders.json"))
    # rawQueryString is empty here: the parsed map is the only source of query values
    assert event.get_query_string_value("parameter2") == "value"
    assert event.get_multi_value_query_string_values("parameter1") == ["value1", "value2"]

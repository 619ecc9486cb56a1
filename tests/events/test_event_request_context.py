"""Every field of the request context views, and their laziness."""

from __future__ import annotations

import pytest

from apiway.events import (
    ALBEvent,
    APIGatewayEventRequestContext,
    APIGatewayProxyEvent,
    APIGatewayProxyEventV2,
    BaseRequestContext,
    BaseRequestContextV2,
    LambdaFunctionUrlEvent,
    RequestContextClientCert,
    RequestContextV2,
    RequestContextV2Http,
)
from support.events import ALB, HTTP, REST, capture_event, load_event


def test_rest_request_context_fields() -> None:
    event = capture_event(REST, load_event("apiGatewayProxyEventIamIdentity.json"))
    context = event.request_context
    assert isinstance(context, APIGatewayEventRequestContext)
    assert isinstance(context, BaseRequestContext)
    assert context.account_id == "12345678912"
    assert context.api_id == "gy415nuibc"
    assert context.domain_name == "gy415nuibc.execute-api.us-east-2.amazonaws.com"
    assert context.domain_prefix == "y0ne18dixk"
    assert context.extended_request_id is None  # not in this event
    assert context.protocol == "HTTP/1.1"
    assert context.http_method == "POST"
    assert context.path == "/hello/world"
    assert context.stage == "testStage"
    assert context.request_id == "deef4878-7910-11e6-8f14-25afc3e9ae33"
    assert context.request_time == "15/May/2020:06:01:09 +0000"
    assert context.request_time_epoch == 1589522469693
    assert context.resource_id == "roq9wj"
    assert context.resource_path == "/{proxy+}"
    assert context.operation_name == "HelloWorld"
    assert context.source_ip == "192.168.196.186"
    # A REST request has none of the WebSocket fields.
    websocket = (context.connected_at, context.connection_id, context.event_type, context.message_direction)
    assert websocket == (None, None, None, None)
    assert (context.message_id, context.route_key) == (None, None)


def test_rest_extended_request_id_and_client_certificate() -> None:
    context = capture_event(REST, load_event("apiGatewayProxyEvent.json")).request_context
    assert context.extended_request_id == "request-id"
    assert context.request_time == "04/Mar/2020:19:15:17 +0000"
    cert = context.identity.client_cert
    assert isinstance(cert, RequestContextClientCert)
    assert cert.client_cert_pem == "CERT_CONTENT"
    assert cert.subject_dn == "www.example.com"
    assert cert.issuer_dn == "Example issuer"
    assert cert.serial_number == "a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1"
    assert cert.validity_not_before == "May 28 12:30:02 2019 GMT"
    assert cert.validity_not_after == "Aug  5 09:36:04 2021 GMT"


def test_websocket_request_context_fields() -> None:
    # A WebSocket API message: the REST view reads its request context (apiway routes HTTP
    # requests only, so the view is built directly).
    event = APIGatewayProxyEvent(load_event("apiGatewayWebSocketApiMessage.json"))
    context = event.request_context
    assert context.connected_at == 1731332735513
    assert context.connection_id == "BFaT_fALIAMCKug="
    assert context.event_type == "MESSAGE"
    assert context.message_direction == "IN"
    assert context.message_id == "BFaVtfGSIAMCKug="
    assert context.route_key == "chat"
    assert context.stage == "prod"
    assert context.identity.source_ip == "166.90.225.1"
    # Fields a WebSocket event lacks read as None instead of raising.
    assert (context.http_method, context.path, context.resource_path, context.protocol) == (
        None,
        None,
        None,
        None,
    )
    assert event.path == ""
    assert event.http_method == ""
    assert event.json_body == {"action": "chat", "message": "Hello from client"}


def test_payload_2_request_context_fields() -> None:
    event = capture_event(HTTP, load_event("apiGatewayProxyV2EventNoAuthorizer.json"))
    context = event.request_context
    assert isinstance(context, RequestContextV2)
    assert isinstance(context, BaseRequestContextV2)
    assert context.account_id == "123456789012"
    assert context.api_id == "aaaaaaaaaa"
    assert context.domain_name == "aaaaaaaaaa.execute-api.us-west-2.amazonaws.com"
    assert context.domain_prefix == "aaaaaaaaaa"
    assert context.request_id == "LV7fzho-PHcEJPw="
    assert context.route_key == "$default"
    assert context.stage == "$default"
    assert context.time == "21/Apr/2020:15:08:21 +0000"
    assert context.time_epoch == 1587481701067
    http = context.http
    assert isinstance(http, RequestContextV2Http)
    assert (http.method, http.path, http.protocol) == ("GET", "/", "HTTP/1.1")
    assert (http.source_ip, http.user_agent) == ("1.2.3.4", "curl/7.58.0")
    cert = context.authentication
    assert isinstance(cert, RequestContextClientCert)
    assert cert.serial_number == "1"
    assert cert.validity_not_after == "Aug  5 00:28:21 2120 GMT"
    assert event.is_base64_encoded is False


def test_alb_request_context() -> None:
    context = capture_event(ALB, load_event("albEvent.json")).request_context
    arn = "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/lambda-279XGJDqGZ5rsrHC2Fjr/"
    assert context.elb_target_group_arn == arn + "49e9d65c45c6791a"


@pytest.mark.parametrize(
    ("cls", "sample"),
    [
        (APIGatewayProxyEvent, "apiGatewayProxyEventIamIdentity.json"),
        (APIGatewayProxyEventV2, "apiGatewayProxyV2IamEvent.json"),
        (LambdaFunctionUrlEvent, "lambdaFunctionUrlIAMEvent.json"),
        (ALBEvent, "albEvent.json"),
    ],
)
def test_views_read_the_event_when_asked(cls: type, sample: str) -> None:
    """Nothing is copied when a view is made: each field is read from the raw event when
    asked, so a change to the event shows through, and a nested view wraps the very dict."""
    raw = load_event(sample)
    event = cls(raw)
    context = event.request_context
    assert context.raw_event is raw["requestContext"]
    raw["requestContext"]["requestId"] = "changed"
    assert context.get("requestId") == "changed"
    if cls is ALBEvent:
        raw["requestContext"]["elb"]["targetGroupArn"] = "arn:changed"
        assert event.request_context.elb_target_group_arn == "arn:changed"
        return
    assert context.request_id == "changed"
    authorizer = context.authorizer
    assert authorizer.raw_event is raw["requestContext"]["authorizer"]
    authorizer.raw_event["principalId"] = "someone"
    if cls is APIGatewayProxyEvent:
        assert event.request_context.authorizer.principal_id == "someone"
    else:
        authorizer.raw_event["iam"]["userArn"] = "arn:changed"
        assert event.request_context.authorizer.iam.user_arn == "arn:changed"


def test_views_are_read_only_and_slotted() -> None:
    context = APIGatewayProxyEvent(load_event("apiGatewayProxyEvent.json")).request_context
    with pytest.raises(AttributeError):
        context.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        context.stage = "other"  # type: ignore[misc]

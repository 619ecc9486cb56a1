"""The event builder: the shapes of the real sample events, and each source's encoding rules."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest

from apiway.local.events import SOURCES, build_event, encode_body, is_text_media, request_time

from .apps import EVENTS_DIR, PNG, base64_field, make_app

#: The real sample event each source's output is compared with.
SAMPLES = {
    "rest": "apiGatewayProxyEvent.json",
    "http": "apiGatewayProxyV2Event.json",
    "alb": "albEvent.json",
    "alb-multi": "albMultiValueQueryStringEvent.json",
    "function-url": "lambdaFunctionUrlEventWithHeaders.json",
    "lattice": "vpcLatticeEvent.json",
    "lattice-v2": "vpcLatticeV2EventWithHeaders.json",
}
#: Sample fields that come from features a local request does not have (authorizers, mTLS,
#: stage variables, path parameters of a defined route).
NOT_LOCAL = {
    "rest": {"authorizer", "clientCert"},
    "http": {"authentication", "authorizer", "pathParameters", "stageVariables"},
    "alb": set(),
    "alb-multi": set(),
    "function-url": set(),
    "lattice": set(),
    "lattice-v2": {"type", "principal", "sessionName", "x509SanDns"},  # an IAM caller
}
HEADERS = [
    ("Host", "api.example.com"),
    ("User-Agent", "pytest"),
    ("X-Multi", "one"),
    ("x-multi", "two"),
    ("Cookie", "a=1; b=2"),
    ("Cookie", "c=3"),
    ("Content-Type", "application/json"),
]
EPOCH = 1583349317.135
#: Maps whose keys are request data (header names, parameters): only value types compare.
DATA_MAPS = {
    "headers",
    "multiValueHeaders",
    "queryStringParameters",
    "query_string_parameters",
    "multiValueQueryStringParameters",
    "pathParameters",
    "stageVariables",
}


def sample(source: str) -> dict[str, Any]:
    return json.loads((EVENTS_DIR / SAMPLES[source]).read_text())


def full_event(source: str, **options: Any) -> dict[str, Any]:
    """An event with everything a request can carry: query, repeated headers, cookies, body."""
    return build_event(
        source,
        "post",
        "/my/path%20x",
        "parameter1=value1&parameter1=value%202&parameter2=value",
        HEADERS,
        b'{"message": "hello"}',
        source_ip="192.168.0.1",
        request_epoch=EPOCH,
        **options,
    )


def same_shape(expected: Any, actual: Any, ignore: set[str], where: str = "event") -> None:
    """Every key of ``expected`` is in ``actual`` with a value of the same JSON type."""
    if expected is None or actual is None:
        return  # the samples and the platforms use null for "nothing here"
    if isinstance(expected, dict) and where.rsplit(".", 1)[-1] in DATA_MAPS:
        assert isinstance(actual, dict), f"{where} should be an object, is {actual!r}"
        value_types = {type(value) for value in expected.values()}
        for key, value in actual.items():
            assert not value_types or type(value) in value_types, f"{where}.{key}: {value!r}"
            if isinstance(value, list):
                assert all(isinstance(item, str) for item in value), f"{where}.{key}: {value!r}"
    elif isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where} should be an object, is {actual!r}"
        for key, value in expected.items():
            if key in ignore:
                continue
            assert key in actual, f"{where}.{key} is missing; built keys: {sorted(actual)}"
            same_shape(value, actual[key], ignore, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{where} should be a list, is {actual!r}"
        for item in actual:
            if expected:
                same_shape(expected[0], item, ignore, f"{where}[]")
    else:
        assert type(actual) is type(expected), f"{where}: {actual!r} is not a {type(expected).__name__}"


@pytest.mark.parametrize("source", SOURCES)
def test_builder_output_has_the_shape_of_the_real_sample_event(source: str) -> None:
    event = full_event(source)
    same_shape(sample(source), event, NOT_LOCAL[source])
    json.dumps(event)  # a Lambda event is JSON


@pytest.mark.parametrize("source", SOURCES)
def test_builder_adds_no_top_level_key_the_sample_lacks(source: str) -> None:
    extra = set(full_event(source)) - set(sample(source))
    # The Function URL samples carry no cookies and no body; AWS documents both fields.
    assert extra <= ({"cookies", "body"} if source == "function-url" else set())


@pytest.mark.parametrize("source", SOURCES)
def test_the_sources_own_resolver_reads_the_built_event(source: str) -> None:
    app = make_app(source)
    event = build_event(source, "GET", "/todos/1", "", [("Host", "h")])
    response = app.resolve(event, None)
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"id": "1", "title": "write docs"}


def test_rest_event() -> None:
    event = full_event("rest", stage="prod")
    assert event["httpMethod"] == "POST"
    assert event["path"] == "/my/path%20x"  # REST hands the path over still encoded
    assert event["resource"] == "/{proxy+}"
    assert event["pathParameters"] == {"proxy": "my/path x"}
    assert event["headers"]["X-Multi"] == "two"  # the last value, first spelling of the name
    assert event["multiValueHeaders"]["X-Multi"] == ["one", "two"]
    assert event["headers"]["Cookie"] == "c=3"
    assert event["multiValueHeaders"]["Cookie"] == ["a=1; b=2", "c=3"]
    assert event["queryStringParameters"] == {"parameter1": "value 2", "parameter2": "value"}
    assert event["multiValueQueryStringParameters"] == {
        "parameter1": ["value1", "value 2"],
        "parameter2": ["value"],
    }
    context = event["requestContext"]
    assert context["stage"] == "prod"
    assert context["path"] == "/prod/my/path%20x"
    assert context["resourcePath"] == "/{proxy+}"
    assert context["httpMethod"] == "POST"
    assert context["identity"]["sourceIp"] == "192.168.0.1"
    assert context["identity"]["userAgent"] == "pytest"
    assert context["domainName"] == "api.example.com"
    assert context["requestTime"] == "04/Mar/2020:19:15:17 +0000"
    assert context["requestTimeEpoch"] == 1583349317135
    assert uuid.UUID(context["requestId"])
    assert event["body"] == '{"message": "hello"}'
    assert event["isBase64Encoded"] is False


def test_rest_event_without_query_body_or_stage() -> None:
    event = build_event("rest", "GET", "/", "", [])
    assert event["queryStringParameters"] is None
    assert event["multiValueQueryStringParameters"] is None
    assert event["body"] is None
    assert event["resource"] == "/"
    assert event["pathParameters"] is None
    assert event["requestContext"]["stage"] == "$default"
    assert event["requestContext"]["path"] == "/"


def test_http_event() -> None:
    event = full_event("http")
    assert event["version"] == "2.0"
    assert event["routeKey"] == "$default"
    assert event["rawPath"] == "/my/path x"  # HTTP APIs decode the path
    assert event["rawQueryString"] == "parameter1=value1&parameter1=value%202&parameter2=value"
    assert event["queryStringParameters"] == {"parameter1": "value1,value 2", "parameter2": "value"}
    assert event["cookies"] == ["a=1", "b=2", "c=3"]
    assert "cookie" not in event["headers"]  # moved into the cookies list
    assert event["headers"]["x-multi"] == "one,two"
    assert all(name == name.lower() for name in event["headers"])
    http = event["requestContext"]["http"]
    assert http == {
        "method": "POST",
        "path": "/my/path x",
        "protocol": "HTTP/1.1",
        "sourceIp": "192.168.0.1",
        "userAgent": "pytest",
    }
    assert event["requestContext"]["time"] == "04/Mar/2020:19:15:17 +0000"
    assert event["requestContext"]["timeEpoch"] == 1583349317135
    assert event["body"] == '{"message": "hello"}'


def test_http_event_with_a_named_stage_prefixes_the_path() -> None:
    event = build_event("http", "GET", "/todos/1", stage="v1")
    assert event["rawPath"] == "/v1/todos/1"
    assert event["requestContext"]["http"]["path"] == "/v1/todos/1"
    assert event["requestContext"]["stage"] == "v1"
    response = make_app("http").resolve(event, None)
    assert json.loads(response["body"])["id"] == "1"  # the resolver strips the stage again


def test_http_event_without_query_cookies_or_body_leaves_those_keys_out() -> None:
    event = build_event("http", "GET", "/", "", [("Host", "h")])
    assert "cookies" not in event
    assert "queryStringParameters" not in event
    assert "body" not in event
    assert event["isBase64Encoded"] is False


def test_function_url_event() -> None:
    event = full_event("function-url")
    assert event["rawPath"] == "/my/path%20x"  # Function URLs keep the path encoded
    assert event["requestContext"]["http"]["path"] == "/my/path%20x"
    assert event["requestContext"]["stage"] == "$default"
    assert event["requestContext"]["accountId"] == "anonymous"
    assert event["cookies"] == ["a=1", "b=2", "c=3"]
    assert event["headers"]["x-multi"] == "one,two"


def test_alb_event() -> None:
    event = full_event("alb")
    assert event["path"] == "/my/path%20x"
    assert event["queryStringParameters"] == {
        "parameter1": "value%202",
        "parameter2": "value",
    }  # still encoded
    assert event["headers"]["x-multi"] == "two"
    assert event["headers"]["cookie"] == "c=3"
    assert "multiValueHeaders" not in event
    assert event["requestContext"]["elb"]["targetGroupArn"].startswith("arn:aws:elasticloadbalancing:")


def test_alb_multi_value_event() -> None:
    event = full_event("alb-multi")
    assert event["multiValueQueryStringParameters"] == {
        "parameter1": ["value1", "value%202"],
        "parameter2": ["value"],
    }
    assert event["multiValueHeaders"]["x-multi"] == ["one", "two"]
    assert event["multiValueHeaders"]["cookie"] == ["a=1; b=2", "c=3"]
    assert "headers" not in event
    assert "queryStringParameters" not in event


def test_lattice_event() -> None:
    event = full_event("lattice")
    # The path still encoded, with the query string after it as well as in its own field.
    assert event["raw_path"] == "/my/path%20x?parameter1=value1&parameter1=value%202&parameter2=value"
    assert event["method"] == "POST"
    assert event["query_string_parameters"] == {"parameter1": "value 2", "parameter2": "value"}
    assert event["headers"]["x-multi"] == "one, two"
    assert event["headers"]["cookie"] == "a=1; b=2; c=3"
    assert all(name == name.lower() for name in event["headers"])
    assert event["body"] == '{"message": "hello"}'
    assert event["is_base64_encoded"] is False
    assert set(event) == {
        "raw_path",
        "method",
        "headers",
        "query_string_parameters",
        "body",
        "is_base64_encoded",
    }


def test_lattice_v2_event() -> None:
    event = full_event("lattice-v2")
    assert event["version"] == "2.0"
    assert event["path"].startswith("/my/path%20x?parameter1=value1&")
    assert event["queryStringParameters"] == {"parameter1": ["value1", "value 2"], "parameter2": ["value"]}
    assert event["headers"]["x-multi"] == ["one", "two"]
    assert event["headers"]["cookie"] == ["a=1; b=2", "c=3"]
    context = event["requestContext"]
    assert context["serviceNetworkArn"].startswith(
        "arn:aws:vpc-lattice:us-east-1:123456789012:servicenetwork/"
    )
    assert context["targetGroupArn"].startswith("arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/")
    assert context["identity"]["sourceVpcArn"].startswith("arn:aws:ec2:us-east-1:")
    assert context["timeEpoch"] == "1583349317135000"  # microseconds, as a string
    assert event["isBase64Encoded"] is False


@pytest.mark.parametrize("source", ["lattice", "lattice-v2"])
def test_lattice_events_without_query_or_body(source: str) -> None:
    event = build_event(source, "GET", "/todos")
    assert event["raw_path" if source == "lattice" else "path"] == "/todos"
    assert event["query_string_parameters" if source == "lattice" else "queryStringParameters"] == {}
    assert event["body"] == ("" if source == "lattice" else None)


@pytest.mark.parametrize("source", ["lattice", "lattice-v2"])
def test_lattice_resolvers_read_the_built_events(source: str) -> None:
    app = make_app(source)
    headers = [("Host", "h"), ("X-Multi", "one"), ("X-Multi", "two"), ("Cookie", "a=1"), ("Cookie", "b=2")]
    event = build_event(source, "GET", "/echo", "tag=a&tag=b%20c", headers)
    echo = json.loads(app.resolve(event, None)["body"])
    assert echo["path"] == "/echo"
    assert echo["x_multi"] == "one, two"
    assert echo["cookies"] == {"a": "1", "b": "2"}
    assert echo["query"] == ({"tag": ["b c"]} if source == "lattice" else {"tag": ["a", "b c"]})


@pytest.mark.parametrize("source", ["alb", "alb-multi"])
def test_alb_events_without_query_or_body(source: str) -> None:
    event = build_event(source, "GET", "/")
    query_key = "multiValueQueryStringParameters" if source == "alb-multi" else "queryStringParameters"
    assert event[query_key] == {}
    assert event["body"] == ""
    assert event["isBase64Encoded"] is False


@pytest.mark.parametrize("source", ["alb", "alb-multi", "function-url", "lattice", "lattice-v2"])
def test_sources_without_stages_refuse_one(source: str) -> None:
    with pytest.raises(ValueError, match="no stages"):
        build_event(source, "GET", "/", stage="prod")


def test_unknown_source_is_refused_with_the_valid_names() -> None:
    with pytest.raises(ValueError, match="rest, http, alb, alb-multi, function-url"):
        build_event("websocket", "GET", "/")


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    ("body", "content_type", "encoded"),
    [
        (b'{"a": 1}', "application/json", False),
        (b"a=1&b=2", "application/x-www-form-urlencoded", False),
        (b"<a/>", "application/xml", False),
        (b"<a/>", "application/atom+xml", False),
        ("h\u00e9llo".encode(), "text/plain; charset=utf-8", False),
        (b"plain", None, False),
        (PNG, "image/png", True),
        (b"looks like text", "image/png", True),
        (b"\xff\xfe\x00binary", "application/octet-stream", True),
        (b"\xff\xfe not utf-8", "text/plain", True),
        (b"--x\r\n", "multipart/form-data; boundary=x", True),
    ],
)
def test_body_base64_rules(source: str, body: bytes, content_type: str | None, encoded: bool) -> None:
    headers = [("Content-Type", content_type)] if content_type else []
    event = build_event(source, "POST", "/", "", headers, body)
    assert event[base64_field(source)] is encoded
    if encoded:
        import base64

        assert base64.b64decode(event["body"]) == body
    else:
        assert event["body"] == body.decode()


def test_text_media_and_encode_body_helpers() -> None:
    assert is_text_media("Application/JSON; charset=utf-8")
    assert is_text_media("application/vnd.api+json")
    assert not is_text_media("application/pdf")
    assert encode_body(b"", "image/png") == ("", False)


def test_request_time_is_locale_independent_and_utc() -> None:
    assert request_time(0) == "01/Jan/1970:00:00:00 +0000"
    assert re.fullmatch(r"\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000", request_time(EPOCH))


def test_request_ids_are_fresh_unless_given() -> None:
    first = build_event("http", "GET", "/")["requestContext"]["requestId"]
    second = build_event("http", "GET", "/")["requestContext"]["requestId"]
    assert first != second
    assert build_event("rest", "GET", "/", request_id="abc")["requestContext"]["requestId"] == "abc"


def test_percent_encoded_slash_stays_inside_its_parameter_for_encoded_sources() -> None:
    for source in ("rest", "function-url", "alb", "lattice", "lattice-v2"):
        event = build_event(source, "GET", "/files/a%2Fb", "", [("Host", "h")])
        response = make_app(source).resolve(event, None)
        assert json.loads(response["body"]) == {"name": "a/b"}, source

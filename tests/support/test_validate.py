"""The response validator itself: it accepts what each source takes and rejects the rest."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from apiway import (
    ALBResolver,
    APIGatewayHttpResolver,
    APIGatewayRestResolver,
    LambdaFunctionUrlResolver,
    VPCLatticeResolver,
    VPCLatticeV2Resolver,
)
from support.events import EVENTS_DIR, load_event
from support.validate import InvalidResponse, assert_valid_response, source_kind

REST_OK = {
    "statusCode": 200,
    "multiValueHeaders": {"Content-Type": ["application/json"], "Set-Cookie": ["a=1", "b=2"]},
    "body": '{"ok":true}',
    "isBase64Encoded": False,
}
HTTP_OK = {
    "statusCode": 201,
    "headers": {"Content-Type": "application/json", "X-Multi": "1, 2"},
    "cookies": ["a=1; Secure", "b=2"],
    "body": "",
    "isBase64Encoded": False,
}
ALB_SINGLE_OK = {
    "statusCode": 404,
    "statusDescription": "404 Not Found",
    "headers": {"Content-Type": "text/plain", "Set-Cookie": "a=1"},
    "body": "nope",
    "isBase64Encoded": False,
}
ALB_MULTI_OK = {
    "statusCode": 200,
    "statusDescription": "200 OK",
    "multiValueHeaders": {"Content-Type": ["image/png"]},
    "body": "iVBORw0KGgo=",
    "isBase64Encoded": True,
}

LATTICE_OK = {
    "statusCode": 201,
    "statusDescription": "201 Created",
    "headers": {"Content-Type": "application/json", "Set-Cookie": "a=1"},
    "body": '{"ok":true}',
    "isBase64Encoded": False,
}

ALB_SINGLE_EVENT = {"httpMethod": "GET", "path": "/", "headers": {}}
ALB_MULTI_EVENT = {"httpMethod": "GET", "path": "/", "multiValueHeaders": {}}


_DELETE = object()


def with_changes(response: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of ``response`` with keys replaced (or removed, given ``_DELETE``)."""
    changed = copy.deepcopy(response)
    for key, value in changes.items():
        if value is _DELETE:
            del changed[key]
        else:
            changed[key] = value
    return changed


# -- what is accepted -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "response", "event"),
    [
        ("rest", REST_OK, None),
        ("rest", with_changes(REST_OK, headers={"X-One": "1"}), None),
        ("rest", with_changes(REST_OK, multiValueHeaders={}), None),
        ("http", HTTP_OK, None),
        ("http", with_changes(HTTP_OK, cookies=[]), None),
        ("function_url", HTTP_OK, None),
        ("alb", ALB_SINGLE_OK, ALB_SINGLE_EVENT),
        ("alb", ALB_SINGLE_OK, None),
        ("alb", ALB_MULTI_OK, ALB_MULTI_EVENT),
        ("alb", ALB_MULTI_OK, None),
        ("alb", with_changes(ALB_SINGLE_OK, statusCode=599, statusDescription="599 Server Error"), None),
        ("lattice", LATTICE_OK, None),
        ("lattice_v2", with_changes(LATTICE_OK, headers={}), None),
    ],
)
def test_accepts_valid_responses(source: str, response: dict[str, Any], event: dict[str, Any] | None) -> None:
    assert_valid_response(source, response, event)


def test_source_names_resolvers_and_classes() -> None:
    assert source_kind(APIGatewayRestResolver) == "rest"
    assert source_kind(APIGatewayHttpResolver()) == "http"
    assert source_kind(LambdaFunctionUrlResolver) == "function_url"
    assert source_kind(ALBResolver()) == "alb"
    assert source_kind("alb_multi") == "alb"
    assert source_kind(VPCLatticeResolver()) == "lattice"
    assert source_kind(VPCLatticeV2Resolver) == "lattice"
    with pytest.raises(ValueError, match="unknown event source"):
        source_kind("vpc-lattice")


def test_sample_events_are_found_beside_the_repository() -> None:
    assert EVENTS_DIR.resolve().is_dir()
    event = load_event("apiGatewayProxyEvent.json")
    event["path"] = "/changed"
    assert load_event("apiGatewayProxyEvent.json")["path"] == "/my/path", "loads must be fresh copies"


# -- what is rejected -------------------------------------------------------------------------
BAD_COMMON = [
    pytest.param({"statusCode": "200"}, "not an int", id="status-str"),
    pytest.param({"statusCode": 200.0}, "not an int", id="status-float"),
    pytest.param({"statusCode": True}, "not an int", id="status-bool"),
    pytest.param({"statusCode": 99}, "outside 100-599", id="status-99"),
    pytest.param({"statusCode": 600}, "outside 100-599", id="status-600"),
    pytest.param({"statusCode": _DELETE}, "not an int", id="status-missing"),
    pytest.param({"body": None}, "body must be a str", id="body-none"),
    pytest.param({"body": b"bytes"}, "body must be a str", id="body-bytes"),
    pytest.param({"body": {"a": 1}}, "body must be a str", id="body-dict"),
    pytest.param({"isBase64Encoded": "false"}, "not a bool", id="b64-str"),
    pytest.param({"isBase64Encoded": 0}, "not a bool", id="b64-int"),
    pytest.param({"isBase64Encoded": _DELETE}, "not a bool", id="b64-missing"),
    pytest.param({"isBase64Encoded": True, "body": "not base64!"}, "not base64", id="b64-invalid"),
    pytest.param({"isBase64Encoded": True, "body": "YQ"}, "not base64", id="b64-no-padding"),
    pytest.param({"isBase64Encoded": True, "body": "YQ==\n"}, "not base64", id="b64-newline"),
    pytest.param({"unexpected": 1}, "unexpected keys", id="extra-key"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_COMMON)
@pytest.mark.parametrize(
    ("source", "base", "event"),
    [
        ("rest", REST_OK, None),
        ("http", HTTP_OK, None),
        ("function_url", HTTP_OK, None),
        ("alb", ALB_SINGLE_OK, ALB_SINGLE_EVENT),
        ("lattice", LATTICE_OK, None),
    ],
)
def test_rejects_bad_status_body_and_base64(
    source: str, base: dict[str, Any], event: dict[str, Any] | None, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidResponse, match=message):
        assert_valid_response(source, with_changes(base, **changes), event)


def test_rejects_non_dict_response() -> None:
    with pytest.raises(InvalidResponse, match="must be a dict"):
        assert_valid_response("rest", [REST_OK])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"multiValueHeaders": _DELETE}, "'multiValueHeaders' is missing"),
        ({"multiValueHeaders": {"X-A": "1"}}, "must be a list"),
        ({"multiValueHeaders": {"X-A": [1]}}, "is a int"),
        ({"multiValueHeaders": {"X-A": ["ok\r\nX-Injected: 1"]}}, "contains"),
        ({"multiValueHeaders": {"X-A\n": ["1"]}}, "contains"),
        ({"multiValueHeaders": {"": ["1"]}}, "not a valid field name"),
        ({"multiValueHeaders": {"X-A:": ["1"]}}, "not a valid field name"),
        ({"multiValueHeaders": []}, "must be a dict"),
        ({"headers": {"X-A": ["1"]}}, "is a list"),
        ({"cookies": ["a=1"]}, "unexpected keys"),
        ({"statusDescription": "200 OK"}, "unexpected keys"),
    ],
)
def test_rejects_bad_rest_headers(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        assert_valid_response("rest", with_changes(REST_OK, **changes))


@pytest.mark.parametrize("source", ["http", "function_url"])
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"headers": _DELETE}, "'headers' is missing"),
        ({"headers": {"X-A": ["1", "2"]}}, "is a list"),
        ({"headers": {"X-A": 1}}, "is a int"),
        ({"headers": {"X-A": "a\x00b"}}, "contains"),
        ({"headers": {"Set-Cookie": "a=1"}}, "Set-Cookie belongs in 'cookies'"),
        ({"headers": {"set-cookie": "a=1"}}, "Set-Cookie belongs in 'cookies'"),
        ({"cookies": _DELETE}, "'cookies' must be a list"),
        ({"cookies": "a=1"}, "'cookies' must be a list"),
        ({"cookies": ["a=1\r\nX: y"]}, "contains"),
        ({"cookies": [""]}, "empty cookie"),
        ({"cookies": [None]}, "is a NoneType"),
        ({"multiValueHeaders": {"X-A": ["1"]}}, "unexpected keys"),
    ],
)
def test_rejects_bad_v2_headers_and_cookies(source: str, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        assert_valid_response(source, with_changes(HTTP_OK, **changes))


@pytest.mark.parametrize(
    ("base", "event", "changes", "message"),
    [
        (ALB_SINGLE_OK, ALB_SINGLE_EVENT, {"statusDescription": _DELETE}, "statusDescription"),
        (ALB_SINGLE_OK, ALB_SINGLE_EVENT, {"statusDescription": "OK"}, "does not read"),
        (ALB_SINGLE_OK, ALB_SINGLE_EVENT, {"statusDescription": "200 OK"}, "does not read"),
        (ALB_SINGLE_OK, ALB_SINGLE_EVENT, {"statusDescription": "404 "}, "does not read"),
        (ALB_SINGLE_OK, ALB_SINGLE_EVENT, {"statusDescription": "404 Not\nFound"}, "does not read"),
        (ALB_SINGLE_OK, ALB_SINGLE_EVENT, {"headers": {"X-A": ["1"]}}, "is a list"),
        (ALB_SINGLE_OK, ALB_MULTI_EVENT, {}, "multi-value mode"),
        (ALB_MULTI_OK, ALB_SINGLE_EVENT, {}, "single-value mode"),
        (ALB_MULTI_OK, ALB_MULTI_EVENT, {"headers": {"X-A": "1"}}, "multi-value mode"),
        (ALB_SINGLE_OK, None, {"multiValueHeaders": {"X-A": ["1"]}}, "exactly one"),
        (ALB_SINGLE_OK, None, {"headers": _DELETE}, "exactly one"),
        (ALB_MULTI_OK, ALB_MULTI_EVENT, {"multiValueHeaders": {"X-A": ["a\rb"]}}, "contains"),
        (ALB_SINGLE_OK, ALB_SINGLE_EVENT, {"cookies": ["a=1"]}, "unexpected keys"),
    ],
)
def test_rejects_bad_alb_responses(
    base: dict[str, Any], event: dict[str, Any] | None, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidResponse, match=message):
        assert_valid_response("alb", with_changes(base, **changes), event)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"statusDescription": _DELETE}, "statusDescription"),
        ({"statusDescription": "200 OK"}, "does not read"),
        ({"headers": _DELETE}, "'headers' is missing"),
        ({"headers": {"Set-Cookie": ["a=1", "b=2"]}}, "is a list"),
        ({"headers": {"X-A": "1\r\nX-B: 2"}}, "contains"),
        ({"multiValueHeaders": {"X-A": ["1"]}}, "unexpected keys"),
        ({"cookies": ["a=1"]}, "unexpected keys"),
    ],
)
def test_rejects_bad_lattice_responses(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        assert_valid_response("lattice", with_changes(LATTICE_OK, **changes))


def test_invalid_response_is_an_assertion_error() -> None:
    # so that pytest reports it like any failed assertion
    assert issubclass(InvalidResponse, AssertionError)

"""AWS SAM CLI's local API Gateway emulator as a conformance check, in-process and without Docker.

``samcli.local.apigw.local_apigw_service.LocalApigwService`` is the Flask app behind
``sam local start-api``: it turns HTTP requests into REST (payload 1.0) and HTTP API
(payload 2.0) events, invokes the function through a "lambda runner", and parses the
Lambda proxy response, refusing malformed ones with 502. Here the runner calls the apiway
app in this process instead of starting a container, and requests go through Flask's test
client, so AWS's own event construction and response parsing are exercised for real. The
SAM CLI comes with the ``conformance`` extra; without it these tests skip, saying so (or fail,
with ``APIWAY_CONFORMANCE=1``).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from typing import Any

import pytest

from apiway.local.context import LambdaContext
from apiway.local.events import build_event
from apiway.local.proxy import MalformedResponseError, parse_response
from support.conformance import missing

from .apps import BIG, PNG, make_app

try:
    from samcli.lib.providers.provider import Api
    from samcli.local.apigw.local_apigw_service import LocalApigwService
    from samcli.local.apigw.route import Route
except ImportError:
    missing("the AWS SAM CLI", "run `.venv/bin/pip install -e '.[conformance]'` (.ci/run does)")

pytestmark = pytest.mark.conformance

Handler = Callable[[dict[str, Any], Any], Any]


class InProcessLambdaRunner:
    """Stands in for SAM's Docker-backed ``LocalLambdaRunner``: same ``invoke`` contract."""

    def __init__(self, handler: Handler):
        self.handler = handler
        self.events: list[dict[str, Any]] = []

    def is_debugging(self) -> bool:
        return False

    def invoke(
        self, function_identifier: str, event: str, tenant_id: Any = None, stdout: Any = None, **_: Any
    ) -> None:
        payload = json.loads(event)
        self.events.append(payload)
        result = self.handler(payload, LambdaContext(function_name=function_identifier))
        stdout.write_str(json.dumps(result))


def emulator(handler: Handler, kind: str) -> tuple[Any, InProcessLambdaRunner]:
    """A Flask test client for SAM's API Gateway emulator in front of ``handler``."""
    runner = InProcessLambdaRunner(handler)
    if kind == "rest":
        api = Api(routes=[Route("Fn", "/{proxy+}", ["ANY"], Route.API), Route("Fn", "/", ["ANY"], Route.API)])
        api.stage_name = "Prod"
        api.binary_media_types_set = {"*/*"}  # REST only decodes base64 bodies of binary types
    else:
        api = Api(routes=[Route("Fn", "$default", ["ANY"], Route.HTTP, payload_format_version="2.0")])
        # Real HTTP APIs base64-encode non-text request bodies by themselves; SAM needs to be told.
        api.binary_media_types_set = {"image/png", "application/octet-stream"}
    service = LocalApigwService(api, runner, port=3000, host="127.0.0.1")  # type: ignore[arg-type]
    service.create()
    return service._app.test_client(), runner


KINDS = {"rest": "rest", "http": "http"}  # SAM emulates REST APIs and HTTP APIs (payload 2.0)


@pytest.fixture(params=sorted(KINDS))
def sam(request: pytest.FixtureRequest) -> tuple[Any, InProcessLambdaRunner, str]:
    client, runner = emulator(make_app(request.param), request.param)
    return client, runner, request.param


def test_routing_status_and_json(sam: tuple[Any, InProcessLambdaRunner, str]) -> None:
    client, _, _ = sam
    ok = client.get("/todos/1", headers={"Accept": "application/json"})
    assert ok.status_code == 200
    assert ok.headers["Content-Type"] == "application/json"
    assert ok.get_json() == {"id": "1", "title": "write docs"}
    missing = client.get("/todos/404")
    assert missing.status_code == 404
    assert missing.get_json() == {"statusCode": 404, "message": "no todo 404"}
    not_allowed = client.delete("/todos")
    assert not_allowed.status_code == 405
    assert not_allowed.headers["Allow"] == "GET, HEAD, OPTIONS, POST"
    assert client.get("/boom").status_code == 500


def test_post_json_through_the_emulator(sam: tuple[Any, InProcessLambdaRunner, str]) -> None:
    client, runner, kind = sam
    created = client.post("/todos", json={"title": "via sam"})
    assert created.status_code == 201
    assert created.get_json()["title"] == "via sam"
    # SAM base64-encodes REST request bodies when every media type is binary: apiway decodes them.
    assert runner.events[-1]["isBase64Encoded"] is (kind == "rest")


def test_query_and_headers(sam: tuple[Any, InProcessLambdaRunner, str]) -> None:
    client, _, _ = sam
    echo = client.get("/echo?tag=a&tag=b%20c", headers={"X-Multi": "one", "User-Agent": "sam"}).get_json()
    assert echo["query"] == {"tag": ["a", "b c"]}
    assert echo["x_multi"] == "one"
    assert echo["path"] == "/echo"


def test_cookies_in_and_out(sam: tuple[Any, InProcessLambdaRunner, str]) -> None:
    client, _, _ = sam
    client.set_cookie("session", "s1", domain="localhost")
    assert client.get("/echo").get_json()["cookies"] == {"session": "s1"}
    response = client.get("/cookies")
    assert response.headers.getlist("Set-Cookie") == ["session=abc123", "theme=dark"]


def test_gzip_response(sam: tuple[Any, InProcessLambdaRunner, str]) -> None:
    client, _, _ = sam
    response = client.get("/big", headers={"Accept-Encoding": "gzip", "Accept": "*/*"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.data)) == BIG


def test_binary_image_response(sam: tuple[Any, InProcessLambdaRunner, str]) -> None:
    client, _, _ = sam
    response = client.get("/image", headers={"Accept": "image/png"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.data == PNG


def test_binary_request_body(sam: tuple[Any, InProcessLambdaRunner, str]) -> None:
    client, runner, _ = sam
    response = client.post("/echo", data=PNG, headers={"Content-Type": "image/png", "Accept": "*/*"})
    assert response.data == PNG
    assert runner.events[-1]["isBase64Encoded"] is True


def test_the_emulator_event_and_the_local_builder_event_have_the_same_keys(
    sam: tuple[Any, InProcessLambdaRunner, str],
) -> None:
    client, runner, kind = sam
    client.get("/echo?a=1", headers={"X-A": "1"})
    sam_event = runner.events[-1]
    ours = build_event(kind, "GET", "/echo", "a=1", [("X-A", "1"), ("Host", "localhost")], b"")
    # Keys SAM sends that a real $default / {proxy+} integration leaves out or leaves null.
    optional = {"pathParameters", "stageVariables", "cookies", "body"}
    assert set(sam_event) - optional <= set(ours)
    assert set(sam_event["requestContext"]) <= set(ours["requestContext"])
    if kind == "http":
        assert set(sam_event["requestContext"]["http"]) == set(ours["requestContext"]["http"])
    else:
        assert set(sam_event["requestContext"]["identity"]) - {"apiKey"} <= set(
            ours["requestContext"]["identity"]
        )


MALFORMED: list[tuple[str, Any]] = [
    ("rest", ["a", "list"]),
    ("rest", {"statusCode": "abc", "body": ""}),
    ("rest", {"statusCode": -5, "body": ""}),
    ("rest", {"statusCode": 200, "body": "", "unexpected": True}),
    ("rest", {"statusCode": 200, "body": "", "isBase64Encoded": "yes"}),
    ("http", {"statusCode": "abc", "body": ""}),
    ("http", {"statusCode": -1, "body": ""}),
]


@pytest.mark.parametrize(("kind", "result"), MALFORMED)
def test_malformed_responses_are_refused_by_sam_and_by_the_local_server(kind: str, result: Any) -> None:
    client, _ = emulator(lambda event, context: result, kind)
    response = client.get("/anything")
    assert response.status_code == 502
    assert response.get_json() == {"message": "Internal server error"}
    with pytest.raises(MalformedResponseError):
        parse_response(result, kind)


WELL_FORMED: list[tuple[str, Any]] = [
    ("rest", {"statusCode": 201, "headers": {"X-A": "1"}, "body": "made"}),
    ("rest", {"statusCode": 200, "multiValueHeaders": {"X-A": ["1", "2"]}, "body": "multi"}),
    ("http", {"statusCode": 202, "headers": {"X-A": "1"}, "cookies": ["c=1", "d=2"], "body": "ok"}),
    ("http", {"message": "no statusCode: the whole result is the JSON body"}),
]


@pytest.mark.parametrize(("kind", "result"), WELL_FORMED)
def test_well_formed_responses_mean_the_same_to_sam_and_to_the_local_server(kind: str, result: Any) -> None:
    client, _ = emulator(lambda event, context: result, kind)
    response = client.get("/anything")
    ours = parse_response(result, kind)
    assert response.status_code == ours.status
    assert response.data == ours.body
    for name in ("X-A", "Set-Cookie", "Content-Type"):
        assert response.headers.getlist(name) == [value for key, value in ours.headers if key == name], name

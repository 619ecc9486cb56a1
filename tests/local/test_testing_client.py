"""apiway.testing.TestClient, one test body for every event source."""

from __future__ import annotations

import json
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from apiway.local.proxy import MalformedResponseError
from apiway.testing import Headers, TestClient

from .apps import BIG, LAST_QUERY_VALUE, ONE_COOKIE, PNG, SOURCES, base64_field, make_app


@pytest.fixture(params=SOURCES)
def client(request: pytest.FixtureRequest) -> TestClient:
    return TestClient(make_app(request.param), source=request.param)


def test_routing_and_status_codes(client: TestClient) -> None:
    response = client.get("/todos")
    assert response.status_code == 200
    assert response.ok
    assert response.json() == {"todos": [{"id": "1", "title": "write docs"}]}
    assert client.get("/todos/").status_code == 200
    assert client.get("/todos/1").json()["title"] == "write docs"
    missing = client.get("/todos/42")
    assert missing.status_code == 404
    assert missing.json() == {"statusCode": 404, "message": "no todo 42"}
    assert client.get("/nowhere").status_code == 404
    not_allowed = client.delete("/todos")
    assert not_allowed.status_code == 405
    assert not_allowed.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert client.get("/bad").status_code == 400


def test_post_json(client: TestClient) -> None:
    created = client.post("/todos", json={"title": "test it"})
    assert created.status_code == 201
    assert created.json() == {"id": "2", "title": "test it"}
    assert created.headers["Content-Type"] == "application/json"
    assert client.post("/todos", json={"nope": 1}).status_code == 400
    assert client.post("/todos", body="{not json", content_type="application/json").status_code == 400


def test_query_headers_and_cookies_reach_the_app(client: TestClient) -> None:
    echo = client.get(
        "/echo?first=1",
        query=[("tag", "a b"), ("tag", "c&d")],
        headers={"X-Multi": "v", "User-Agent": "custom"},
        cookies={"session": "s1", "theme": "dark"},
    ).json()
    assert echo["method"] == "GET"
    assert echo["path"] == "/echo"
    query = echo["query"]
    if client.source in LAST_QUERY_VALUE:
        assert query == {"first": ["1"], "tag": ["c&d"]}  # one value per name: the last one
    else:
        assert query == {"first": ["1"], "tag": ["a b", "c&d"]}
    assert echo["x_multi"] == "v"
    assert echo["user_agent"] == "custom"
    assert echo["cookies"] == {"session": "s1", "theme": "dark"}


def test_query_as_a_mapping_with_lists(client: TestClient) -> None:
    query = client.get("/echo", query={"a": ["1", "2"], "b": "3"}).json()["query"]
    assert query["b"] == ["3"]
    assert query["a"] == (["2"] if client.source in LAST_QUERY_VALUE else ["1", "2"])


def test_path_parameters_are_decoded_once(client: TestClient) -> None:
    assert client.get("/files/a b").json() == {"name": "a b"}
    assert client.get("/files/caf%C3%A9").json() == {"name": "café"}
    assert client.get("/files/50%25").json() == {"name": "50%"}


def test_gzip_is_undone(client: TestClient) -> None:
    response = client.get("/big", headers={"Accept-Encoding": "gzip, deflate"})
    assert response.headers["content-encoding"] == "gzip"
    assert len(response.body) < len(response.content)
    assert response.json() == BIG
    assert response.raw["isBase64Encoded"] is True
    plain = client.get("/big", headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in plain.headers
    assert plain.body == plain.content


def test_binary_response_and_request(client: TestClient) -> None:
    image = client.get("/image")
    assert image.headers["Content-Type"] == "image/png"
    assert image.content == PNG
    assert image.raw["isBase64Encoded"] is True
    echoed = client.post("/echo", data=PNG, content_type="image/png")
    assert echoed.content == PNG
    assert echoed.headers["X-Base64"] == "True"
    assert echoed.event[base64_field(client.source)] is True


def test_cookies_set_by_the_response(client: TestClient) -> None:
    response = client.get("/cookies")
    assert response.text == "cookies set"
    if client.source in ONE_COOKIE:  # one value per header: one Set-Cookie
        assert response.cookies == {"theme": "dark"}
    else:
        assert response.cookies == {"session": "abc123", "theme": "dark"}
        assert response.headers.get_all("set-cookie") == ["session=abc123", "theme=dark"]


def test_multi_value_response_headers(client: TestClient) -> None:
    response = client.get("/multi")
    assert response.status_code == 204
    assert response.content == b""
    if client.source in ("rest", "alb-multi"):
        assert response.headers.get_all("X-Multi") == ["one", "two"]
    else:  # headers maps have one value per name: apiway joins them
        assert response.headers.get_all("X-Multi") == ["one, two"]
    assert response.headers["x-multi"] == "one, two"


def test_a_route_exception_reaches_the_test(client: TestClient) -> None:
    with pytest.raises(RuntimeError, match="secret detail"):
        client.get("/boom")
    assert client.get("/todos").status_code == 200  # only that invocation raised


def test_without_raising_errors_are_the_apps_own_500_and_do_not_leak() -> None:
    for source in SOURCES:
        client = TestClient(make_app(source), source=source, raise_server_exceptions=False)
        response = client.get("/boom")
        assert response.status_code == 500
        assert response.json() == {"statusCode": 500, "message": "Internal server error"}
        assert "secret" not in response.text


def test_head_and_options(client: TestClient) -> None:
    head = client.head("/todos")
    assert head.status_code == 200
    assert head.content == b""
    options = client.options("/todos")
    assert options.status_code == 204
    assert "POST" in options.headers["Allow"]


def test_the_event_is_the_sources_own(client: TestClient) -> None:
    event = client.get("/todos").event
    if client.source in ("http", "function-url"):
        assert event["version"] == "2.0"
    elif client.source == "rest":
        assert event["requestContext"]["requestId"]
    elif client.source == "lattice":
        assert event["raw_path"] == "/todos"
    elif client.source == "lattice-v2":
        assert event["requestContext"]["serviceNetworkArn"].startswith("arn:aws:vpc-lattice:")
    else:
        assert "elb" in event["requestContext"]
    assert client.put("/todos").status_code == 405
    assert client.patch("/todos").status_code == 405


def test_request_and_form_data() -> None:
    app = APIGatewayRestResolver()

    @app.route("/form", method=["POST", "PUT"])
    def form() -> dict[str, Any]:
        event = app.current_event
        return {"type": event.get_header_value("content-type"), "body": event.decoded_body}

    client = TestClient(app)
    response = client.request("PUT", "/form", data={"a": "1", "b": ["x y", "z"]})
    assert response.json() == {"type": "application/x-www-form-urlencoded", "body": "a=1&b=x+y&b=z"}
    assert client.post("/form", body="hi").json() == {"type": "text/plain; charset=utf-8", "body": "hi"}
    with pytest.raises(TypeError, match="only one of json=, data=, body="):
        client.post("/form", json={}, body="x")


def test_stage_and_default_headers() -> None:
    app = make_app("http")
    client = TestClient(app, stage="v2", headers={"User-Agent": "mine"})
    response = client.get("/echo")
    assert response.event["rawPath"] == "/v2/echo"
    assert response.json()["user_agent"] == "mine"
    assert response.event["headers"]["host"] == "testserver"


def test_exceptions_reach_the_test_unless_asked_otherwise() -> None:
    def crash(event: dict[str, Any], context: Any) -> dict[str, Any]:
        raise RuntimeError("handler bug")

    with pytest.raises(RuntimeError, match="handler bug"):
        TestClient(crash).get("/")
    answered = TestClient(crash, raise_server_exceptions=False).get("/")
    assert answered.status_code == 502
    assert answered.json() == {
        "message": "Internal server error",
        "detail": "the handler raised RuntimeError",
    }


def test_http_errors_and_mapped_exceptions_are_answers_not_raised() -> None:
    app = make_app("http")

    @app.exception_handler(ValueError)
    def teapot(error: ValueError) -> Response:
        return Response(418, "text/plain", f"mapped: {error}")

    @app.get("/mapped")
    def mapped() -> None:
        raise ValueError("a value")

    client = TestClient(app)
    assert client.get("/bad").status_code == 400
    assert client.get("/todos/42").status_code == 404
    assert client.get("/nowhere").status_code == 404
    assert client.delete("/todos").status_code == 405
    response = client.get("/mapped")
    assert (response.status_code, response.text) == (418, "mapped: a value")


def test_a_failing_exception_handler_reaches_the_test() -> None:
    app = APIGatewayRestResolver()

    @app.exception_handler(ValueError)
    def broken(error: ValueError) -> Response:
        raise LookupError("the handler itself failed")

    @app.get("/")
    def index() -> None:
        raise ValueError("first")

    with pytest.raises(LookupError, match="the handler itself failed"):
        TestClient(app).get("/")
    assert TestClient(app, raise_server_exceptions=False).get("/").status_code == 500


def test_route_exceptions_raise_through_a_lambda_handler_and_in_debug_mode() -> None:
    app = make_app("rest", debug=True)
    calls = []

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        calls.append(event)  # stands for a decorator around the handler
        return app.resolve(event, context)

    with pytest.raises(RuntimeError, match="secret detail"):
        TestClient(lambda_handler).get("/boom")
    assert len(calls) == 1
    answered = TestClient(lambda_handler, raise_server_exceptions=False).get("/boom")
    assert answered.status_code == 500
    assert "RuntimeError: secret detail" in answered.text  # debug mode: the traceback


def test_errors_outside_the_exception_stage_reach_the_test() -> None:
    app = APIGatewayRestResolver()

    def failing_stage(request: Any, call_next: Any) -> Any:
        raise LookupError("a stage outside the exception stage failed")

    app.pipeline.insert_before("serialization", failing_stage)

    @app.get("/")
    def index() -> dict[str, Any]:
        return {}

    with pytest.raises(LookupError, match="outside the exception stage"):
        TestClient(app).get("/")
    answered = TestClient(app, raise_server_exceptions=False).get("/")
    assert answered.json() == {"statusCode": 500, "message": "Internal server error"}


def test_lambda_and_other_callers_still_get_the_500() -> None:
    from unittest.mock import MagicMock

    from apiway.local.context import LambdaContext
    from apiway.local.wsgi import to_wsgi

    app = make_app("rest")
    event = TestClient(app, raise_server_exceptions=False).get("/boom").event
    # What Lambda passes has no flag; a MagicMock answers every attribute, but not with True.
    for context in (None, LambdaContext(), MagicMock()):
        assert app.resolve(event, context)["statusCode"] == 500
    # The flag is per invocation: the app serves other callers as before, between raises.
    with pytest.raises(RuntimeError):
        TestClient(app).get("/boom")
    assert to_wsgi(app).invoke("GET", "/boom").status == 500


def test_malformed_responses_raise_or_answer_502() -> None:
    def malformed(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"statusCode": "200", "body": "x"}

    with pytest.raises(MalformedResponseError, match="'statusCode' must be an integer"):
        TestClient(malformed).get("/")
    answered = TestClient(malformed, raise_server_exceptions=False).get("/")
    assert answered.status_code == 502
    assert "statusCode" in answered.json()["detail"]


def test_plain_handlers_with_v2_shortcut_results() -> None:
    client = TestClient(lambda event, context: {"hello": event["rawPath"]}, source="function-url")
    response = client.get("/x")
    assert response.status_code == 200
    assert response.json() == {"hello": "/x"}
    assert response.raw == {"hello": "/x"}


def test_source_mismatch_is_refused() -> None:
    with pytest.raises(ValueError, match="reads http events, not 'rest'"):
        TestClient(make_app("http"), source="rest")


def test_headers_object() -> None:
    headers = Headers([("Set-Cookie", "a=1"), ("Content-Type", "text/plain"), ("set-cookie", "b=2")])
    assert headers.get_all("SET-COOKIE") == ["a=1", "b=2"]
    assert headers["content-type"] == "text/plain"
    assert headers.get("x-missing") is None
    assert headers.get("x-missing", "d") == "d"
    assert "Content-Type" in headers
    assert 5 not in headers
    assert headers.keys() == ["set-cookie", "content-type"]
    assert len(headers) == 2
    assert headers.to_dict() == {"set-cookie": ["a=1", "b=2"], "content-type": ["text/plain"]}
    assert headers == {"Set-Cookie": "a=1, b=2", "Content-Type": "text/plain"}
    assert headers == Headers(headers.items())
    with pytest.raises(KeyError):
        headers["x-missing"]


def test_response_repr_and_raw() -> None:
    app = APIGatewayRestResolver()

    @app.get("/")
    def index() -> Response:
        return Response(200, "text/plain", "ok")

    response = TestClient(app).get("/")
    assert repr(response) == "<TestResponse 200 OK>"
    assert response.raw["multiValueHeaders"]["Content-Type"] == ["text/plain"]
    assert json.loads(json.dumps(response.raw)) == response.raw

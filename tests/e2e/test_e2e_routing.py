"""Routing end to end for every event source, driven by the real sample events."""

from __future__ import annotations

from typing import Any

import pytest

from apiway import Response
from apiway.exceptions import NotFoundError
from support.events import ALB_MULTI, ALL_SOURCES, HTTP, EventSource, each_source
from support.responses import header, json_body

NOT_FOUND = '{"statusCode":404,"message":"Not found"}'


def todo_app(source: EventSource, **kwargs: Any) -> Any:
    app = source.app(**kwargs)

    @app.get("/todos")
    def list_todos() -> dict[str, Any]:
        return {"todos": [{"id": "1"}]}

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        return {"id": todo_id}

    @app.get("/todos/done")
    def done() -> dict[str, Any]:
        return {"done": True}

    @app.get("/users/<user_id>/todos/<todo_id>")
    def user_todo(user_id: str, todo_id: str) -> dict[str, Any]:
        return {"user": user_id, "todo": todo_id}

    @app.post("/todos")
    def create() -> tuple[dict[str, Any], int]:
        return {"created": app.current_event.json_body}, 201

    @app.route("/things", method=["PUT", "PATCH"])
    def put_or_patch() -> dict[str, Any]:
        return {"method": app.current_event.http_method}

    @app.delete("/todos/<todo_id>")
    def delete(todo_id: str) -> tuple[str, int]:
        return "", 204

    return app


@each_source
def test_static_route(source: EventSource) -> None:
    response = source.request(todo_app(source), "GET", "/todos")
    assert response["statusCode"] == 200
    assert response["body"] == '{"todos":[{"id":"1"}]}'
    assert header(response, "Content-Type") == "application/json"


@each_source
def test_dynamic_route(source: EventSource) -> None:
    response = source.request(todo_app(source), "GET", "/todos/42")
    assert response["statusCode"] == 200
    assert json_body(response) == {"id": "42"}


@each_source
def test_static_segment_beats_a_parameter(source: EventSource) -> None:
    response = source.request(todo_app(source), "GET", "/todos/done")
    assert json_body(response) == {"done": True}


@each_source
def test_nested_dynamic_route(source: EventSource) -> None:
    response = source.request(todo_app(source), "GET", "/users/u1/todos/t9")
    assert json_body(response) == {"user": "u1", "todo": "t9"}


@each_source
def test_path_parameter_is_percent_decoded_once(source: EventSource) -> None:
    # HTTP APIs decode the path themselves; the other sources pass it on encoded.
    path = "/todos/a b%41" if source.path_decoded else "/todos/a%20b%2541"
    response = source.request(todo_app(source), "GET", path)
    assert json_body(response) == {"id": "a b%41"}


@pytest.mark.parametrize("source", [s for s in ALL_SOURCES if not s.path_decoded], ids=str)
def test_encoded_slash_stays_inside_its_parameter(source: EventSource) -> None:
    response = source.request(todo_app(source), "GET", "/todos/a%2Fb")
    assert json_body(response) == {"id": "a/b"}


@each_source
def test_catch_all_route(source: EventSource) -> None:
    app = source.app()

    @app.get(".+")
    def anything() -> dict[str, Any]:
        return {"path_received": app.current_event.path}

    @app.get("/proxy/.+/items")
    def items() -> dict[str, Any]:
        return {"items": app.current_event.path}

    assert json_body(source.request(app, "GET", "/a/b/c")) == {"path_received": "/a/b/c"}
    assert json_body(source.request(app, "GET", "/proxy/x/y/items")) == {"items": "/proxy/x/y/items"}


@each_source
def test_post_json(source: EventSource) -> None:
    response = source.request(todo_app(source), "POST", "/todos", body='{"title": "write tests"}')
    assert response["statusCode"] == 201
    assert json_body(response) == {"created": {"title": "write tests"}}


@each_source
@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_route_with_several_methods(source: EventSource, method: str) -> None:
    response = source.request(todo_app(source), method, "/things")
    assert json_body(response) == {"method": method}


@each_source
def test_delete_with_empty_body(source: EventSource) -> None:
    response = source.request(todo_app(source), "DELETE", "/todos/1")
    assert response["statusCode"] == 204
    assert response["body"] == ""


@each_source
@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
@pytest.mark.parametrize("path", ["/nothing", "/todos/1/2/3", "/"])
def test_unknown_path_is_404(source: EventSource, path: str, method: str) -> None:
    response = source.request(todo_app(source), method, path)
    assert response["statusCode"] == 404
    assert response["body"] == NOT_FOUND
    assert header(response, "Content-Type") == "application/json"


@each_source
def test_known_path_with_another_method_is_405_with_allow(source: EventSource) -> None:
    response = source.request(todo_app(source), "PUT", "/todos")
    assert response["statusCode"] == 405
    assert json_body(response) == {"statusCode": 405, "message": "Method not allowed"}
    assert header(response, "Allow") == "GET, HEAD, OPTIONS, POST"


@each_source
def test_head_is_served_by_get_without_a_body(source: EventSource) -> None:
    response = source.request(todo_app(source), "HEAD", "/todos/7")
    assert response["statusCode"] == 200
    assert response["body"] == ""
    assert header(response, "Content-Type") == "application/json"


@each_source
def test_head_runs_the_get_route_once_and_sends_no_body(source: EventSource) -> None:
    app = source.app()
    calls: list[str] = []

    @app.get("/file")
    def file() -> Response:
        calls.append("get")
        return Response(200, "application/octet-stream", b"\x00" * 10, headers={"X-Size": "10"})

    response = source.request(app, "HEAD", "/file")
    assert calls == ["get"]
    assert (response["statusCode"], response["body"], response["isBase64Encoded"]) == (200, "", False)
    assert header(response, "X-Size") == "10"


@each_source
def test_options_on_a_known_path_lists_the_methods(source: EventSource) -> None:
    response = source.request(todo_app(source), "OPTIONS", "/todos/7")
    assert (response["statusCode"], response["body"]) == (204, "")
    assert header(response, "Allow") == "DELETE, GET, HEAD, OPTIONS"


@each_source
def test_method_is_case_insensitive(source: EventSource) -> None:
    response = source.request(todo_app(source), "get", "/todos")
    assert response["statusCode"] == 200


@each_source
def test_not_found_handler(source: EventSource) -> None:
    app = todo_app(source)
    seen: list[str] = []
    errors: list[Exception] = []

    @app.not_found
    def teapot(error: Exception) -> Response:
        seen.append(app.current_event.path)
        errors.append(error)
        return Response(418, "text/plain", "I'm a teapot!")

    response = source.request(app, "GET", "/coffee")
    assert response["statusCode"] == 418
    assert response["body"] == "I'm a teapot!"
    assert header(response, "Content-Type") == "text/plain"
    assert seen == ["/coffee"]
    assert [type(error) for error in errors] == [NotFoundError]
    # a known path is not affected
    assert source.request(app, "GET", "/todos")["statusCode"] == 200


@each_source
def test_trailing_slash_reaches_static_and_dynamic_routes(source: EventSource) -> None:
    app = todo_app(source)
    assert json_body(source.request(app, "GET", "/todos/")) == {"todos": [{"id": "1"}]}
    assert json_body(source.request(app, "GET", "/todos/7/")) == {"id": "7"}


# -- the real *PathTrailingSlash.json events --------------------------------------------------------
def _trailing_app(source: EventSource, rule: str, method: str) -> Any:
    app = source.app()

    @app.route(rule, method=method)
    def handler() -> dict[str, Any]:
        return {"path": app.current_event.path}

    return app


@each_source
def test_trailing_slash_sample_event_reaches_the_route_without_it(source: EventSource) -> None:
    event = source.trailing_slash_event()
    method, path = source.route_of(event)
    assert path.endswith("/") and path != "/"
    app = _trailing_app(source, path.rstrip("/"), method)
    response = source.call(app, event)
    assert response["statusCode"] == 200
    assert json_body(response) == {"path": path}


@each_source
def test_route_with_a_trailing_slash_answers_the_path_without_it(source: EventSource) -> None:
    event = source.trailing_slash_event()
    method, path = source.route_of(event)
    app = _trailing_app(source, path, method)
    response = source.request(app, method, path.rstrip("/"))
    assert response["statusCode"] == 200


@each_source
def test_sample_event_as_delivered(source: EventSource) -> None:
    from support.events import load_event

    event = load_event(source.sample)
    method, path = source.route_of(event)
    app = _trailing_app(source, path, method)
    response = source.call(app, event)
    assert response["statusCode"] == 200
    assert json_body(response) == {"path": path}


def test_http_api_stage_prefix_with_trailing_slash() -> None:
    event = HTTP.trailing_slash_event()
    event["requestContext"]["stage"] = "v1"
    event["rawPath"] = "/v1" + event["rawPath"]
    app = _trailing_app(HTTP, "/my/path", "POST")
    response = HTTP.call(app, event)
    assert response["statusCode"] == 200
    assert json_body(response) == {"path": "/my/path/"}


def test_alb_multi_value_404_keeps_multi_value_headers() -> None:
    response = ALB_MULTI.request(ALB_MULTI.app(), "GET", "/nowhere")
    assert response["statusCode"] == 404
    assert response["statusDescription"] == "404 Not Found"
    assert response["multiValueHeaders"]["Content-Type"] == ["application/json"]


@each_source
def test_non_ascii_path_parameter(source: EventSource) -> None:
    path = "/todos/café" if source.path_decoded else "/todos/caf%C3%A9"
    assert json_body(source.request(todo_app(source), "GET", path)) == {"id": "café"}


@each_source
@pytest.mark.parametrize("segment", ["a+b", "%", "%zz", "100%"])
def test_plus_and_malformed_escapes_stay_as_they_are(source: EventSource, segment: str) -> None:
    response = source.request(todo_app(source), "GET", f"/todos/{segment}")
    assert response["statusCode"] == 200
    assert json_body(response) == {"id": segment}


@each_source
@pytest.mark.parametrize("path", ["todos", "//todos", "/todos//", "/TODOS"])
def test_odd_paths_do_not_match(source: EventSource, path: str) -> None:
    response = source.request(todo_app(source), "GET", path)
    assert response["statusCode"] == 404
    assert response["body"] == NOT_FOUND

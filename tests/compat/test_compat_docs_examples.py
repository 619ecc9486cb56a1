"""The REST event handler documentation's examples, ported to apiway imports.

Each test rebuilds one documented example the way a user migrating from the Powertools REST
event handler would: same decorators, classes, parameters and calls, with only the import
lines changed. Network calls in the examples are replaced by the local ``TODOS`` data, which
is what the documented responses show. Responses are checked against what the page
documents, and against each event source's contract.
"""

from __future__ import annotations

import base64
import gzip
import json
from dataclasses import asdict, dataclass, is_dataclass
from http import HTTPStatus
from json import JSONEncoder
from typing import Any
from urllib.parse import quote
from uuid import uuid4

import pytest

from apiway import (
    ALBResolver,
    APIGatewayHttpResolver,
    APIGatewayRestResolver,
    CORSConfig,
    LambdaFunctionUrlResolver,
    Response,
    Router,
    content_types,
)
from apiway.cookies import Cookie
from apiway.exceptions import (
    BadRequestError,
    ForbiddenError,
    InternalServerError,
    NotFoundError,
    RequestEntityTooLargeError,
    RequestTimeoutError,
    ServiceError,
    ServiceUnavailableError,
    UnauthorizedError,
)
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware
from support.events import ALB, HTTP, REST, load_event
from support.responses import body_bytes, header, json_body, set_cookies
from support.validate import assert_valid_response

#: The body the documentation shows for ``GET /todos`` (the first ten todos, compact JSON).
DOCUMENTED_TODOS_BODY = (
    '{"todos":[{"userId":1,"id":1,"title":"delectus aut autem","completed":false},'
    '{"userId":1,"id":2,"title":"quis ut nam facilis et officia qui","completed":false},'
    '{"userId":1,"id":3,"title":"fugiat veniam minus","completed":false},'
    '{"userId":1,"id":4,"title":"et porro tempora","completed":true},'
    '{"userId":1,"id":5,"title":"laboriosam mollitia et enim quasi adipisci quia provident illum",'
    '"completed":false},'
    '{"userId":1,"id":6,"title":"qui ullam ratione quibusdam voluptatem quia omnis","completed":false},'
    '{"userId":1,"id":7,"title":"illo expedita consequatur quia in","completed":false},'
    '{"userId":1,"id":8,"title":"quo adipisci enim quam ut ab","completed":true},'
    '{"userId":1,"id":9,"title":"molestiae perspiciatis ipsa","completed":false},'
    '{"userId":1,"id":10,"title":"illo est ratione doloremque quia maiores aut","completed":true}]}'
)

#: Local stand-in for the examples' todo service: the documented ten, and more after them.
TODOS: list[dict[str, Any]] = [
    *json.loads(DOCUMENTED_TODOS_BODY)["todos"],
    *({"userId": 2, "id": i, "title": f"todo {i}", "completed": False} for i in range(11, 15)),
]


def fetch_todos() -> list[dict[str, Any]]:
    """What ``requests.get(".../todos").json()`` returns in the examples."""
    return [dict(todo) for todo in TODOS]


def fetch_todo(todo_id: str) -> dict[str, Any]:
    for todo in TODOS:
        if str(todo["id"]) == todo_id:
            return dict(todo)
    raise NotFoundError(f"todo {todo_id} not found")


@dataclass
class LambdaContext:
    function_name: str = "test"
    memory_limit_in_mb: int = 128
    invoked_function_arn: str = "arn:aws:lambda:eu-west-1:123456789012:function:test"
    aws_request_id: str = "da658bd3-2d6f-4e7b-8ec2-937234644fdc"


def rest(app: Any, event: dict[str, Any]) -> dict[str, Any]:
    response = app.resolve(event, LambdaContext())
    assert_valid_response("rest", response, event)
    return response


# -- Getting started -------------------------------------------------------------------------
def test_getting_started_rest_api() -> None:
    app = APIGatewayRestResolver()

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        todos = fetch_todos()
        # for brevity, we'll limit to the first 10 only
        return {"todos": todos[:10]}

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return app.resolve(event, context)

    event = REST.event("GET", "/todos")
    response = lambda_handler(event, LambdaContext())
    assert_valid_response("rest", response, event)
    assert response["statusCode"] == 200
    assert header(response, "Content-Type") == "application/json"
    assert response["body"] == DOCUMENTED_TODOS_BODY
    assert response["isBase64Encoded"] is False


@pytest.mark.parametrize(
    ("resolver", "source"),
    [(APIGatewayHttpResolver, HTTP), (ALBResolver, ALB)],
    ids=["http-api", "alb"],
)
def test_getting_started_http_api_and_alb(resolver: type, source: Any) -> None:
    app = resolver()

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        return {"todos": fetch_todos()[:10]}

    response = source.request(app, "GET", "/todos")
    assert response["statusCode"] == 200
    assert header(response, "Content-Type") == "application/json"
    assert response["body"] == DOCUMENTED_TODOS_BODY


# -- Dynamic routes ----------------------------------------------------------------------------
def test_dynamic_routes() -> None:
    app = APIGatewayRestResolver()

    @app.get("/todos/<todo_id>")
    def get_todo_by_id(todo_id: str) -> dict[str, Any]:  # value comes as str
        todo_id = quote(todo_id, safe="")
        return {"todos": fetch_todo(todo_id)}

    response = rest(app, {"resource": "/todos/{id}", "path": "/todos/1", "httpMethod": "GET"})
    assert response["statusCode"] == 200
    assert json_body(response) == {"todos": TODOS[0]}
    missing = rest(app, {"resource": "/todos/{id}", "path": "/todos/999", "httpMethod": "GET"})
    assert missing["statusCode"] == 404
    assert missing["body"] == '{"statusCode":404,"message":"todo 999 not found"}'


def test_nested_dynamic_routes() -> None:
    app = APIGatewayRestResolver()

    @app.get("/todos/<todo_id>/<todo_status>")
    def get_todo(todo_id: str, todo_status: str) -> dict[str, Any]:
        return {"id": todo_id, "status": todo_status}

    response = rest(app, REST.event("GET", "/todos/3/done"))
    assert json_body(response) == {"id": "3", "status": "done"}


def test_catch_all_routes() -> None:
    app = APIGatewayRestResolver()

    @app.get(".+")
    def catch_any_route_get_method() -> dict[str, Any]:
        return {"path_received": app.current_event.path}

    response = rest(app, {"resource": "/{proxy+}", "path": "/any/route/should/work", "httpMethod": "GET"})
    assert response["statusCode"] == 200
    assert response["body"] == '{"path_received":"/any/route/should/work"}'


# -- HTTP methods ----------------------------------------------------------------------------
def test_http_methods() -> None:
    app = APIGatewayRestResolver()
    created: list[dict[str, Any]] = []

    @app.post("/todos")
    def create_todo() -> dict[str, Any]:
        todo_data: dict[str, Any] = app.current_event.json_body  # deserialize json str to dict
        created.append(todo_data)
        return {"todo": {**todo_data, "id": 201}}

    event = {
        "resource": "/todos",
        "path": "/todos",
        "httpMethod": "POST",
        "body": '{"title": "foo", "userId": 1, "completed": false}',
    }
    response = rest(app, event)
    assert response["statusCode"] == 200
    assert response["body"] == '{"todo":{"title":"foo","userId":1,"completed":false,"id":201}}'
    assert created == [{"title": "foo", "userId": 1, "completed": False}]


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_multiple_http_methods(method: str) -> None:
    app = APIGatewayRestResolver()

    # PUT and POST HTTP requests to the path /todos will route to this function
    @app.route("/todos", method=["PUT", "POST"])
    def create_todo() -> dict[str, Any]:
        todo_data: dict[str, Any] = app.current_event.json_body
        return {"todo": todo_data, "method": app.current_event.http_method}

    response = rest(app, REST.event(method, "/todos", body='{"title": "bar"}'))
    assert json_body(response) == {"todo": {"title": "bar"}, "method": method}


# -- Accessing request details -----------------------------------------------------------------
def test_accessing_query_strings_and_payload() -> None:
    app = APIGatewayRestResolver()
    seen: dict[str, Any] = {}

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        todo_id: str = app.current_event.query_string_parameters["id"]
        # alternatively
        seen["id"] = app.current_event.query_string_parameters.get("id")
        seen["get_query_string_value"] = app.current_event.get_query_string_value(name="id", default_value="")
        # or multi-value query string parameters; ?category="red"&?category="blue"
        seen["category"] = app.current_event.multi_value_query_string_parameters["category"]
        # Payload
        seen["body"] = app.current_event.body  # raw str | None
        return {"todos": fetch_todo(todo_id) if todo_id else fetch_todos()}

    event = REST.event("GET", "/todos", query={"id": "2", "category": ["red", "blue"]})
    response = rest(app, event)
    assert json_body(response) == {"todos": TODOS[1]}
    assert seen == {
        "id": "2",
        "get_query_string_value": "2",
        "category": ["red", "blue"],
        "body": "Hello from Lambda!",
    }


def test_accessing_headers() -> None:
    app = APIGatewayRestResolver()

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        api_key = app.current_event.headers["X-Api-Key"]
        also = app.current_event.get_header_value(name="x-api-key", case_sensitive=False, default_value="")
        return {"api_key": api_key, "also": also}

    response = rest(app, REST.event("GET", "/todos", headers={"X-Api-Key": "abc"}))
    assert json_body(response) == {"api_key": "abc", "also": "abc"}


# -- Not found, exceptions, HTTP errors -------------------------------------------------------------
def test_handling_not_found_routes() -> None:
    app = APIGatewayRestResolver()
    logged: list[str] = []

    @app.not_found
    def handle_not_found_errors(exc: NotFoundError) -> Response:
        logged.append(f"Not found route: {app.current_event.path}")
        return Response(status_code=418, content_type=content_types.TEXT_PLAIN, body="I'm a teapot!")

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        return {"todos": fetch_todos()[:10]}

    response = rest(app, REST.event("GET", "/nowhere"))
    assert response["statusCode"] == 418
    assert response["body"] == "I'm a teapot!"
    assert header(response, "Content-Type") == "text/plain"
    assert logged == ["Not found route: /nowhere"]


def test_default_not_found() -> None:
    app = APIGatewayRestResolver()
    response = rest(app, REST.event("GET", "/nowhere"))
    assert response["statusCode"] == 404
    assert response["body"] == '{"statusCode":404,"message":"Not found"}'
    assert header(response, "Content-Type") == "application/json"


def test_exception_handling() -> None:
    app = APIGatewayRestResolver()
    logged: list[dict[str, Any]] = []

    @app.exception_handler(ValueError)
    def handle_invalid_limit_qs(ex: ValueError) -> Response:  # receives exception raised
        metadata = {
            "path": app.current_event.path,
            "query_strings": app.current_event.query_string_parameters,
        }
        logged.append({"error": str(ex), **metadata})
        return Response(
            status_code=400,
            content_type=content_types.TEXT_PLAIN,
            body="Invalid request parameters.",
        )

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        # we should receive a `ValueError` if a query string value for `limit` cannot be coerced to int
        max_results = int(app.current_event.query_string_parameters.get("limit", 0))
        return {"todos": fetch_todos()[:max_results]}

    ok = rest(app, REST.event("GET", "/todos", query={"limit": "2"}))
    assert json_body(ok) == {"todos": TODOS[:2]}
    response = rest(app, REST.event("GET", "/todos", query={"limit": "two"}))
    assert response["statusCode"] == 400
    assert response["body"] == "Invalid request parameters."
    assert header(response, "Content-Type") == "text/plain"
    assert logged == [
        {
            "error": "invalid literal for int() with base 10: 'two'",
            "path": "/todos",
            "query_strings": {"limit": "two"},
        }
    ]


def raising_http_errors_app() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver()

    @app.get(rule="/bad-request-error")
    def bad_request_error() -> None:
        raise BadRequestError("Missing required parameter")  # HTTP 400

    @app.get(rule="/unauthorized-error")
    def unauthorized_error() -> None:
        raise UnauthorizedError("Unauthorized")  # HTTP 401

    @app.get(rule="/forbidden-error")
    def forbidden_error() -> None:
        raise ForbiddenError("Access denied")  # HTTP 403

    @app.get(rule="/not-found-error")
    def not_found_error() -> None:
        raise NotFoundError  # HTTP 404

    @app.get(rule="/request-timeout-error")
    def request_timeout_error() -> None:
        raise RequestTimeoutError("Request timed out")  # HTTP 408

    @app.get(rule="/internal-server-error")
    def internal_server_error() -> None:
        raise InternalServerError("Internal server error")  # HTTP 500

    @app.get(rule="/request-entity-too-large-error")
    def request_entity_too_large_error() -> None:
        raise RequestEntityTooLargeError("Request payload too large")  # HTTP 413

    @app.get(rule="/service-error", cors=True)
    def service_error() -> None:
        raise ServiceError(502, "Something went wrong!")

    @app.get(rule="/service-unavailable-error")
    def service_unavailable_error() -> None:
        raise ServiceUnavailableError("Service is temporarily unavailable")  # HTTP 503

    return app


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/bad-request-error", 400, "Missing required parameter"),
        ("/unauthorized-error", 401, "Unauthorized"),
        ("/forbidden-error", 403, "Access denied"),
        ("/not-found-error", 404, "Not found"),
        ("/request-timeout-error", 408, "Request timed out"),
        ("/internal-server-error", 500, "Internal server error"),
        ("/request-entity-too-large-error", 413, "Request payload too large"),
        ("/service-error", 502, "Something went wrong!"),
        ("/service-unavailable-error", 503, "Service is temporarily unavailable"),
    ],
)
def test_raising_http_errors(path: str, status: int, message: str) -> None:
    response = rest(raising_http_errors_app(), REST.event("GET", path))
    assert response["statusCode"] == status
    assert response["body"] == json.dumps({"statusCode": status, "message": message}, separators=(",", ":"))
    assert header(response, "Content-Type") == "application/json"


def test_service_error_route_with_cors() -> None:
    response = rest(raising_http_errors_app(), REST.event("GET", "/service-error"))
    # the sample event carries Origin: https://aws.amazon.com; cors=True allows any origin
    assert header(response, "Access-Control-Allow-Origin") == "*"


# -- Custom domain API mappings ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/payment/subscriptions/123", {"subscription_id": "123"}),
        ("/subscriptions/123", {"subscription_id": "123"}),
    ],
)
def test_custom_domain_api_mappings(path: str, expected: dict[str, str]) -> None:
    app = APIGatewayRestResolver(strip_prefixes=["/payment"])

    @app.get("/subscriptions/<subscription>")
    def get_subscription(subscription: str) -> dict[str, str]:
        return {"subscription_id": subscription}

    response = rest(app, {"resource": "/subscriptions/{subscription}", "path": path, "httpMethod": "GET"})
    assert response["statusCode"] == 200
    assert json_body(response) == expected


@pytest.mark.parametrize("path", ["/pay", "/pay/"])
def test_stripped_prefix_maps_to_root(path: str) -> None:
    app = APIGatewayRestResolver(strip_prefixes=["/pay"])

    @app.get("/")
    def root() -> dict[str, str]:
        return {"path": "/"}

    assert json_body(rest(app, {"path": path, "httpMethod": "GET"})) == {"path": "/"}


# -- CORS ------------------------------------------------------------------------------------------
def cors_example_app() -> APIGatewayRestResolver:
    cors_config = CORSConfig(allow_origin="https://example.com", max_age=300)
    app = APIGatewayRestResolver(cors=cors_config)

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        return {"todos": fetch_todos()[:10]}

    @app.get("/todos/<todo_id>")
    def get_todo_by_id(todo_id: str) -> dict[str, Any]:  # value comes as str
        return {"todos": fetch_todo(todo_id)}

    @app.get("/healthcheck", cors=False)  # optionally removes CORS for a given route
    def am_i_alive() -> dict[str, str]:
        return {"am_i_alive": "yes"}

    return app


def test_cors() -> None:
    event = REST.event("GET", "/todos", headers={"Origin": "https://example.com"})
    response = rest(cors_example_app(), event)
    assert response["statusCode"] == 200
    assert header(response, "Content-Type") == "application/json"
    assert header(response, "Access-Control-Allow-Origin") == "https://example.com"
    assert (
        header(response, "Access-Control-Allow-Headers")
        == "Authorization,Content-Type,X-Amz-Date,X-Amz-Security-Token,X-Api-Key"
    )
    assert response["body"] == DOCUMENTED_TODOS_BODY


def test_cors_disabled_per_route() -> None:
    event = REST.event("GET", "/healthcheck", headers={"Origin": "https://example.com"})
    response = rest(cors_example_app(), event)
    assert json_body(response) == {"am_i_alive": "yes"}
    assert header(response, "Access-Control-Allow-Origin") is None


def test_cors_preflight_is_handled_for_you() -> None:
    event = REST.event(
        "OPTIONS",
        "/todos/1",
        headers={"Origin": "https://example.com", "Access-Control-Request-Method": "GET"},
    )
    response = rest(cors_example_app(), event)
    assert response["statusCode"] == 204
    assert header(response, "Access-Control-Allow-Origin") == "https://example.com"
    assert header(response, "Access-Control-Max-Age") == "300"
    assert "GET" in (header(response, "Access-Control-Allow-Methods") or "")


def test_cors_defaults() -> None:
    config = CORSConfig()
    assert config.allowed_origin("https://anyone.example") == "*"
    assert config.allow_headers == {
        "Authorization",
        "Content-Type",
        "X-Amz-Date",
        "X-Api-Key",
        "X-Amz-Security-Token",
    }
    assert config.expose_headers == []
    assert config.max_age is None
    assert config.allow_credentials is False


# -- Fine grained responses ----------------------------------------------------------------------
def test_fine_grained_responses() -> None:
    app = APIGatewayRestResolver()
    transaction_ids: list[str] = []

    @app.get("/todos")
    def get_todos() -> Response:
        custom_headers = {"X-Transaction-Id": [f"{uuid4()}"]}
        transaction_ids.extend(custom_headers["X-Transaction-Id"])
        return Response(
            status_code=HTTPStatus.OK.value,  # 200
            content_type=content_types.APPLICATION_JSON,
            body=fetch_todos()[:10],
            headers=custom_headers,
            cookies=[Cookie(name="session_id", value="12345")],
        )

    response = rest(app, REST.event("GET", "/todos"))
    assert response["statusCode"] == 200
    assert header(response, "Content-Type") == "application/json"
    assert header(response, "X-Transaction-Id") == transaction_ids[0]
    assert set_cookies(response) == ["session_id=12345; Secure"]
    assert response["body"] == json.dumps(TODOS[:10], separators=(",", ":"))


# -- Compress ----------------------------------------------------------------------------------
#: The compressed body the documentation shows for the compress example.
DOCUMENTED_COMPRESSED_BODY = (
    "H4sIAAAAAAACE42STU4DMQyFrxJl3QXln96AMyAW7sSDLCVxiJ0Kqerd8TCCUOgii1EmP/783pOPXjmw+N3L0TfB+hz8brvxtC5KGtHvfMCI"
    "kzZx0HT5MPmNnziViIr2dIYoeNr8Q1x3xHsjcVadIbkZJoq2RXU8zzQROLseQ9505NzeCNQdMJNBE+UmY4zbzjAJhWtlZ57sB84BWtul+rte"
    "H2HPlVgWARwjqXkxpklK5gmEHAQqJBMtFsGVygcKmNVRjG0wxvuzGF2L0dpVUOKMC3bfJNjJgWMrCuZk7cUp02AiD72D6WKHHwUDKbiJs6AZ"
    "0VZXKOUx4uNvzdxT+E4mLcMA+6G8nzrLQkaxkNEVrFKW2VGbJCoCY7q2V3+tiv5kGThyxfTecDWbgGz/NfYXhL6ePgF9PnFdPgMAAA=="
)


def compress_example_app() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver()

    @app.get("/todos", compress=True)
    def get_todos() -> dict[str, Any]:
        # for brevity, we'll limit to the first 10 only
        return {"todos": fetch_todos()[:10]}

    return app


def test_compress() -> None:
    event = {
        "headers": {"Accept-Encoding": "gzip"},
        "resource": "/todos",
        "path": "/todos",
        "httpMethod": "GET",
    }
    response = rest(compress_example_app(), event)
    assert response["statusCode"] == 200
    assert response["isBase64Encoded"] is True
    assert header(response, "Content-Type") == "application/json"
    assert header(response, "Content-Encoding") == "gzip"
    # gzip output differs by header bytes between implementations; the content may not
    decompressed = gzip.decompress(base64.b64decode(response["body"])).decode()
    documented = gzip.decompress(base64.b64decode(DOCUMENTED_COMPRESSED_BODY)).decode()
    assert decompressed == documented == DOCUMENTED_TODOS_BODY


def test_compress_needs_accept_encoding() -> None:
    response = rest(compress_example_app(), {"resource": "/todos", "path": "/todos", "httpMethod": "GET"})
    assert response["isBase64Encoded"] is False
    assert header(response, "Content-Encoding") is None
    assert response["body"] == DOCUMENTED_TODOS_BODY


# -- Binary responses -----------------------------------------------------------------------------
LOGO_SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg width="64" height="64" viewBox="0 0 64 64" xmlns="http://www.w3.org/2000/svg">\n'
    b"  <title>apiway</title>\n"
    b'  <rect fill="#FF9900" x="0" y="0" width="64" height="64"/>\n'
    b'  <path d="M12 52 L32 12 L52 52 Z" fill="#FFFFFF"/>\n'
    b"</svg>\n"
) * 4


def binary_example_app() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver()
    logo_file: bytes = LOGO_SVG

    @app.get("/logo")
    def get_logo() -> Response:
        return Response(status_code=200, content_type="image/svg+xml", body=logo_file)

    @app.get("/logo-compressed", compress=True)
    def get_compressed_logo() -> Response:
        return Response(status_code=200, content_type="image/svg+xml", body=logo_file)

    return app


def test_binary_responses() -> None:
    event = {
        "headers": {"Accept": "image/svg+xml"},
        "resource": "/logo",
        "path": "/logo",
        "httpMethod": "GET",
    }
    response = rest(binary_example_app(), event)
    assert response["statusCode"] == 200
    assert response["isBase64Encoded"] is True
    assert header(response, "Content-Type") == "image/svg+xml"
    assert response["body"] == base64.b64encode(LOGO_SVG).decode()


def test_binary_responses_with_compress() -> None:
    event = {
        "headers": {"Accept": "image/svg+xml", "Accept-Encoding": "gzip"},
        "path": "/logo-compressed",
        "httpMethod": "GET",
    }
    response = rest(binary_example_app(), event)
    assert response["isBase64Encoded"] is True
    assert header(response, "Content-Encoding") == "gzip"
    assert body_bytes(response) == LOGO_SVG


# -- Debug mode ------------------------------------------------------------------------------------
def test_debug_mode(caplog: pytest.LogCaptureFixture) -> None:
    app = APIGatewayRestResolver(debug=True)

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        return {"todos": fetch_todos()[:10]}

    @app.get("/broken")
    def broken() -> dict[str, Any]:
        return {"todos": fetch_todos()[100]}

    with caplog.at_level("DEBUG"):
        ok = rest(app, REST.event("GET", "/todos"))
        failed = rest(app, REST.event("GET", "/broken"))
    assert ok["body"] == DOCUMENTED_TODOS_BODY
    assert failed["statusCode"] == 500
    assert "IndexError: list index out of range" in failed["body"]
    assert "Traceback" in failed["body"]
    assert any("/todos" in record.getMessage() for record in caplog.records), "requests are logged"


# -- Custom serializer ----------------------------------------------------------------------------
@dataclass
class Todo:
    userId: str
    id: str
    title: str
    completed: bool


class DataclassCustomEncoder(JSONEncoder):
    """A JSON encoder that also serializes dataclasses."""

    def default(self, obj: Any) -> Any:
        # only called for values that are not JSON serializable
        return asdict(obj) if is_dataclass(obj) and not isinstance(obj, type) else super().default(obj)


def custom_serializer(obj: Any) -> str:
    """The custom serializer the resolver uses."""
    return json.dumps(obj, separators=(",", ":"), cls=DataclassCustomEncoder)


def test_custom_serializer() -> None:
    app = APIGatewayRestResolver(serializer=custom_serializer)

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        todos = [Todo(**todo) for todo in fetch_todos()]
        # for brevity, we'll limit to the first 10 only
        return {"todos": todos[:10]}

    response = rest(app, REST.event("GET", "/todos"))
    assert response["body"] == DOCUMENTED_TODOS_BODY


# -- Split routes with Router ----------------------------------------------------------------
def todos_module_router(prefixed: bool) -> Router:
    """``todos.py`` of the documentation, with or without the ``/todos`` part in its rules."""
    router = Router()
    base = "" if prefixed else "/todos"

    @router.get(base or "/")
    def get_todos() -> dict[str, Any]:
        api_key = router.current_event.headers["X-Api-Key"]
        assert api_key == "key-1"
        # for brevity, we'll limit to the first 10 only
        return {"todos": fetch_todos()[:10]}

    @router.get(f"{base}/<todo_id>")
    def get_todo_by_id(todo_id: str) -> dict[str, Any]:  # value comes as str
        api_key = router.current_event.headers["X-Api-Key"]
        assert api_key == "key-1"
        return {"todos": fetch_todo(todo_id)}

    return router


@pytest.mark.parametrize("prefixed", [False, True], ids=["split-route", "route-prefix"])
def test_split_routes_with_router(prefixed: bool) -> None:
    app = APIGatewayRestResolver()
    if prefixed:
        # prefix '/todos' to any route in the router
        app.include_router(todos_module_router(prefixed=True), prefix="/todos")
    else:
        app.include_router(todos_module_router(prefixed=False))

    headers = {"X-Api-Key": "key-1"}
    listing = rest(app, REST.event("GET", "/todos", headers=headers))
    assert listing["body"] == DOCUMENTED_TODOS_BODY
    one = rest(app, REST.event("GET", "/todos/3", headers=headers))
    assert json_body(one) == {"todos": TODOS[2]}


# -- Middlewares (the migration path for Powertools middleware code) ---------------------------
class CorrelationIdMiddleware(BaseMiddlewareHandler):
    def __init__(self, header: str):
        super().__init__()
        self.header = header

    def handler(self, app: Any, next_middleware: NextMiddleware) -> Response:
        request_id = app.current_event.request_context.request_id
        correlation_id = app.current_event.headers.get(self.header, request_id)
        response = next_middleware(app)
        response.headers[self.header] = correlation_id
        return response


def test_middlewares() -> None:
    app = APIGatewayRestResolver()

    def inject_correlation_id(app: Any, next_middleware: NextMiddleware) -> Response:
        app.append_context(correlation_id=app.current_event.request_context.request_id)
        return next_middleware(app)

    app.use(middlewares=[inject_correlation_id])

    @app.get("/todos", middlewares=[CorrelationIdMiddleware(header="x-correlation-id")])
    def get_todos() -> dict[str, Any]:
        return {"correlation_id": app.context.get("correlation_id")}

    response = rest(app, REST.event("GET", "/todos"))
    assert json_body(response) == {"correlation_id": "id="}
    assert header(response, "x-correlation-id") == "id="


# -- Testing your code ---------------------------------------------------------------------------
def test_testing_with_a_minimal_proxy_event() -> None:
    app = APIGatewayHttpResolver()

    @app.get("/todos")
    def get_todos() -> dict[str, Any]:
        assert app.lambda_context.function_name == "test"
        return {"todos": fetch_todos()[:10]}

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return app.resolve(event, context)

    minimal_event = {
        "rawPath": "/todos",
        "requestContext": {
            "http": {
                "method": "GET",
            },
            "stage": "$default",
        },
    }
    ret = lambda_handler(minimal_event, LambdaContext())
    assert_valid_response("http", ret, minimal_event)
    assert ret["statusCode"] == 200
    assert ret["body"] != ""


@pytest.mark.parametrize(
    ("resolver", "sample", "kind"),
    [
        (APIGatewayRestResolver, "apiGatewayProxyEvent.json", "rest"),
        (APIGatewayHttpResolver, "apiGatewayProxyV2Event.json", "http"),
        (ALBResolver, "albEvent.json", "alb"),
        (LambdaFunctionUrlResolver, "lambdaFunctionUrlEvent.json", "function_url"),
    ],
)
def test_resolver_is_callable_like_a_handler(resolver: type, sample: str, kind: str) -> None:
    app = resolver()

    @app.route(".+", method=["GET", "POST"])
    def anything() -> dict[str, bool]:
        return {"ok": True}

    event = load_event(sample)
    response = app(event, LambdaContext())
    assert_valid_response(kind, response, event)
    assert response["body"] == '{"ok":true}'

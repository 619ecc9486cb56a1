"""The hand-written baseline: what a user writes without a framework.

A dict lookup on (method, path), the one path parameter cut off the end of the path, and
``json.dumps``. One handler per deployment (REST API, REST API with CORS, HTTP API, ALB,
VPC Lattice with either event version), each answering in its integration's response format.
No validation, no 405s, no HEAD: it is the floor a framework's overhead is measured against.
"""

import base64
import gzip
import json

ALLOWED_ORIGIN = "https://aws.amazon.com"
GZIP_LEVEL = 5  # set to apiway's level by the benchmark, so both compress alike

BIG = {"todos": []}  # replaced by the benchmark's 10 KB document
VALIDATE = None  # set by the benchmark: the body's schema compiled by fastjsonschema


def hello(event, param):
    return 200, {"message": "hello"}


def get_todo(event, todo_id):
    return 200, {"id": todo_id}


def create_todo(event, param):
    todo = json.loads(event["body"])
    return 201, {"id": "1", **todo}


def create_validated_todo(event, param):
    todo = json.loads(event["body"])
    try:
        VALIDATE(todo)
    except ValueError as error:  # fastjsonschema's JsonSchemaValueException
        return 400, {"statusCode": 400, "message": str(error)}
    return 201, {"id": "1", **todo}


def big_list(event, param):
    return 200, BIG


ROUTES = {
    ("GET", "/hello"): hello,
    ("GET", "/my/path"): hello,
    ("POST", "/todos"): create_todo,
    ("GET", "/big"): big_list,
}
# Routes ending in one path parameter, keyed by the path before it: /todos/{todo_id}.
PARAM_ROUTES = {
    ("GET", "/todos"): get_todo,
}
# The REST API whose POST /todos validates its body against a JSON Schema.
VALIDATED_ROUTES = {**ROUTES, ("POST", "/todos"): create_validated_todo}
COMPRESSED = {"/big"}
STATUS_TEXT = {200: "OK", 201: "Created", 404: "Not Found"}


def call_route(method, path, event, routes=ROUTES):
    route = routes.get((method, path))
    if route is not None:
        return route(event, None)
    parent, _, last = path.rpartition("/")
    route = PARAM_ROUTES.get((method, parent))
    if route is not None and last:
        return route(event, last)
    return 404, {"statusCode": 404, "message": "Not found"}


def rest_handler(event, context, routes=ROUTES):
    path = event["path"]
    status, body = call_route(event["httpMethod"], path, event, routes)
    headers = {"Content-Type": "application/json"}
    text = json.dumps(body)
    if path in COMPRESSED and "gzip" in (event["headers"] or {}).get("Accept-Encoding", ""):
        zipped = gzip.compress(text.encode(), compresslevel=GZIP_LEVEL)
        headers["Content-Encoding"] = "gzip"
        return {
            "statusCode": status,
            "headers": headers,
            "body": base64.b64encode(zipped).decode(),
            "isBase64Encoded": True,
        }
    return {"statusCode": status, "headers": headers, "body": text}


def schema_handler(event, context):
    return rest_handler(event, context, VALIDATED_ROUTES)


def cors_handler(event, context):
    response = rest_handler(event, context)
    if (event["headers"] or {}).get("Origin") == ALLOWED_ORIGIN:
        response["headers"]["Access-Control-Allow-Origin"] = ALLOWED_ORIGIN
    return response


def http_handler(event, context):
    method = event["requestContext"]["http"]["method"]
    status, body = call_route(method, event["rawPath"], event)
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def alb_handler(event, context):
    status, body = call_route(event["httpMethod"], event["path"], event)
    return {
        "statusCode": status,
        "statusDescription": f"{status} {STATUS_TEXT[status]}",
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body),
        "isBase64Encoded": False,
    }


def lattice_handler(event, context):
    status, body = call_route(event["method"], event["raw_path"].partition("?")[0], event)
    return {
        "statusCode": status,
        "statusDescription": f"{status} {STATUS_TEXT[status]}",
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body),
        "isBase64Encoded": False,
    }


def lattice_v2_handler(event, context):
    status, body = call_route(event["method"], event["path"].partition("?")[0], event)
    return {
        "statusCode": status,
        "statusDescription": f"{status} {STATUS_TEXT[status]}",
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body),
        "isBase64Encoded": False,
    }

"""``apiway invoke APP --event FILE``: the proxy response on stdout, and the exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import EXAMPLE, Apiway, apiway_process, load_json

APP = str(EXAMPLE / "app.py")
CASES = sorted(path.name.removesuffix(".event.json") for path in EXAMPLE.glob("*.event.json"))


@pytest.mark.parametrize("case", CASES)
def test_each_stored_event_gives_the_stored_response(apiway: Apiway, case: str) -> None:
    result = apiway("invoke", APP, "--event", str(EXAMPLE / f"{case}.event.json"))
    stored = json.loads((EXAMPLE / f"{case}.response.json").read_text())
    assert load_json(result.out) == stored
    assert result.status == (1 if stored["statusCode"] >= 500 else 0)


def test_stdin_output_streams_and_compact() -> None:
    event = (EXAMPLE / "create_todo.event.json").read_text()
    result = apiway_process("invoke", APP, "--event", "-", "--compact", stdin=event)
    assert result.status == 0, result.err
    assert result.out.count("\n") == 1  # the response alone, on one line
    assert load_json(result.out)["statusCode"] == 201
    assert "audit: POST /todos" in result.err  # what the app prints goes to stderr


def test_a_crash_exits_1_with_the_traceback_on_stderr() -> None:
    result = apiway_process("invoke", APP, "--event", str(EXAMPLE / "crash.event.json"))
    assert result.status == 1
    assert load_json(result.out)["statusCode"] == 500
    assert "ZeroDivisionError: division by zero" in result.err


def test_debug_puts_the_traceback_in_the_response_and_logs_on_stderr() -> None:
    result = apiway_process("invoke", APP, "--event", str(EXAMPLE / "crash.event.json"), "--debug")
    assert result.status == 1
    response = load_json(result.out)  # stdout holds the response only
    assert response["headers"]["Content-Type"] == "text/plain"
    assert "ZeroDivisionError" in response["body"]
    assert "apiway request GET /crash route_path=/crash" in result.err  # the debug log lines


def test_debug_is_for_this_command_only(apiway: Apiway) -> None:
    import os

    result = apiway("invoke", APP, "--event", str(EXAMPLE / "crash.event.json"), "--debug")
    assert "ZeroDivisionError" in load_json(result.out)["body"]
    assert "APIWAY_DEBUG" not in os.environ
    result = apiway("invoke", APP, "--event", str(EXAMPLE / "crash.event.json"))
    assert "ZeroDivisionError" not in load_json(result.out)["body"]


HANDLERS = """
from apiway import APIGatewayRestResolver

app = APIGatewayRestResolver()


@app.get("/hello")
def hello():
    return {"hello": "world"}


def lambda_handler(event, context):
    return app.resolve(event, context)


def raises(event, context):
    raise RuntimeError("boom")


def malformed(event, context):
    return {"statusCode": 200, "body": {"not": "a string"}}


def not_json(event, context):
    return {"statusCode": 200, "body": object()}


def plain(event, context):
    return {"request": context.aws_request_id}
"""


@pytest.fixture
def handlers(isolated: Path) -> Path:
    from apiway.local.events import build_event

    (isolated / "handlers.py").write_text(HANDLERS)
    rest = build_event("rest", "GET", "/hello", request_id="rest-request")
    (isolated / "rest.json").write_text(json.dumps(rest))
    (isolated / "http.json").write_text(
        json.dumps(build_event("http", "GET", "/hello", request_id="http-request"))
    )
    return isolated


@pytest.mark.usefixtures("handlers")
def test_a_handler_function_and_the_context(apiway: Apiway) -> None:
    ok = apiway("invoke", "handlers.py", "--event", "rest.json")
    assert (ok.status, load_json(ok.out)["body"]) == (0, '{"hello":"world"}')
    # an HTTP API takes any JSON result as a 200 body; the context carries the event's request id
    plain = apiway("invoke", "handlers.py:plain", "--event", "http.json", "--source", "http")
    assert (plain.status, load_json(plain.out)) == (0, {"request": "http-request"})


@pytest.mark.usefixtures("handlers")
@pytest.mark.parametrize(
    ("args", "status", "line"),
    [
        (
            ["handlers.py", "--event", "http.json"],
            2,
            "apiway invoke: error: handlers.py:lambda_handler refused the event: not a valid API Gateway "
            "REST API (payload 1.0) event: field 'httpMethod' is missing; hint: it reads API Gateway REST "
            "API (payload 1.0) events; build one with 'apiway event rest GET /path'",
        ),
        (
            ["handlers.py:app", "--event", "rest.json", "--source", "http"],
            2,
            "apiway invoke: error: APIGatewayRestResolver reads rest events, not 'http'; pick the resolver "
            "class for 'http' or leave the source unset; hint: see 'apiway invoke --help'",
        ),
        (
            ["handlers.py:raises", "--event", "rest.json"],
            1,
            "apiway invoke: error: the handler raised RuntimeError: boom; hint: the traceback is above; "
            "API Gateway would answer 502",
        ),
        (
            ["handlers.py:malformed", "--event", "rest.json"],
            1,
            "apiway invoke: error: malformed Lambda proxy response: 'body' must be a string, not dict; "
            "hint: the rest platform would answer 502 instead",
        ),
        (
            ["handlers.py:not_json", "--event", "rest.json"],
            1,
            "apiway invoke: error: the handler's result is not JSON: Object of type object is not JSON "
            "serializable; hint: Lambda could not send it; return a proxy response (a dict of strings "
            "and numbers)",
        ),
    ],
)
def test_failures_and_refusals(apiway: Apiway, args: list[str], status: int, line: str) -> None:
    result = apiway("invoke", *args)
    assert result.status == status
    assert result.err.splitlines()[-1] == line  # after the traceback, if any


@pytest.mark.usefixtures("handlers")
def test_a_malformed_response_is_still_printed(apiway: Apiway) -> None:
    result = apiway("invoke", "handlers.py:malformed", "--event", "rest.json")
    assert load_json(result.out) == {"statusCode": 200, "body": {"not": "a string"}}


@pytest.mark.usefixtures("handlers")
@pytest.mark.parametrize(
    ("event", "stdin", "message"),
    [
        ("missing.json", None, "--event missing.json: No such file or directory"),
        ("bad.json", None, "--event bad.json: not JSON: Expecting value: line 1 column 1 (char 0)"),
        ("list.json", None, "--event list.json: a Lambda event is a JSON object, not list"),
        ("-", "", "--event stdin: not JSON: Expecting value: line 1 column 1 (char 0)"),
    ],
)
def test_bad_events(apiway: Apiway, handlers: Path, event: str, stdin: str | None, message: str) -> None:
    (handlers / "bad.json").write_text("nope")
    (handlers / "list.json").write_text("[]")
    result = apiway("invoke", "handlers.py", "--event", event, stdin=stdin)
    assert result.status == 2
    assert result.error_line == (
        f"apiway invoke: error: {message}; hint: save one with 'apiway event rest GET /path > event.json', "
        "or pass - to read stdin"
    )

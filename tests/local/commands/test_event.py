"""``apiway event SOURCE METHOD PATH``: the event the shared builder makes, from the shell."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from apiway.local import events
from apiway.local.events import SOURCES, build_event

from .conftest import EXAMPLE, Apiway, apiway_process, load_json

# Values that differ between two events built for the same request.
VOLATILE = ("requestId", "extendedRequestId", "requestTime", "requestTimeEpoch", "time", "timeEpoch")


def steady(event: dict[str, Any]) -> dict[str, Any]:
    context = {k: v for k, v in event.get("requestContext", {}).items() if k not in VOLATILE}
    return {**event, "requestContext": context}


@pytest.mark.parametrize("source", SOURCES)
def test_the_event_is_the_builders(apiway: Apiway, source: str) -> None:
    result = apiway(
        "event", source, "post", "/todos/a%20b?tag=x&tag=y",
        "--header", "X-Trace: 1", "--header", "x-trace: 2", "--header", "Cookie: a=1; b=2",
        "--query", "q=hello world&more", "--json", '{"title": "t"}',
    )  # fmt: skip
    assert result.status == 0, result.err
    expected = build_event(
        source,
        "POST",
        "/todos/a%20b",
        "tag=x&tag=y&q=hello%20world%26more",
        [("X-Trace", "1"), ("x-trace", "2"), ("Cookie", "a=1; b=2"), ("Content-Type", "application/json")],
        b'{"title": "t"}',
    )
    assert steady(load_json(result.out)) == steady(expected)


def test_paths_and_queries_are_encoded_once(apiway: Apiway) -> None:
    event = load_json(apiway("event", "rest", "GET", "/files/my file.txt?q=a b", "--query", "x=1/2").out)
    assert event["path"] == "/files/my%20file.txt"
    assert event["pathParameters"] == {"proxy": "files/my file.txt"}
    assert event["multiValueQueryStringParameters"] == {"q": ["a b"], "x": ["1/2"]}
    http = load_json(apiway("event", "http", "GET", "/caf%C3%A9", "--query", "flag").out)
    assert (http["rawPath"], http["rawQueryString"]) == ("/café", "flag")


def test_bodies_stages_and_compact(apiway: Apiway, isolated: Path) -> None:
    (isolated / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00binary")
    text = load_json(apiway("event", "http", "POST", "/notes", "--body", "plain text").out)
    assert (text["body"], text["isBase64Encoded"]) == ("plain text", False)
    binary = load_json(
        apiway(
            "event", "rest", "PUT", "/logo", "--body", "@logo.png", "--header", "Content-Type: image/png"
        ).out
    )
    assert binary["isBase64Encoded"] is True
    assert base64.b64decode(binary["body"]) == b"\x89PNG\r\n\x1a\n\x00binary"
    piped = load_json(apiway("event", "function-url", "POST", "/", "--body", "@-", stdin="from stdin").out)
    assert piped["body"] == "from stdin"
    staged = load_json(apiway("event", "http", "GET", "/todos", "--stage", "v1").out)
    assert (staged["rawPath"], staged["requestContext"]["stage"]) == ("/v1/todos", "v1")
    compact = apiway("event", "alb-multi", "GET", "/", "--compact").out
    assert compact.count("\n") == 1 and load_json(compact)["multiValueHeaders"] == {}


def test_a_saved_event_invokes_the_app() -> None:
    """The shell round trip the README shows: build an event, pipe it to invoke."""
    event = apiway_process("event", "http", "GET", "/todos/1")
    assert event.status == 0, event.err
    response = apiway_process("invoke", str(EXAMPLE / "app.py"), "--event", "-", stdin=event.out)
    assert response.status == 0, response.err
    assert load_json(load_json(response.out)["body"]) == {
        "id": "1",
        "title": "list the routes",
        "completed": True,
    }


def test_new_sources_come_from_the_builders_table(apiway: Apiway, monkeypatch: pytest.MonkeyPatch) -> None:
    def lattice(request: Any) -> dict[str, Any]:
        return {"method": request.method, "raw_path": request.path}

    monkeypatch.setattr(events, "SOURCES", (*SOURCES, "lattice"))
    monkeypatch.setitem(events._BUILDERS, "lattice", lattice)
    result = apiway("event", "lattice", "GET", "/todos")
    assert (result.status, load_json(result.out)) == (0, {"method": "GET", "raw_path": "/todos"})


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["rest", "G=T", "/"], "invalid method 'G=T'; hint: an HTTP method such as GET, POST or DELETE"),
        (
            ["rest", "GET", "todos"],
            "invalid path 'todos': it must start with '/'; hint: e.g. /todos/1?done=true",
        ),
        (
            ["rest", "GET", "/", "--header", "NoColon"],
            "invalid --header 'NoColon'; hint: write --header 'Name: value'",
        ),
        (
            ["rest", "GET", "/", "--header", "Bad Name: x"],
            "invalid --header 'Bad Name: x'; hint: write --header 'Name: value'",
        ),
        (
            ["rest", "GET", "/", "--query", "=x"],
            "invalid --query '=x': no name; hint: write --query NAME=VALUE",
        ),
        (
            ["rest", "POST", "/", "--json", "{oops}"],
            "--json is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 "
            "(char 1); hint: quote it for the shell: --json '{\"a\": 1}'",
        ),
        (
            ["alb", "GET", "/", "--stage", "v1"],
            "the alb source has no stages; leave the stage unset; hint: --stage is for rest and http events",
        ),
        (
            ["rest", "POST", "/", "--body", "@missing.bin"],
            "--body @missing.bin: No such file or directory; "
            "hint: write --body @path/to/file, or @- for stdin",
        ),
        (
            ["rest", "POST", "/", "--body", "x", "--json", "{}"],
            "argument --json: not allowed with argument --body; hint: see 'apiway event --help'",
        ),
    ],
)
def test_bad_arguments(apiway: Apiway, args: list[str], line: str) -> None:
    result = apiway("event", *args)
    assert (result.status, result.out) == (2, "")
    assert result.error_line == f"apiway event: error: {line}"


def test_an_unknown_source_lists_the_known_ones(apiway: Apiway) -> None:
    line = apiway("event", "sqs", "GET", "/").error_line
    assert line.startswith("apiway event: error: argument SOURCE: invalid choice: 'sqs' (choose from ")
    assert all(source in line for source in SOURCES)
    assert line.endswith("; hint: see 'apiway event --help'")

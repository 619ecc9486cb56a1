"""Default stages that wait for their first work (``apiway.stages.Deferred``).

A built chain holds stand-ins for the binary, compression and exception stages; each loads
its stage's module, sets the stage up and swaps it into the chain the first time a response
has a bytes body, asks for gzip, or an exception is raised. Until then the module is never
imported (checked in a fresh interpreter); whatever the order, the answers are the ones the
stages give, and introspection always shows the stages themselves.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, CORSConfig, Response
from apiway.exceptions import NotFoundError
from apiway.stages import Deferred
from apiway.stages.binary import BinaryStage
from apiway.stages.compression import CompressionStage
from apiway.stages.exceptions import ExceptionStage
from apiway.testing import TestClient

STAGE_MODULES = ("apiway.stages.binary", "apiway.stages.compression", "apiway.stages.exceptions")

PROBE = """
import json, sys
from apiway import APIGatewayRestResolver, Response

app = APIGatewayRestResolver()

@app.get("/text")
def text():
    return {"message": "hello"}

@app.get("/bytes")
def raw():
    return Response(200, "application/octet-stream", b"\\x00\\x01")

@app.get("/big", compress=True)
def big():
    return {"data": "x" * 2000}

@app.get("/boom")
def boom():
    raise ValueError("boom")

def event(path, headers=None):
    return {"httpMethod": "GET", "path": path, "headers": headers or {}, "requestContext": {}}

MODULES = %r
def loaded():
    return [name for name in MODULES if name in sys.modules]

steps = []
GZIP = {"Accept-Encoding": "gzip"}
for path, headers in [("/text", None), ("/bytes", None), ("/big", GZIP), ("/boom", None)]:
    response = app.resolve(event(path, headers), None)
    steps.append([path, response["statusCode"], response["isBase64Encoded"], loaded()])
print(json.dumps(steps))
"""


def test_each_stage_module_loads_with_its_first_work() -> None:
    code = textwrap.dedent(PROBE % (STAGE_MODULES,))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    steps = json.loads(done.stdout)
    assert steps == [
        ["/text", 200, False, []],
        ["/bytes", 200, True, ["apiway.stages.binary"]],
        ["/big", 200, True, ["apiway.stages.binary", "apiway.stages.compression"]],
        ["/boom", 500, False, list(STAGE_MODULES)],
    ]


def make_app(kind: str = "plain") -> APIGatewayRestResolver:
    """Routes that give each stand-in its work; ``kind`` adds CORS (``cors``) or a
    ``cache_control`` route (``cache_control``), whose chains link the hooks differently."""
    app = APIGatewayRestResolver(
        cors=CORSConfig(allow_origin="https://app.example") if kind == "cors" else None
    )
    if kind == "cache_control":
        app.get("/cached", cache_control="max-age=60")(dict)

    @app.get("/text")
    def text() -> dict[str, Any]:
        return {"message": "hello"}

    @app.get("/bytes")
    def raw() -> Response[bytes]:
        return Response(200, "application/octet-stream", b"\x00\x01")

    @app.get("/big", compress=True)
    def big() -> dict[str, Any]:
        return {"data": "x" * 2000}

    @app.get("/missing")
    def missing() -> None:
        raise NotFoundError("no such thing")

    return app


def test_the_built_chain_holds_stand_ins_until_the_work_comes() -> None:
    app = make_app()
    client = TestClient(app)
    assert client.get("/text").status_code == 200
    live = app.pipeline.chain.live
    assert live is not None
    stand_ins = {stage.name: type(stage).__name__ for stage in live if isinstance(stage, Deferred)}
    assert stand_ins == {
        "binary": "DeferredBinary",
        "compression": "DeferredCompression",
        "exceptions": "DeferredErrors",
    }
    answer = client.get("/missing")  # a ServiceError: the exception stage's answer
    assert (answer.status_code, answer.json()) == (404, {"statusCode": 404, "message": "no such thing"})
    kinds = {stage.name: type(stage) for stage in app.pipeline.chain.live or ()}
    assert kinds["exceptions"] is ExceptionStage
    entries = {stage.name: stage for stage in app.pipeline.chain.entries}
    assert isinstance(entries["exceptions"], ExceptionStage)
    again = client.get("/missing")  # through the stand-in's link, now to the loaded stage
    assert again.status_code == 404


@pytest.mark.parametrize("first", ["/bytes", "/big", "/missing", "/text"])
def test_answers_do_not_depend_on_which_stage_loaded_first(first: str) -> None:
    reference = TestClient(make_app())
    app = make_app()
    client = TestClient(app)
    client.get(first)
    for path in ("/text", "/bytes", "/big", "/missing"):
        headers = {"Accept-Encoding": "gzip"}
        mine, theirs = client.get(path, headers=headers), reference.get(path, headers=headers)
        assert (mine.status_code, mine.headers, mine.content) == (
            theirs.status_code,
            theirs.headers,
            theirs.content,
        )
    zipped = client.get("/big", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"  # the client hands back the decoded body
    assert zipped.json() == {"data": "x" * 2000}


def test_introspection_shows_the_stages_themselves() -> None:
    app = make_app()
    TestClient(app).get("/text")
    stages = {stage.name: type(stage) for stage in app.pipeline.stages}
    assert (stages["binary"], stages["compression"], stages["exceptions"]) == (
        BinaryStage,
        CompressionStage,
        ExceptionStage,
    )
    assert not any(isinstance(stage, Deferred) for stage in app.pipeline.chain.live or ())
    described = {entry["name"]: entry["type"] for entry in app.pipeline.describe()}
    assert described["compression"] == "CompressionStage"
    assert app.pipeline.left_out == ["debug", "prefix", "cors", "cache_control", "validation"]


def test_a_route_registered_after_the_build_needs_no_new_stage() -> None:
    app = make_app()
    client = TestClient(app)
    client.get("/text")
    assert app.pipeline.chain.newly_needed(app) == []

    @app.get("/late")
    def late() -> bytes:
        return b"\xff"

    answer = client.get("/late")
    assert (answer.status_code, answer.content) == (200, b"\xff")


@pytest.mark.parametrize("kind", ["plain", "cors", "cache_control"])
def test_the_joined_hook_of_two_stand_ins_answers_as_they_do(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """perf: the built chain calls the compression and binary stand-ins' hooks as one; a
    chain linked without joining them gives the same answers, whatever loads first."""
    import apiway.stages

    with monkeypatch.context() as patched:
        patched.setattr(apiway.stages, "fused_afters", lambda afters: afters)
        separate = make_app(kind)
        reference = TestClient(separate)
        reference.get("/text")  # built (linked) while joining is off
    joined = make_app(kind)
    client = TestClient(joined)
    paths = ("/text", "/big", "/bytes", "/missing", "/text", "/big")
    headers = {"Accept-Encoding": "gzip", "Origin": "https://app.example"}
    for path in paths:
        mine, theirs = client.get(path, headers=headers), reference.get(path, headers=headers)
        assert (mine.status_code, mine.headers, mine.content) == (
            theirs.status_code,
            theirs.headers,
            theirs.content,
        )
    assert client.get("/big", headers=headers).headers["Content-Encoding"] == "gzip"
    assert client.get("/bytes").content == b"\x00\x01"
    entry = joined.pipeline.chain.entry
    assert entry is not None
    links = [cell.cell_contents for cell in entry.__closure__ or ()]
    assert any(getattr(link, "__qualname__", "") == "compression+binary.after" for link in links)


@pytest.mark.parametrize("kind", ["plain", "cors"])
def test_the_joined_hook_answers_alike_on_the_async_chain(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    import apiway.stages

    def served(app: APIGatewayRestResolver) -> list[dict[str, Any]]:
        @app.get("/slow")
        async def slow() -> dict[str, Any]:  # an async route: resolve_async links the async chain
            return {"data": "y" * 2000}

        async def answers() -> list[dict[str, Any]]:
            headers = {"Accept-Encoding": "gzip", "Origin": "https://app.example"}
            found = []
            for path in ("/text", "/slow", "/big", "/bytes", "/missing", "/text", "/big"):
                event = {"httpMethod": "GET", "path": path, "headers": headers, "requestContext": {}}
                found.append(await app.resolve_async(event, None))
            return found

        return asyncio.run(answers())

    import apiway.aio.links

    with monkeypatch.context() as patched:
        for module in (apiway.stages, apiway.aio.links):
            patched.setattr(module, "fused_afters", lambda afters: afters)
        separate = served(make_app(kind))
    joined = served(make_app(kind))
    assert joined == separate
    assert [answer["statusCode"] for answer in joined] == [200, 200, 200, 200, 404, 200, 200]
    assert joined[2]["multiValueHeaders"]["Content-Encoding"] == ["gzip"]
    assert joined[3]["isBase64Encoded"] is True

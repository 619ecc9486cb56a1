"""The debug stage: in the chain only in debug mode, and its redacted logging. (How debug mode
is switched on: tests/resolvers/test_debug_mode.py.)"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Cookie, Response
from apiway.stages.debug import REDACTED, DebugStage, is_secret, redact

SECRETS = {
    "Authorization": "Bearer auth-s3cr3t-value",
    "Cookie": "session=cookie-s3cr3t-value",
    "X-Api-Key": "apikey-s3cr3t-value",
    "X-Amz-Security-Token": "token-s3cr3t-value",
}


def test_stage_is_in_the_chain_only_in_debug_mode() -> None:
    off = APIGatewayRestResolver()
    off.build()
    assert "debug" not in off.pipeline.names()
    on = APIGatewayRestResolver(debug=True)
    on.build()
    assert on.pipeline.names()[0] == "debug"


def test_environment_debug_puts_the_stage_in_the_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POWERTOOLS_DEV", "1")
    with pytest.warns(UserWarning, match="POWERTOOLS_DEV"):
        app = APIGatewayRestResolver()
    app.build()
    assert app.pipeline.names()[0] == "debug"


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("Authorization", True),
        ("authorization", True),
        ("Proxy-Authorization", True),
        ("Cookie", True),
        ("Set-Cookie", True),
        ("X-Api-Key", True),
        ("x-amz-security-token", True),
        ("Content-Type", False),
        ("User-Agent", False),
    ],
)
def test_secret_header_names(name: str, secret: bool) -> None:
    assert is_secret(name) is secret


def test_redact_keeps_names_and_hides_values() -> None:
    redacted = redact({"Authorization": "Bearer x", "Accept": "*/*"})
    assert redacted == {"Authorization": REDACTED, "Accept": "*/*"}


def test_stage_logs_request_and_response_without_secrets(
    make_request: Any, fake_next: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = APIGatewayRestResolver(debug=True)
    stage = DebugStage()
    stage.setup(app)
    headers = {**SECRETS, "User-Agent": "pytest-agent"}
    request = make_request(
        app, "POST", "/login", headers=headers, queryStringParameters={"token": "query-s3cr3t"}
    )
    answer = Response(
        200,
        "application/json",
        '{"ok":true}',
        headers={"Set-Cookie": "sid=set-cookie-s3cr3t", "X-Request-Id": "req-42"},
        cookies=[Cookie("other", "cookie-object-s3cr3t")],
    )
    caplog.set_level(logging.DEBUG, logger="apiway.debug")
    assert stage.handle(request, fake_next(answer)) is answer
    text = caplog.text
    assert "request POST /login" in text
    assert "response POST /login -> 200" in text
    assert "pytest-agent" in text
    assert "req-42" in text
    assert REDACTED in text
    assert "s3cr3t" not in text


def test_bodies_are_never_logged(make_request: Any, fake_next: Any, caplog: pytest.LogCaptureFixture) -> None:
    app = APIGatewayRestResolver(debug=True)
    stage = DebugStage()
    stage.setup(app)
    body_in, body_out = '{"password":"body-s3cr3t"}', '{"card":"out-s3cr3t"}'
    request = make_request(app, "POST", "/x", body=body_in)
    caplog.set_level(logging.DEBUG, logger="apiway.debug")
    stage.handle(request, fake_next(Response(200, "application/json", body_out)))
    assert f"body_length={len(body_in)}" in caplog.text
    assert f"body_length={len(body_out)}" in caplog.text
    assert "s3cr3t" not in caplog.text

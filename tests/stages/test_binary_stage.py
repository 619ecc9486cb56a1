"""The binary stage on its own: bytes bodies leave base64-encoded, text stays text."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from apiway.stages.binary import BinaryStage

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\xff"


@pytest.mark.parametrize("body", [PNG_HEADER, bytearray(PNG_HEADER), memoryview(PNG_HEADER)])
def test_bytes_bodies_are_base64_encoded(body: Any, make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    stage = BinaryStage()
    stage.setup(app)
    response = stage.handle(make_request(app), fake_next(Response(200, "image/png", body)))
    assert response.base64_encoded is True
    assert isinstance(response.body, str)
    assert base64.b64decode(response.body, validate=True) == PNG_HEADER
    assert "\n" not in response.body


@pytest.mark.parametrize("body", ["plain text", '{"a":1}', "", None])
def test_text_bodies_are_untouched(body: Any, make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    response = BinaryStage().handle(make_request(app), fake_next(Response(200, "text/plain", body)))
    assert response.body == ("" if body is None else body)  # no body is an empty one
    assert response.base64_encoded is False

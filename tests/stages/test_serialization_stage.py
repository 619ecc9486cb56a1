"""The serialization stage on its own: JSON bodies become compact JSON text."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from apiway.failures import GENERIC_500
from apiway.response import json_response
from apiway.stages.serialization import SerializationStage, json_dumps


@dataclass
class Point:
    x: int
    label: str


def serialize(
    make_request: Any,
    fake_next: Any,
    answer: Response,
    stage: SerializationStage | None = None,
    method: str = "GET",
) -> Response:
    app = APIGatewayRestResolver()
    stage = stage or SerializationStage()
    stage.setup(app)
    return stage.handle(make_request(app, method), fake_next(answer))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"a": 1, "b": [1, 2, None, True]}, '{"a":1,"b":[1,2,null,true]}'),
        ([], "[]"),
        ({"nested": {"x": 1.5}}, '{"nested":{"x":1.5}}'),
        ({"text": "caf\u00e9"}, '{"text":"caf\\u00e9"}'),
        ({"quote": 'say "hi"'}, '{"quote":"say \\"hi\\""}'),
        (Decimal("1.10"), '"1.10"'),
        ({"price": Decimal("0.1000000000000000000000001")}, '{"price":"0.1000000000000000000000001"}'),
        (Point(1, "p"), '{"x":1,"label":"p"}'),
        ([Point(2, "q")], '[{"x":2,"label":"q"}]'),
    ],
)
def test_json_bodies_are_serialized_compactly(
    value: Any, text: str, make_request: Any, fake_next: Any
) -> None:
    response = serialize(make_request, fake_next, json_response(200, value))
    assert response.body == text
    assert json_dumps(value) == text


def test_json_body_serialized_exactly_once(make_request: Any, fake_next: Any) -> None:
    calls: list[Any] = []

    def dumps(value: Any) -> str:
        calls.append(value)
        return "X"

    response = serialize(make_request, fake_next, json_response(200, {"a": 1}), SerializationStage(dumps))
    assert response.body == "X"
    assert calls == [{"a": 1}]


def test_plus_json_media_types_are_serialized(make_request: Any, fake_next: Any) -> None:
    answer = Response(400, "application/problem+json; charset=utf-8", {"title": "bad"})
    assert serialize(make_request, fake_next, answer).body == '{"title":"bad"}'


def test_custom_serializer(make_request: Any, fake_next: Any) -> None:
    stage = SerializationStage(lambda value: "<" + ",".join(sorted(value)) + ">")
    response = serialize(make_request, fake_next, json_response(200, {"b": 1, "a": 2}), stage)
    assert response.body == "<a,b>"


def test_serializer_returning_non_text_is_stringified(make_request: Any, fake_next: Any) -> None:
    response = serialize(
        make_request, fake_next, json_response(200, {}), SerializationStage(lambda value: 42)
    )  # type: ignore[arg-type,return-value]
    assert response.body == "42"


@pytest.mark.parametrize("body", ['{"already":"json"}', "plain", b"\x00bytes"])
def test_text_and_bytes_bodies_are_untouched(body: Any, make_request: Any, fake_next: Any) -> None:
    response = serialize(make_request, fake_next, json_response(200, body))
    assert response.body == body


def test_non_json_content_types_are_untouched(make_request: Any, fake_next: Any) -> None:
    body = {"a": 1}
    response = serialize(make_request, fake_next, Response(200, "text/html", body))
    assert response.body is body


def test_no_content_type_is_json(make_request: Any, fake_next: Any) -> None:
    response = serialize(make_request, fake_next, Response(200, body={"a": [1]}))
    assert response.body == '{"a":[1]}'
    assert response.headers == {"Content-Type": "application/json"}


@pytest.mark.parametrize("key", ["Content-Type", "content-type"])
def test_another_content_type_is_untouched(key: str, make_request: Any, fake_next: Any) -> None:
    body = {"a": 1}
    response = serialize(make_request, fake_next, Response(200, body=body, headers={key: "text/csv"}))
    assert response.body is body
    assert response.headers == {key: "text/csv"}


def test_no_body_is_an_empty_body_whatever_the_content_type(make_request: Any, fake_next: Any) -> None:
    for content_type in ("application/json", "text/plain", None):
        assert serialize(make_request, fake_next, Response(200, content_type)).body == ""


def test_none_body(make_request: Any, fake_next: Any) -> None:
    assert serialize(make_request, fake_next, json_response(200, None)).body == "null"
    for no_content in (204, 205, 304):  # statuses whose answers carry no content
        assert serialize(make_request, fake_next, json_response(no_content, None)).body == ""
    assert serialize(make_request, fake_next, json_response(200, None), method="HEAD").body == ""


class Opaque:
    def __repr__(self) -> str:
        return "Opaque(secret=hunter2)"


@pytest.mark.parametrize("value", [{"bad": Opaque()}, {"nan": float("nan")}, [float("inf")], [float("-inf")]])
def test_unencodable_values_give_a_logged_500(
    value: Any, make_request: Any, fake_next: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="apiway")
    response = serialize(make_request, fake_next, json_response(200, value))
    assert response.status_code == 500
    assert response.body == json_dumps(GENERIC_500)
    assert "hunter2" not in response.body
    records = [record for record in caplog.records if record.name == "apiway"]
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None
    assert "could not be serialized" in records[0].getMessage()


def test_decimal_nan_is_its_exact_text(make_request: Any, fake_next: Any) -> None:
    # Documented: Decimal values, NaN and infinities included, become their exact text.
    response = serialize(make_request, fake_next, json_response(200, [Decimal("NaN"), Decimal("-Infinity")]))
    assert response.body == '["NaN","-Infinity"]'


def test_failing_custom_serializer_gives_a_logged_500(
    make_request: Any, fake_next: Any, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(value: Any) -> str:
        raise RuntimeError("serializer exploded")

    caplog.set_level(logging.ERROR, logger="apiway")
    response = serialize(make_request, fake_next, json_response(200, {"a": 1}), SerializationStage(broken))
    assert response.status_code == 500
    assert response.body == '{"statusCode":500,"message":"Internal server error"}'
    assert "serializer exploded" in caplog.text

"""The compression stage on its own: when to gzip, and what it adds."""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from apiway.registry import Route
from apiway.stages.compression import CompressionStage, accepts_gzip, is_precompressed

BIG_TEXT = json.dumps([{"id": index, "name": f"item {index}", "tags": ["a", "b"]} for index in range(200)])
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def route(compress: bool = True) -> Route:
    return Route("GET", "/data", lambda: None, compress=compress)


def run(
    make_request: Any,
    fake_next: Any,
    answer: Response,
    headers: dict[str, str] | None = None,
    compress_route: bool = True,
) -> Response:
    app = APIGatewayRestResolver()
    stage = CompressionStage()
    stage.setup(app)
    request = make_request(app, headers=GZIP if headers is None else headers, route=route(compress_route))
    return stage.handle(request, fake_next(answer))


def is_gzipped(response: Response) -> bool:
    return response.headers.get("Content-Encoding") == "gzip"


# -- Accept-Encoding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "allowed"),
    [
        (None, False),
        ("", False),
        ("gzip", True),
        ("GZIP", True),
        ("x-gzip", True),
        ("deflate, gzip, br", True),
        ("gzip;q=0", False),
        ("gzip; q=0.0", False),
        ("gzip;q=0.001", True),
        ("gzip;q=0.5, br", True),
        ("gzip;q=1", True),
        ("gzip;q=abc", False),
        ("gzip;q=2", False),
        ("*", True),
        ("*;q=0", False),
        ("br, *;q=0.1", True),
        ("gzip;q=0, *", False),  # an explicit gzip entry wins over the wildcard
        ("*;q=0, gzip", True),
        ("identity", False),
        ("identity, br", False),
        ("br", False),
    ],
)
def test_accepts_gzip_honours_q_values(header: str | None, allowed: bool) -> None:
    assert accepts_gzip(header) is allowed


@pytest.mark.parametrize(
    ("content_type", "compressed"),
    [
        ("image/png", True),
        ("image/jpeg", True),
        ("IMAGE/WEBP; charset=binary", True),
        (["image/gif"], True),
        ("video/mp4", True),
        ("audio/mpeg", True),
        ("application/zip", True),
        ("application/gzip", True),
        ("font/woff2", True),
        ("image/svg+xml", False),
        ("image/bmp", False),
        ("text/html; charset=utf-8", False),
        ("application/json", False),
        ("", False),
        (None, False),
    ],
)
def test_precompressed_media_types(content_type: Any, compressed: bool) -> None:
    assert is_precompressed(content_type) is compressed


# -- the stage ----------------------------------------------------------------------------------


def test_compressible_route_gets_gzip(make_request: Any, fake_next: Any) -> None:
    response = run(make_request, fake_next, Response(200, "application/json", BIG_TEXT))
    assert is_gzipped(response)
    assert isinstance(response.body, bytes)
    assert len(response.body) < len(BIG_TEXT)
    assert gzip.decompress(response.body).decode("utf-8") == BIG_TEXT
    assert response.headers["Vary"] == "Accept-Encoding"


def test_bytes_body_is_compressed_too(make_request: Any, fake_next: Any) -> None:
    data = BIG_TEXT.encode("utf-8")
    response = run(make_request, fake_next, Response(200, "application/octet-stream", data))
    assert is_gzipped(response)
    assert gzip.decompress(response.body) == data


def test_non_ascii_text_is_encoded_as_utf8(make_request: Any, fake_next: Any) -> None:
    text = "caf\u00e9 \u2615 " * 200
    response = run(make_request, fake_next, Response(200, "text/plain; charset=utf-8", text))
    assert gzip.decompress(response.body).decode("utf-8") == text


@pytest.mark.parametrize("accept", [{}, {"Accept-Encoding": "gzip;q=0"}, {"Accept-Encoding": "identity"}])
def test_client_that_refuses_gzip_gets_plain_body_and_vary(
    accept: dict[str, str], make_request: Any, fake_next: Any
) -> None:
    response = run(make_request, fake_next, Response(200, "application/json", BIG_TEXT), headers=accept)
    assert not is_gzipped(response)
    assert response.body == BIG_TEXT
    assert response.headers["Vary"] == "Accept-Encoding"


def test_wildcard_accept_encoding_allows_gzip(make_request: Any, fake_next: Any) -> None:
    response = run(
        make_request, fake_next, Response(200, "text/plain", BIG_TEXT), headers={"Accept-Encoding": "*"}
    )
    assert is_gzipped(response)


def test_response_can_ask_for_compression(make_request: Any, fake_next: Any) -> None:
    answer = Response(200, "text/plain", BIG_TEXT, compress=True)
    response = run(make_request, fake_next, answer, compress_route=False)
    assert is_gzipped(response)


def test_response_compress_false_beats_the_route(make_request: Any, fake_next: Any) -> None:
    answer = Response(200, "text/plain", BIG_TEXT, compress=False)
    response = run(make_request, fake_next, answer, compress_route=True)
    assert not is_gzipped(response)
    assert response.body == BIG_TEXT


def test_routes_that_do_not_ask_are_untouched(make_request: Any, fake_next: Any) -> None:
    response = run(make_request, fake_next, Response(200, "text/plain", BIG_TEXT), compress_route=False)
    assert response.body == BIG_TEXT
    assert "Vary" not in response.headers
    assert "Content-Encoding" not in response.headers


def test_unmatched_request_is_untouched(make_request: Any, fake_next: Any) -> None:
    app = APIGatewayRestResolver()
    request = make_request(app, headers=GZIP, route=None)
    response = CompressionStage().handle(request, fake_next(Response(404, "text/plain", BIG_TEXT)))
    assert response.body == BIG_TEXT


@pytest.mark.parametrize("body", ["", b"", None])
def test_empty_bodies_are_skipped(body: Any, make_request: Any, fake_next: Any) -> None:
    response = run(make_request, fake_next, Response(200, "text/plain", body))
    assert response.body == ("" if body is None else body)  # no body is an empty one
    assert not is_gzipped(response)
    assert response.headers["Vary"] == "Accept-Encoding"


@pytest.mark.parametrize("key", ["Content-Encoding", "content-encoding"])
def test_already_encoded_bodies_are_skipped(key: str, make_request: Any, fake_next: Any) -> None:
    answer = Response(200, "text/plain", BIG_TEXT, headers={key: "br"})
    response = run(make_request, fake_next, answer)
    assert response.body == BIG_TEXT
    assert response.headers[key] == "br"
    assert [name for name in response.headers if name.lower() == "content-encoding"] == [key]


def test_base64_encoded_bodies_are_skipped(make_request: Any, fake_next: Any) -> None:
    answer = Response(200, "application/octet-stream", base64.b64encode(BIG_TEXT.encode()).decode())
    answer.base64_encoded = True
    response = run(make_request, fake_next, answer)
    assert not is_gzipped(response)


def test_precompressed_media_types_are_skipped(make_request: Any, fake_next: Any) -> None:
    png_like = b"\x89PNG" + b"\x00" * 4000
    response = run(make_request, fake_next, Response(200, "image/png", png_like))
    assert response.body == png_like
    assert not is_gzipped(response)


def test_svg_is_compressed(make_request: Any, fake_next: Any) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg">' + '<rect width="1" height="1"/>' * 200 + "</svg>"
    response = run(make_request, fake_next, Response(200, "image/svg+xml", svg))
    assert is_gzipped(response)
    assert gzip.decompress(response.body).decode() == svg


def test_bodies_that_do_not_shrink_are_sent_as_they_are(make_request: Any, fake_next: Any) -> None:
    response = run(make_request, fake_next, Response(200, "text/plain", "ok"))
    assert response.body == "ok"
    assert not is_gzipped(response)
    assert response.headers["Vary"] == "Accept-Encoding"


def test_unserialized_body_is_left_for_later_checks(make_request: Any, fake_next: Any) -> None:
    body = {"not": "serialized"}
    response = run(make_request, fake_next, Response(200, "application/json", body))
    assert response.body is body
    assert not is_gzipped(response)


def test_vary_is_merged_with_an_existing_one(make_request: Any, fake_next: Any) -> None:
    answer = Response(200, "text/plain", BIG_TEXT, headers={"vary": "Origin"})
    response = run(make_request, fake_next, answer)
    assert response.headers["Vary"] == "Origin, Accept-Encoding"
    assert "vary" not in response.headers


def test_vary_is_not_duplicated(make_request: Any, fake_next: Any) -> None:
    answer = Response(200, "text/plain", BIG_TEXT, headers={"Vary": "accept-encoding"})
    response = run(make_request, fake_next, answer)
    assert response.headers["Vary"] == "accept-encoding"


def test_level_is_validated() -> None:
    with pytest.raises(ValueError, match="1-9"):
        CompressionStage(0)
    with pytest.raises(ValueError, match="1-9"):
        CompressionStage(10)
    assert CompressionStage(9).level == 9

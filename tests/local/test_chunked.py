"""Decoding chunked request bodies, byte for byte."""

from __future__ import annotations

import io
import re

import pytest

from apiway.local.chunked import MAX_LINE, ChunkedBodyError, read_chunked, transfer_codings


def decode(data: bytes, limit: int = 1 << 20) -> bytes:
    return read_chunked(io.BytesIO(data), limit)


def test_chunks_extensions_and_trailers() -> None:
    assert decode(b"0\r\n\r\n") == b""
    assert decode(b"3\r\nabc\r\nA;name=value\r\n0123456789\r\n0\r\n\r\n") == b"abc0123456789"
    assert decode(b"2\r\nhi\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n") == b"hi"
    stream = io.BytesIO(b"2\r\nhi\r\n0\r\n\r\nNEXT")
    assert read_chunked(stream) == b"hi"
    assert stream.read() == b"NEXT"  # nothing past the body is consumed


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "ended before the chunk size line"),
        (b"5\r\nhel", "ended inside a chunk (3 of 5 bytes)"),
        (b"-5\r\nhello\r\n0\r\n\r\n", "invalid chunk size '-5'"),
        (b"0x5\r\nhello\r\n0\r\n\r\n", "invalid chunk size '0x5'"),
        (b"\r\n", "invalid chunk size ''"),
        (b"2\r\nhi\r\n0\r\n", "ended before the trailer line"),
        (b"2\r\nhixx0\r\n\r\n", "not followed by CRLF"),
        (b"1" * (MAX_LINE + 1), "chunk size line longer than"),
    ],
)
def test_malformed_bodies_say_how(data: bytes, message: str) -> None:
    with pytest.raises(ChunkedBodyError, match=re.escape(message)) as error:
        decode(data)
    assert error.value.status == 400


def test_a_body_over_the_limit_is_413_before_it_is_read() -> None:
    with pytest.raises(ChunkedBodyError, match="larger than 10 bytes") as error:
        decode(b"6\r\nabcdef\r\n6\r\n", limit=10)
    assert error.value.status == 413


def test_transfer_codings() -> None:
    assert transfer_codings("chunked") == ["chunked"]
    assert transfer_codings(" GZIP ,Chunked,, ") == ["gzip", "chunked"]
    assert transfer_codings("") == []

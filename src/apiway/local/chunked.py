"""Read a request body sent with ``Transfer-Encoding: chunked`` (RFC 9112, section 7.1).

The standard library's HTTP server hands a chunked body to the application undecoded and
without a length, so the local server decodes it before the request becomes an event.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from io import BufferedIOBase

#: Longest chunk-size or trailer line accepted (the request line limit of ``http.server``).
MAX_LINE = 65536
#: Largest decoded body accepted: API Gateway's payload limit (Lambda's own is lower still).
MAX_BODY = 10 * 1024 * 1024
_HEX_DIGITS = frozenset(b"0123456789abcdefABCDEF")


class ChunkedBodyError(ValueError):
    """The chunked body is malformed, ended early (400) or too large (413); the message says how."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def transfer_codings(header: str) -> "list[str]":
    """The codings a ``Transfer-Encoding`` value names, lower-cased, in order."""
    return [coding.strip().lower() for coding in header.split(",") if coding.strip()]


def _line(stream: "BufferedIOBase", what: str) -> bytes:
    line = stream.readline(MAX_LINE + 1)
    if len(line) > MAX_LINE:
        raise ChunkedBodyError(f"{what} line longer than {MAX_LINE} bytes")
    if not line.endswith(b"\n"):
        raise ChunkedBodyError(f"the body ended before the {what} line was complete")
    return line


def read_chunked(stream: "BufferedIOBase", limit: int = MAX_BODY) -> bytes:
    """The decoded body read from ``stream``, up to and including the last chunk and the
    trailer section (trailers are dropped: events have no place for them)."""
    parts: list[bytes] = []
    total = 0
    while True:
        line = _line(stream, "chunk size")
        size_text = line.split(b";", 1)[0].strip()  # chunk extensions follow a ';'
        if not size_text or not _HEX_DIGITS.issuperset(size_text):
            raise ChunkedBodyError(f"invalid chunk size {size_text[:20].decode('latin-1')!r}")
        size = int(size_text, 16)
        if size == 0:
            break
        total += size
        if total > limit:
            raise ChunkedBodyError(f"the body is larger than {limit} bytes", 413)
        data = stream.read(size)
        if len(data) < size:
            raise ChunkedBodyError(f"the body ended inside a chunk ({len(data)} of {size} bytes)")
        parts.append(data)
        if stream.read(2) != b"\r\n":
            raise ChunkedBodyError("a chunk's data is not followed by CRLF (is its size right?)")
    while _line(stream, "trailer").strip():
        pass
    return b"".join(parts)

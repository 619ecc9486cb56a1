"""The compression stage: gzip for routes or responses that ask for it.

Level 5: on JSON bodies of 10-100 KB it produces output within ~5-7% of zlib's default
level 6 and ~10% of level 9, while taking about half the time of level 6 and a tenth of
level 9; level 1 is faster still but ~40% larger. On Lambda both CPU time and response
bytes are paid for, and 5 is where the size curve flattens.
"""

from apiway.stages import Stage, gzip_wanted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.response import Response

GZIP_LEVEL = 5

#: Media types whose content is already compressed: gzip would only add bytes and time.
COMPRESSED_TYPES = frozenset(
    (
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/x-bzip2",
        "application/x-7z-compressed",
        "application/x-rar-compressed",
        "application/x-xz",
        "application/zstd",
        "application/pdf",
        "font/woff",
        "font/woff2",
    )
)
_COMPRESSED_FAMILIES = ("image/", "video/", "audio/")
_COMPRESSIBLE_IMAGES = frozenset(("image/svg+xml", "image/bmp", "image/x-icon", "image/vnd.microsoft.icon"))


def accepts_gzip(accept_encoding: "str | None") -> bool:
    """Whether an ``Accept-Encoding`` value allows gzip, q-values honoured (``gzip;q=0`` is no)."""
    if not accept_encoding:
        return False
    gzip_q: float | None = None
    star_q: float | None = None
    for part in accept_encoding.split(","):
        token, _, params = part.partition(";")
        token = token.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
                if not 0.0 <= quality <= 1.0:
                    quality = 0.0
        if token in ("gzip", "x-gzip"):
            gzip_q = quality if gzip_q is None else max(gzip_q, quality)
        elif token == "*":
            star_q = quality
    if gzip_q is not None:
        return gzip_q > 0
    return star_q is not None and star_q > 0


def is_precompressed(content_type: "Any") -> bool:
    """True for media types that are compressed already (most images, audio, video, archives)."""
    if isinstance(content_type, list):
        content_type = content_type[0] if content_type else ""
    if not content_type:
        return False
    media = str(content_type).split(";", 1)[0].strip().lower()
    if media in COMPRESSED_TYPES:
        return True
    return media.startswith(_COMPRESSED_FAMILIES) and media not in _COMPRESSIBLE_IMAGES


_zlib: "Any" = None


def gzip_bytes(data: bytes, level: int = GZIP_LEVEL) -> bytes:
    """gzip-wrapped deflate of ``data``."""
    global _zlib
    if _zlib is None:
        import zlib  # perf: loaded by the first compressed response, not at cold start

        _zlib = zlib
    compressor = _zlib.compressobj(level, 8, 31)  # 8: DEFLATED; 31: a gzip header and trailer
    return compressor.compress(data) + compressor.flush()  # type: ignore[no-any-return]


# Answers for header values already seen: clients send a handful of distinct ones.
_ACCEPTS: "dict[str | None, bool]" = {}
_PRECOMPRESSED: "dict[str, bool]" = {}
_CACHE_LIMIT = 256


def _remember(cache: "dict[Any, bool]", key: "Any", value: bool) -> bool:
    if len(cache) >= _CACHE_LIMIT:  # header values are client input: keep the cache bounded
        cache.clear()
    cache[key] = value
    return value


class CompressionStage(Stage):
    """Gzips the body when the route (``compress=True``) or the response (``Response(compress=
    True)``) asks for it and the client accepts gzip. ``Response(compress=False)`` wins over
    the route. Bodies that are empty, already encoded, of a compressed media type, or that
    would not shrink are sent as they are. Compressible routes always get
    ``Vary: Accept-Encoding``.
    """

    name = "compression"

    def __init__(self, level: int = GZIP_LEVEL):
        if not 1 <= level <= 9:
            raise ValueError(f"gzip level must be 1-9, not {level}")
        self.level = level

    def applies_to(self, route: "Route") -> bool:
        return bool(route.compress)

    def after(self, request: "PipelineRequest", response: "Response") -> "Response":
        if not gzip_wanted(request, response):
            return response
        headers = response.headers
        vary = encoding = content_type = None
        for key in headers:  # one pass over the (few) response headers, any case
            lower = key.lower()
            if lower == "vary":
                vary = key
            elif lower == "content-encoding":
                encoding = key
            elif lower == "content-type":
                content_type = key
        if vary is None:
            headers["Vary"] = "Accept-Encoding"
        else:
            from apiway.headers import add_vary

            add_vary(headers, "Accept-Encoding")
        body = response.body
        if not body or response.base64_encoded or encoding is not None:
            return response
        accept = request.header("accept-encoding")
        accepted = _ACCEPTS.get(accept)
        if accepted is None:
            accepted = _remember(_ACCEPTS, accept, accepts_gzip(accept))
        if not accepted:
            return response
        if content_type is not None:
            media = headers[content_type]
            skip = _PRECOMPRESSED.get(media) if type(media) is str else None
            if skip is None:
                skip = is_precompressed(media)
                if type(media) is str:
                    _remember(_PRECOMPRESSED, media, skip)
            if skip:
                return response
        if isinstance(body, str):
            data = body.encode("utf-8")
        elif isinstance(body, (bytes, bytearray, memoryview)):
            data = bytes(body)
        else:
            return response  # not serialized: leave it for the response check to report
        compressed = gzip_bytes(data, self.level)
        if len(compressed) >= len(data):
            return response
        response.body = compressed
        headers["Content-Encoding"] = "gzip"
        return response

    def describe(self) -> "dict[str, Any]":
        return {"encoding": "gzip", "level": self.level}

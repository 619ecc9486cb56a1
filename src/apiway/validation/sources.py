"""Reading raw values out of a request for validation: repeated query parameters and headers,
cookies, and the body by its content type (JSON, form, multipart), with the errors the
Powertools REST event handler gives for a body it cannot read (422 ``json_invalid``, 415)."""

from apiway.exceptions import InvalidBodyError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.request import PipelineRequest

JSON, FORM, MULTIPART = "json", "form", "multipart"
_APPLICATION_JSON = "application/json"


def header_values(request: "PipelineRequest", name: str) -> "list[str] | None":
    """Every value of header ``name``: each header line, split at commas (HTTP's list syntax)."""
    event = request.event
    lines = None
    multi = getattr(event, "multi_value_headers", None)
    if multi:
        lines = multi.get(name)
    if not lines:
        value = request.header(name)
        if value is None:
            return None
        lines = [value]
    return [item.strip() for line in lines for item in line.split(",")]


def content_kind(content_type: str) -> "str | None":
    """``JSON``, ``FORM`` or ``MULTIPART`` for a Content-Type header (empty: JSON); None otherwise."""
    if content_type == _APPLICATION_JSON:
        return JSON  # perf: the usual header, as clients send it
    essence = content_type.split(";", 1)[0].strip().lower()
    if not essence or essence == "application/json" or essence.endswith("+json"):
        return JSON
    if essence == "application/x-www-form-urlencoded":
        return FORM
    if essence == "multipart/form-data":
        return MULTIPART
    return None


def read_body(request: "PipelineRequest", errors: "list[dict[str, Any]]") -> "tuple[Any, str | None]":
    """The parsed body and its kind; a body that cannot be parsed adds its error to ``errors``
    (and gives ``(None, None)``). A content type the route cannot read raises
    ``RequestUnsupportedContentType`` (415)."""
    content_type = (request.header("content-type") or "").strip()
    kind = content_kind(content_type)
    event = request.event
    if kind == JSON:
        try:
            text = event.decoded_body
        except InvalidBodyError:
            # JSON text is UTF-8 (RFC 8259): other bytes are invalid JSON, answered as such.
            # Bad base64 is the platform's doing, not the client's: body_bytes raises its 400.
            errors.append(_not_utf8_error(event.body_bytes))
            return None, None
        if not text:
            return None, JSON
        try:
            return event.json_body, JSON
        except InvalidBodyError:
            errors.append(_json_error(text))
            return None, None
    if kind == FORM:
        from urllib.parse import parse_qs

        return parse_qs(event.decoded_body or "", keep_blank_values=True), FORM
    if kind == MULTIPART:
        from apiway.validation.multipart import parse_multipart

        try:
            return parse_multipart(event.body_bytes, content_type), MULTIPART
        except ValueError as exc:
            errors.append(
                {"type": "multipart_invalid", "loc": ("body",), "msg": "Multipart form data parsing error",
                 "input": {}, "ctx": {"error": str(exc)}}
            )  # fmt: skip
            return None, None
    from apiway.openapi.exceptions import RequestUnsupportedContentType

    message = f"Unsupported content type: {content_type}"
    error = {"type": "unsupported_content_type", "loc": ("body",), "msg": message, "input": {}, "ctx": {}}
    raise RequestUnsupportedContentType("Unsupported content type", errors=[error])


def _json_error(text: str) -> "dict[str, Any]":
    """The ``json_invalid`` error, located at the character where the JSON goes wrong."""
    import json

    position, message = 0, "Invalid JSON"
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        position, message = exc.pos, exc.msg
    except (ValueError, RecursionError) as exc:
        message = str(exc) or message
    else:
        message = "JSON value not accepted (NaN, Infinity or a number out of range)"
    return _invalid_json(position, message)


def body_text(event: "Any") -> "str | None":
    """The body as text for a ``json_invalid`` error: bytes that are not UTF-8 replaced (U+FFFD)."""
    try:
        text: str | None = event.decoded_body
    except InvalidBodyError:
        return bytes(event.body_bytes).decode("utf-8", "replace")
    return text


def _not_utf8_error(data: bytes) -> "dict[str, Any]":
    """The ``json_invalid`` error of a body that is not UTF-8, at its first character that is not."""
    position, message = 0, "invalid UTF-8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The bytes before exc.start decode: their length in characters is the position.
        position = len(data[: exc.start].decode("utf-8"))
        message = f"invalid UTF-8 at byte {exc.start}: {exc.reason}"
    return _invalid_json(position, message)


def _invalid_json(position: int, message: str) -> "dict[str, Any]":
    return {
        "type": "json_invalid",
        "loc": ("body", position),
        "msg": "JSON decode error",
        "input": {},
        "ctx": {"error": message},
    }

"""Reading raw values out of a request for validation: repeated query parameters and headers,
cookies, and the body by its content type (JSON, form, multipart), with the errors the
Powertools REST event handler gives for a body it cannot read (422 ``json_invalid``, 415)."""

from apiway.codec import b64decode_strict, is_invalid_body, parse_json, utf8_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.request import PipelineRequest

JSON, FORM, MULTIPART = "json", "form", "multipart"
_APPLICATION_JSON = "application/json"


def query_lists(request: "PipelineRequest") -> "dict[str, list[str]]":
    """Every query parameter's values, in order (the typed event's
    ``multi_value_query_string_parameters``)."""
    if request.app._source.rest_fields:
        # perf: a REST event carries them as they are read, without making the typed event
        # (whose modules a validated app then never loads); any other shape goes through it.
        raw = request.raw_event
        multi, single = raw.get("multiValueQueryStringParameters"), raw.get("queryStringParameters")
        if multi is None:
            if single is None:
                return {}
            if type(single) is dict and all(type(value) is str for value in single.values()):
                return {name: [value] for name, value in single.items()}  # a hand-made event
        if (
            type(multi) is dict
            and (single is None or (type(single) is dict and single.keys() <= multi.keys()))
            and _text_lists(multi)
        ):
            return multi
    return request.event.multi_value_query_string_parameters


def _text_lists(multi: "dict[str, Any]") -> bool:
    """Whether every value is a list of strings (perf: loops, not generators)."""
    for values in multi.values():
        if type(values) is not list:
            return False
        for value in values:
            if type(value) is not str:
                return False
    return True


def body_text(request: "PipelineRequest") -> "str | None":
    """The body as text, base64-decoded when it came encoded (the typed event's ``decoded_body``)."""
    if request.app._source.rest_fields:
        raw = request.raw_event  # perf: see query_lists
        body = raw.get("body")
        if body is None or type(body) is str:
            if body and raw.get("isBase64Encoded") is True:
                return utf8_text(b64decode_strict(body))
            return body
    return request.event.decoded_body


def _json_body(request: "PipelineRequest", text: str) -> "Any":
    event = request._event
    if event is not None:
        return event.json_body  # parsed once, whoever asks first
    return parse_json(text, request.app._json_loads)


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
    if kind == JSON:
        try:
            text = body_text(request)
        except ValueError as problem:
            if not is_invalid_body(problem):
                raise
            # JSON text is UTF-8 (RFC 8259): other bytes are invalid JSON, answered as such.
            # Bad base64 is the platform's doing, not the client's: body_bytes raises its 400.
            errors.append(_not_utf8_error(request.event.body_bytes))
            return None, None
        if not text:
            return None, JSON
        try:
            return _json_body(request, text), JSON
        except ValueError as problem:  # perf: InvalidBodyError's module loads with the error
            if not is_invalid_body(problem):
                raise
            errors.append(_json_error(text))
            return None, None
    if kind == FORM:
        from urllib.parse import parse_qs

        return parse_qs(body_text(request) or "", keep_blank_values=True), FORM
    if kind == MULTIPART:
        from apiway.validation.multipart import parse_multipart

        try:
            return parse_multipart(request.event.body_bytes, content_type), MULTIPART
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


def error_body_text(request: "PipelineRequest") -> "str | None":
    """The body as text for a ``json_invalid`` error: bytes that are not UTF-8 replaced (U+FFFD)."""
    try:
        return body_text(request)
    except ValueError as problem:
        if not is_invalid_body(problem):
            raise
        return bytes(request.event.body_bytes).decode("utf-8", "replace")


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

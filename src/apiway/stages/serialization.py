"""The serialization stage: JSON response bodies become compact JSON text.

Swap the serializer with ``serializer=`` on the resolver (any ``obj -> str`` callable) or
replace the whole stage with ``app.pipeline.replace("serialization", MyStage())``.
"""

import sys

from apiway.response import JSON, Response
from apiway.stages import Stage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver

#: Statuses whose answers have no content (RFC 9110, 15.3.5, 15.3.6 and 15.4.5).
_NO_BODY_STATUSES = frozenset((204, 205, 304))


def encode_default(value: "Any") -> "Any":
    """Turn values JSON has no type for into ones it has.

    ``Decimal`` becomes its exact text (as a JSON string, so no precision is lost; NaN and
    infinities too); dataclasses and pydantic models become dicts.
    """
    decimal = sys.modules.get("decimal")
    # perf: a Decimal can only exist if its module was imported, so this never imports it.
    if decimal is not None and isinstance(value, decimal.Decimal):
        return str(value)
    if hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type):
        from dataclasses import asdict

        return asdict(value)
    model_dump = getattr(value, "model_dump", None)
    if callable(model_dump):
        return model_dump(mode="json")
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _make_dumps() -> "Callable[[Any], str]":
    try:
        # perf: the C encoder behind json.dumps, used directly: importing the json package
        # pulls in `re` and its dependencies, several milliseconds of cold start.
        from _json import encode_basestring_ascii, make_encoder
    except ImportError:  # pragma: no cover - interpreters without the C accelerator
        import json

        encoder = json.JSONEncoder(separators=(",", ":"), default=encode_default, allow_nan=False)
        return encoder.encode

    encode = make_encoder(None, encode_default, encode_basestring_ascii, None, ":", ",", False, False, False)

    def dumps(value: "Any") -> str:
        if isinstance(value, str):
            return encode_basestring_ascii(value)
        return "".join(encode(value, 0))

    dumps.encode_chunks = encode  # type: ignore[attr-defined]  # for the stage's fast path
    return dumps


#: Compact JSON (``{"a":1}``), ASCII-safe, ``Decimal`` exact, NaN/Infinity refused.
json_dumps: "Callable[[Any], str]" = _make_dumps()


def awaitable_body(request: "PipelineRequest", body: "Any") -> TypeError:
    """The error for a handler that handed back an awaitable rather than awaiting it (a plain
    function returning a coroutine): closed, so it never warns it was not awaited."""
    close = getattr(body, "close", None)
    if callable(close):
        close()
    route = request.route
    name = route.name if route is not None else "the handler"
    return TypeError(
        f"{name} (or a middleware around it) returned a {type(body).__name__} object, an awaitable, "
        "instead of a value: declare the function `async def` and await what it returns (for a "
        "decorator's wrapper, make it with functools.wraps)"
    )


class SerializationStage(Stage):
    """Serializes bodies of JSON responses that are not already text or bytes.

    A ``Response`` whose body is neither text nor bytes and that names no content type is
    sent as JSON too (``Content-Type: application/json``).

    A body the serializer cannot encode becomes a logged 500, never an escaped exception
    (unless the resolver propagates exceptions, or the test client asked to see them).
    """

    name = "serialization"

    def __init__(self, serializer: "Callable[[Any], str] | None" = None):
        self.serializer = serializer or json_dumps
        # perf: with the default serializer, call the C encoder directly (one call less).
        self._chunks = getattr(self.serializer, "encode_chunks", None)

    propagate = False

    def setup(self, app: "BaseResolver") -> None:
        self.propagate = app.propagate_exceptions

    def after(self, request: "PipelineRequest", response: "Response") -> "Response":
        body = response.body
        if isinstance(body, (str, bytes)):
            return response
        # perf: identity with the JSON constant answers for responses apiway made itself.
        if response.headers.get("Content-Type") is not JSON and not response.is_json():
            headers = response.headers
            if body is None or any(name.lower() == "content-type" for name in headers):
                return response  # another media type: the body is the handler's business
            # A body other than text or bytes, and no content type: JSON, as for a returned dict.
            headers["Content-Type"] = JSON
        if body is None and (response.status_code in _NO_BODY_STATUSES or request.method == "HEAD"):
            response.body = ""
            return response
        try:
            chunks = self._chunks
            text = "".join(chunks(body, 0)) if chunks is not None else self.serializer(body)
        except Exception as failure:
            from apiway.failures import generic_500, log_unhandled, raise_requested

            error = awaitable_body(request, body) if hasattr(type(body), "__await__") else failure
            if self.propagate or raise_requested(request):
                if error is not failure:
                    raise error from None
                raise
            log_unhandled(request, error, "response body could not be serialized")
            return generic_500()
        response.body = text if isinstance(text, (str, bytes)) else str(text)
        return response

    def describe(self) -> "dict[str, Any]":
        serializer = self.serializer
        if serializer is json_dumps:
            return {"serializer": "apiway.json_dumps"}
        name = getattr(serializer, "__qualname__", repr(serializer))
        return {"serializer": name}

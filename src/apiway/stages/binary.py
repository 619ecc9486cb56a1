"""The binary stage: bytes bodies leave base64-encoded with ``isBase64Encoded: true``."""

from apiway.stages import Stage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.response import Response


class BinaryStage(Stage):
    """Base64-encodes ``bytes`` bodies (images, files, gzip output); text stays text.

    Request bodies are decoded on demand by the event (``decoded_body``, ``body_bytes``,
    ``json_body``), strictly: invalid base64 answers 400.
    """

    name = "binary"

    def after(self, request: "PipelineRequest", response: "Response") -> "Response":
        body = response.body
        if type(body) is str:
            return response  # perf: the common case
        if isinstance(body, (bytes, bytearray, memoryview)):
            from apiway.codec import b64encode

            response.body = b64encode(bytes(body))
            response.base64_encoded = True
        return response

    def describe(self) -> "dict[str, Any]":
        return {"encodes": "bytes bodies as base64"}

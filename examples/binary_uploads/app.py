"""Binary request bodies: read them as bytes with ``app.current_event.body_bytes``.

API Gateway and ALB pass a binary upload (an image, a PDF, a zip) base64-encoded, with
``isBase64Encoded: true``; a REST API does so for the media types it lists as binary (see
examples/service/template.yaml). ``body`` is that base64 text; ``body_bytes`` is the payload
as the client sent it, decoded once and cached, whichever the source. A text body that is
not base64-encoded comes back as its UTF-8 bytes, and invalid base64 answers 400 by itself.

Try it: python -m apiway serve examples/binary_uploads/app.py
        head -c 1000 /dev/urandom | curl -s --data-binary @- localhost:3000/uploads \\
             -H 'Content-Type: application/octet-stream'
"""

from __future__ import annotations

import hashlib

from apiway import APIGatewayRestResolver
from apiway.exceptions import BadRequestError
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"%PDF-": "application/pdf",
    b"PK\x03\x04": "application/zip",
}


@app.post("/uploads")
def upload() -> tuple[dict, int]:
    event = app.current_event
    data = event.body_bytes  # the bytes the client sent, base64 undone
    if not data:
        raise BadRequestError("send the file as the request body")
    detected = next((kind for magic, kind in SIGNATURES.items() if data.startswith(magic)), None)
    return {
        "declared_type": event.get_header_value("content-type"),
        "detected_type": detected,
        "base64_in_event": event.is_base64_encoded,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }, 201


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

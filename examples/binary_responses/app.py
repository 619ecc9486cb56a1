"""Binary responses: return ``bytes`` and apiway base64-encodes them for the platform.

A ``bytes`` body is sent base64-encoded with ``isBase64Encoded: true`` (text bodies are not);
API Gateway decodes it for the client when the API lists the media type in its binary media
types (see examples/service/template.yaml). It combines with ``compress=True``: gzip first,
then base64. The logo is read relative to this file, once, when the module is imported.

Try it: python -m apiway serve examples/binary_responses/app.py
        curl -s localhost:3000/logo > logo.svg
"""

from __future__ import annotations

from pathlib import Path

from apiway import APIGatewayRestResolver, Response
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

LOGO = (Path(__file__).parent / "logo.svg").read_bytes()


@app.get("/logo", compress=True)
def get_logo() -> Response:
    return Response(status_code=200, content_type="image/svg+xml", body=LOGO)


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

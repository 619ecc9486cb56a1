"""API Gateway HTTP API, payload format 2.0."""

from __future__ import annotations

from apiway.exceptions import InvalidEventError
from apiway.sources.base import EventSource, require_text, single_value_headers, status_and_body

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.response import Response


def strip_stage(raw_path: str, stage: object) -> str:
    """Remove an HTTP API stage name that prefixes the path (never ``$default``)."""
    if isinstance(stage, str) and stage and stage != "$default":
        prefix = "/" + stage
        if raw_path == prefix:
            return "/"
        if raw_path.startswith(prefix + "/"):
            return raw_path[len(prefix) :]
    return raw_path


class HttpApiSource(EventSource):
    """HTTP APIs deliver ``rawPath`` already percent-decoded, prefixed by the stage name when
    the stage is not ``$default``; they take ``headers`` plus a ``cookies`` list back."""

    name = "http"
    label = "API Gateway HTTP API (payload 2.0)"
    event_class_path = "apiway.events.http:APIGatewayProxyEventV2"
    path_decoded = True

    def read(self, raw: Any) -> tuple[str, str]:
        if not isinstance(raw, dict):
            raise InvalidEventError(self.label, "event", f"must be an object, not {type(raw).__name__}")
        context = raw.get("requestContext")
        if context is None:
            raise InvalidEventError(self.label, "requestContext")
        if not isinstance(context, dict):
            raise InvalidEventError(self.label, "requestContext", "is not an object")
        http = context.get("http")
        if http is None:
            raise InvalidEventError(self.label, "requestContext.http")
        method = require_text(http, "method", self.label, "requestContext.http.method")
        path = require_text(raw, "rawPath", self.label, "rawPath")
        return method.upper(), self.route_path(path, context)

    def route_path(self, raw_path: str, context: dict[str, Any]) -> str:
        return strip_stage(raw_path, context.get("stage"))

    def write(self, response: Response, raw: dict[str, Any]) -> dict[str, Any]:
        status, body, encoded = status_and_body(response)
        headers, cookies = single_value_headers(response)
        return {
            "statusCode": status,
            "headers": headers,
            "cookies": cookies,
            "body": body,
            "isBase64Encoded": encoded,
        }

"""API Gateway REST API, payload format 1.0."""

from __future__ import annotations

from apiway.exceptions import InvalidEventError
from apiway.sources.base import EventSource, multi_value_headers, status_and_body

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.response import Response


class RestApiSource(EventSource):
    """REST APIs forward the path still percent-encoded and take ``multiValueHeaders`` back."""

    name = "rest"
    label = "API Gateway REST API (payload 1.0)"
    event_class_path = "apiway.events.rest:APIGatewayProxyEvent"
    path_decoded = False

    def read(self, raw: Any) -> tuple[str, str]:
        request_line = super().read(raw)
        context = raw.get("requestContext")
        if type(context) is dict and "elb" in context:
            raise InvalidEventError(self.label, "requestContext.elb", "is present: this is an ALB event")
        return request_line

    def write(self, response: Response, raw: dict[str, Any]) -> dict[str, Any]:
        status, body, encoded = status_and_body(response)
        return {
            "statusCode": status,
            "multiValueHeaders": multi_value_headers(response),
            "body": body,
            "isBase64Encoded": encoded,
        }

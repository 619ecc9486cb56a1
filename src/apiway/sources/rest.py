"""API Gateway REST API, payload format 1.0."""

from __future__ import annotations

from apiway.sources import KNOWN_SAFE, EventSource, multi_value_headers, status_and_body

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
    elb_context = False

    def write(self, response: Response, raw: dict[str, Any]) -> dict[str, Any]:
        body = response.body
        status = response.status_code
        if type(body) is str and type(status) is int and 100 <= status <= 599 and not response.cookies:
            # perf: the common response (text body, plain headers), in one pass.
            headers: dict[str, list[str]] | None = {}
            for name, value in response.headers.items():
                if (
                    type(value) is str
                    and (value in KNOWN_SAFE or value.isprintable())
                    and (name in KNOWN_SAFE or (type(name) is str and name.isprintable()))
                ):
                    headers[name] = [value]  # type: ignore[index]
                else:
                    headers = None
                    break
            if headers is not None:
                return {
                    "statusCode": status,
                    "multiValueHeaders": headers,
                    "body": body,
                    "isBase64Encoded": response.base64_encoded is True,
                }
        status, body, encoded = status_and_body(response)
        return {
            "statusCode": status,
            "multiValueHeaders": multi_value_headers(response),
            "body": body,
            "isBase64Encoded": encoded,
        }

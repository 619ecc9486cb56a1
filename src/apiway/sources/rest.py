"""API Gateway REST API, payload format 1.0."""

from apiway import sources
from apiway.resolvers import BaseResolver
from apiway.sources import JSON_ONLY, LAMBDA_RESPONSE_LIMIT, EventSource, plain_headers, quick_body_limit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.events import APIGatewayProxyEvent
    from apiway.events.base import BaseProxyEvent
    from apiway.response import Response


class RestApiSource(EventSource):
    """REST APIs forward the path still percent-encoded and take ``multiValueHeaders`` back."""

    name = "rest"
    label = "API Gateway REST API (payload 1.0)"
    event_class_path = "apiway.events.rest:APIGatewayProxyEvent"
    path_decoded = False
    rest_fields = True
    elb_context = False

    def write(self, response: "Response", raw: "dict[str, Any]") -> "dict[str, Any]":
        body = response.body
        status = response.status_code
        if (
            type(body) is str
            and type(status) is int
            and 100 <= status <= 599
            and not response.cookies
            and len(body) <= _QUICK_BODY
        ):
            # perf: the common response (text body, a few plain short headers, certainly
            # within the size limit), in one pass.
            given = response.headers
            headers: dict[str, list[str]] | None
            if given == JSON_ONLY:
                headers = {"Content-Type": ["application/json"]}  # nothing to check
            elif given == self.plain_seen:  # the copy checked before (see plain_headers)
                headers = {name: [value] for name, value in self.plain_seen.items()}
            else:
                headers = plain_headers(given, True, self)
            if headers is not None:
                return {
                    "statusCode": status,
                    "multiValueHeaders": headers,
                    "body": body,
                    "isBase64Encoded": response.base64_encoded is True,
                }
        checks = sources.checks
        status, body, encoded = checks.status_and_body(response)
        out = {
            "statusCode": status,
            "multiValueHeaders": checks.multi_value_headers(response),
            "body": body,
            "isBase64Encoded": encoded,
        }
        return checks.checked_size(out, LAMBDA_RESPONSE_LIMIT, "6 MB Lambda")


_QUICK_BODY = quick_body_limit(LAMBDA_RESPONSE_LIMIT)


class APIGatewayRestResolver(BaseResolver):
    """API Gateway REST APIs (and HTTP APIs using payload format 1.0)."""

    _source_class = RestApiSource
    if TYPE_CHECKING:

        @property
        def current_event(self) -> "APIGatewayProxyEvent": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...

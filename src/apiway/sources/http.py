"""API Gateway HTTP API, payload format 2.0."""

from apiway import sources
from apiway.resolvers import BaseResolver
from apiway.routing import strip_stage
from apiway.sources import (
    LAMBDA_RESPONSE_LIMIT,
    EventSource,
    invalid_event,
    plain_single_headers,
    quick_body_limit,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.events import APIGatewayProxyEventV2
    from apiway.events.base import BaseProxyEvent
    from apiway.response import Response


class HttpApiSource(EventSource):
    """HTTP APIs deliver ``rawPath`` already percent-decoded, prefixed by the stage name when
    the stage is not ``$default``; they take ``headers`` plus a ``cookies`` list back."""

    name = "http"
    label = "API Gateway HTTP API (payload 2.0)"
    event_class_path = "apiway.events.http:APIGatewayProxyEventV2"
    path_decoded = True

    #: HTTP API stage names prefix ``rawPath``; Function URLs have no stages.
    strips_stage = True

    def read(self, raw: "Any") -> "tuple[str, str]":
        try:
            context = raw["requestContext"]
            method = context["http"]["method"]
            path = raw["rawPath"]
        except (KeyError, TypeError, IndexError):
            method = path = None
        if type(method) is not str or type(path) is not str or not method or not path:
            method, path = self._read_slowly(raw)
            context = raw["requestContext"]
        if self.strips_stage:
            stage = context.get("stage")
            if stage is not None and stage != "$default":
                path = strip_stage(path, stage)
        return method.upper(), path

    def _read_slowly(self, raw: "Any") -> "tuple[str, str]":
        """Validate the fields ``read`` needs, naming the first one that is wrong."""
        if not isinstance(raw, dict):
            raise invalid_event(self.label, "event", f"must be an object, not {type(raw).__name__}")
        context = raw.get("requestContext")
        if context is None:
            raise invalid_event(self.label, "requestContext")
        if not isinstance(context, dict):
            raise invalid_event(self.label, "requestContext", "is not an object")
        http = context.get("http")
        if http is None:
            raise invalid_event(self.label, "requestContext.http")
        from apiway.sources.checks import require_text

        method = require_text(http, "method", self.label, "requestContext.http.method")
        path = require_text(raw, "rawPath", self.label, "rawPath")
        return method, path

    def write(self, response: "Response", raw: "dict[str, Any]") -> "dict[str, Any]":
        body = response.body
        status = response.status_code
        if type(body) is str and type(status) is int and 100 <= status <= 599 and len(body) <= _QUICK_BODY:
            plain = plain_single_headers(self, response)
            if plain is not None:
                return {
                    "statusCode": status,
                    "headers": plain,
                    "cookies": [],
                    "body": body,
                    "isBase64Encoded": response.base64_encoded is True,
                }
        checks = sources.checks
        status, body, encoded = checks.status_and_body(response)
        headers, cookies = checks.single_value_headers(response)
        out = {
            "statusCode": status,
            "headers": headers,
            "cookies": cookies,
            "body": body,
            "isBase64Encoded": encoded,
        }
        return checks.checked_size(out, LAMBDA_RESPONSE_LIMIT, "6 MB Lambda")


_QUICK_BODY = quick_body_limit(LAMBDA_RESPONSE_LIMIT)


class APIGatewayHttpResolver(BaseResolver):
    """API Gateway HTTP APIs, payload format 2.0."""

    _source_class = HttpApiSource
    if TYPE_CHECKING:

        @property
        def current_event(self) -> "APIGatewayProxyEventV2": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...

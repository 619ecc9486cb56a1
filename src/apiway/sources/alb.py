"""Application Load Balancer targets (single- or multi-value header mode)."""

from apiway.resolvers import BaseResolver
from apiway.sources import (
    ALB_RESPONSE_LIMIT,
    REASONS,
    EventSource,
    plain_single_headers,
    quick_body_limit,
    status_line,
)

# ALB targets with multi-value headers on always take the checked path.
from apiway.sources.checks import (
    checked_size,
    last_cookie_only,
    multi_value_headers,
    single_value_headers,
    status_and_body,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from re import Pattern
    from typing import Any

    from apiway.cors import CORSConfig
    from apiway.events import ALBEvent
    from apiway.events.base import BaseProxyEvent
    from apiway.response import Response


class ALBSource(EventSource):
    """ALB forwards path and query string still percent-encoded. A target group with
    multi-value headers on sends ``multiValueHeaders`` and must get them back; otherwise only
    one value per header (and so one cookie) fits. ALB needs ``statusDescription`` and a
    string body."""

    name = "alb"
    label = "Application Load Balancer"
    event_class_path = "apiway.events.alb:ALBEvent"
    path_decoded = False
    elb_context = True

    def __init__(self, decode_query_parameters: bool = True):
        super().__init__()
        self.decode_query_parameters = decode_query_parameters

    def make_event(self, raw: "dict[str, Any]", json_loads: "Any") -> "BaseProxyEvent":
        return self.event_class(raw, json_loads, self.decode_query_parameters)  # type: ignore[call-arg]

    def write(self, response: "Response", raw: "dict[str, Any]") -> "dict[str, Any]":
        body = response.body
        status = response.status_code
        if (
            type(body) is str
            and type(status) is int
            and "multiValueHeaders" not in raw
            and len(body) <= _QUICK_BODY
        ):
            description = _STATUS_LINES.get(status)
            plain = plain_single_headers(self, response) if description is not None else None
            if plain is not None:  # perf: the common response, in one pass
                return {
                    "statusCode": status,
                    "statusDescription": description,
                    "body": body,
                    "isBase64Encoded": response.base64_encoded is True,
                    "headers": plain,
                }
        status, body, encoded = status_and_body(response)
        out: dict[str, Any] = {
            "statusCode": status,
            "statusDescription": status_line(status),
            "body": body,
            "isBase64Encoded": encoded,
        }
        if "multiValueHeaders" in raw:
            out["multiValueHeaders"] = multi_value_headers(response)
        else:
            headers, cookies = single_value_headers(response)
            out["headers"] = last_cookie_only(headers, cookies, _ONE_COOKIE_ADVICE)
        return checked_size(out, ALB_RESPONSE_LIMIT, "1 MB ALB")


_STATUS_LINES = {code: status_line(code) for code in REASONS}
_QUICK_BODY = quick_body_limit(ALB_RESPONSE_LIMIT)
_ONE_COOKIE_ADVICE = (
    "the ALB target group is in single-value header mode; turn on multi-value headers on the "
    "target group to send them all"
)


class ALBResolver(BaseResolver):
    """Application Load Balancer targets, in single- or multi-value header mode.

    ALB forwards query strings still percent-encoded; they are decoded once, unless
    ``decode_query_parameters=False``. Responses are always checked against ALB's 1 MB limit
    (``enable_response_size_validation`` is accepted for compatibility and changes nothing).
    """

    if TYPE_CHECKING:

        @property
        def current_event(self) -> "ALBEvent": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...

    def __init__(
        self,
        cors: "CORSConfig | None" = None,
        debug: "bool | None" = None,
        serializer: "Callable[[Any], str] | None" = None,
        strip_prefixes: "Iterable[str | Pattern[str]] | None" = None,
        enable_validation: bool = False,
        response_validation_error_http_code: "int | None" = None,
        json_body_deserializer: "Callable[[str], Any] | None" = None,
        propagate_exceptions: bool = False,
        decode_query_parameters: bool = True,
        enable_response_size_validation: bool = False,
    ):
        # enable_response_size_validation is accepted for code written against the API users
        # migrate from, and ignored: apiway always checks responses against ALB's 1 MB limit.
        self._source = ALBSource(decode_query_parameters)
        super().__init__(
            cors,
            debug,
            serializer,
            strip_prefixes,
            enable_validation,
            response_validation_error_http_code,
            json_body_deserializer,
            propagate_exceptions,
        )

"""Application Load Balancer targets (single- or multi-value header mode)."""

from apiway.sources import ALB_RESPONSE_LIMIT, EventSource, plain_single_headers, quick_body_limit

# ALB targets with multi-value headers on always take the checked path.
from apiway.sources.checks import checked_size, multi_value_headers, single_value_headers, status_and_body
from apiway.status import REASONS, status_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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
            plain = plain_single_headers(response) if description is not None else None
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
            if cookies:
                if len(cookies) > 1:
                    _warn_cookies(len(cookies))
                headers["Set-Cookie"] = cookies[-1]
            out["headers"] = headers
        return checked_size(out, ALB_RESPONSE_LIMIT, "1 MB ALB")


_STATUS_LINES = {code: status_line(code) for code in REASONS}
_QUICK_BODY = quick_body_limit(ALB_RESPONSE_LIMIT)


def _warn_cookies(count: int) -> None:
    import logging

    logging.getLogger("apiway").warning(
        "ALB target group is in single-value header mode: only the last of %d cookies is sent; "
        "enable multi-value headers on the target group to send them all",
        count,
    )

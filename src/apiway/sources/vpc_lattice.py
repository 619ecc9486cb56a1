"""VPC Lattice target groups with Lambda targets, event structure versions 1 and 2."""

from apiway import sources
from apiway.resolvers import BaseResolver
from apiway.sources import (
    LAMBDA_RESPONSE_LIMIT,
    REASONS,
    EventSource,
    invalid_event,
    plain_single_headers,
    quick_body_limit,
    status_line,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.events.base import BaseProxyEvent
    from apiway.events.vpc_lattice import VPCLatticeEvent, VPCLatticeEventV2
    from apiway.response import Response


class VPCLatticeSource(EventSource):
    """Version 1 events: ``method`` and ``raw_path`` (still percent-encoded, possibly followed
    by the query string), one string per header. Both versions take the same answer: one
    value per header (so one cookie), a ``statusDescription``, at most 6 MB."""

    name = "lattice"
    label = "VPC Lattice (event structure version 1)"
    event_class_path = "apiway.events.vpc_lattice:VPCLatticeEvent"
    path_decoded = False
    #: The event field holding the path, and the one the other version uses instead.
    path_field = "raw_path"
    other_version = ("path", "version 2", "VPCLatticeV2Resolver")

    def read(self, raw: "Any") -> "tuple[str, str]":
        try:
            method = raw["method"]
            path = raw[self.path_field]
        except (KeyError, TypeError):
            method = path = None
        if type(method) is not str or type(path) is not str or not method or not path:
            method, path = self._read_slowly(raw)
        if "?" in path:
            path = path.partition("?")[0] or "/"
        return method.upper(), path

    def _read_slowly(self, raw: "Any") -> "tuple[str, str]":
        """Validate the fields ``read`` needs, naming the first one that is wrong."""
        if not isinstance(raw, dict):
            raise invalid_event(self.label, "event", f"must be an object, not {type(raw).__name__}")
        field, version, resolver = self.other_version
        if raw.get(self.path_field) is None and raw.get(field) is not None and "method" in raw:
            raise invalid_event(
                self.label, self.path_field, f"is missing: this is a {version} event, for {resolver}"
            )
        from apiway.sources.checks import require_text

        method = require_text(raw, "method", self.label, "method")
        path = require_text(raw, self.path_field, self.label, self.path_field)
        return method, path

    def write(self, response: "Response", raw: "dict[str, Any]") -> "dict[str, Any]":
        body = response.body
        status = response.status_code
        if type(body) is str and type(status) is int and len(body) <= _QUICK_BODY:
            description = _STATUS_LINES.get(status)
            plain = plain_single_headers(self, response) if description is not None else None
            if plain is not None:  # perf: the common response, in one pass
                return {
                    "statusCode": status,
                    "statusDescription": description,
                    "headers": plain,
                    "body": body,
                    "isBase64Encoded": response.base64_encoded is True,
                }
        checks = sources.checks
        status, body, encoded = checks.status_and_body(response)
        headers, cookies = checks.single_value_headers(response)
        out = {
            "statusCode": status,
            "statusDescription": status_line(status),
            "headers": checks.last_cookie_only(headers, cookies, _ONE_COOKIE_ADVICE),
            "body": body,
            "isBase64Encoded": encoded,
        }
        return checks.checked_size(out, LAMBDA_RESPONSE_LIMIT, "6 MB VPC Lattice")


_STATUS_LINES = {code: status_line(code) for code in REASONS}
_QUICK_BODY = quick_body_limit(LAMBDA_RESPONSE_LIMIT)
_ONE_COOKIE_ADVICE = "VPC Lattice takes one value per response header"


class VPCLatticeV2Source(VPCLatticeSource):
    """Version 2 events: ``method`` and ``path``, every header and query value in a list,
    and a ``requestContext`` naming the service network, service, target group and caller."""

    name = "lattice-v2"
    label = "VPC Lattice (event structure version 2)"
    event_class_path = "apiway.events.vpc_lattice:VPCLatticeEventV2"
    path_field = "path"
    other_version = ("raw_path", "version 1", "VPCLatticeResolver")

    def lower_headers(self, raw: "dict[str, Any]") -> "dict[str, str]":
        from apiway.events.base import as_text, join_header_values

        headers: dict[str, str] = {}
        given = raw.get("headers")
        if isinstance(given, dict):
            for name, value in given.items():
                key = str(name).lower()
                if isinstance(value, list):
                    texts = [t for t in map(as_text, value) if t is not None]
                    if texts:
                        headers[key] = join_header_values(key, texts)
                else:
                    text = as_text(value)  # early version 2 events sent one string per header
                    if text is not None:
                        headers[key] = text
        return headers


class VPCLatticeResolver(BaseResolver):
    """VPC Lattice target groups whose Lambda event structure is version 1."""

    _source_class = VPCLatticeSource
    if TYPE_CHECKING:

        @property
        def current_event(self) -> "VPCLatticeEvent": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...


class VPCLatticeV2Resolver(BaseResolver):
    """VPC Lattice target groups whose Lambda event structure is version 2."""

    _source_class = VPCLatticeV2Source
    if TYPE_CHECKING:

        @property
        def current_event(self) -> "VPCLatticeEventV2": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...

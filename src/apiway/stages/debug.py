"""The debug stage: one log line per request and per response, credentials redacted.

Only in the chain in debug mode (``debug=True`` or ``POWERTOOLS_EVENT_HANDLER_DEBUG``,
``POWERTOOLS_DEV``, ``APIWAY_DEBUG``). Debug mode also makes the exception stage put
tracebacks into 500 responses and the CORS stage accept any origin.
"""

import time

from apiway.stages import Stage, debug_needed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from logging import Logger
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.response import Response

REDACTED = "***"
#: Where the request's start time waits for the response (in ``request.state``).
_STARTED = "apiway.debug.started"
_SECRET_MARKERS = ("auth", "cookie", "api-key", "apikey", "api_key", "token", "secret", "password", "session")


def is_secret(name: str) -> bool:
    """Whether a header or parameter name may carry a credential."""
    lowered = name.lower()
    return any(marker in lowered for marker in _SECRET_MARKERS)


def redact(values: "dict[str, Any]") -> "dict[str, Any]":
    """A copy of a header or query map with credential-bearing values replaced."""
    return {name: (REDACTED if is_secret(str(name)) else value) for name, value in values.items()}


def debug_logger() -> "Logger":
    import logging
    import sys

    logger = logging.getLogger("apiway.debug")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.DEBUG)
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("apiway %(message)s"))
        logger.addHandler(handler)
    return logger


class DebugStage(Stage):
    """Logs the request (method, path, headers, query, body size) and the response (status,
    headers, body size, duration) on the ``apiway.debug`` logger. ``Authorization``,
    ``Cookie``, ``Set-Cookie``, API-key, token and similar values are redacted, and bodies
    are never logged, only their size."""

    name = "debug"

    def enabled(self, app: "BaseResolver") -> bool:
        return debug_needed(app)

    def setup(self, app: "BaseResolver") -> None:
        if app.debug:
            self.logger = debug_logger()

    def before(self, request: "PipelineRequest") -> None:
        event = request.event
        body = event.body or ""
        self.logger.debug(
            "request %s %s route_path=%s headers=%s query=%s body_length=%d",
            request.method,
            request.path,
            request.route_path,
            redact(dict(request.headers)),
            redact(event.query_string_parameters),
            len(body),
        )
        request.state[_STARTED] = time.perf_counter()

    def after(self, request: "PipelineRequest", response: "Response") -> "Response":
        started = request.state.get(_STARTED)
        elapsed = (time.perf_counter() - started) * 1000 if started is not None else -1.0
        body_out = response.body
        size = len(body_out) if isinstance(body_out, (str, bytes)) else -1
        route = request.route
        self.logger.debug(
            "response %s %s -> %s route=%s headers=%s cookies=%d body_length=%d in %.2f ms",
            request.method,
            request.path,
            response.status_code,
            f"{route.method} {route.rule}" if route is not None else None,
            redact(response.headers),
            len(response.cookies),
            size,
            elapsed,
        )
        return response

    def describe(self) -> "dict[str, Any]":
        return {"logger": "apiway.debug", "redacts": list(_SECRET_MARKERS)}

"""One local invocation, shared by the test client and the WSGI adapter (so the local server).

The HTTP request becomes the event its source sends (:mod:`apiway.local.events`), the
handler runs with a stand-in Lambda context, and its result is read back the way the
platform reads it (:mod:`apiway.local.proxy`). A handler that raises, or returns a
malformed proxy response, is answered 502 as API Gateway answers it; with
``raise_exceptions`` the exception goes to the caller instead.
"""

import logging
import uuid

from apiway.local.context import LambdaContext
from apiway.local.events import build_event
from apiway.local.proxy import (
    HttpResponse,
    MalformedResponseError,
    failed_invocation,
    malformed_response,
    parse_response,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from apiway.local.target import Handler

logger = logging.getLogger("apiway.local")


class Invocation:
    """What one local call made: the event, the handler's result (None if it raised) and the
    HTTP response the platform makes of it."""

    __slots__ = ("event", "response", "result")

    def __init__(self, event: "dict[str, Any]", result: "Any", response: "HttpResponse"):
        self.event = event
        self.result = result
        self.response = response

    def __repr__(self) -> str:
        return f"<Invocation {self.response.status} {self.response.reason}>"


def invoke(
    handler: "Handler",
    source: str,
    method: str,
    path: str,
    query: str = "",
    headers: "Iterable[tuple[str, str]]" = (),
    body: bytes = b"",
    *,
    stage: "str | None" = None,
    source_ip: str = "127.0.0.1",
    protocol: str = "HTTP/1.1",
    function_name: str = "apiway-local",
    timeout_seconds: float = 30.0,
    raise_exceptions: bool = False,
) -> "Invocation":
    """Call ``handler`` with the event ``source`` sends for one HTTP request.

    ``path`` and ``query`` are raw (percent-encoded); ``headers`` are ``(name, value)``
    pairs. With ``raise_exceptions``, an exception the handler raises, an unhandled
    exception inside an apiway resolver it calls (which would otherwise answer 500), and a
    :class:`~apiway.local.proxy.MalformedResponseError` reach the caller.
    """
    request_id = str(uuid.uuid4())
    event = build_event(
        source,
        method,
        path,
        query,
        headers,
        body,
        source_ip=source_ip,
        stage=stage,
        protocol=protocol,
        request_id=request_id,
    )
    context = LambdaContext(request_id, function_name, timeout_seconds=timeout_seconds)
    context.raise_server_exceptions = raise_exceptions
    try:
        result = handler(event, context)
    except Exception as error:  # the gateway answers a failed invocation: so do we
        if raise_exceptions:
            raise
        logger.exception("%s %s: the handler raised", method, path)
        return Invocation(event, None, failed_invocation(error))
    try:
        response = parse_response(result, source)
    except MalformedResponseError as error:
        if raise_exceptions:
            raise
        logger.error("%s %s: malformed Lambda proxy response: %s", method, path, error)
        response = malformed_response(error)
    return Invocation(event, result, response)

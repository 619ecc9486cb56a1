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


def prepare(
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
) -> "tuple[dict[str, Any], LambdaContext]":
    """The event ``source`` sends for one HTTP request, and a stand-in Lambda context for it."""
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
    return event, context


def failed(
    event: "dict[str, Any]", error: Exception, method: str, path: str, raise_exceptions: bool
) -> "Invocation":
    """The handler raised: the gateway answers a failed invocation, and so do we."""
    if raise_exceptions:
        raise error
    logger.exception("%s %s: the handler raised", method, path)
    return Invocation(event, None, failed_invocation(error))


def conclude(
    event: "dict[str, Any]", result: "Any", source: str, method: str, path: str, raise_exceptions: bool
) -> "Invocation":
    """What the platform makes of the handler's ``result``."""
    try:
        if hasattr(type(result), "__await__"):
            close = getattr(result, "close", None)
            if callable(close):
                close()  # never awaited, and never to be: no warning saying so later
            raise MalformedResponseError(
                f"the handler returned a {type(result).__name__} object: Lambda calls handlers "
                "synchronously and never awaits what they return; return "
                "asyncio.run(app.resolve_async(event, context)), or app.resolve(event, context), "
                "which runs async routes too"
            )
        response = parse_response(result, source)
    except MalformedResponseError as error:
        if raise_exceptions:
            raise
        logger.error("%s %s: malformed Lambda proxy response: %s", method, path, error)
        response = malformed_response(error)
    return Invocation(event, result, response)


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
    event, context = prepare(
        source,
        method,
        path,
        query,
        headers,
        body,
        stage=stage,
        source_ip=source_ip,
        protocol=protocol,
        function_name=function_name,
        timeout_seconds=timeout_seconds,
        raise_exceptions=raise_exceptions,
    )
    try:
        result = handler(event, context)
    except Exception as error:  # noqa: BLE001 - answered (or re-raised) by failed()
        return failed(event, error, method, path, raise_exceptions)
    return conclude(event, result, source, method, path, raise_exceptions)


async def invoke_async(
    app: "Any",
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
    raise_exceptions: bool = False,
) -> "Invocation":
    """:func:`invoke`, awaited: a resolver ``app`` answers with ``await app.resolve_async``
    on the running loop; a Lambda handler function (``handler``) runs in a worker thread,
    as it would run on Lambda, outside any loop."""
    event, context = prepare(
        source,
        method,
        path,
        query,
        headers,
        body,
        stage=stage,
        source_ip=source_ip,
        raise_exceptions=raise_exceptions,
    )
    try:
        resolve_async = getattr(app, "resolve_async", None)
        if callable(resolve_async):
            result = await resolve_async(event, context)
        else:
            import asyncio

            result = await asyncio.to_thread(handler, event, context)
    except Exception as error:  # noqa: BLE001 - answered (or re-raised) by failed()
        return failed(event, error, method, path, raise_exceptions)
    return conclude(event, result, source, method, path, raise_exceptions)

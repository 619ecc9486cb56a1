"""``resolve_async``: the async path through a resolver's chain."""

from apiway.aio import request_variables
from apiway.aio.links import awaited, stage_chain
from apiway.request import PipelineRequest
from apiway.response import Response

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.resolvers import BaseResolver


class AsyncRequest(PipelineRequest):
    """A request served by ``resolve_async``: links hand back awaitables, not results."""

    asynchronous = True
    #: The request ``resolve()`` was resolving on this thread when this one began (None:
    #: none): a ``resolve()`` started later, inside this one, is the more inner of the two.
    outer: "PipelineRequest | None" = None


async def resolve_async(app: "BaseResolver", event: "Any", context: "Any") -> "dict[str, Any]":
    """What ``app.resolve_async(event, context)`` does (see there)."""
    chain = app._chain
    entry = chain.entry_async
    if entry is None:
        chain.build(app)
        entry = chain.entry_async = stage_chain(chain, app)
    if type(event) is not dict:
        raw_event = getattr(event, "raw_event", None)
        if raw_event is not None:
            event = raw_event  # a typed event passed by mistake
    source = app._source
    method, path = source.read(event)
    request = AsyncRequest(app, event, context, method, path)
    outer = app._per_thread.__dict__.get("request")
    if outer is not None:
        request.outer = outer
    if app._pending_context:
        request.context = app._pending_context
        app._pending_context = {}
    current, last = app._async_requests or request_variables(app)
    token = current.set(request)
    response = None
    try:
        response = entry(request)
        if response.__class__ is not Response:
            response = await response
            if response.__class__ is not Response:
                response = await awaited(response)
        return source.write(response, event)
    except Exception as error:  # noqa: BLE001 - last line of defence: always answer
        from apiway.failures import last_resort

        return last_resort(app, request, error, response if isinstance(response, Response) else None)
    finally:
        current.reset(token)
        last.set(request)

"""Helpers for the route plan tests: compiling a handler, and the ``PipelineRequest`` apiway builds for a
real event (routed by a resolver, so ``route_args`` are what the router found)."""

from __future__ import annotations

from typing import Any

import pytest

from apiway.openapi.exceptions import RequestValidationError
from apiway.request import PipelineRequest
from apiway.validation.plan import RoutePlan, compile_plan
from support.events import REST, EventSource


def request_for(
    rule: str, method: str, path: str, source: EventSource = REST, **fields: Any
) -> PipelineRequest:
    """The request apiway builds for ``method path`` (event fields as ``EventSource.event``
    takes them: ``query``, ``headers``, ``body``, ``cookies``, ``is_base64``) routed by ``rule``."""
    app = source.app()
    seen: list[PipelineRequest] = []

    @app.route(rule, method)
    def capture(**route_args: Any) -> dict[str, Any]:
        seen.append(app._active_request())
        return {}

    source.call(app, source.event(method, path, **fields))
    assert len(seen) == 1
    return seen[0]


def plan_for(handler: Any, rule: str = "/", method: str = "GET", **options: Any) -> RoutePlan:
    return compile_plan(handler, method, rule, options=options)


def arguments(
    handler: Any, rule: str, method: str, path: str, source: EventSource = REST, **fields: Any
) -> dict[str, Any]:
    """The handler's validated keyword arguments for the request."""
    return plan_for(handler, rule, method).arguments(request_for(rule, method, path, source, **fields))


def problems(
    handler: Any, rule: str, method: str, path: str, source: EventSource = REST, **fields: Any
) -> list[dict[str, Any]]:
    """``{"loc": [...], "type": ...}`` for each problem the request has (it must have some)."""
    with pytest.raises(RequestValidationError) as caught:
        arguments(handler, rule, method, path, source, **fields)
    return [{"loc": list(error["loc"]), "type": error["type"]} for error in caught.value.errors()]

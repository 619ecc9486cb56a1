"""A resolver's routes and their plans: each route compiled for the resolver (its options, its
live ``dependency_overrides``) and the call the router makes in place of the handler.

The validation stage gives each route that needs one its call (``route.invoke``): validated
arguments and the validated return value for a route with validation on; ``Request`` and
``Depends`` filled in, nothing validated, for a route with validation off that takes them.
"""

from apiway.registry import is_async
from apiway.response import json_response, to_response
from apiway.route_options import validated
from apiway.validation.plan import RoutePlan, compile_plan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.response import Response


class LiveOverrides:
    """``app.dependency_overrides`` read at each request, so that assigning a new dict works
    as well as changing the one there is."""

    __slots__ = ("app",)

    def __init__(self, app: "BaseResolver"):
        self.app = app

    def __len__(self) -> int:
        return len(self.app.dependency_overrides)

    def __contains__(self, key: "Any") -> bool:
        return key in self.app.dependency_overrides

    def __getitem__(self, key: "Any") -> "Any":
        return self.app.dependency_overrides[key]

    def __iter__(self) -> "Iterator[Any]":
        return iter(self.app.dependency_overrides)

    def keys(self) -> "Any":
        return self.app.dependency_overrides.keys()

    def items(self) -> "Any":
        return self.app.dependency_overrides.items()


def route_plan(app: "BaseResolver", route: "Route", validate: bool = True) -> RoutePlan:
    """``route`` compiled with its options and the resolver's ``dependency_overrides``."""
    options = dict(route.options or ())
    options["status_code"] = route.status_code
    return compile_plan(
        route.func,
        route.method,
        route.rule,
        route.param_names,
        options,
        dependency_overrides=LiveOverrides(app),  # type: ignore[arg-type]  # a Mapping by duck typing
        validate=validate,
    )


def document_plan(app: "BaseResolver", route: "Route") -> RoutePlan:
    """The route's full plan (what the OpenAPI document is written from), compiled once."""
    plan: RoutePlan | None = route.plan
    if plan is None:
        plan = route.plan = route_plan(app, route)
    return plan


def route_call(
    app: "BaseResolver", route: "Route"
) -> "tuple[str, Callable[[PipelineRequest], Response]] | None":
    """What the router calls for ``route`` in place of the handler, and why (``"validated"`` or
    ``"injected"``); None when the handler is called as it is."""
    if validated(app, route):
        return "validated", plan_call(route, document_plan(app, route))
    from apiway.stages import takes_injections

    if takes_injections(route.func):
        plan = route_plan(app, route, validate=False)
        if any(sig.request_names or sig.dependencies for sig in plan.signature.walk()):
            return "injected", plan_call(route, plan)
    return None


def plan_call(route: "Route", plan: RoutePlan) -> "Callable[[PipelineRequest], Response]":
    """The call of ``route``'s handler through ``plan``: arguments, handler, result, response.
    For an ``async def`` handler, an ``async def`` call that awaits it between the two."""
    if is_async(route.func):
        return awaiting_plan_call(route, plan)
    func, status_code = route.func, route.status_code
    arguments, result = plan.arguments, plan.result

    def call(request: "PipelineRequest") -> "Response":
        try:
            kwargs = arguments(request)
        except RecursionError:
            raise too_deep("request") from None
        value = func(**kwargs)
        try:
            value = result(value)
        except RecursionError:
            raise too_deep("response") from None
        if type(value) is dict:
            return json_response(status_code, value)
        return to_response(value, status_code)

    call.__qualname__ = f"{route.name} (validated)" if plan.validates else f"{route.name} (injected)"
    return call


def awaiting_plan_call(route: "Route", plan: RoutePlan) -> "Callable[[PipelineRequest], Any]":
    """:func:`plan_call` for an ``async def`` handler (the router's async chain awaits it)."""
    func, status_code = route.func, route.status_code
    arguments, result = plan.arguments, plan.result

    async def call(request: "PipelineRequest") -> "Response":
        try:
            kwargs = arguments(request)
        except RecursionError:
            raise too_deep("request") from None
        value = func(**kwargs)
        if hasattr(type(value), "__await__"):  # a plain wrapper of it may answer itself
            value = await value
        try:
            value = result(value)
        except RecursionError:
            raise too_deep("response") from None
        if type(value) is dict:
            return json_response(status_code, value)
        return to_response(value, status_code)

    call.__qualname__ = f"{route.name} (validated)" if plan.validates else f"{route.name} (injected)"
    return call


def too_deep(where: str) -> Exception:
    """The error for a value nested too deeply to validate (or serialize) in Python's
    recursion limit: ``recursion_loop``, as pydantic names it, for the request or the response."""
    from apiway.openapi.exceptions import RequestValidationError, ResponseValidationError

    loc = ("body",) if where == "request" else ("response",)
    errors = [
        {
            "type": "recursion_loop",
            "loc": loc,
            "msg": "Recursion error - cyclic reference detected",
            "input": None,
        }
    ]
    if where == "request":
        return RequestValidationError(errors)
    return ResponseValidationError(errors)

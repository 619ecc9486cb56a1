"""A resolver's routes and their plans: each route compiled for the resolver (its options, its
live ``dependency_overrides``) and the call the router makes in place of the handler.

The validation stage gives each route that needs one its call (``route.invoke``): validated
arguments and the validated return value for a route with validation on; ``Request`` and
``Depends`` filled in, nothing validated, for a route with validation off that takes them.

What a handler returns is checked against its return annotation (``ResponsePlan``):
``-> T`` validates the body (of a plain value, of ``(body, status)``, or of a ``Response``);
``-> Response[T]`` and ``-> tuple[T, int]`` validate ``T``; ``-> Response`` and no annotation
validate nothing (JSON bodies are still made JSON-compatible with ``jsonable_encoder``, as
the Powertools REST event handler does with validation on).
"""

from apiway.registry import is_async
from apiway.response import Response, json_response, to_response
from apiway.route_options import validated
from apiway.validation import check as _check
from apiway.validation.check import EMPTY, INVALID
from apiway.validation.plan import RoutePlan, compile_plan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.validation.check import TypeCheck


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


# -- what the handler returns ---------------------------------------------------------------
def response_type(returns: "Any") -> "Any":
    """The type a return annotation declares for the body, or ``EMPTY`` for "not validated"."""
    if type(returns) is type:  # perf: a plain class, without probing it for typing's attributes
        return EMPTY if issubclass(returns, Response) else returns
    if returns is EMPTY or (isinstance(returns, type) and issubclass(returns, Response)):
        return EMPTY
    origin = getattr(returns, "__origin__", None)
    args: tuple[Any, ...] = getattr(returns, "__args__", ())
    if isinstance(origin, type) and issubclass(origin, Response) and len(args) == 1:
        return response_type(args[0])
    if origin is tuple and len(args) == 2 and args[1] is not Ellipsis:
        return args[0]  # (body, status): the body is what is validated
    return returns


class ResponsePlan:
    """``result(value)``: the handler's return value with its body validated and serialized."""

    __slots__ = ("check", "source")

    def __init__(self, check: "TypeCheck | None", source: str):
        self.check = check
        #: ``"route"`` when the route sets its own status for failed validation, else ``"app"``.
        self.source = source

    def result(self, value: "Any") -> "Any":
        """``value`` with its body replaced by the validated, JSON-compatible one; raises
        ``ResponseValidationError`` listing every problem (located under ``"response"``)."""
        kind = type(value)
        if kind is tuple and 2 <= len(value) <= 3:
            inner = value[0]
            if isinstance(inner, Response):
                self._response(inner)
                return value
            return (self._body(inner), *value[1:])
        if isinstance(value, Response):
            self._response(value)
            return value
        if self.check is None and (kind is bytes or kind is bytearray):
            return value
        return self._body(value)

    def _response(self, response: "Any") -> None:
        if self.check is None and not response.is_json():
            return
        response.body = self._body(response.body)

    def _body(self, body: "Any") -> "Any":
        check = self.check
        if check is None:
            if _plain_json(body, 0):
                return body  # what jsonable_encoder would give, without loading it
            from apiway.openapi.encoders import jsonable_encoder

            return jsonable_encoder(body)
        errors: list[dict[str, Any]] = []
        result = check.check(body, errors)
        if result is INVALID:
            from apiway.openapi.exceptions import ResponseValidationError

            for error in errors:
                error["loc"] = ("response", *error["loc"])
            raise ResponseValidationError(errors, body=body, source=self.source)  # type: ignore[arg-type]
        return check.serialize(result)


_PLAIN = frozenset((str, int, float, bool, type(None)))


def _plain_json(value: "Any", depth: int) -> bool:
    """Whether ``value`` is JSON data already: dicts with text keys, lists, text, numbers, booleans, None."""
    kind = type(value)
    if kind in _PLAIN:
        return True
    if depth > 32:
        return False
    if kind is dict:
        return all(type(key) is str and _plain_json(item, depth + 1) for key, item in value.items())
    if kind is list:
        return all(_plain_json(item, depth + 1) for item in value)
    return False


def compile_response(returns: "Any", label: str, source: str) -> ResponsePlan:
    """The response plan of a return annotation; unsupported types are refused naming the route."""
    body_type = response_type(returns)
    if body_type is EMPTY:
        return ResponsePlan(None, source)
    from apiway.validation import compile_type

    try:
        return ResponsePlan(compile_type(body_type), source)
    except _check.AnnotationError as exc:
        raise _check.AnnotationError(f"{label}, return annotation: {exc}") from None


def response_models(responses: "dict[Any, Any] | None", label: str) -> "dict[int, TypeCheck]":
    """The checks of the models the ``responses`` route option names (``{"model": Todo}`` in a
    content entry), compiled now so an unsupported one is refused when the route is declared."""
    found: dict[int, TypeCheck] = {}
    for code, response in (responses or {}).items():
        content = response.get("content")
        for media_type, payload in content.items() if isinstance(content, dict) else ():
            if isinstance(payload, dict) and "model" in payload and id(payload["model"]) not in found:
                from apiway.validation import compile_type

                try:
                    found[id(payload["model"])] = compile_type(payload["model"])
                except _check.AnnotationError as exc:
                    raise _check.AnnotationError(
                        f"{label}, responses[{code!r}] {media_type}: {exc}"
                    ) from None
    return found

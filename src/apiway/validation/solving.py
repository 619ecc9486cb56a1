"""Resolving ``Depends`` per request: each dependency called once its own parameters are
filled, cached per invocation when ``use_cache=True``, failures wrapped in
``DependencyResolutionError`` (the original exception is its ``__cause__``), and
``dependency_overrides`` applied by compiling the route again with the replacements."""

from apiway.validation.signature import describe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.validation.plan import RoutePlan
    from apiway.validation.signature import Signature

    # Per signature: the names that receive the Request, and per dependency
    # (parameter name, function, use_cache, index of its signature, name for messages).
    Wiring = list[tuple[list[str], list[tuple[str, Any, bool, int, str]]]]

# Override sets remembered per route; tests rarely use more than a handful.
_MAX_OVERRIDE_PLANS = 16


def wiring(signatures: "list[Signature]") -> "Wiring":
    """How the signatures (handler first, then dependencies depth first) feed each other."""
    index = {id(signature): position for position, signature in enumerate(signatures)}
    out: Wiring = []
    for signature in signatures:
        deps = [
            (dep.name, dep.function, dep.use_cache, index[id(dep.signature)],
             getattr(dep.function, "__name__", None) or describe(dep.function))
            for dep in signature.dependencies
        ]  # fmt: skip
        out.append((list(signature.request_names), deps))
    return out


def solve(
    plan: "Wiring", bags: "list[dict[str, Any]]", request: "PipelineRequest", cache: "dict[Any, Any]"
) -> "dict[str, Any]":
    """The handler's keyword arguments: ``bags`` holds each signature's validated request
    values; dependencies are called into them, the handler's (``bags[0]``) returned."""
    _fill(plan, 0, bags, request, cache)
    return bags[0]


def _fill(
    plan: "Wiring",
    index: int,
    bags: "list[dict[str, Any]]",
    request: "PipelineRequest",
    cache: "dict[Any, Any]",
) -> None:
    from apiway.depends import DependencyResolutionError

    kwargs = bags[index]
    request_names, deps = plan[index]
    for name in request_names:
        kwargs[name] = request.view
    for name, function, use_cache, child, shown in deps:
        if use_cache and function in cache:
            kwargs[name] = cache[function]
            continue
        _fill(plan, child, bags, request, cache)
        try:
            value = function(**bags[child])
        except Exception as exc:
            raise DependencyResolutionError(
                f"Failed to resolve dependency '{shown}' for parameter '{name}': {exc}"
            ) from exc
        if use_cache:
            cache[function] = value
        kwargs[name] = value


class OverridePlans:
    """The route's plan for the current ``dependency_overrides`` (compiled once per set)."""

    __slots__ = ("_declared", "_plans", "_route")

    def __init__(self, route: "RoutePlan", signatures: "list[Signature]"):
        self._route = route
        self._declared = {dep.declared for signature in signatures for dep in signature.dependencies}
        self._plans: dict[Any, RoutePlan] = {}

    def plan_for(self, overrides: "Mapping[Any, Any]") -> "RoutePlan":
        """The plan with ``overrides`` applied, or the route's own when none concerns it."""
        if not any(function in overrides for function in self._declared):
            return self._route
        key = tuple(overrides.items())
        try:
            plan = self._plans.get(key)
        except TypeError:  # an unhashable override: compiled for this request only
            return self._route.with_overrides(dict(overrides))
        if plan is None:
            if len(self._plans) >= _MAX_OVERRIDE_PLANS:
                self._plans.clear()
            plan = self._plans[key] = self._route.with_overrides(dict(overrides))
        return plan

"""``app.describe()``: the chain in order with each stage's configuration, and what one
route runs through; :func:`route_chains` gives the same facts as data (``apiway routes``)."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from apiway.registry import Route
    from apiway.resolvers import BaseResolver
    from apiway.stages import Stage


class RouteChain:
    """What one route runs through, outermost first: the stages acting on it, then the
    middlewares around it (the resolver's own first, then the route's)."""

    __slots__ = ("middlewares", "route", "stages")

    def __init__(self, route: "Route", stages: "list[str]", middlewares: "list[Callable[..., Any]]"):
        self.route = route
        self.stages = stages
        self.middlewares = middlewares

    @property
    def middleware_names(self) -> "list[str]":
        """Each middleware's function name (its class name for a middleware object)."""
        return [getattr(m, "__name__", type(m).__name__) for m in self.middlewares]

    def __repr__(self) -> str:
        return f"<RouteChain {self.route.method} {self.route.rule}: {' -> '.join(self.stages)}>"


def chain_stages(app: "BaseResolver") -> "tuple[list[Stage], list[str]]":
    """``(stages, left_out)``: the stages of the live chain, outermost first, and the names of
    those left out; before the chain is built, those it would have."""
    pipeline = app.pipeline
    if pipeline.built:
        return pipeline.stages, pipeline.left_out
    return pipeline.chain.planned_stages(app)  # the plan the build will follow


def route_chains(
    app: "BaseResolver",
    routes: "Iterable[Route] | None" = None,
    stages: "list[Stage] | None" = None,
) -> "list[RouteChain]":
    """What each route of ``app`` (or each of ``routes``) runs through, in order.

    ``stages`` is the chain from :func:`chain_stages`, when the caller already has it.
    """
    if stages is None:
        stages = chain_stages(app)[0]
    # The one place that reads the resolver-wide middlewares.
    everywhere = list(app.middlewares)
    return [
        RouteChain(
            route,
            [stage.name for stage in stages if stage.applies_to(route)],
            [*everywhere, *route.middlewares],
        )
        for route in (app.routes if routes is None else routes)
    ]


def _format_config(config: "dict[str, Any]") -> str:
    return ", ".join(f"{key}={value!r}" for key, value in config.items())


def _find_route(app: "BaseResolver", spec: str) -> "Route":
    method, _, rule = spec.strip().partition(" ")
    method, rule = method.upper(), rule.strip()
    for route in app.routes:
        if route.method == method and route.rule in (rule, rule.rstrip("/") or "/"):
            return route
    known = ", ".join(f"{r.method} {r.rule}" for r in app.routes) or "none"
    raise LookupError(f"no route {spec!r}; registered routes: {known}")


def describe_app(app: "BaseResolver", route_spec: "str | None" = None) -> str:
    """Text description of ``app``'s chain (see :meth:`BaseResolver.describe`)."""
    stages, left_out = chain_stages(app)
    lines: list[str]
    if route_spec is None:
        state = "built" if app.pipeline.built else "not built yet"
        lines = [f"{type(app).__name__} chain, outermost first ({state}):"]
        for index, stage in enumerate(stages, 1):
            config = _format_config(stage.describe())
            lines.append(f"  {index}. {stage.name:<14} {type(stage).__name__:<20} {config}".rstrip())
        if left_out:
            lines.append("  left out (nothing to do for this app): " + ", ".join(left_out))
        lines.append(f"routes ({len(app.routes)}):")
        for chain in route_chains(app, stages=stages):
            route = chain.route
            lines.append(f"  {route.method:<7} {route.rule}  -> {route.name}{_route_flags(app, chain)}")
        return "\n".join(lines)
    (chain,) = route_chains(app, [_find_route(app, route_spec)], stages)
    route = chain.route
    middlewares = (f"middleware:{name}" for name in chain.middleware_names)
    path = " -> ".join([*chain.stages, *middlewares, route.name])
    lines = [f"{route.method} {route.rule}{_route_flags(app, chain)}", f"  runs through: {path}"]
    return "\n".join(lines)


def _route_flags(app: "BaseResolver", chain: "RouteChain") -> str:
    route = chain.route
    flags = []
    cors = route.cors if route.cors is not None else app.cors is not None
    if cors:
        flags.append("cors")
    if route.compress:
        flags.append("compress")
    if route.cache_control:
        flags.append(f"cache_control={route.cache_control!r}")
    if route.status_code != 200:
        flags.append(f"status={route.status_code}")
    names = chain.middleware_names
    if names:
        flags.append("middlewares=[" + ", ".join(names) + "]")
    return f"  [{'; '.join(flags)}]" if flags else ""

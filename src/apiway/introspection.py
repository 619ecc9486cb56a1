"""``app.describe()``: the chain in order with each stage's configuration, and what one
route runs through."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.registry import Route
    from apiway.resolvers import BaseResolver
    from apiway.stages import Stage


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


def _middleware_names(app: "BaseResolver", route: "Route") -> "list[str]":
    return [getattr(m, "__name__", type(m).__name__) for m in [*app.middlewares, *route.middlewares]]


def describe_app(app: "BaseResolver", route_spec: "str | None" = None) -> str:
    """Text description of ``app``'s chain (see :meth:`BaseResolver.describe`)."""
    pipeline = app.pipeline
    stages: list[Stage] = []
    left_out: list[str] = []
    if pipeline.built:
        stages, left_out = pipeline.stages, pipeline.left_out
    else:
        for stage in pipeline.stages:
            stage.setup(app)
            if stage.name == "router" or stage.enabled(app):
                stages.append(stage)
            else:
                left_out.append(stage.name)
    lines: list[str]
    if route_spec is None:
        state = "built" if pipeline.built else "not built yet"
        lines = [f"{type(app).__name__} chain, outermost first ({state}):"]
        for index, stage in enumerate(stages, 1):
            config = _format_config(stage.describe())
            lines.append(f"  {index}. {stage.name:<14} {type(stage).__name__:<20} {config}".rstrip())
        if left_out:
            lines.append("  left out (nothing to do for this app): " + ", ".join(left_out))
        lines.append(f"routes ({len(app.routes)}):")
        for route in app.routes:
            lines.append(f"  {route.method:<7} {route.rule}  -> {route.name}{_route_flags(app, route)}")
        return "\n".join(lines)
    route = _find_route(app, route_spec)
    acting = [stage.name for stage in stages if stage.applies_to(route)]
    middlewares = _middleware_names(app, route)
    path = " -> ".join([*acting, *(f"middleware:{name}" for name in middlewares), route.name])
    lines = [f"{route.method} {route.rule}{_route_flags(app, route)}", f"  runs through: {path}"]
    return "\n".join(lines)


def _route_flags(app: "BaseResolver", route: "Route") -> str:
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
    names = _middleware_names(app, route)
    if names:
        flags.append("middlewares=[" + ", ".join(names) + "]")
    return f"  [{'; '.join(flags)}]" if flags else ""

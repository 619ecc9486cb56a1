"""``apiway routes APP``: every route with its handler and what it runs through."""

import json
import sys

from apiway.local.commands import add_app_arguments, find_resolver, load_target

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from apiway.introspection import RouteChain
    from apiway.resolvers import BaseResolver

_COLUMNS = ("Method", "Rule", "Handler", "Line", "Stages", "Middlewares")


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    routes = commands.add_parser(
        "routes",
        help="list the routes of an app: handler, stages and middlewares",
        description=(
            "List every route of APP in registration order: its method and rule, the handler "
            "(module:function and the line it is defined on), the stages of the chain that act "
            "on it and the middlewares it runs through, outermost first. APP may also be a "
            "Lambda handler function: the resolver of its module is listed."
        ),
    )
    add_app_arguments(routes, "app or Lambda handler")
    routes.add_argument("--json", action="store_true", help="print JSON for tools instead of a table")


def run(args: "argparse.Namespace") -> int:
    from apiway.introspection import chain_stages, route_chains
    from apiway.local.target import resolver_source

    obj, label = load_target(args.app, args.app_dir)
    resolver, label = find_resolver(obj, label)
    stages, left_out = chain_stages(resolver)
    chains = route_chains(resolver, stages=stages)
    if args.json:
        document = {
            "app": label,
            "resolver": type(resolver).__name__,
            "source": resolver_source(resolver),
            "chain": [stage.name for stage in stages],
            "left_out": left_out,
            "routes": [_route_data(resolver, chain) for chain in chains],
        }
        print(json.dumps(document, indent=2))
        return 0
    rows = [_row(chain) for chain in chains]
    print(f"{label} ({type(resolver).__name__}): {len(rows)} route{'s' if len(rows) != 1 else ''}")
    if rows:
        _print_table([_COLUMNS, *rows])
    return 0


def handler_location(func: "Any") -> "tuple[str, str, str | None, int | None]":
    """``(module, function, file, line)`` of a route's handler, decorators unwrapped."""
    import inspect

    try:
        inner = inspect.unwrap(func)
    except ValueError:  # a __wrapped__ cycle
        inner = func
    module = getattr(inner, "__module__", None) or getattr(func, "__module__", None) or "?"
    name = getattr(inner, "__qualname__", None) or getattr(func, "__name__", None) or type(func).__name__
    code = getattr(inner, "__code__", None)
    if code is None:
        return module, name, None, None
    return module, name, code.co_filename, code.co_firstlineno


def _row(chain: "RouteChain") -> "tuple[str, ...]":
    route = chain.route
    module, function, _, line = handler_location(route.func)
    return (
        route.method,
        route.rule,
        f"{module}:{function}",
        "-" if line is None else str(line),
        ", ".join(chain.stages),
        ", ".join(chain.middleware_names) or "-",
    )


def _route_data(resolver: "BaseResolver", chain: "RouteChain") -> "dict[str, Any]":
    route = chain.route
    module, function, file, line = handler_location(route.func)
    return {
        "method": route.method,
        "rule": route.rule,
        "handler": {"module": module, "function": function, "file": file, "line": line},
        "stages": chain.stages,
        "middlewares": chain.middleware_names,
        "cors": route.cors if route.cors is not None else resolver.cors is not None,
        "compress": route.compress,
        "cache_control": route.cache_control,
        "status_code": route.status_code,
    }


def _print_table(rows: "list[tuple[str, ...]]") -> None:
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.rjust(width) if index == 3 and number else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    sys.stdout.write("\n".join(lines) + "\n")

"""``apiway check APP --template template.yaml``: do the template's API events and the app's
routes agree? (See :mod:`apiway.local.sam.coverage` for how paths and methods match.)"""

import json
import os

from apiway.local.commands import CommandError, add_app_arguments, find_resolver, load_target

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from types import ModuleType
    from typing import Any

    from apiway.local.sam.coverage import Coverage
    from apiway.local.sam.template import Function

#: Exit status when a route is not sent to the function or an event reaches no route.
EXIT_UNCOVERED = 1


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    check = commands.add_parser(
        "check",
        help="compare an app's routes with the API events of its function in a SAM template",
        description=(
            "Compare the routes of APP with the Api and HttpApi events of its function in a SAM "
            "template (YAML or JSON): report the routes no event sends to the function, and the "
            "events no route answers. A template {param} matches any one path segment, {proxy+} "
            "anything below it, ANY every method, and an HTTP API's $default route (an HttpApi "
            "event without Path) or a Function URL everything. Exit status: 0 when they agree, "
            "1 when something is uncovered, 2 for bad arguments or an unreadable template."
        ),
    )
    add_app_arguments(check, "app or Lambda handler")
    check.add_argument("--template", required=True, metavar="FILE", help="the SAM template (YAML or JSON)")
    check.add_argument(
        "--function",
        metavar="NAME",
        default=None,
        help="the function's logical id (default: the one whose Handler is APP's module, or the only one)",
    )
    check.add_argument("--json", action="store_true", help="print JSON for tools instead of text")


def run(args: "argparse.Namespace") -> int:
    from apiway.local.sam.coverage import compare
    from apiway.local.sam.template import (
        ANY,
        DEFAULT_ROUTE,
        ApiEvent,
        TemplateError,
        functions,
        read_template,
    )

    try:
        found = functions(read_template(args.template))
    except TemplateError as error:
        raise CommandError(str(error), "pass the SAM template that deploys this app (YAML or JSON)") from None
    obj, label = load_target(args.app, args.app_dir)
    resolver, resolver_label = find_resolver(obj, label)
    template_dir = os.path.dirname(os.path.abspath(args.template))
    attribute = label.rpartition(":")[2]
    function = pick_function(found, args.function, app_module(args.app), attribute, template_dir)
    events = list(function.events)
    if function.url:
        events.append(ApiEvent("FunctionUrlConfig", "Function URL", ANY, DEFAULT_ROUTE))
    coverage = compare(resolver.routes, events, resolver.strip_prefixes)
    if args.json:
        print(json.dumps(_data(resolver_label, function, coverage), indent=2))
    else:
        print(_text(resolver_label, function, coverage))
    return 0 if coverage.ok else EXIT_UNCOVERED


def app_module(spec: str) -> "ModuleType | None":
    """The module ``APP`` was imported from (after :func:`load_target`)."""
    import sys

    from apiway.local.loader import is_file_spec, split_spec

    where, _ = split_spec(spec)
    if not is_file_spec(where):
        return sys.modules.get(where)
    path = os.path.abspath(where)
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and os.path.abspath(file) == path:
            return module
    return None


def pick_function(
    found: "list[Function]",
    name: "str | None",
    module: "ModuleType | None",
    attribute: str,
    template_dir: str,
) -> "Function":
    """The function to check: ``name``; else the one whose Handler is ``module.attribute``, or
    the only one whose Handler is in ``module``, or the template's only function."""
    listing = ", ".join(f"{f.name} ({f.handler or 'no Handler'})" for f in found) or "none"
    if name is not None:
        for function in found:
            if function.name == name:
                return function
        raise CommandError(
            f"the template has no function {name!r}; it has: {listing}", "pass one of those to --function"
        )
    if not found:
        raise CommandError(
            "the template has no AWS::Serverless::Function", "pass the template that deploys this app"
        )
    module_name = getattr(module, "__name__", None)
    file = getattr(module, "__file__", None)
    module_file = os.path.abspath(file) if isinstance(file, str) else None

    def runs_module(function: "Function") -> bool:
        if function.handler_module is None:
            return False
        return function.handler_module == module_name or module_file in function.source_files(template_dir)

    candidates = [f for f in found if runs_module(f)]
    exact = [f for f in candidates if f.handler_name == attribute]
    for group in (exact, candidates):
        if len(group) == 1:
            return group[0]
    if len(found) == 1 and not candidates:
        return found[0]
    which = "several functions run" if candidates else "no function's Handler is in"
    raise CommandError(
        f"{which} {module_name or 'the app module'}; the template has: {listing}",
        "name the function with --function NAME",
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _route_text(route: "Any") -> str:
    return f"{route.method} {route.rule}"


def _event_text(event: "Any") -> str:
    return f"{event.name}: {event.kind} {event.method} {event.path}"


def _text(label: str, function: "Function", coverage: "Coverage") -> str:
    sent = sum(1 for _, sending, _ in coverage.routes if sending)
    events = len(coverage.events) + len(coverage.unreadable)
    lines = [
        f"{label}: {_count(len(coverage.routes), 'route')}; "
        f"{function.name} ({function.handler or 'no Handler'}): {_count(events, 'API event')}"
    ]
    unsent = coverage.unsent
    if unsent:
        lines.append(f"routes the template does not send to {function.name} ({len(unsent)}):")
        for route, partly in unsent:
            note = f"  (only part of it, through {', '.join(e.name for e in partly)})" if partly else ""
            lines.append(f"  {_route_text(route)}{note}")
    unanswered = coverage.unanswered
    if unanswered:
        lines.append(f"events no route answers ({len(unanswered)}):")
        for event, methods in unanswered:
            note = f"  (the path has routes for {', '.join(methods)})" if methods else ""
            lines.append(f"  {_event_text(event)}{note}")
    if coverage.unreadable:
        lines.append(f"events not checked ({len(coverage.unreadable)}):")
        lines.extend(f"  {event.name}: {why}" for event, why in coverage.unreadable)
    if coverage.ok:
        routes = "its route is" if sent == 1 else f"all {sent} routes are"
        lines.append(f"ok: {routes} sent to {function.name}, and every event reaches a route")
    return "\n".join(lines)


def _data(label: str, function: "Function", coverage: "Coverage") -> "dict[str, Any]":
    def event(item: "Any") -> "dict[str, str]":
        return {"name": item.name, "kind": item.kind, "method": item.method, "path": item.path}

    return {
        "app": label,
        "function": {"name": function.name, "handler": function.handler},
        "ok": coverage.ok,
        "routes": [
            {
                "method": route.method,
                "rule": route.rule,
                "sent_by": [e.name for e in sending],
                "partly_by": [e.name for e in partly],
            }
            for route, sending, partly in coverage.routes
        ],
        "events": [
            {**event(item), "routes": [_route_text(r) for r in routes], "path_methods": methods}
            for item, routes, methods in coverage.events
        ],
        "not_checked": [{**event(item), "reason": why} for item, why in coverage.unreadable],
    }

"""``apiway invoke APP --event FILE``: one event through the app, as Lambda would call it.

The proxy response goes to stdout as JSON; what the app prints or logs goes to stderr, so
that stdout can be saved as it is. Exit status: 0 for a response under 500, 1 for a 5xx, a
handler that raised or a response the platform would refuse (it would answer 502), 2 for
bad arguments and for an event the resolver refuses.
"""

import json
import sys
from contextlib import contextmanager

from apiway.local.commands import (
    CommandError,
    add_app_arguments,
    debug_environment,
    enable_debug,
    load_target,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator
    from typing import Any

#: Exit status for a 5xx answer (the handler's, or the platform's 502 for a failure).
EXIT_SERVER_ERROR = 1
_EVENT_HINT = "save one with 'apiway event rest GET /path > event.json', or pass - to read stdin"


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from apiway.local.events import SOURCES

    invoke = commands.add_parser(
        "invoke",
        help="run one Lambda event through an app and print the proxy response",
        description=(
            "Call APP with one Lambda event, as the Lambda runtime would, and print the proxy "
            "response as JSON. What the app prints or logs goes to stderr. Exit status: 0 for a "
            "response under 500; 1 for a 5xx, a handler that raised, or a malformed proxy "
            "response (the platform would answer 502); 2 for bad arguments or an event the "
            "resolver refuses."
        ),
    )
    add_app_arguments(invoke, "app or Lambda handler")
    invoke.add_argument(
        "--event", required=True, metavar="FILE", help="the event: a JSON file, or - to read stdin"
    )
    invoke.add_argument(
        "--source",
        choices=SOURCES,
        default=None,
        help=(
            "the event source, which decides how the response is read (default: the resolver's "
            "own; for a handler function, its module's resolver's, else rest)"
        ),
    )
    invoke.add_argument("--compact", action="store_true", help="print the response on one line")
    invoke.add_argument(
        "--debug", action="store_true", help="debug mode for the app, as serve --debug (log lines on stderr)"
    )


def read_event(name: str) -> "dict[str, Any]":
    """The event in file ``name`` (``-``: stdin), which must be a JSON object."""
    where = "stdin" if name == "-" else name
    try:
        if name == "-":
            text = sys.stdin.read()
        else:
            with open(name, encoding="utf-8-sig") as file:
                text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise CommandError(f"--event {where}: {reason}", _EVENT_HINT) from None
    try:
        event = json.loads(text)
    except ValueError as error:
        raise CommandError(f"--event {where}: not JSON: {error}", _EVENT_HINT) from None
    if not isinstance(event, dict):
        raise CommandError(
            f"--event {where}: a Lambda event is a JSON object, not {type(event).__name__}", _EVENT_HINT
        )
    return event


def run(args: "argparse.Namespace") -> int:
    from apiway.local.target import as_handler

    event = read_event(args.event)
    with debug_environment(args.debug):
        app, label = load_target(args.app, args.app_dir)
        if args.debug:
            enable_debug(app)
        try:
            handler, source = as_handler(app, args.source)
        except (ValueError, TypeError) as error:
            message = str(error).replace("cannot serve", "cannot invoke")
            raise CommandError(message, "see 'apiway invoke --help'") from None
        with _debug_log_on_stderr(args.debug):
            result = _call(handler, event, source, label)
    return _report(result, source, args.compact)


@contextmanager
def _debug_log_on_stderr(enabled: bool) -> "Iterator[None]":
    """While the handler runs, debug log lines go to stderr: stdout is for the response."""
    import logging

    logger = logging.getLogger("apiway.debug")
    if not enabled or logger.handlers or logging.getLogger().handlers:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("apiway %(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _call(handler: "Any", event: "dict[str, Any]", source: str, label: str) -> "Any":
    import contextlib
    import uuid

    from apiway.exceptions import InvalidEventError
    from apiway.local.context import LambdaContext

    context_info = event.get("requestContext")
    request_id = context_info.get("requestId") if isinstance(context_info, dict) else None
    context = LambdaContext(request_id if isinstance(request_id, str) else str(uuid.uuid4()))
    try:
        with contextlib.redirect_stdout(sys.stderr):  # stdout is for the response
            return handler(event, context)
    except InvalidEventError as error:
        raise CommandError(
            f"{label} refused the event: {error}",
            f"it reads {error.source} events; build one with 'apiway event {source} GET /path'",
        ) from None
    except Exception as error:  # noqa: BLE001 - the platform answers 502; say why and stop
        import traceback

        traceback.print_exc()
        raise CommandError(
            f"the handler raised {type(error).__name__}: {error}",
            "the traceback is above; API Gateway would answer 502",
            EXIT_SERVER_ERROR,
        ) from None


def _report(result: "Any", source: str, compact: bool) -> int:
    from apiway.local.proxy import MalformedResponseError, parse_response

    try:
        text = json.dumps(result, indent=None if compact else 2, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise CommandError(
            f"the handler's result is not JSON: {error}",
            "Lambda could not send it; return a proxy response (a dict of strings and numbers)",
            EXIT_SERVER_ERROR,
        ) from None
    print(text)
    try:
        response = parse_response(result, source)
    except MalformedResponseError as error:
        raise CommandError(
            f"malformed Lambda proxy response: {error}",
            f"the {source} platform would answer 502 instead",
            EXIT_SERVER_ERROR,
        ) from None
    return EXIT_SERVER_ERROR if response.status >= 500 else 0

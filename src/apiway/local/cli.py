"""The ``apiway`` command line (also ``python -m apiway``); each command lives in
:mod:`apiway.local.commands`."""

import sys

from apiway.local.commands import CommandError, CommandParser, check, event, invoke, openapi, routes, serve

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

#: The commands, in the order ``apiway --help`` lists them.
COMMANDS = {
    "serve": serve,
    "routes": routes,
    "invoke": invoke,
    "event": event,
    "check": check,
    "openapi": openapi,
}


def build_parser() -> "argparse.ArgumentParser":
    from apiway import __version__

    parser = CommandParser(
        prog="apiway",
        description=(
            "Run apiway apps and Lambda HTTP handlers on your own machine: serve them, list their "
            "routes, invoke them with an event, build events, check them against a SAM template, "
            "write their OpenAPI document."
        ),
    )
    parser.add_argument("--version", action="version", version=f"apiway {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS.values():
        module.add_parser(commands)
    return parser


def main(argv: "Sequence[str] | None" = None) -> int:
    """Entry point of the ``apiway`` console script: the exit status of the command."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = "apiway"
    try:
        args, extra = build_parser().parse_known_args(arguments)
        command = f"apiway {args.command}"
        if extra:
            raise CommandError(f"unrecognized arguments: {' '.join(extra)}", f"see '{command} --help'")
        if args.command == "serve":
            return serve.run(args, arguments)
        status: int = COMMANDS[args.command].run(args)
        return status
    except CommandError as error:
        print(error.line(command), file=sys.stderr)
        return error.status
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except BrokenPipeError:  # `apiway routes APP | head`: the reader is gone; so are we
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())

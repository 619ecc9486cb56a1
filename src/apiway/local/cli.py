"""``apiway serve APP``: the command line of the local server (also ``python -m apiway``)."""

import argparse
import sys

from apiway.local.events import SOURCES
from apiway.local.server import DEFAULT_HOST, DEFAULT_PORT

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

#: Set in the environment of the server process that ``--reload`` starts and restarts.
RELOAD_CHILD_ENV = "APIWAY_RELOAD_CHILD"
#: Exit status when the server cannot listen (port taken, unknown host): ``--reload`` then
#: stops too, since no change to the code can fix it (EX_UNAVAILABLE of sysexits.h).
EXIT_CANNOT_LISTEN = 69


def port_number(text: str) -> int:
    """``--port``'s value: an integer in 0-65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port {text!r}: not an integer") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"invalid port {port}: choose 0-65535 (0 picks a free one)")
    return port


def build_parser() -> "argparse.ArgumentParser":
    from apiway import __version__

    parser = argparse.ArgumentParser(
        prog="apiway", description="Run apiway apps and Lambda HTTP handlers on your own machine."
    )
    parser.add_argument("--version", action="version", version=f"apiway {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser(
        "serve",
        help="serve an app over HTTP, turning each request into the event its source sends",
        description=(
            "Serve APP on a local HTTP server. Each request becomes the Lambda event the chosen "
            "source would send; the proxy response goes back as HTTP."
        ),
    )
    serve.add_argument(
        "app",
        metavar="APP",
        help=(
            "path/to/app.py[:obj] or package.module[:obj]; obj defaults to lambda_handler, "
            "then handler, then app"
        ),
    )
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    serve.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 = any free)"
    )
    serve.add_argument(
        "--source",
        choices=SOURCES,
        default=None,
        help="event shape to send (default: the resolver's own source, else rest)",
    )
    serve.add_argument(
        "--stage", default=None, help="API Gateway stage name for rest/http events (default $default)"
    )
    serve.add_argument(
        "--app-dir",
        default=None,
        metavar="DIR",
        help="folder to import APP from, put first on sys.path (your code root, e.g. a SAM CodeUri)",
    )
    serve.add_argument(
        "--reload", action="store_true", help="restart when a .py file under the app's directory changes"
    )
    return parser


def main(argv: "Sequence[str] | None" = None) -> int:
    """Entry point of the ``apiway`` console script."""
    args = build_parser().parse_args(argv)
    if args.reload:
        from apiway.local.reload import run_with_reload

        child_argv = [arg for arg in (sys.argv[1:] if argv is None else list(argv)) if arg != "--reload"]
        return run_with_reload(child_argv, args.app, args.app_dir)
    return _serve(args)


def _serve(args: "argparse.Namespace") -> int:
    from apiway.local.loader import AppLoadError, load_app
    from apiway.local.server import configure_logging, make_server, run

    configure_logging()
    if args.app_dir:
        import os

        if not os.path.isdir(args.app_dir):
            print(f"apiway: error: --app-dir {args.app_dir}: no such directory", file=sys.stderr)
            return 2
        sys.path.insert(0, os.path.abspath(args.app_dir))
    try:
        app, label = load_app(args.app)
    except AppLoadError as error:
        print(f"apiway: error: {error}", file=sys.stderr)
        return 2
    try:
        server = make_server(app, args.host, args.port, args.source, args.stage)
    except (ValueError, TypeError) as error:  # a source or stage the app cannot take, not servable
        print(f"apiway: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # port taken, address not local, unknown host
        reason = error.strerror or str(error)
        print(f"apiway: error: cannot listen on {args.host} port {args.port}: {reason}", file=sys.stderr)
        return EXIT_CANNOT_LISTEN
    run(server, label)
    return 0


if __name__ == "__main__":
    sys.exit(main())

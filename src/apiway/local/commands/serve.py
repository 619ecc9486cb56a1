"""``apiway serve APP``: run an app on a local HTTP server, as its event source would call it."""

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

#: Exit status when the server cannot listen (port taken, unknown host): ``--reload`` then
#: stops too, since no change to the code can fix it (EX_UNAVAILABLE of sysexits.h).
EXIT_CANNOT_LISTEN = 69


def port_number(text: str) -> int:
    """``--port``'s value: an integer in 0-65535."""
    import argparse

    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port {text!r}: not an integer") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"invalid port {port}: choose 0-65535 (0 picks a free one)")
    return port


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from apiway.local import DEFAULT_HOST, DEFAULT_PORT
    from apiway.local.events import SOURCES

    serve = commands.add_parser(
        "serve",
        help="serve an app over HTTP, turning each request into the event its source sends",
        description=(
            "Serve APP on a local HTTP server. Each request becomes the Lambda event the chosen "
            "source would send; the proxy response goes back as HTTP."
        ),
    )
    add_app_arguments(serve)
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
        "--reload", action="store_true", help="restart when a .py file under the app's directory changes"
    )
    serve.add_argument(
        "--debug",
        action="store_true",
        help=(
            "debug mode for the served app, as debug=True: tracebacks in 500 responses, a log line "
            "per request and response (secrets redacted), CORS open to any origin"
        ),
    )


def run(args: "argparse.Namespace", argv: "list[str]") -> int:
    if args.reload:
        from apiway.local.reload import run_with_reload

        return run_with_reload([arg for arg in argv if arg != "--reload"], args.app, args.app_dir)
    from apiway.local.server import configure_logging, make_server, run

    configure_logging()
    with debug_environment(args.debug):
        app, label = load_target(args.app, args.app_dir)
        if args.debug:
            enable_debug(app)
        try:
            server = make_server(app, args.host, args.port, args.source, args.stage)
        except (ValueError, TypeError) as error:  # a source or stage the app cannot take, not servable
            raise CommandError(str(error), "see 'apiway serve --help'") from None
        except OSError as error:  # port taken, address not local, unknown host
            reason = error.strerror or str(error)
            raise CommandError(
                f"cannot listen on {args.host} port {args.port}: {reason}",
                "pick another --port (0 picks a free one) or stop what is using it",
                EXIT_CANNOT_LISTEN,
            ) from None
        run(server, label)
    return 0

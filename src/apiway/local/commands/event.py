"""``apiway event SOURCE METHOD PATH``: print the Lambda event a source sends for a request.

The event comes from :func:`apiway.local.events.build_event`, the builder the test client and
the local server use; save it to invoke an app with (``apiway invoke``) or to test with.
"""

import json
import sys
from urllib.parse import quote

from apiway.local.commands import CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

# Characters a request target may carry as they are (RFC 3986 pchar, '/', '?', and '%' for
# what is already percent-encoded); anything else is encoded.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"
# A header name is an RFC 9110 token.
_TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from apiway.local.events import SOURCES

    event = commands.add_parser(
        "event",
        help="print the Lambda event a source sends for one HTTP request",
        description=(
            "Print the Lambda event SOURCE sends for METHOD PATH, built as the local server and "
            "the test client build it. Save it for 'apiway invoke --event' or for your tests."
        ),
    )
    event.add_argument("source", metavar="SOURCE", choices=SOURCES, help=f"one of {', '.join(SOURCES)}")
    event.add_argument("method", metavar="METHOD", help="the HTTP method: GET, POST, ...")
    event.add_argument(
        "path", metavar="PATH", help="the request path, with a query string if you like: /todos?done=true"
    )
    event.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="NAME:VALUE",
        help="a request header (repeat for more, or for a header with several values)",
    )
    event.add_argument(
        "--query",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a query parameter, not yet encoded (repeat for more); added after PATH's own",
    )
    body = event.add_mutually_exclusive_group()
    body.add_argument("--body", metavar="TEXT|@FILE", help="the request body: text, @file, or @- for stdin")
    body.add_argument(
        "--json", metavar="JSON", help="a JSON request body (checked), sent as application/json"
    )
    event.add_argument(
        "--stage", default=None, help="API Gateway stage for rest/http events (default $default)"
    )
    event.add_argument("--compact", action="store_true", help="print the event on one line")


def run(args: "argparse.Namespace") -> int:
    from apiway.local.events import build_event

    method = args.method.upper()
    if not method.isalpha() or not method.isascii():
        raise CommandError(f"invalid method {args.method!r}", "an HTTP method such as GET, POST or DELETE")
    if not args.path.startswith("/"):
        raise CommandError(f"invalid path {args.path!r}: it must start with '/'", "e.g. /todos/1?done=true")
    path, _, query = args.path.partition("?")
    queries = [quote(query, safe=_QUERY_SAFE)] if query else []
    for item in args.query:
        name, sep, value = item.partition("=")
        if not name:
            raise CommandError(f"invalid --query {item!r}: no name", "write --query NAME=VALUE")
        queries.append(quote(name, safe="") + (f"={quote(value, safe='')}" if sep else ""))
    headers = [_header(item) for item in args.header]
    body = b""
    if args.json is not None:
        try:
            json.loads(args.json)
        except ValueError as error:
            raise CommandError(
                f"--json is not valid JSON: {error}", "quote it for the shell: --json '{\"a\": 1}'"
            ) from None
        body = args.json.encode()
        if not any(name.lower() == "content-type" for name, _ in headers):
            headers.append(("Content-Type", "application/json"))
    elif args.body is not None:
        body = _body(args.body)
    try:
        event = build_event(
            args.source,
            method,
            quote(path, safe=_PATH_SAFE),
            "&".join(queries),
            headers,
            body,
            stage=args.stage,
        )
    except ValueError as error:  # a stage for a source without stages
        raise CommandError(str(error), "--stage is for rest and http events") from None
    print(json.dumps(event, indent=None if args.compact else 2, ensure_ascii=False))
    return 0


def _header(item: str) -> "tuple[str, str]":
    name, sep, value = item.partition(":")
    name = name.strip()
    if not sep or not name or not set(name) <= _TOKEN:
        raise CommandError(f"invalid --header {item!r}", "write --header 'Name: value'")
    if any(char in value for char in "\r\n\0"):
        raise CommandError(f"--header {name}: the value has a line break or NUL", "one line per header")
    return name, value.strip()


def _body(value: str) -> bytes:
    if not value.startswith("@"):
        return value.encode()
    source = value[1:]
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        with open(source, "rb") as file:
            return file.read()
    except OSError as error:
        raise CommandError(
            f"--body {value}: {error.strerror or error}", "write --body @path/to/file, or @- for stdin"
        ) from None

"""``apiway openapi APP``: the app's OpenAPI document, as ``app.get_openapi_json_schema()`` writes it.

The document goes to stdout (or ``--output FILE``); what the app prints while it is imported
goes to stderr, so that stdout is the document alone. ``--format yaml`` writes YAML through
PyYAML when it is installed (apiway itself reads YAML, it does not write it).
"""

import json
import sys
from contextlib import redirect_stdout

from apiway.local.commands import CommandError, add_app_arguments, find_resolver, load_target

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

#: The OpenAPI versions the document is written in (3.0.3: for tools that only read 3.0).
OPENAPI_VERSIONS = ("3.1.0", "3.0.3")
FORMATS = ("json", "yaml")
#: Exit status when the app's document cannot be written (the app's mistake, not the arguments').
EXIT_NO_DOCUMENT = 1


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    openapi = commands.add_parser(
        "openapi",
        help="write the OpenAPI document of an app (JSON or YAML, OpenAPI 3.1 or 3.0.3)",
        description=(
            "Write the OpenAPI document of APP, as app.get_openapi_json_schema() does: from its "
            "routes, with what configure_openapi() set, and --title and --version over it. "
            "APP may also be a Lambda handler function: its module's resolver is used. Exit "
            "status: 0 when written; 1 when the app's document cannot be built (a security "
            "requirement naming no scheme, say); 2 for bad arguments."
        ),
    )
    add_app_arguments(openapi, "app or Lambda handler")
    openapi.add_argument(
        "--format", choices=FORMATS, default="json", help="json (default), or yaml (needs PyYAML)"
    )
    openapi.add_argument(
        "--openapi-version",
        choices=OPENAPI_VERSIONS,
        default=None,
        help="3.1.0, or 3.0.3 for tools that only read OpenAPI 3.0 (default: the app's, else 3.1.0)",
    )
    openapi.add_argument(
        "--output", "-o", metavar="FILE", default=None, help="write the document to FILE (default: stdout)"
    )
    openapi.add_argument("--title", default=None, help="the API's title (info.title)")
    openapi.add_argument("--version", default=None, help="the API's version (info.version)")


def run(args: "argparse.Namespace") -> int:
    writer = _yaml_writer() if args.format == "yaml" else None
    with redirect_stdout(sys.stderr):  # stdout is for the document
        obj, label = load_target(args.app, args.app_dir)
        resolver, label = find_resolver(obj, label)
        text = _document(resolver, label, args)
    data = json.loads(text)
    text = writer(data) if writer is not None else text + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        raise CommandError(
            f"--output {args.output}: {error.strerror or error}", "name a file in a folder that exists"
        ) from None
    print(
        f"apiway openapi: wrote the OpenAPI {data['openapi']} document of {label} to {args.output}",
        file=sys.stderr,
    )
    return 0


def _document(resolver: "Any", label: str, args: "argparse.Namespace") -> str:
    keywords = {
        name: value
        for name, value in (
            ("openapi_version", args.openapi_version),
            ("title", args.title),
            ("version", args.version),
        )
        if value is not None
    }
    try:
        if keywords:
            # Set over configure_openapi's rather than passed: a keyword passed with its default
            # value ("--version 1.0.0") would give way to a configured one.
            resolver.configure_openapi(**{**(resolver._openapi_config or {}), **keywords})
        text: str = resolver.get_openapi_json_schema()
    except Exception as error:  # noqa: BLE001 - any failure of the app's document is reported alike
        raise CommandError(
            f"{label}: the OpenAPI document cannot be built: {type(error).__name__}: {error}",
            "fix the app (the message names what is wrong), then run this again",
            EXIT_NO_DOCUMENT,
        ) from None
    return text


def _yaml_writer() -> "Any":
    """``dump(data) -> str`` through PyYAML, keys in the document's order."""
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]  # optional, untyped
    except ImportError:
        raise CommandError(
            "--format yaml needs PyYAML, which is not installed",
            "install it ('pip install pyyaml'), or write JSON (the default), which any YAML reader reads",
        ) from None

    def dump(data: "Any") -> str:
        text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=2**16)
        return text

    return dump

"""The ``apiway`` commands, one module each, and what they share.

Each command module has ``add_parser(commands)``, which declares its arguments, and
``run(args) -> int``. Every problem with what the user passed (arguments, files, the app)
is a :class:`CommandError`: one line on stderr, ``apiway CMD: error: WHAT; hint: HOW``,
and exit status 2.
"""

import argparse
import os
import sys
from contextlib import contextmanager

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, NoReturn

    from apiway.resolvers import BaseResolver

#: Exit status for bad arguments and input (argparse's, and sysexits' EX_USAGE in spirit).
EXIT_USAGE = 2


class CommandError(Exception):
    """A problem the user can fix: reported on one line with a hint, exit status ``status``."""

    def __init__(self, message: str, hint: "str | None" = None, status: int = EXIT_USAGE):
        self.message = message
        self.hint = hint
        self.status = status
        self.prog: str | None = None
        super().__init__(message)

    def line(self, prog: str) -> str:
        """The one line printed on stderr."""
        hint = f"; hint: {self.hint}" if self.hint else ""
        return f"{self.prog or prog}: error: {self.message}{hint}"


class CommandParser(argparse.ArgumentParser):
    """An argument parser whose errors are :class:`CommandError` (one line, a hint) rather
    than argparse's usage block."""

    def error(self, message: str) -> "NoReturn":
        error = CommandError(message, f"see '{self.prog} --help'")
        error.prog = self.prog
        raise error


def add_app_arguments(parser: "argparse.ArgumentParser", what: str = "app") -> None:
    """``APP`` and ``--app-dir``, as every command that imports an app takes them."""
    parser.add_argument(
        "app",
        metavar="APP",
        help=(
            f"the {what}: path/to/app.py[:obj] or package.module[:obj]; obj defaults to "
            "lambda_handler, then handler, then app"
        ),
    )
    parser.add_argument(
        "--app-dir",
        default=None,
        metavar="DIR",
        help="folder to import APP from, put first on sys.path (your code root, e.g. a SAM CodeUri)",
    )


def load_target(spec: str, app_dir: "str | None") -> "tuple[Any, str]":
    """``(obj, label)`` for ``APP`` (see :func:`apiway.local.loader.load_app`)."""
    from apiway.local.loader import AppLoadError, load_app

    if app_dir:
        if not os.path.isdir(app_dir):
            raise CommandError(
                f"--app-dir {app_dir}: no such directory",
                "name the folder your code is imported from (a SAM CodeUri)",
            )
        sys.path.insert(0, os.path.abspath(app_dir))
    try:
        return load_app(spec)
    except AppLoadError as error:
        raise CommandError(error.message, error.hint) from None


def find_resolver(obj: "Any", label: str) -> "tuple[BaseResolver, str]":
    """``(resolver, label)``: ``obj`` itself, or for a Lambda handler function the apiway
    resolver of its module (the one whose events ``apiway serve`` would send it)."""
    from apiway.local.target import module_resolvers
    from apiway.resolvers import BaseResolver
    from apiway.router import Router

    if isinstance(obj, BaseResolver):
        return obj, label
    where = label.rpartition(":")[0]
    if isinstance(obj, Router):
        raise CommandError(
            f"{label} is a Router; its routes take effect once it is included into a resolver",
            f"name the resolver that includes it ({where}:app)",
        )
    if isinstance(obj, type):
        raise CommandError(f"{label} is a class, not an app", f"name an instance of it ({where}:app)")
    if not callable(obj):
        raise CommandError(
            f"{label} is neither an apiway resolver nor a Lambda handler (its type is {type(obj).__name__})",
            f"name the resolver with {where}:NAME",
        )
    found = module_resolvers(obj)
    if len(found) == 1:
        name, resolver = found[0]
        return resolver, f"{where}:{name}"
    if not found:
        raise CommandError(
            f"{label} is a Lambda handler and its module holds no apiway resolver",
            f"name the resolver with {where}:NAME",
        )
    names = ", ".join(name for name, _ in found)
    raise CommandError(
        f"{label}'s module holds several resolvers ({names})", f"name one with {where}:{found[0][0]}"
    )


def enable_debug(obj: "Any") -> None:
    """Debug mode for the resolver ``obj`` is, or for those of the handler's module: their
    ``debug`` is set (even over an explicit ``debug=False``) unless their chain is already
    built, which is then said on stderr. (Resolvers created elsewhere while the app was
    imported took it from :func:`debug_environment`.)"""
    from apiway.local.target import module_resolvers
    from apiway.resolvers import BaseResolver

    resolvers = [obj] if isinstance(obj, BaseResolver) else [r for _, r in module_resolvers(obj)]
    for resolver in resolvers:
        if resolver.pipeline.built:
            if not resolver.debug:
                print(
                    f"apiway: warning: {type(resolver).__name__}'s chain was built when its module was "
                    "imported; --debug cannot change it (pass debug=True there instead)",
                    file=sys.stderr,
                )
            continue
        resolver.debug = True


@contextmanager
def debug_environment(enabled: bool) -> "Iterator[None]":
    """With ``enabled``, ``APIWAY_DEBUG=1`` while the command imports and runs the app (see
    :func:`enable_debug`); the environment is restored afterwards."""
    if not enabled:
        yield
        return
    before = os.environ.get("APIWAY_DEBUG")
    os.environ["APIWAY_DEBUG"] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["APIWAY_DEBUG"]
        else:
            os.environ["APIWAY_DEBUG"] = before

"""Find the app to serve from ``path/to/app.py[:obj]`` or ``package.module[:obj]``."""

import importlib
import importlib.util
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Names looked up, in order, when the spec does not name the object: what Lambda runs
#: comes first, so decorators around the handler take effect locally too.
DEFAULT_NAMES = ("lambda_handler", "handler", "app")
#: Added to "no module named ..." errors: the usual cause is a code root not on sys.path.
_APP_DIR_HINT = (
    "if it is part of your code, put the folder that holds it first on sys.path with "
    "--app-dir DIR (your code root, e.g. a SAM CodeUri)"
)


#: The hint for an APP that names nothing importable.
APP_SPEC_HINT = "APP is path/to/app.py[:obj] or package.module[:obj]"


class AppLoadError(Exception):
    """The app spec names no file, module or object that can be served; ``hint`` says what
    may fix it (it ends the message too)."""

    def __init__(self, message: str, hint: str = APP_SPEC_HINT):
        self.message = message
        self.hint = hint
        super().__init__(f"{message}; {hint}")


def _missing_module(what: str, error: "ModuleNotFoundError") -> "AppLoadError":
    """The error for an app whose own imports fail: which module, where, and what may fix it."""
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if not f.filename.startswith("<")]
    where = f" ({frames[-1].filename}, line {frames[-1].lineno})" if frames else ""
    return AppLoadError(f"importing {what} failed: no module named {error.name!r}{where}", _APP_DIR_HINT)


def split_spec(spec: str) -> "tuple[str, str | None]":
    """``("path/app.py", "obj")`` from ``"path/app.py:obj"``; the object part is optional."""
    where, sep, name = spec.rpartition(":")
    if sep and name.isidentifier() and where:
        return where, name
    return spec, None


def is_file_spec(where: str) -> bool:
    """True when ``where`` is a file path rather than a dotted module name."""
    return where.endswith(".py") or "/" in where or os.sep in where


def _import_file(path: str) -> "Any":
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        raise AppLoadError(f"no such file: {path}")
    directory = os.path.dirname(path)
    if directory not in sys.path:
        sys.path.insert(0, directory)  # so the app's sibling modules import as in Lambda
    name = os.path.splitext(os.path.basename(path))[0]
    if name in sys.modules:
        name = f"_apiway_app_{name}"  # never shadow an imported module of the same name
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise AppLoadError(f"cannot import {path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except ModuleNotFoundError as error:
        del sys.modules[name]
        raise _missing_module(path, error) from error
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _import_module(name: str) -> "Any":
    cwd = os.getcwd()
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and (name == error.name or name.startswith(f"{error.name}.")):
            raise AppLoadError(
                f"no module named {error.name!r} (looked in {cwd} and the rest of sys.path)", _APP_DIR_HINT
            ) from None
        raise _missing_module(name, error) from error


def load_app(spec: str) -> "tuple[Any, str]":
    """``(obj, label)``: the object ``spec`` names and a readable ``module:obj`` label."""
    where, name = split_spec(spec)
    module = _import_file(where) if is_file_spec(where) else _import_module(where)
    names = (name,) if name else DEFAULT_NAMES
    for candidate in names:
        obj = getattr(module, candidate, None)
        if obj is not None:
            return obj, f"{where}:{candidate}"
    wanted = f"{names[0]!r}" if name else " or ".join(map(repr, names))
    raise AppLoadError(f"{where} has no {wanted}", f"name the object with {where}:NAME")


def app_directory(spec: str) -> str:
    """The directory holding the app's source (watched by ``--reload``), without importing it."""
    where, _ = split_spec(spec)
    if is_file_spec(where):
        return os.path.dirname(os.path.abspath(where))
    cwd = os.getcwd()
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        found = importlib.util.find_spec(where)
    except (ImportError, ValueError):
        found = None
    origin = found.origin if found is not None else None
    if not origin or not os.path.isfile(origin):
        return cwd
    directory = os.path.dirname(origin)
    for _ in where.split(".")[1:]:  # the top-level package's parent, to see sibling packages
        directory = os.path.dirname(directory)
    if os.path.basename(origin) == "__init__.py":
        directory = os.path.dirname(directory)
    return directory

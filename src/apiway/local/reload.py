"""``--reload``: a parent process that restarts the server when a source file changes.

The parent never imports the app: it polls the modification times of the ``.py`` files
under the app's directory and re-spawns ``python -m apiway serve ...`` (without
``--reload``) when one changes, appears or disappears. Polling needs no dependency and is
cheap at development-tree sizes.
"""

import os
import signal
import subprocess
import sys
import time

from apiway.local.loader import app_directory

POLL_SECONDS = 0.5
#: Directories never watched: tooling caches, virtual environments, dependencies.
_SKIP_DIRS = frozenset(("__pycache__", "node_modules", "site-packages", "build", "dist"))


def snapshot(directory: str) -> "dict[str, float]":
    """Modification time of every ``.py`` file under ``directory`` (hidden folders skipped)."""
    found: dict[str, float] = {}
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS]
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(root, name)
                try:
                    found[path] = os.stat(path).st_mtime
                except OSError:
                    continue
    return found


def changed(before: "dict[str, float]", after: "dict[str, float]") -> "str | None":
    """A path that differs between two snapshots, or None."""
    for path, mtime in after.items():
        if before.get(path) != mtime:
            return path
    return next((path for path in before if path not in after), None)


def _stop(child: "subprocess.Popen[bytes]") -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_with_reload(child_argv: "list[str]", app_spec: str, app_dir: "str | None" = None) -> int:
    """Run ``apiway <child_argv>`` in a child process, restarting it on every change.

    A server that exits because it cannot listen (the port is taken) ends the watch too,
    with its exit status: no change to the code would fix that.
    """
    from apiway.local.commands.serve import EXIT_CANNOT_LISTEN

    directory = os.path.abspath(app_dir) if app_dir else app_directory(app_spec)
    command = [sys.executable, "-m", "apiway", *child_argv]
    print(f"apiway: watching {directory} for changes", file=sys.stderr, flush=True)
    child: subprocess.Popen[bytes] | None = None
    signal.signal(signal.SIGTERM, _interrupt)  # a terminated parent must not orphan its server
    try:
        while True:
            files = snapshot(directory)
            child = subprocess.Popen(command)
            reported = False
            while True:
                time.sleep(POLL_SECONDS)
                status = child.poll()
                if status == EXIT_CANNOT_LISTEN:
                    return status  # the server said why
                if not reported and status is not None:
                    print("apiway: the server exited; waiting for a change", file=sys.stderr, flush=True)
                    reported = True
                now = snapshot(directory)
                path = changed(files, now)
                if path is not None:
                    print(
                        f"apiway: {os.path.relpath(path, directory)} changed; restarting",
                        file=sys.stderr,
                        flush=True,
                    )
                    _stop(child)
                    break
    except KeyboardInterrupt:
        if child is not None:
            _stop(child)
        return 0

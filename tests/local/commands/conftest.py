"""Running ``apiway`` commands in tests: in this process (``main([...])``) or as a user does
(``python -m apiway ...`` in a subprocess)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest

from apiway.local.cli import main

REPOSITORY = Path(__file__).resolve().parents[3]
EXAMPLE = REPOSITORY / "examples" / "command_line"
TEMPLATES = REPOSITORY / "tests" / "fixtures" / "templates"


@dataclass
class Run:
    """What a command did: its exit status and what it wrote."""

    status: int
    out: str
    err: str

    @property
    def error_line(self) -> str:
        """The one line a failed command writes on stderr."""
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        return lines[0]


class Apiway(Protocol):
    def __call__(self, *args: str, stdin: str | bytes | None = None) -> Run: ...


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A throw-away working folder; sys.path, logging and the modules the test imported are
    restored afterwards (apiway's own stay: a second copy of them would make classes differ)."""
    import logging

    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.chdir(tmp_path)
    for name in ("apiway.local", "apiway.debug", "apiway"):
        logger = logging.getLogger(name)
        monkeypatch.setattr(logger, "handlers", list(logger.handlers))
        monkeypatch.setattr(logger, "level", logger.level)
    before = set(sys.modules)
    yield tmp_path
    for name in set(sys.modules) - before:
        if name != "apiway" and not name.startswith("apiway."):
            del sys.modules[name]


@pytest.fixture
def apiway(isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Apiway:
    """``apiway ARGS`` in this process, in the ``isolated`` folder."""

    def run(*args: str, stdin: str | bytes | None = None) -> Run:
        if stdin is not None:
            data = stdin.encode() if isinstance(stdin, str) else stdin
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        capsys.readouterr()
        status = main(list(args))
        out, err = capsys.readouterr()
        return Run(status, out, err)

    return run


def apiway_process(*args: str, cwd: Path | None = None, stdin: str | None = None, **env: str) -> Run:
    """``python -m apiway ARGS`` in a subprocess, as a user runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "apiway", *args],
        cwd=cwd or REPOSITORY,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **env},
    )
    return Run(result.returncode, result.stdout, result.stderr)


def write(folder: Path, files: dict[str, str]) -> None:
    """Write ``{relative path: text}`` under ``folder``."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the line of ``path`` that starts with ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


def load_json(text: str) -> Any:
    import json

    return json.loads(text)

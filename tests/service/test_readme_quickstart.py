"""README's quick start: two commands; the first serves the sample service locally.

The test runs the serving part of the first command (the venv is already set up) on a
free port and calls the service the way the README tells a new user to.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[dev]' && .venv/bin/python -m pytest"


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\n(.*?)^## ", readme, re.DOTALL | re.MULTILINE)
    assert section is not None, "README.md has no '## Quick start' section"
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section.group(1), re.DOTALL)]


def test_quick_start_has_exactly_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    assert all("\n" not in command for command in commands)
    assert commands[1] == TEST_COMMAND
    assert (ROOT / ".ci" / "run").read_text().strip().endswith(TEST_COMMAND)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, json.loads(response.read())


def test_run_command_serves_the_sample_service() -> None:
    run_command = quick_start_commands()[0]
    setup, _, serve = run_command.rpartition(" && ")
    assert setup == "python3 -m venv .venv && .venv/bin/pip install -q -e ."
    assert "examples/service/src" in serve and "apiway serve" in serve
    words = shlex.split(serve)
    env = dict(os.environ)
    while "=" in words[0]:  # leading NAME=value assignments, as the shell reads them
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == ".venv/bin/python"
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, *words[1:], "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                status, index = _get(f"http://127.0.0.1:{port}/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.05)
        assert (status, index["service"]) == (200, "todos")
        status, todos = _get(f"http://127.0.0.1:{port}/todos")
        assert status == 200 and len(todos["todos"]) == 3
        assert _get(f"http://127.0.0.1:{port}/health") == (200, {"status": "ok", "todos": 3})
    finally:
        server.terminate()
        server.communicate(timeout=10)

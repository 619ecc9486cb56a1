"""Every bad argument, of every command: one line on stderr (the problem, then a hint), exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from apiway.local.cli import COMMANDS

from .conftest import Apiway, apiway_process

ONE_LINE = re.compile(r"apiway(?: (?P<command>[a-z]+))?: error: (?P<problem>.+); hint: (?P<hint>.+)")
APP = "from apiway import APIGatewayRestResolver\napp = APIGatewayRestResolver()\n"

BAD = [
    ([], None, "the following arguments are required: COMMAND", "see 'apiway --help'"),
    (["frob"], None, "argument COMMAND: invalid choice: 'frob'", "see 'apiway --help'"),
    (["routes"], "routes", "the following arguments are required: APP", "see 'apiway routes --help'"),
    (
        ["routes", "app.py", "--bogus"],
        "routes",
        "unrecognized arguments: --bogus",
        "see 'apiway routes --help'",
    ),
    (
        ["routes", "missing.py"],
        "routes",
        "no such file: ",
        "APP is path/to/app.py[:obj] or package.module[:obj]",
    ),
    (
        ["routes", "shop.main"],
        "routes",
        "no module named 'shop' (looked in ",
        "if it is part of your code, put the folder",
    ),
    (
        ["routes", "app.py", "--app-dir", "nowhere"],
        "routes",
        "--app-dir nowhere: no such directory",
        "name the folder",
    ),
    (
        ["invoke", "app.py"],
        "invoke",
        "the following arguments are required: --event",
        "see 'apiway invoke --help'",
    ),
    (
        ["invoke", "app.py", "--event", "-", "--source", "sqs"],
        "invoke",
        "argument --source: invalid choice: 'sqs'",
        "see",
    ),
    (
        ["invoke", "app.py", "--event", "missing.json"],
        "invoke",
        "--event missing.json: No such file",
        "save one with",
    ),
    (
        ["event", "rest"],
        "event",
        "the following arguments are required: METHOD, PATH",
        "see 'apiway event --help'",
    ),
    (
        ["event", "rest", "GET", "/", "--header", "x"],
        "event",
        "invalid --header 'x'",
        "write --header 'Name: value'",
    ),
    (
        ["check", "app.py"],
        "check",
        "the following arguments are required: --template",
        "see 'apiway check --help'",
    ),
    (
        ["check", "app.py", "--template", "app.py"],
        "check",
        "app.py: not a CloudFormation template",
        "pass the SAM",
    ),
    (
        ["openapi", "app.py", "--format", "toml"],
        "openapi",
        "argument --format: invalid choice: 'toml' (choose from 'json', 'yaml')",
        "see 'apiway openapi --help'",
    ),
    (
        ["openapi", "app.py", "--openapi-version", "3.0"],
        "openapi",
        "argument --openapi-version: invalid choice: '3.0' (choose from '3.1.0', '3.0.3')",
        "see",
    ),
    (
        ["openapi", "missing.py"],
        "openapi",
        "no such file: ",
        "APP is path/to/app.py[:obj] or package.module[:obj]",
    ),
    (
        ["serve", "app.py", "--port", "99999"],
        "serve",
        "argument --port: invalid port 99999: choose 0-65535",
        "see",
    ),
    (
        ["serve", "app.py", "--source", "alb"],
        "serve",
        "APIGatewayRestResolver reads rest events, not 'alb'",
        "see",
    ),
    (
        ["serve", "missing.py"],
        "serve",
        "no such file: ",
        "APP is path/to/app.py[:obj] or package.module[:obj]",
    ),
]


def check_line(stderr: str, command: str | None, problem: str, hint: str) -> None:
    (line,) = stderr.splitlines()
    match = ONE_LINE.fullmatch(line)
    assert match is not None, line
    assert match["command"] == command
    assert match["problem"].startswith(problem), line
    assert match["hint"].startswith(hint), line


@pytest.mark.parametrize(("args", "command", "problem", "hint"), BAD, ids=str)
def test_in_process(
    apiway: Apiway, isolated: Path, args: list[str], command: str | None, problem: str, hint: str
) -> None:
    (isolated / "app.py").write_text(APP)
    result = apiway(*args)
    assert (result.status, result.out) == (2, "")
    check_line(result.err, command, problem, hint)


@pytest.mark.parametrize(("args", "command", "problem", "hint"), BAD[::4], ids=str)
def test_as_a_user_runs_it(
    tmp_path: Path, args: list[str], command: str | None, problem: str, hint: str
) -> None:
    (tmp_path / "app.py").write_text(APP)
    result = apiway_process(*args, cwd=tmp_path)
    assert (result.status, result.out) == (2, "")
    assert "Traceback" not in result.err
    check_line(result.err, command, problem, hint)


def test_every_command_is_covered_above() -> None:
    assert {args[0] for args, *_ in BAD if args and args[0] in COMMANDS} == set(COMMANDS)


@pytest.mark.parametrize("args", [["--help"], ["--version"], *([name, "--help"] for name in COMMANDS)])
def test_help_and_version_exit_0(apiway: Apiway, args: list[str]) -> None:
    result = apiway(*args)
    assert (result.status, result.err) == (0, "")
    assert result.out.startswith(("usage: apiway", "apiway "))


def test_help_says_what_the_exit_statuses_mean(apiway: Apiway) -> None:
    assert "1 when something is uncovered" in " ".join(apiway("check", "--help").out.split())
    assert "0 for a response under 500; 1 for a 5xx" in " ".join(apiway("invoke", "--help").out.split())
    assert "1 when the app's document cannot be built" in " ".join(apiway("openapi", "--help").out.split())
    listing = apiway("--help").out
    assert all(name in listing for name in COMMANDS)

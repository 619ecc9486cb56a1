"""``apiway serve``: finding the app, the command line, and ``--reload``."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from apiway.local.cli import build_parser, main
from apiway.local.loader import AppLoadError, app_directory, load_app, split_spec
from apiway.local.reload import changed, snapshot

from .test_server import REPOSITORY, free_port, wait_for_line

APP_SOURCE = """
from apiway import APIGatewayHttpResolver

app = APIGatewayHttpResolver()

@app.get("/version")
def version():
    return {"version": VERSION}

VERSION = 1
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throw-away app directory; sys.path and sys.modules are restored afterwards."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "modules", dict(sys.modules))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "service.py").write_text(APP_SOURCE)
    (tmp_path / "handlers.py").write_text(
        "def lambda_handler(event, context):\n    return {'statusCode': 200, 'body': 'plain'}\n"
    )
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "api.py").write_text("from service import app as application\n")
    return tmp_path


def test_split_spec() -> None:
    assert split_spec("app.py") == ("app.py", None)
    assert split_spec("dir/app.py:api") == ("dir/app.py", "api")
    assert split_spec("pkg.mod:handler") == ("pkg.mod", "handler")
    assert split_spec(r"C:\code\app.py") == (r"C:\code\app.py", None)


def test_load_a_file_by_path(project: Path) -> None:
    app, label = load_app(str(project / "service.py"))
    assert type(app).__name__ == "APIGatewayHttpResolver"
    assert label.endswith("service.py:app")


def test_load_falls_back_to_the_handler_names(project: Path) -> None:
    handler, label = load_app("handlers.py")
    assert label == "handlers.py:lambda_handler"
    assert handler({}, None)["body"] == "plain"


def test_load_a_module_by_dotted_name(project: Path) -> None:
    app, label = load_app("pkg.api:application")
    assert label == "pkg.api:application"
    assert hasattr(app, "resolve")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("missing.py", "no such file"),
        ("service.py:nothing", "has no 'nothing'"),
        ("pkg/__init__.py", "has no 'app' or 'handler' or 'lambda_handler'"),
        ("no_such_module", "no module named 'no_such_module'"),
    ],
)
def test_load_errors_say_what_is_wrong(project: Path, spec: str, message: str) -> None:
    with pytest.raises(AppLoadError, match=message):
        load_app(spec)


def test_app_directory(project: Path) -> None:
    assert app_directory("service.py") == str(project)
    assert app_directory("pkg.api") == str(project)
    assert app_directory("pkg") == str(project)
    assert app_directory("not_found_anywhere") == str(project)


def test_parser_defaults_and_choices() -> None:
    args = build_parser().parse_args(["serve", "app.py"])
    assert (args.host, args.port, args.source, args.stage, args.reload) == (
        "127.0.0.1",
        3000,
        None,
        None,
        False,
    )
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "app.py", "--source", "sqs"])


@pytest.fixture
def quiet_logger(monkeypatch: pytest.MonkeyPatch) -> None:
    """``main`` configures the ``apiway.local`` logger; undo that after the test."""
    logger = logging.getLogger("apiway.local")
    monkeypatch.setattr(logger, "handlers", list(logger.handlers))
    monkeypatch.setattr(logger, "level", logger.level)


@pytest.mark.usefixtures("quiet_logger")
def test_main_reports_bad_apps_and_options(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "missing.py"]) == 2
    assert "apiway: error: no such file" in capsys.readouterr().err
    assert main(["serve", "service.py", "--source", "rest", "--port", "0"]) == 2
    assert "reads http events, not 'rest'" in capsys.readouterr().err


def test_snapshot_and_changed(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "ignored.py").write_text("")
    (tmp_path / "notes.txt").write_text("")
    before = snapshot(str(tmp_path))
    assert list(before) == [str(tmp_path / "a.py")]
    assert changed(before, snapshot(str(tmp_path))) is None
    (tmp_path / "b.py").write_text("")
    after = snapshot(str(tmp_path))
    assert changed(before, after) == str(tmp_path / "b.py")
    assert changed(after, before) == str(tmp_path / "b.py")


def test_version_and_console_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "apiway", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPOSITORY,
    )
    assert result.stdout.startswith("apiway ")
    script = Path(sys.executable).with_name("apiway")
    if script.exists():
        usage = subprocess.run([str(script), "serve", "--help"], capture_output=True, text=True, check=True)
        assert "--reload" in usage.stdout


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return bytes(response.read())


def test_reload_restarts_the_server_when_a_file_changes(tmp_path: Path) -> None:
    app_file = tmp_path / "service.py"
    app_file.write_text(APP_SOURCE)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "apiway", "serve", str(app_file), "--port", str(port), "--reload"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_for_line(process, "serving")
        assert get(f"http://127.0.0.1:{port}/version") == b'{"version":1}'
        time.sleep(0.05)  # a new mtime even on coarse-grained file systems
        app_file.write_text(textwrap.dedent(APP_SOURCE).replace("VERSION = 1", "VERSION = 2"))
        os.utime(app_file, (time.time() + 2, time.time() + 2))
        wait_for_line(process, "changed; restarting")
        wait_for_line(process, "serving")
        assert get(f"http://127.0.0.1:{port}/version") == b'{"version":2}'
    finally:
        process.terminate()
        process.wait(10)
        if process.stderr:
            process.stderr.close()
    with pytest.raises(OSError):
        get(f"http://127.0.0.1:{port}/version")  # the child server stopped with its parent


@pytest.mark.usefixtures("quiet_logger")
def test_app_dir_imports_a_package_app_from_its_code_root(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code_root = tmp_path / "src"
    package = code_root / "shop"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "routes.py").write_text(APP_SOURCE.replace("VERSION = 1", "VERSION = 7"))
    # an absolute import of its own package, as Lambda runs it from CodeUri
    (package / "main.py").write_text("from shop.routes import app\n")
    served = {}
    monkeypatch.setattr("apiway.local.server.serve", lambda app, *args, **kwargs: served.update(app=app))
    assert main(["serve", "shop.main", "--app-dir", str(code_root), "--port", "0"]) == 0
    assert served["app"].routes[0].rule == "/version"
    assert main(["serve", "shop.main", "--app-dir", str(tmp_path / "missing")]) == 2
    assert "--app-dir" in capsys.readouterr().err

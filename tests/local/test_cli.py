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
from typing import Any

import pytest

from apiway.local.cli import build_parser, main
from apiway.local.commands import CommandError
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
        ("pkg/__init__.py", "has no 'lambda_handler' or 'handler' or 'app'"),
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
    with pytest.raises(CommandError, match="argument --source: invalid choice: 'sqs'"):
        build_parser().parse_args(["serve", "app.py", "--source", "sqs"])
    for source in ("lattice", "lattice-v2"):
        assert build_parser().parse_args(["serve", "app.py", "--source", source]).source == source


def test_a_vpc_lattice_resolver_is_served_its_own_events_only() -> None:
    from apiway import VPCLatticeResolver, VPCLatticeV2Resolver
    from apiway.local.target import as_handler

    assert as_handler(VPCLatticeResolver())[1] == "lattice"
    assert as_handler(VPCLatticeV2Resolver())[1] == "lattice-v2"
    with pytest.raises(ValueError, match="VPCLatticeResolver reads lattice events, not 'lattice-v2'"):
        as_handler(VPCLatticeResolver(), "lattice-v2")


@pytest.fixture
def quiet_logger(monkeypatch: pytest.MonkeyPatch) -> None:
    """``main`` configures the ``apiway.local`` logger; undo that after the test."""
    logger = logging.getLogger("apiway.local")
    monkeypatch.setattr(logger, "handlers", list(logger.handlers))
    monkeypatch.setattr(logger, "level", logger.level)


@pytest.mark.usefixtures("quiet_logger")
def test_main_reports_bad_apps_and_options(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "missing.py"]) == 2
    assert "apiway serve: error: no such file" in capsys.readouterr().err
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

    def run(server: Any, name: str | None = None) -> None:
        served.update(app=server.get_app().app, name=name)
        server.server_close()

    monkeypatch.setattr("apiway.local.server.run", run)
    assert main(["serve", "shop.main", "--app-dir", str(code_root), "--port", "0"]) == 0
    assert served["app"].routes[0].rule == "/version"
    assert served["name"] == "shop.main:app"
    assert main(["serve", "shop.main", "--app-dir", str(tmp_path / "missing")]) == 2
    assert "--app-dir" in capsys.readouterr().err


BOTH_SOURCE = """
import functools

from apiway import APIGatewayHttpResolver

app = APIGatewayHttpResolver()


def tagged(handler):
    @functools.wraps(handler)
    def wrapper(event, context):
        response = handler(event, context)
        response["headers"]["X-Decorated"] = "yes"
        return response

    return wrapper


@app.get("/hello")
def hello():
    return {"hello": "world"}


@tagged
def lambda_handler(event, context):
    return app.resolve(event, context)
"""


def serve_process(*args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "apiway", "serve", *args],
        cwd=cwd,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(10)
    if process.stderr:
        process.stderr.close()


def test_the_lambda_handler_is_served_when_a_file_also_defines_app(tmp_path: Path) -> None:
    (tmp_path / "both.py").write_text(BOTH_SOURCE)
    port = free_port()
    process = serve_process("both.py", "--port", str(port), cwd=tmp_path)
    try:
        banner = wait_for_line(process, "serving")
        # which object, what it is, and the source of the resolver it calls
        assert "serving both.py:lambda_handler (function) as http events" in banner
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/hello", timeout=10) as response:
            assert response.headers["X-Decorated"] == "yes"  # the decorator ran
            assert response.read() == b'{"hello":"world"}'
    finally:
        stop(process)


def test_the_start_up_line_names_a_resolver_and_its_class(tmp_path: Path) -> None:
    (tmp_path / "both.py").write_text(BOTH_SOURCE)
    process = serve_process("both.py:app", "--port", "0", cwd=tmp_path)
    try:
        banner = wait_for_line(process, "serving")
        assert "serving both.py:app (APIGatewayHttpResolver) as http events on http://127.0.0.1:" in banner
    finally:
        stop(process)


def test_a_handler_takes_the_source_of_the_resolver_in_its_module(project: Path) -> None:
    from apiway.local.target import as_handler

    (project / "both.py").write_text(BOTH_SOURCE)
    handler, label = load_app("both.py")
    assert label == "both.py:lambda_handler"
    assert as_handler(handler) == (handler, "http")
    assert as_handler(handler, "http") == (handler, "http")
    plain, _ = load_app("handlers.py")  # no resolver beside it
    assert as_handler(plain)[1] == "rest"


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--port", "99999"], "argument --port: invalid port 99999: choose 0-65535"),
        (["--port", "-1"], "argument --port: invalid port -1"),
        (["--port", "http"], "argument --port: invalid port 'http': not an integer"),
        (["--source", "sqs"], "argument --source: invalid choice: 'sqs'"),
    ],
)
def test_bad_arguments_get_one_line_errors(option: list[str], message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "apiway", "serve", "app.py", *option],
        check=False,
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=60,
    )
    assert result.returncode == 2
    # one line, the problem then a hint: as for every other bad argument
    (error,) = result.stderr.splitlines()
    assert error.startswith("apiway serve: error: ") and message in error
    assert error.endswith("; hint: see 'apiway serve --help'")


@pytest.mark.parametrize("reload", [False, True])
def test_a_taken_port_ends_the_server_and_reload(tmp_path: Path, reload: bool) -> None:
    import socket

    (tmp_path / "service.py").write_text(APP_SOURCE)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        extra = ["--reload"] if reload else []
        process = serve_process("service.py", "--port", str(port), *extra, cwd=tmp_path)
        try:
            assert process.wait(30) == 69
            assert process.stderr is not None
            errors = process.stderr.read()
        finally:
            stop(process)
    assert f"apiway serve: error: cannot listen on 127.0.0.1 port {port}: " in errors
    assert "Traceback" not in errors


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("from apiway import Router\napp = Router()\n", "cannot serve Router: a Router holds routes"),
        (
            "from apiway import APIGatewayRestResolver as app\n",
            "serve an instance of it (app = APIGatewayRestResolver())",
        ),
        ("def app(environ, start_response):\n    return []\n", "that is a WSGI application"),
        (
            "def app():\n    return {}\n",
            "cannot serve app: it takes (); a Lambda handler takes (event, context)",
        ),
        ("app = {'routes': []}\n", "cannot serve dict: expected a resolver"),
    ],
)
@pytest.mark.usefixtures("quiet_logger")
def test_what_cannot_be_served_is_refused_at_start(
    project: Path, capsys: pytest.CaptureFixture[str], source: str, message: str
) -> None:
    (project / "odd.py").write_text(source)
    assert main(["serve", "odd.py", "--port", "0"]) == 2
    assert message in capsys.readouterr().err


def test_a_module_not_found_suggests_app_dir(project: Path) -> None:
    with pytest.raises(AppLoadError, match=r"no module named 'shop'.*--app-dir DIR"):
        load_app("shop.main")
    (project / "main.py").write_text("import os\nfrom shop.routes import app\n")
    with pytest.raises(AppLoadError) as error:
        load_app("main.py")
    message = str(error.value)
    assert "importing" in message and "no module named 'shop'" in message
    assert f"({project / 'main.py'}, line 2)" in message
    assert "--app-dir DIR" in message
    (project / "uses.py").write_text("from main import app\n")
    with pytest.raises(AppLoadError, match="importing uses failed: no module named 'shop'"):
        load_app("uses")

"""The Swagger UI page of an app, served by ``apiway serve``, in a real headless Chromium.

The app is examples/openapi_sam with ``enable_swagger(path="/swagger", swagger_base_url=...)``;
Swagger UI's script and style sheet come from a local server (the ``swagger-ui-bundle-v2``
package, the release apiway's page is written for), since CI reaches no CDN. The page must
list every operation of the document, and "Try it out" must call the API on the same server.
Chromium, chromedriver and selenium as in ``test_browser.py``; without them, or without the
bundle, these tests skip, saying so (or fail, with ``APIWAY_CONFORMANCE=1``).
"""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from apiway.openapi.swagger_ui.html import SWAGGER_UI_VERSION
from support.conformance import missing

from .test_browser import CHROMEDRIVER, CHROMIUM, FLAGS, Service, webdriver
from .test_server import free_port, wait_for_line

try:
    from selenium.webdriver.common.by import By
    from swagger_ui_bundle import swagger_ui_path
except ImportError:
    missing("swagger-ui-bundle-v2", "run `.venv/bin/pip install -e '.[conformance]'` (.ci/run does)")

pytestmark = pytest.mark.conformance

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE = REPOSITORY / "examples" / "openapi_sam"
#: The names apiway's page asks for under swagger_base_url (as the Powertools page does), and
#: the files of the Swagger UI distribution that hold them.
ASSETS = {"swagger-ui-bundle.min.js": "swagger-ui-bundle.js", "swagger-ui.min.css": "swagger-ui.css"}
SERVED_APP = """
from app import app  # examples/openapi_sam, through --app-dir

app.enable_swagger(path="/swagger", swagger_base_url={base!r}, title="Todos API docs")
"""


class AssetHandler(http.server.BaseHTTPRequestHandler):
    """Serves the two Swagger UI files the page loads, and notes every request."""

    seen: list[str] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        name = ASSETS.get(self.path.lstrip("/"))
        if name is None:
            self.send_error(404)
            return
        data = (Path(str(swagger_ui_path)) / name).read_bytes()
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def assets() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), AssetHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def served(assets: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``apiway serve`` running the example with its Swagger UI page; its base URL."""
    folder = tmp_path_factory.mktemp("swagger-app")
    (folder / "docs_app.py").write_text(SERVED_APP.format(base=assets), encoding="utf-8")
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "apiway",
            "serve",
            "docs_app.py",
            "--app-dir",
            str(EXAMPLE),
            "--port",
            str(port),
        ],
        cwd=folder,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_for_line(process, "serving")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
        if process.stderr:
            process.stderr.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=1280,2000")
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def wait_until(find: Callable[[], Any], timeout: float = 20) -> Any:
    """What ``find()`` returns once it is truthy; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting after {timeout} s")


def operations(driver: Any) -> list[tuple[str, str, str]]:
    """(method, path, summary) of each operation the page lists."""
    rows = []
    for block in driver.find_elements(By.CSS_SELECTOR, ".opblock"):
        method = block.find_element(By.CSS_SELECTOR, ".opblock-summary-method").text
        path = block.find_element(By.CSS_SELECTOR, ".opblock-summary-path").get_attribute("data-path")
        summary = block.find_element(By.CSS_SELECTOR, ".opblock-summary-description").text
        rows.append((method, path, summary))
    return rows


def test_the_bundle_is_the_release_the_page_is_written_for() -> None:
    assert Path(str(swagger_ui_path)).name == f"swagger-ui-{SWAGGER_UI_VERSION}"


def test_the_page_lists_every_operation_of_the_document(browser: Any, served: str) -> None:
    AssetHandler.seen.clear()
    browser.get(f"{served}/swagger")
    assert browser.title == "Todos API docs"
    listed = wait_until(lambda: len(operations(browser)) >= 4 and operations(browser))
    with urllib_open(f"{served}/swagger?format=json") as document:
        paths = document["paths"]
    expected = sorted(
        (method.upper(), path, operation["summary"])
        for path, item in paths.items()
        for method, operation in item.items()
    )
    assert sorted(listed) == expected
    assert expected == [
        ("DELETE", "/todos/{todo_id}", "Delete a todo"),
        ("GET", "/todos", "List the todos"),
        ("GET", "/todos/{todo_id}", "One todo"),
        ("POST", "/todos", "Add a todo"),
    ]
    info = browser.find_element(By.CSS_SELECTOR, ".information-container").text
    assert "Todos" in info and "Keeps a list of todos." in info
    assert sorted(AssetHandler.seen) == ["/swagger-ui-bundle.min.js", "/swagger-ui.min.css"]


def test_try_it_out_calls_the_api_on_the_same_server(browser: Any, served: str) -> None:
    browser.get(f"{served}/swagger")
    block = wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, "#operations-todos-listTodos"))[0]
    block.find_element(By.CSS_SELECTOR, ".opblock-summary").click()
    wait_until(lambda: block.find_elements(By.CSS_SELECTOR, ".try-out__btn"))[0].click()
    limit = wait_until(lambda: block.find_elements(By.CSS_SELECTOR, "tr[data-param-name='limit'] input"))[0]
    limit.clear()
    limit.send_keys("1")
    block.find_element(By.CSS_SELECTOR, ".execute").click()
    url = wait_until(lambda: block.find_elements(By.CSS_SELECTOR, ".request-url pre"))[0].text
    assert url == f"{served}/todos?limit=1"
    answer = ".live-responses-table tbody .response"
    status = wait_until(lambda: block.find_elements(By.CSS_SELECTOR, f"{answer} .response-col_status"))
    assert status[0].text.strip() == "200"
    body = block.find_element(By.CSS_SELECTOR, f"{answer} .response-col_description pre").text
    assert json.loads(body) == [
        {"id": 1, "title": "write the docs", "priority": 3, "tags": ["docs"], "done": False}
    ]


def urllib_open(url: str) -> Any:
    """``with urllib_open(url) as data``: the JSON ``url`` answers."""
    import contextlib
    import urllib.request

    @contextlib.contextmanager
    def opened() -> Iterator[Any]:
        with urllib.request.urlopen(url, timeout=10) as response:
            yield json.loads(response.read())

    return opened()

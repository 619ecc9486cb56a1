"""A real headless Chromium calls the API from another origin, through ``apiway serve``'s server.

The page comes from one origin (a tiny ``http.server``), the API from another (apiway's local
server with ``CORSConfig``). ``fetch`` with a custom header makes the browser itself send the
CORS preflight; the browser then accepts or refuses the answer. Debian's ``chromium`` and
``chromium-driver`` packages provide the browser, driven with ``selenium`` (the ``conformance``
extra); ``.ci/run`` installs them. Without them these tests skip, saying so (or fail, with
``APIWAY_CONFORMANCE=1``).
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from apiway import CORSConfig, Response, Stage
from apiway.local.server import ThreadingWSGIServer
from apiway.request import PipelineRequest
from support.conformance import missing

from .apps import BIG, PNG, make_app
from .test_server import running

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PAGE = b"<!doctype html><html><head><title>apiway browser check</title></head><body>page</body></html>"

_MISSING = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
if _MISSING:
    missing(
        f"headless Chromium ({', '.join(_MISSING)})",
        "run `apt-get install -y chromium chromium-driver` (.ci/run does)",
    )
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:
    missing("selenium", "run `.venv/bin/pip install -e '.[conformance]'` (.ci/run does)")

pytestmark = pytest.mark.conformance


class Recorder(Stage):
    """Outermost stage: notes each request the browser really sent, and the response headers."""

    name = "recorder"

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, Any]]] = []

    def handle(self, request: PipelineRequest, call_next: Callable[[PipelineRequest], Response]) -> Response:
        response = call_next(request)
        self.seen.append((request.method, request.path, dict(response.headers)))
        return response

    def methods(self, path: str) -> list[str]:
        return [method for method, seen_path, _ in self.seen if seen_path == path]


class PageHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def page_origin() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PageHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def api(allowed_origin: str) -> tuple[Any, Recorder]:
    app = make_app("http", cors=CORSConfig(allow_origin=allowed_origin, allow_headers=["X-Custom"]))
    recorder = Recorder()
    app.pipeline.insert_before(app.pipeline.names()[0], recorder)
    return app, recorder


@pytest.fixture(scope="module")
def allowed_api(page_origin: str) -> Iterator[tuple[ThreadingWSGIServer, Recorder]]:
    app, recorder = api(page_origin)
    with running(app) as server:
        yield server, recorder


@pytest.fixture(scope="module")
def refusing_api() -> Iterator[tuple[ThreadingWSGIServer, Recorder]]:
    app, recorder = api("https://only-this-origin.example")
    with running(app) as server:
        yield server, recorder


@pytest.fixture(scope="module")
def browser(page_origin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        driver.set_script_timeout(20)
        driver.get(page_origin + "/")
        assert driver.title == "apiway browser check"
        yield driver
    finally:
        driver.quit()


FETCH = """
const [url, kind, done] = arguments;
fetch(url, {headers: {"X-Custom": "from-the-page"}})
  .then(async (response) => {
    const result = {ok: true, status: response.status, type: response.headers.get("content-type")};
    if (kind === "bytes") {
      const bytes = new Uint8Array(await response.arrayBuffer());
      result.length = bytes.length;
      result.bytes = Array.from(bytes);
      const image = new Image();
      image.src = URL.createObjectURL(new Blob([bytes], {type: result.type}));
      await image.decode();
      result.width = image.naturalWidth;
      result.height = image.naturalHeight;
    } else {
      result.text = await response.text();
    }
    done(result);
  })
  .catch((error) => done({ok: false, error: String(error)}));
"""


def browser_fetch(driver: Any, url: str, kind: str = "text") -> dict[str, Any]:
    result: dict[str, Any] = driver.execute_async_script(FETCH, url, kind)
    return result


def test_allowed_origin_passes_the_real_preflight(
    browser: Any, allowed_api: tuple[ThreadingWSGIServer, Recorder]
) -> None:
    server, recorder = allowed_api
    result = browser_fetch(browser, f"{server.url}/todos/1")
    assert result["ok"], result
    assert result["status"] == 200
    assert json.loads(result["text"]) == {"id": "1", "title": "write docs"}
    assert recorder.methods("/todos/1") == ["OPTIONS", "GET"]  # the browser asked first
    preflight_headers = recorder.seen[0][2]
    assert "X-Custom" in preflight_headers["Access-Control-Allow-Headers"]
    assert preflight_headers["Access-Control-Allow-Origin"] == browser.execute_script(
        "return location.origin"
    )


def test_refused_origin_makes_fetch_throw(
    browser: Any, refusing_api: tuple[ThreadingWSGIServer, Recorder]
) -> None:
    server, recorder = refusing_api
    result = browser_fetch(browser, f"{server.url}/todos/1")
    assert not result["ok"]
    assert "TypeError" in result["error"]
    assert recorder.methods("/todos/1") == ["OPTIONS"]  # the request itself was never sent
    assert "Access-Control-Allow-Origin" not in recorder.seen[0][2]


def test_gzip_response_reaches_the_page_intact(
    browser: Any, allowed_api: tuple[ThreadingWSGIServer, Recorder]
) -> None:
    server, recorder = allowed_api
    result = browser_fetch(browser, f"{server.url}/big")
    assert result["ok"], result
    assert json.loads(result["text"]) == BIG
    sent = [headers for method, path, headers in recorder.seen if (method, path) == ("GET", "/big")]
    assert sent[-1]["Content-Encoding"] == "gzip"  # the browser asked for gzip and undid it


def test_binary_image_reaches_the_page_intact(
    browser: Any, allowed_api: tuple[ThreadingWSGIServer, Recorder]
) -> None:
    server, _ = allowed_api
    result = browser_fetch(browser, f"{server.url}/image", "bytes")
    assert result["ok"], result
    assert result["type"] == "image/png"
    assert result["length"] == len(PNG)
    assert bytes(result["bytes"]) == PNG
    assert (result["width"], result["height"]) == (3, 2)  # the browser decoded it as an image

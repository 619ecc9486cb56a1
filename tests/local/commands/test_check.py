"""``apiway check APP --template FILE``: routes and API events, both ways, and the exit status."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import EXAMPLE, TEMPLATES, Apiway, apiway_process, load_json, write

TODOS_APP = """
from apiway import APIGatewayHttpResolver

app = APIGatewayHttpResolver()


@app.get("/todos")
def list_todos():
    return []


@app.post("/todos")
def create_todo():
    return {}


@app.get("/todos/<todo_id>")
def get_todo(todo_id):
    return {}


@app.delete("/todos/<todo_id>")
def delete_todo(todo_id):
    return {}


@app.get("/stats")
def stats():
    return {}


def lambda_handler(event, context):
    return app.resolve(event, context)
"""
ADMIN_APP = """
from apiway import APIGatewayHttpResolver

app = APIGatewayHttpResolver()


@app.get("/admin/stats")
def stats():
    return {}


def handler(event, context):
    return app.resolve(event, context)
"""


@pytest.fixture
def project(isolated: Path) -> Path:
    shutil.copy(TEMPLATES / "http_api.yaml", isolated / "template.yaml")
    write(isolated / "src", {"todos_app.py": TODOS_APP, "admin.py": ADMIN_APP})
    return isolated


def test_the_example_agrees_with_its_template() -> None:
    result = apiway_process("check", str(EXAMPLE / "app.py"), "--template", str(EXAMPLE / "template.yaml"))
    assert result.status == 0, result.err
    assert result.out.splitlines() == [
        f"{EXAMPLE / 'app.py'}:app: 6 routes; TodosFunction (app.lambda_handler): 5 API events",
        "ok: all 6 routes are sent to TodosFunction, and every event reaches a route",
    ]


@pytest.mark.usefixtures("project")
def test_what_the_template_misses_both_ways(apiway: Apiway) -> None:
    result = apiway("check", "todos_app", "--app-dir", "src", "--template", "template.yaml")
    assert result.status == 1
    assert result.out.splitlines() == [
        "todos_app:app: 5 routes; TodosFunction (todos_app.lambda_handler): 4 API events",
        "routes the template does not send to TodosFunction (1):",
        "  GET /stats",
        "events no route answers (1):",
        "  Legacy: HttpApi GET /v1/{proxy+}",
    ]


@pytest.mark.usefixtures("project")
def test_the_function_is_found_by_module_file_or_name(apiway: Apiway) -> None:
    # by module name (a handler or the resolver), by file under CodeUri, or named
    for args in (
        ["todos_app"],
        ["todos_app:app"],
        ["src/todos_app.py"],
        ["src/admin.py", "--function", "TodosFunction"],
    ):
        result = apiway("check", *args, "--app-dir", "src", "--template", "template.yaml")
        assert "TodosFunction (todos_app.lambda_handler)" in result.out.splitlines()[0], (args, result)
    admin = apiway("check", "src/admin.py", "--template", "template.yaml")
    assert admin.status == 0, admin.out
    assert (
        admin.out.splitlines()[0] == "src/admin.py:app: 1 route; AdminFunction (admin.handler): 1 API event"
    )


@pytest.mark.usefixtures("project")
def test_json_output(apiway: Apiway) -> None:
    result = apiway("check", "todos_app", "--app-dir", "src", "--template", "template.yaml", "--json")
    assert result.status == 1
    document = load_json(result.out)
    assert (document["app"], document["function"], document["ok"]) == (
        "todos_app:app",
        {"name": "TodosFunction", "handler": "todos_app.lambda_handler"},
        False,
    )
    assert document["routes"][2] == {
        "method": "GET",
        "rule": "/todos/<todo_id>",
        "sent_by": ["Todo"],
        "partly_by": [],
    }
    assert document["events"][3] == {
        "name": "Legacy",
        "kind": "HttpApi",
        "method": "GET",
        "path": "/v1/{proxy+}",
        "routes": [],
        "path_methods": [],
    }
    assert document["not_checked"] == []


SHOP = """
from apiway import APIGatewayRestResolver

app = APIGatewayRestResolver()


@app.get("/")
def index():
    return {}


@app.get("/health")
def health():
    return {}


@app.route("/items/<item_id>", ["GET", "PUT"])
def item(item_id):
    return {}


def lambda_handler(event, context):
    return app.resolve(event, context)
"""


def test_rest_api_with_a_greedy_path_and_an_unreadable_event(apiway: Apiway, isolated: Path) -> None:
    shutil.copy(TEMPLATES / "rest_api.yaml", isolated / "template.yaml")
    write(isolated / "code", {"shop/__init__.py": "", "shop/main.py": SHOP})
    result = apiway("check", "code/shop/main.py", "--app-dir", "code", "--template", "template.yaml")
    assert result.status == 0, result.out
    assert result.out.splitlines() == [
        "code/shop/main.py:app: 4 routes; ShopFunction (shop.main.lambda_handler): 4 API events",
        "events not checked (1):",
        "  Computed: its Path is the intrinsic function Fn::Sub, not a string",
        "ok: all 4 routes are sent to ShopFunction, and every event reaches a route",
    ]


def test_default_route_and_function_url_send_everything(apiway: Apiway, isolated: Path) -> None:
    shutil.copy(TEMPLATES / "http_default.json", isolated / "template.json")
    write(isolated / "src", {"app.py": TODOS_APP, "url_app.py": TODOS_APP})
    for module, function in (("app", "Function"), ("url_app", "UrlFunction")):
        result = apiway("check", f"src/{module}.py", "--template", "template.json")
        assert result.status == 0, result.out
        assert f"ok: all 5 routes are sent to {function}" in result.out


def test_a_root_route_needs_more_than_proxy(apiway: Apiway, isolated: Path) -> None:
    template = (TEMPLATES / "rest_api.yaml").read_text()
    root = "        Root:\n          Type: Api\n          Properties:\n            RestApiId:\n"
    root += "              Ref: ShopApi\n            Path: /\n            Method: ANY\n"
    assert root in template
    (isolated / "template.yaml").write_text(template.replace(root, ""))
    write(isolated / "code", {"shop/__init__.py": "", "shop/main.py": SHOP})
    result = apiway("check", "shop.main", "--app-dir", "code", "--template", "template.yaml")
    assert result.status == 1
    assert "routes the template does not send to ShopFunction (1):\n  GET /\n" in result.out


@pytest.mark.usefixtures("project")
@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["todos_app", "--app-dir", "src", "--template", "missing.yaml"],
            "missing.yaml: no such file; hint: pass the SAM template that deploys this app (YAML or JSON)",
        ),
        (
            ["todos_app", "--app-dir", "src", "--template", "broken.yaml"],
            "broken.yaml: line 3, column 12: a mapping cannot start on the line of its key; start it on the "
            "next line; hint: pass the SAM template that deploys this app (YAML or JSON)",
        ),
        (
            ["todos_app", "--app-dir", "src", "--template", "template.yaml", "--function", "Nope"],
            "the template has no function 'Nope'; it has: TodosFunction (todos_app.lambda_handler), "
            "AdminFunction (admin.handler); hint: pass one of those to --function",
        ),
        (
            ["other.py", "--template", "template.yaml"],
            "no function's Handler is in other; the template has: TodosFunction (todos_app.lambda_handler), "
            "AdminFunction (admin.handler); hint: name the function with --function NAME",
        ),
        (
            ["todos_app", "--app-dir", "src"],
            "the following arguments are required: --template; hint: see 'apiway check --help'",
        ),
    ],
)
def test_bad_arguments(apiway: Apiway, project: Path, args: list[str], line: str) -> None:
    (project / "broken.yaml").write_text("Resources:\n  F:\n    Type: x: y\n")
    (project / "other.py").write_text(TODOS_APP)
    result = apiway("check", *args)
    assert (result.status, result.out) == (2, "")
    assert result.error_line == f"apiway check: error: {line}"

"""Reading SAM templates: the functions, their handlers and their API events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apiway.local.sam.template import TemplateError, functions, read_template

TEMPLATES = Path(__file__).resolve().parents[2] / "fixtures" / "templates"


def events(template: str, function: str) -> dict[str, tuple[str, str, str, str | None]]:
    found = {f.name: f for f in functions(read_template(str(TEMPLATES / template)))}
    return {e.name: (e.kind, e.method, e.path, e.problem) for e in found[function].events}


def test_functions_with_globals_applied() -> None:
    todos, admin = functions(read_template(str(TEMPLATES / "http_api.yaml")))
    assert (todos.name, todos.handler, todos.code_uri, todos.url) == (
        "TodosFunction",
        "todos_app.lambda_handler",
        "src/",
        False,
    )
    assert (todos.handler_module, todos.handler_name) == ("todos_app", "lambda_handler")
    assert (admin.name, admin.handler_module, admin.code_uri) == ("AdminFunction", "admin", "src/")
    assert todos.source_files("/project") == [
        "/project/src/todos_app.py",
        "/project/src/todos_app/__init__.py",
    ]


def test_http_api_events() -> None:
    # Method is upper-cased; the Schedule event is not an API event
    assert events("http_api.yaml", "TodosFunction") == {
        "ListTodos": ("HttpApi", "GET", "/todos", None),
        "CreateTodo": ("HttpApi", "POST", "/todos", None),
        "Todo": ("HttpApi", "ANY", "/todos/{todo_id}", None),
        "Legacy": ("HttpApi", "GET", "/v1/{proxy+}", None),
    }


def test_rest_api_events_and_an_intrinsic_path() -> None:
    assert events("rest_api.yaml", "ShopFunction") == {
        "Root": ("Api", "ANY", "/", None),
        "Everything": ("Api", "ANY", "/{proxy+}", None),
        "Implicit": ("Api", "GET", "/health", None),
        "Computed": ("Api", "", "", "its Path is the intrinsic function Fn::Sub, not a string"),
    }


def test_json_default_route_and_function_url() -> None:
    everything, url = functions(read_template(str(TEMPLATES / "http_default.json")))
    assert [(e.kind, e.method, e.path) for e in everything.events] == [("HttpApi", "ANY", "$default")]
    assert (url.url, url.events) == (True, [])


def test_yaml_and_json_read_the_same(tmp_path: Path) -> None:
    template = read_template(str(TEMPLATES / "rest_api.yaml"))
    (tmp_path / "template.json").write_text(json.dumps(template, indent=2))
    assert read_template(str(tmp_path / "template.json")) == template


def test_an_api_event_without_path_or_method(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n"
        "      Handler: a.b\n      Events:\n        E:\n          Type: Api\n"
        "          Properties:\n            Method: [get]\n"
    )
    (function,) = functions(read_template(str(tmp_path / "t.yaml")))
    (event,) = function.events
    assert event.problem == "its Path is missing, not a string and its Method is a list, not a string"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Resources:\n  F:\n    Type: X\n   Properties: {}\n",
            "t.yaml: line 4, column 4: this line starts at column 4",
        ),
        ('{"Resources": {"F": }}', "t.yaml: line 1, column 21: Expecting value"),
        ("- a\n- b\n", "t.yaml: not a CloudFormation template (no Resources mapping)"),
        ("Resources: []\n", "not a CloudFormation template"),
        ("", "not a CloudFormation template"),
    ],
)
def test_unreadable_templates(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text)
    with pytest.raises(TemplateError) as error:
        read_template(str(path))
    assert message in str(error.value)


def test_a_missing_or_binary_file(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no such file"):
        read_template(str(tmp_path / "missing.yaml"))
    (tmp_path / "t.yaml").write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(TemplateError, match="cannot read it"):
        read_template(str(tmp_path / "t.yaml"))

"""examples/openapi_sam: the app's OpenAPI 3.0.3 document is the API Gateway REST API of its SAM
template.

The template's ``DefinitionBody`` must be the document the app writes today, with a Lambda
proxy integration on each operation; cfn-lint must pass; and the SAM transform itself (run
here with the real ``DefinitionBody``: cfn-lint blanks it before transforming) must keep the
document as the API's body and let API Gateway call the function for every operation.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from cfnlint import api as cfnlint_api
from cfnlint.decode import decode_str

from apiway.local.cli import main
from support.conformance import missing

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "openapi_sam"
TEMPLATE = EXAMPLE / "template.yaml"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


script = _load("_apiway_openapi_sam_definition_body", EXAMPLE / "definition_body.py")
example = _load("_apiway_openapi_sam_app", EXAMPLE / "app.py")


def template() -> dict[str, Any]:
    decoded, errors = decode_str(TEMPLATE.read_text(encoding="utf-8"))
    assert not errors
    return json.loads(json.dumps(decoded))  # plain dicts and strings


def the_document() -> dict[str, Any]:
    """The app's 3.0.3 document as it is now."""
    return json.loads(example.app.get_openapi_json_schema(openapi_version="3.0.3"))  # type: ignore[no-any-return]


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in script.METHODS
    }


def test_the_definition_body_is_the_document_the_app_writes() -> None:
    body = template()["Resources"]["TodosApi"]["Properties"]["DefinitionBody"]
    expected = script.with_integrations(the_document())
    assert body == expected, "run python examples/openapi_sam/definition_body.py"
    # the text too, as the script writes it (a hand edit of the YAML would be overwritten)
    current = TEMPLATE.read_text(encoding="utf-8")
    assert script.with_definition_body(current, script.definition_yaml(expected)) == current


def test_the_script_checks_and_writes_through_apiway_openapi() -> None:
    check = subprocess.run(
        [sys.executable, str(EXAMPLE / "definition_body.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (check.returncode, check.stderr) == (0, "")
    # a stale block is replaced whole; the rest of the template is kept as it is
    current = TEMPLATE.read_text(encoding="utf-8")
    stale = current.replace("summary: One todo", "summary: Old text")
    assert stale != current
    fresh = script.definition_yaml(script.with_integrations(the_document()))
    assert script.with_definition_body(stale, fresh) == current


def test_every_operation_calls_the_function_through_a_proxy_integration() -> None:
    body = template()["Resources"]["TodosApi"]["Properties"]["DefinitionBody"]
    found = operations(body)
    assert set(found) == {
        ("GET", "/todos"),
        ("POST", "/todos"),
        ("GET", "/todos/{todo_id}"),
        ("DELETE", "/todos/{todo_id}"),
    }
    for operation in found.values():
        integration = operation["x-amazon-apigateway-integration"]
        assert (integration["type"], integration["httpMethod"]) == ("aws_proxy", "POST")
        assert "${TodosFunction.Arn}" in integration["uri"]["Fn::Sub"]


def test_the_template_passes_cfn_lint() -> None:
    matches = cfnlint_api.lint_file(TEMPLATE)
    assert matches == [], "\n".join(str(match) for match in matches)


@pytest.mark.conformance
def test_the_sam_transform_keeps_the_document_and_lets_api_gateway_call_the_function(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if importlib.util.find_spec("samtranslator") is None:
        # The SAM CLI (the conformance extra) brings the transform; cfn-lint no longer does.
        missing(
            "the SAM transform (aws-sam-translator)",
            "run `.venv/bin/pip install -e '.[conformance]'` (.ci/run does)",
        )
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")  # the transform reads the partition from it
    sam = template()
    definition = copy.deepcopy(sam["Resources"]["TodosApi"]["Properties"]["DefinitionBody"])
    sam["Resources"]["TodosFunction"]["Properties"]["CodeUri"] = (
        "s3://bucket/todos.zip"  # as sam package does
    )
    resources = Translator(managed_policy_map={}, sam_parser=Parser()).translate(
        sam_template=sam, parameter_values={}
    )["Resources"]
    api = resources["TodosApi"]
    assert api["Type"] == "AWS::ApiGateway::RestApi"
    assert api["Properties"]["Body"] == definition  # the document, untouched
    allowed = set()
    for resource in resources.values():
        if resource["Type"] == "AWS::Lambda::Permission":
            properties = resource["Properties"]
            assert properties["Principal"] == "apigateway.amazonaws.com"
            assert properties["FunctionName"] == {"Ref": "TodosFunction"}
            pattern = properties["SourceArn"]["Fn::Sub"][0]
            method, path = re.fullmatch(r".*/\$\{__Stage__\}/([A-Z]+)(/.*)", pattern).groups()  # type: ignore[union-attr]
            allowed.add((method, path))
    # each operation's method and path (a {parameter} as *) may call the function
    wanted = {(method, re.sub(r"\{[^}]+\}", "*", path)) for method, path in operations(definition)}
    assert allowed == wanted


def test_the_definition_body_is_valid_openapi_303() -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    body = template()["Resources"]["TodosApi"]["Properties"]["DefinitionBody"]
    assert body["openapi"] == "3.0.3"
    validator.OpenAPIV30SpecValidator(body).validate()


def test_model_names_are_ones_api_gateway_accepts() -> None:
    """API Gateway makes a model of each schema under components, and model names may only
    hold letters and digits (its OpenAPI import's documented limits)."""
    body = template()["Resources"]["TodosApi"]["Properties"]["DefinitionBody"]
    names = list(body["components"]["schemas"])
    assert names and all(name.isascii() and name.isalnum() for name in names), names


def test_apiway_check_finds_every_route_in_the_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLE / "app.py"), "--template", str(TEMPLATE)]) == 0
    assert "ok: all 4 routes are sent to TodosFunction" in capsys.readouterr().out

"""Puts the app's OpenAPI 3.0.3 document into template.yaml as the API's ``DefinitionBody``.

Run it after changing a route: ``python examples/openapi_sam/definition_body.py``
(``--check`` only compares, and exits 1 when the template is out of date; the tests run it).

The document is what ``apiway openapi app.py --openapi-version 3.0.3`` writes, with one
addition API Gateway needs: each operation's ``x-amazon-apigateway-integration``, a Lambda
proxy integration calling ``TodosFunction``. (SAM adds integrations for ``Api`` events only
to an API whose definition it writes itself; for a ``DefinitionBody`` of your own, the
events still grant API Gateway the right to call the function.) It is written as YAML,
through PyYAML; everything else in the template is yours to edit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "template.yaml"
FUNCTION = "TodosFunction"
#: The property the document goes under, and the indentation of what it holds.
KEY_LINE = "      DefinitionBody:"
INDENT = " " * 8
NOTICE = f"{INDENT}# Written by definition_body.py from app.py (apiway openapi): do not edit by hand."
#: A Lambda proxy integration: API Gateway calls the function (always with POST) and passes
#: its proxy response back.
INTEGRATION = {
    "type": "aws_proxy",
    "httpMethod": "POST",
    "uri": {
        "Fn::Sub": (
            "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
            f"${{{FUNCTION}.Arn}}/invocations"
        )
    },
}
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def document() -> dict[str, Any]:
    """The app's OpenAPI 3.0.3 document, as ``apiway openapi`` writes it."""
    command = [sys.executable, "-m", "apiway", "openapi", str(HERE / "app.py"), "--openapi-version", "3.0.3"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    if result.returncode != 0:
        raise SystemExit(result.stderr.strip() or f"apiway openapi exited with {result.returncode}")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def with_integrations(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the Lambda proxy integration on every operation."""
    for item in data["paths"].values():
        for method in METHODS:
            if method in item:
                # a copy each: YAML would write one object met twice as an anchor and aliases
                item[method]["x-amazon-apigateway-integration"] = json.loads(json.dumps(INTEGRATION))
    return data


def definition_yaml(data: dict[str, Any]) -> str:
    import yaml  # PyYAML: installed with the AWS SAM CLI and cfn-lint

    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=2**16)
    return text


def with_definition_body(template: str, document: str) -> str:
    """``template`` with the block under ``DefinitionBody:`` replaced by ``document``."""
    lines = template.splitlines()
    try:
        start = lines.index(KEY_LINE) + 1
    except ValueError:
        raise SystemExit(f"{TEMPLATE.name} has no line {KEY_LINE.strip()!r} at that indentation") from None
    end = start
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(INDENT)):
        end += 1
    while end > start and not lines[end - 1].strip():  # blank lines stay with what follows
        end -= 1
    body = [NOTICE, *(INDENT + line for line in document.splitlines())]
    return "\n".join([*lines[:start], *body, *lines[end:]]) + "\n"


def main(argv: list[str]) -> int:
    current = TEMPLATE.read_text(encoding="utf-8")
    wanted = with_definition_body(current, definition_yaml(with_integrations(document())))
    if "--check" in argv:
        if current != wanted:
            print(f"{TEMPLATE} is out of date: run python {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        TEMPLATE.write_text(wanted, encoding="utf-8")
        print(f"updated {TEMPLATE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

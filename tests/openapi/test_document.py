"""The OpenAPI document builder on its own (the comparison with Powertools is in
tests/compat/test_compat_openapi_document.py).

No ``from __future__ import annotations``: handlers defined inside tests name local classes.
"""

import dataclasses
import json
import time
from typing import Annotated, Any

import pytest

from apiway.depends import Depends
from apiway.openapi.document import build_document, document_dict, document_json
from apiway.openapi.exceptions import SchemaValidationError
from apiway.openapi.models import OpenAPI
from apiway.openapi.params import Header, Query
from apiway.validation.plan import compile_plan


@dataclasses.dataclass
class Todo:
    title: str
    done: bool = False


def todo_plans() -> list[Any]:
    def get_todo(todo_id: int, verbose: bool = False) -> Todo:
        return Todo("x")

    def create_todo(todo: Todo) -> Todo:
        return todo

    return [compile_plan(get_todo, "GET", "/todos/<todo_id>"), compile_plan(create_todo, "POST", "/todos")]


def test_an_app_without_routes() -> None:
    document = document_dict([])
    assert document == {
        "openapi": "3.1.0",
        "info": {"title": "Powertools for AWS Lambda (Python) API", "version": "1.0.0"},
        "servers": [{"url": "/"}],
        "paths": {},
    }


def test_hidden_routes_leave_no_trace() -> None:
    def hidden() -> Todo:
        return Todo("x")

    document = document_dict([compile_plan(hidden, "GET", "/hidden", options={"include_in_schema": False})])
    assert document["paths"] == {}
    assert "components" not in document


def test_the_object_and_its_json_forms_agree() -> None:
    plans = todo_plans()
    document = build_document(plans, enable_validation=True)
    assert isinstance(document, OpenAPI)
    assert document.paths["/todos/{todo_id}"].get.operationId == "get_todo_todos__todo_id__get"
    text = document_json(plans, enable_validation=True)
    assert text == document.model_dump_json(by_alias=True, exclude_none=True, indent=2)
    assert json.loads(text) == document_dict(plans, enable_validation=True)


def test_openapi_303_is_the_same_document_for_openapi_30() -> None:
    def search(q: "str | None" = None) -> "Todo | None":
        return None

    document = document_dict([compile_plan(search, "GET", "/search")], openapi_version="3.0.3")
    assert document["openapi"] == "3.0.3"
    parameter = document["paths"]["/search"]["get"]["parameters"][0]
    assert parameter["schema"] == {"type": "string", "nullable": True, "title": "Q"}
    text = document_json([compile_plan(search, "GET", "/search")], openapi_version="3.0.3")
    assert json.loads(text) == document


@pytest.mark.parametrize("version", ["3.0.3", "2.0", "4.0.0", 3.1])
def test_build_document_writes_openapi_31_only(version: Any) -> None:
    with pytest.raises(ValueError, match=r"build_document\(\) writes OpenAPI 3\.1\.x"):
        build_document([], openapi_version=version)


def test_security_requirements_must_name_declared_schemes() -> None:
    with pytest.raises(SchemaValidationError, match="apiKey \\(declared schemes: none\\)"):
        build_document([], security=[{"apiKey": []}])

    def private() -> None: ...

    plan = compile_plan(private, "GET", "/private", options={"security": [{"oauth": ["read"]}]})
    with pytest.raises(SchemaValidationError, match="oauth \\(declared schemes: apiKey\\)"):
        build_document([plan], security_schemes={"apiKey": {"type": "apiKey", "name": "k", "in": "header"}})


def test_duplicate_operation_ids_warn_as_powertools_does() -> None:
    def one() -> None: ...

    plans = [compile_plan(one, method, "/one", options={"operation_id": "same"}) for method in ("GET", "PUT")]
    with pytest.warns(UserWarning, match="Duplicate Operation ID same for function one"):
        build_document(plans)


def test_a_route_setting_decides_its_422_response() -> None:
    def on() -> None: ...

    def off() -> None: ...

    plans = [
        compile_plan(on, "GET", "/on", options={"enable_validation": True}),
        compile_plan(off, "GET", "/off", options={"enable_validation": False}),
    ]
    for app_setting in (True, False):
        paths = document_dict(plans, enable_validation=app_setting)["paths"]
        assert "422" in paths["/on"]["get"]["responses"]
        assert "422" not in paths["/off"]["get"]["responses"]


def test_a_value_read_twice_is_documented_once_and_content_type_never() -> None:
    def paging(page: Annotated[int, Query()] = 1) -> int:
        return page

    def handler(
        page: Annotated[int, Query()],
        other: Annotated[int, Depends(paging)],
        content_type: Annotated[str, Header(alias="Content-Type")] = "",
    ) -> None: ...

    parameters = document_dict([compile_plan(handler, "GET", "/")])["paths"]["/"]["get"]["parameters"]
    assert [(p["name"], p["in"], p["required"]) for p in parameters] == [("page", "query", True)]


def test_rules_in_openapi_form_and_operation_ids() -> None:
    def files(name: str, rest: str) -> None: ...

    plan = compile_plan(files, "GET", "/files/<name>/v<rest>")
    operation = document_dict([plan])["paths"]["/files/{name}/v{rest}"]["get"]
    assert operation["operationId"] == "files_files__name__v_rest__get"
    assert operation["summary"] == "GET /files/{name}/v{rest}"


def test_a_hundred_route_app_builds_quickly() -> None:
    def make(index: int) -> Any:
        def handler(
            item_id: int,
            todo: Todo,
            limit: Annotated[int, Query(ge=1, le=100)] = 10,
            token: Annotated[str, Header()] = "",
        ) -> Todo:
            return todo

        handler.__name__ = f"handler_{index}"
        return compile_plan(handler, "PUT", f"/items{index}/<item_id>")

    plans = [make(index) for index in range(100)]
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        build_document(plans, enable_validation=True)
        timings.append(time.perf_counter() - start)
    # The target is 30 ms; the bound is loose, for a busy shared test machine.
    assert min(timings) < 0.3, timings

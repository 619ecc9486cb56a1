"""Hostile requests to typed routes: malformed bodies, huge lists, deep nesting, long keys and
wrong types everywhere. Each answers the documented 4xx listing the problems, never a 500,
and every answer fits its event source (checked by ``EventSource.call``).

No ``from __future__ import annotations``: handlers defined inside tests name local classes.
"""

import base64
import dataclasses
import datetime
import enum
import json
import time
import uuid
from typing import Annotated, Any, Literal

import pytest

from apiway import Response
from apiway.openapi.exceptions import RequestValidationError
from apiway.openapi.params import Cookie, Header, Query
from apiway.stages.validation import MAX_KEY_SHOWN, MAX_LISTED
from apiway.validation import Constraints
from support.events import ALB, REST, EventSource, each_source

JSON = {"Content-Type": "application/json"}


class Kind(enum.Enum):
    a = "a"
    b = "b"


@dataclasses.dataclass
class Line:
    sku: str
    quantity: Annotated[int, Constraints(ge=1)] = 1


@dataclasses.dataclass
class Order:
    id: uuid.UUID
    when: datetime.date
    kind: Kind
    paid: bool
    total: float
    lines: list[Line]
    notes: dict[str, int]
    status: Literal["new", "done"] = "new"


@dataclasses.dataclass
class Node:
    name: str
    children: "list[Node]" = dataclasses.field(default_factory=list)


def typed_app(source: EventSource) -> Any:
    app = source.app(enable_validation=True)

    @app.post("/orders/<shop_id>")
    def create(
        shop_id: int,
        order: Order,
        limit: Annotated[int, Query(ge=1, le=10)] = 1,
        since: datetime.date | None = None,
        x_count: Annotated[int, Header()] = 0,
        session: Annotated[uuid.UUID | None, Cookie()] = None,
    ) -> dict:
        return {"shop": shop_id}

    @app.post("/ids")
    def ids(ids: list[int]) -> dict:
        return {"count": len(ids)}

    @app.post("/counts")
    def counts(counts: dict[str, int]) -> dict:
        return {"count": len(counts)}

    @app.post("/tree")
    def tree(node: Node) -> dict:
        return {"name": node.name}

    return app


def answer(source: EventSource, app: Any, path: str, body: Any, **fields: Any) -> tuple[int, Any]:
    text = body if body is None or isinstance(body, str) else json.dumps(body)
    fields.setdefault("headers", JSON)
    response = source.call(app, source.event("POST", path, body=text, **fields))
    data = response["body"]
    if response.get("isBase64Encoded"):
        data = base64.b64decode(data).decode()
    return response["statusCode"], json.loads(data)


def problems(status_and_body: tuple[int, Any]) -> list[tuple[list[Any], str]]:
    status, data = status_and_body
    assert status == 422, data
    assert data["statusCode"] == 422
    return [(item["loc"], item["type"]) for item in data["detail"]]


ORDER = {
    "id": "5b7b5a3c-3f0e-4c47-9e0d-2d8f6a1b9c11",
    "when": "2024-02-29",
    "kind": "a",
    "paid": "true",
    "total": "12.5",
    "lines": [{"sku": "x", "quantity": "2"}],
    "notes": {"gift": "1"},
}


@each_source
def test_a_good_request_is_answered(source: EventSource) -> None:
    assert answer(source, typed_app(source), "/orders/3", ORDER) == (200, {"shop": 3})


@each_source
def test_wrong_types_everywhere_are_all_listed(source: EventSource) -> None:
    wrong = {
        "id": "not-a-uuid",
        "when": "2023-02-29",
        "kind": "c",
        "paid": "perhaps",
        "total": [],
        "lines": [{"sku": 1, "quantity": 0}, "x", {}],
        "notes": {"gift": "one", "7": None},
        "status": "old",
        "unknown": {"ignored": True},
    }
    found = problems(
        answer(
            source,
            typed_app(source),
            "/orders/shop",
            wrong,
            query={"limit": "11", "since": "yesterday"},
            headers={**JSON, "X-Count": "many"},
            cookies=["session=nope"],
        )
    )
    assert found == [
        (["path", "shop_id"], "int_parsing"),
        (["query", "limit"], "less_than_equal"),
        (["query", "since"], "date_from_datetime_parsing"),
        (["header", "x-count"], "int_parsing"),
        (["cookie", "session"], "uuid_parsing"),
        (["body", "id"], "uuid_parsing"),
        (["body", "when"], "date_from_datetime_parsing"),
        (["body", "kind"], "enum"),
        (["body", "paid"], "bool_parsing"),
        (["body", "total"], "float_type"),
        (["body", "lines", 0, "sku"], "string_type"),
        (["body", "lines", 0, "quantity"], "greater_than_equal"),
        (["body", "lines", 1], "dataclass_type"),
        (["body", "lines", 2, "sku"], "missing"),
        (["body", "notes", "gift"], "int_parsing"),
        (["body", "notes", "7"], "int_type"),
        (["body", "status"], "literal_error"),
    ]


MALFORMED = [
    pytest.param("{", id="truncated"),
    pytest.param('{"id": }', id="no-value"),
    pytest.param("{'id': 1}", id="single-quotes"),
    pytest.param('{"total": NaN}', id="nan"),
    pytest.param('{"total": 1e999}', id="infinite-number"),
    pytest.param('{"total": ' + "9" * 5000 + "}", id="five-thousand-digits"),
    pytest.param("[" * 100_000, id="deep-brackets"),
    pytest.param('{"a": "\x00"', id="control-character"),
    pytest.param("\ufeff{}", id="byte-order-mark"),
    pytest.param("   ", id="whitespace"),
]


@each_source
@pytest.mark.parametrize("body", MALFORMED)
def test_malformed_json_answers_422(source: EventSource, body: str) -> None:
    found = problems(answer(source, typed_app(source), "/orders/1", body))
    assert len(found) == 1
    assert found[0][0][0] == "body" and found[0][1] in ("json_invalid", "missing")


@each_source
def test_a_json_body_that_is_not_utf8_is_invalid_json(source: EventSource) -> None:
    """JSON text is UTF-8: other bytes answer 422 json_invalid at the first character that is
    not UTF-8, with the request's other problems, as any invalid JSON does."""
    body = base64.b64encode(b'{"item": "\xc3\xa9\xff"}').decode()
    query = {"limit": "0"}
    found = problems(answer(source, typed_app(source), "/orders/1", body, is_base64=True, query=query))
    assert sorted(found) == [(["body", 11], "json_invalid"), (["query", "limit"], "greater_than_equal")]


def test_the_error_of_a_body_that_is_not_utf8_carries_its_text() -> None:
    app = typed_app(REST)
    seen: list[Any] = []

    @app.exception_handler(RequestValidationError)
    def keep(error: RequestValidationError) -> Response:
        seen.append(error)
        return Response(422, "text/plain", "no")

    body = base64.b64encode(b'{"item": "\xff"}').decode()
    response = REST.call(app, REST.event("POST", "/orders/1", body=body, headers=JSON, is_base64=True))
    assert (response["statusCode"], response["body"]) == (422, "no")
    assert seen[0].body == '{"item": "\ufffd"}'  # the bytes that are not UTF-8 replaced
    assert seen[0].errors()[0]["ctx"] == {"error": "invalid UTF-8 at byte 10: invalid start byte"}


def test_a_body_that_is_not_base64_answers_400_as_for_any_route() -> None:
    """Bad base64 is the platform's fault, not the client's: 400, as without validation."""
    assert answer(REST, typed_app(REST), "/orders/1", "%%% not base64 %%%", is_base64=True) == (
        400,
        {"statusCode": 400, "message": "Request body is not valid base64"},
    )


@each_source
def test_a_million_wrong_items_stop_at_the_limit(source: EventSource) -> None:
    app = typed_app(source)
    body = "[" + ",".join(['"x"'] * 1_000_000) + "]"
    started = time.process_time()
    status, data = answer(source, app, "/ids", body)
    assert time.process_time() - started < 5  # stopping early: about a tenth of a second here
    assert status == 422 and len(data["detail"]) == MAX_LISTED
    assert data["detail"][-1] == {"loc": ["body", MAX_LISTED - 1], "type": "int_parsing"}


def test_a_million_good_items_are_taken() -> None:
    body = "[" + ",".join(["7"] * 1_000_000) + "]"
    assert answer(REST, typed_app(REST), "/ids", body) == (200, {"count": 1_000_000})


def test_long_keys_are_cut_short_in_the_answer() -> None:
    app = typed_app(ALB)  # 1 MB answers at most
    body = {f"{index:04d}" + "k" * 20_000: "x" for index in range(40)}  # 800 KB of keys
    found = problems(answer(ALB, app, "/counts", body))
    assert len(found) == 40
    loc, kind = found[0]
    assert kind == "int_parsing" and loc[:1] == ["body"]
    assert loc[1] == "0000" + "k" * (MAX_KEY_SHOWN - 4) + "..."


@each_source
@pytest.mark.parametrize("depth", [450, 2_000])
def test_deeply_nested_bodies_answer_422(source: EventSource, depth: int) -> None:
    body = '{"name":"x","children":[' * depth + '{"name":"y"}' + "]}" * depth
    found = problems(answer(source, typed_app(source), "/tree", body))
    assert len(found) == 1 and found[0][1] in ("recursion_loop", "json_invalid")


def test_a_tree_300_deep_is_taken() -> None:
    body = '{"name":"x","children":[' * 300 + '{"name":"y"}' + "]}" * 300
    assert answer(REST, typed_app(REST), "/tree", body) == (200, {"name": "x"})


@each_source
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/xml", "multipart/form-data", "x" * 5000, "application/json" + ";" * 1000],
    ids=["text", "xml", "multipart-without-boundary", "long", "many-semicolons"],
)
def test_odd_content_types_answer_4xx(source: EventSource, content_type: str) -> None:
    status, data = answer(
        source, typed_app(source), "/orders/1", ORDER, headers={"Content-Type": content_type}
    )
    assert status in (415, 422) or status == 200, data
    if status != 200:
        assert data["detail"] and data["statusCode"] == status


@each_source
def test_a_repeated_query_parameter_for_a_scalar_is_one_problem(source: EventSource) -> None:
    if source.name in ("alb", "lattice"):
        pytest.skip("these events carry one value per query parameter")
    found = problems(answer(source, typed_app(source), "/orders/1", ORDER, query={"limit": ["1"] * 5_000}))
    assert found == [(["query", "limit"], "int_type")]


@each_source
def test_numbers_past_every_range_are_listed_not_a_500(source: EventSource) -> None:
    # a JSON integer too long for a float, a whole float past a 64-bit int, for a bool and an int
    order = {**ORDER, "total": 10**400, "paid": 10**20, "lines": [{"sku": "x", "quantity": 1e20}]}
    found = problems(answer(source, typed_app(source), "/orders/3", order))
    assert sorted(found) == [
        (["body", "lines", 0, "quantity"], "int_parsing_size"),
        (["body", "paid"], "bool_type"),
        (["body", "total"], "float_type"),
    ]


def test_a_float_step_checks_an_int_past_a_floats_range() -> None:
    from apiway.validation import compile_type

    check = compile_type(Annotated[int, Constraints(multiple_of=0.5)])
    for value, passes in ((10**400, True), (10**400 + 1, True), (3 * 10**400, True)):
        errors: list[dict[str, Any]] = []
        assert (check.check(value, errors) == value) is passes and errors == []
    check = compile_type(Annotated[int, Constraints(multiple_of=0.3)])
    errors = []
    check.check(10**400, errors)
    assert [error["type"] for error in errors] == ["multiple_of"]

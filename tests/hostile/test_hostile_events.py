"""Hostile events: missing, null and mistyped fields, one named test per case.

An event that is not from the resolver's source at all raises the one documented
``InvalidEventError`` (naming the field and the source); every other event is answered, and
the typed event reads ``null`` or mistyped fields as empty instead of crashing.
"""

from __future__ import annotations

from typing import Any

import pytest

from apiway.exceptions import InvalidEventError
from support.events import (
    ALB,
    ALB_MULTI,
    FUNCTION_URL,
    HTTP,
    LATTICE,
    LATTICE_V2,
    REST,
    EventSource,
    each_of,
    each_source,
)
from support.exact import assert_answer, error_body

V1 = each_of(REST, ALB, ALB_MULTI)
V2 = each_of(HTTP, FUNCTION_URL)

LABELS = {
    "rest": "API Gateway REST API (payload 1.0)",
    "http": "API Gateway HTTP API (payload 2.0)",
    "function_url": "Lambda Function URL",
    "alb": "Application Load Balancer",
    "alb_multi": "Application Load Balancer",
    "lattice": "VPC Lattice (event structure version 1)",
    "lattice_v2": "VPC Lattice (event structure version 2)",
}


def echo_app(source: EventSource) -> Any:
    """An app whose ``/echo`` route answers what the typed event reads."""
    app = source.app()

    @app.route("/echo", method=["GET", "POST"])
    def echo() -> dict[str, Any]:
        event = app.current_event
        return {
            "method": event.http_method,
            "headers": dict(event.headers),
            "query": event.query_string_parameters,
            "multi_query": event.multi_value_query_string_parameters,
            "body": event.body,
            "base64": event.is_base64_encoded,
            "cookies": event.request_cookies,
        }

    return app


def echo_event(source: EventSource, method: str = "GET", **fields: Any) -> dict[str, Any]:
    """The source's sample event for ``/echo`` with no headers, query or body, then ``fields``
    set as they are (``None`` included)."""
    event = source.event(method, "/echo", headers={}, query={}, body=None)
    event.pop("cookies", None)
    event.update(fields)
    return event


def echoed(
    method: str = "GET",
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    multi_query: dict[str, list[str]] | None = None,
    body: str | None = None,
    cookies: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "method": method,
        "headers": headers or {},
        "query": query or {},
        "multi_query": multi_query or {},
        "body": body,
        "base64": False,
        "cookies": cookies or {},
    }


def invalid(source: EventSource, event: Any) -> InvalidEventError:
    app = echo_app(source)
    with pytest.raises(InvalidEventError) as caught:
        app.resolve(event, None)
    assert caught.value.source == LABELS[source.name]
    return caught.value


def method_field(source: EventSource) -> str:
    return source.method_field


def path_field(source: EventSource) -> str:
    return source.path_field


def _method_holder(source: EventSource, event: dict[str, Any]) -> tuple[dict[str, Any], str]:
    *parents, key = source.method_field.split(".")
    for parent in parents:
        event = event[parent]
    return event, key


def drop_method(source: EventSource, event: dict[str, Any]) -> None:
    holder, key = _method_holder(source, event)
    del holder[key]


def set_method(source: EventSource, event: dict[str, Any], value: Any) -> None:
    holder, key = _method_holder(source, event)
    holder[key] = value


def set_path(source: EventSource, event: dict[str, Any], value: Any) -> None:
    event[source.path_field] = value


# -- events that are not from the source: InvalidEventError ------------------------------------
@each_source
@pytest.mark.parametrize("event", [None, [], "GET /", 42, 1.5, True], ids=repr)
def test_event_that_is_not_an_object(source: EventSource, event: Any) -> None:
    error = invalid(source, event)
    assert error.field == "event"
    assert error.problem == f"must be an object, not {type(event).__name__}"


@each_source
def test_empty_event(source: EventSource) -> None:
    error = invalid(source, {})
    expected = {"v2": "requestContext", "v1": "httpMethod"}.get(source.shape, "method")
    assert (error.field, error.problem) == (expected, "is missing")


@each_source
def test_missing_method(source: EventSource) -> None:
    event = echo_event(source)
    drop_method(source, event)
    error = invalid(source, event)
    assert (error.field, error.problem) == (method_field(source), "is missing")


@each_source
def test_null_method(source: EventSource) -> None:
    event = echo_event(source)
    set_method(source, event, None)
    error = invalid(source, event)
    assert (error.field, error.problem) == (method_field(source), "is missing")


@each_source
def test_method_of_the_wrong_type(source: EventSource) -> None:
    event = echo_event(source)
    set_method(source, event, 42)
    error = invalid(source, event)
    assert (error.field, error.problem) == (method_field(source), "must be a string, not int")


@each_source
def test_empty_method(source: EventSource) -> None:
    event = echo_event(source)
    set_method(source, event, "")
    error = invalid(source, event)
    assert (error.field, error.problem) == (method_field(source), "is empty")


@each_source
def test_missing_path(source: EventSource) -> None:
    event = echo_event(source)
    del event[path_field(source)]
    error = invalid(source, event)
    assert (error.field, error.problem) == (path_field(source), "is missing")


@each_source
def test_path_of_the_wrong_type(source: EventSource) -> None:
    event = echo_event(source)
    set_path(source, event, ["/echo"])
    error = invalid(source, event)
    assert (error.field, error.problem) == (path_field(source), "must be a string, not list")


@each_source
def test_empty_path(source: EventSource) -> None:
    event = echo_event(source)
    set_path(source, event, "")
    error = invalid(source, event)
    assert (error.field, error.problem) == (path_field(source), "is empty")


@V2
def test_null_request_context_of_a_v2_event(source: EventSource) -> None:
    error = invalid(source, echo_event(source, requestContext=None))
    assert (error.field, error.problem) == ("requestContext", "is missing")


@V2
def test_request_context_of_a_v2_event_that_is_not_an_object(source: EventSource) -> None:
    error = invalid(source, echo_event(source, requestContext="GET"))
    assert (error.field, error.problem) == ("requestContext", "is not an object")


@V2
def test_request_context_http_that_is_not_an_object(source: EventSource) -> None:
    event = echo_event(source)
    event["requestContext"]["http"] = ["GET"]
    error = invalid(source, event)
    assert (error.field, error.problem) == ("requestContext.http", "is not an object")


def test_alb_event_given_to_a_rest_resolver() -> None:
    error = invalid(REST, ALB.event("GET", "/echo"))
    assert (error.field, error.problem) == ("requestContext.elb", "is present: this is an ALB event")


def test_rest_event_given_to_an_alb_resolver() -> None:
    error = invalid(ALB, REST.event("GET", "/echo"))
    assert (error.field, error.problem) == ("requestContext.elb", "is missing")


def test_alb_event_whose_request_context_is_not_an_object() -> None:
    error = invalid(ALB, echo_event(ALB, requestContext=["elb"]))
    assert (error.field, error.problem) == ("requestContext.elb", "is missing")


def test_lattice_v2_event_given_to_a_v1_resolver() -> None:
    error = invalid(LATTICE, LATTICE_V2.event("GET", "/echo"))
    assert (error.field, error.problem) == (
        "raw_path",
        "is missing: this is a version 2 event, for VPCLatticeV2Resolver",
    )


def test_lattice_v1_event_given_to_a_v2_resolver() -> None:
    error = invalid(LATTICE_V2, LATTICE.event("GET", "/echo"))
    assert (error.field, error.problem) == (
        "path",
        "is missing: this is a version 1 event, for VPCLatticeResolver",
    )


@each_of(LATTICE, LATTICE_V2)
def test_rest_event_given_to_a_lattice_resolver(source: EventSource) -> None:
    error = invalid(source, REST.event("GET", "/echo"))
    assert (error.field, error.problem) == ("method", "is missing")


@each_of(LATTICE, LATTICE_V2)
@pytest.mark.parametrize("path", ["/echo?a=1", "/echo?", "/echo?a=1?b=2"])
def test_lattice_path_with_its_query_string_is_routed_without_it(source: EventSource, path: str) -> None:
    event = echo_event(source)
    set_path(source, event, path)
    assert_answer(source.call(echo_app(source), event), 200, echoed())


@each_of(LATTICE, LATTICE_V2)
def test_lattice_path_that_is_only_a_query_string_is_the_root(source: EventSource) -> None:
    app = source.app()

    @app.get("/")
    def root() -> dict[str, Any]:
        return {"path": app.current_event.path}

    event = source.event("GET", "?a=1")
    assert_answer(source.call(app, event), 200, {"path": ""})


def test_lattice_v2_header_lists_with_nulls_and_non_strings() -> None:
    event = echo_event(
        LATTICE_V2, headers={"x-a": [None, "one", 2, None], "x-b": None, "x-c": [], "x-d": "solo"}
    )
    response = LATTICE_V2.call(echo_app(LATTICE_V2), event)
    assert_answer(response, 200, echoed(headers={"x-a": "one, 2", "x-d": "solo"}))


def test_lattice_v2_query_lists_with_nulls_and_non_strings() -> None:
    query = {"a": [None, "1", 2], "b": None, "c": [], "d": "solo"}
    event = echo_event(LATTICE_V2, queryStringParameters=query)
    response = LATTICE_V2.call(echo_app(LATTICE_V2), event)
    expected = echoed(query={"a": "1,2", "d": "solo"}, multi_query={"a": ["1", "2"], "d": ["solo"]})
    assert_answer(response, 200, expected)


# -- everything else is answered ---------------------------------------------------------------
@each_source
def test_null_headers_are_empty(source: EventSource) -> None:
    event = echo_event(source, headers=None)
    if "multiValueHeaders" in event:
        event["multiValueHeaders"] = None
    assert_answer(source.call(echo_app(source), event), 200, echoed())


@each_source
def test_headers_that_are_not_an_object_are_empty(source: EventSource) -> None:
    event = echo_event(source, headers=["host: x"])
    if "multiValueHeaders" in event:
        event["multiValueHeaders"] = "host: x"
    assert_answer(source.call(echo_app(source), event), 200, echoed())


@each_source
def test_null_query_strings_are_empty(source: EventSource) -> None:
    event = echo_event(source, **{source.query_field: None})
    event["multiValueQueryStringParameters"] = None
    if source.kind in ("http", "function_url"):
        event["rawQueryString"] = None
    assert_answer(source.call(echo_app(source), event), 200, echoed())


@each_source
def test_null_body_is_none(source: EventSource) -> None:
    event = echo_event(source, body=None, **{source.base64_field: None})
    # A null flag reads as None (not base64), like an absent one.
    assert_answer(source.call(echo_app(source), event), 200, {**echoed(), "base64": None})


@each_source
def test_base64_flag_false_as_a_string_is_not_true(source: EventSource) -> None:
    event = echo_event(source, "POST", body="eyJhIjoxfQ==", **{source.base64_field: "false"})
    assert_answer(source.call(echo_app(source), event), 200, echoed("POST", body="eyJhIjoxfQ=="))


@each_source
def test_base64_flag_true_as_a_string_is_not_true_either(source: EventSource) -> None:
    event = echo_event(source, "POST", body="eyJhIjoxfQ==", **{source.base64_field: "true"})
    assert_answer(source.call(echo_app(source), event), 200, echoed("POST", body="eyJhIjoxfQ=="))


@each_source
def test_body_of_the_wrong_type_is_read_as_text(source: EventSource) -> None:
    event = echo_event(source, "POST", body=42)
    assert_answer(source.call(echo_app(source), event), 200, echoed("POST", body="42"))


@each_source
def test_header_values_that_are_not_strings(source: EventSource) -> None:
    values = {"x-int": 5, "x-float": 1.5, "x-bool": True, "x-none": None, "x-list": ["a", "b"]}
    event = echo_event(source, headers=values)
    if "multiValueHeaders" in event:
        event["multiValueHeaders"] = {name: [value] for name, value in values.items()}
    response = source.call(echo_app(source), event)
    # A list value reads as its last item (for multi-value events, a list inside the list),
    # except in VPC Lattice version 2 events, whose header values are lists.
    headers = {"x-int": "5", "x-float": "1.5", "x-bool": "true", "x-list": "b"}
    if source.shape == "lattice_v2":
        headers["x-list"] = "a, b"
    assert_answer(response, 200, echoed(headers=headers))


def test_multi_value_header_lists_with_nulls_and_non_strings() -> None:
    event = echo_event(REST, headers=None)
    event["multiValueHeaders"] = {"x-a": [None, "one", 2, None], "x-b": None, "x-c": [], "x-d": "solo"}
    response = REST.call(echo_app(REST), event)
    assert_answer(response, 200, echoed(headers={"x-a": "one, 2", "x-d": "solo"}))


@each_source
def test_query_values_that_are_not_strings(source: EventSource) -> None:
    event = echo_event(source, **{source.query_field: {"n": 5, "b": False, "none": None}})
    multi = {"n": ["5"], "b": ["false"]}
    if "multiValueQueryStringParameters" in event or source.kind == "rest":
        event["multiValueQueryStringParameters"] = {"n": [5], "b": [False], "none": [None]}
        multi["none"] = []
    response = source.call(echo_app(source), event)
    assert_answer(response, 200, echoed(query={"n": "5", "b": "false"}, multi_query=multi))


@V2
def test_cookies_that_are_not_a_list(source: EventSource) -> None:
    event = echo_event(source, cookies="a=1")
    assert_answer(source.call(echo_app(source), event), 200, echoed())


@V2
def test_cookies_list_with_non_strings(source: EventSource) -> None:
    event = echo_event(source, cookies=["a=1", 5, None, "b=2"])
    assert_answer(source.call(echo_app(source), event), 200, echoed(cookies={"a": "1", "b": "2"}))


@each_source
def test_lower_case_method_is_routed(source: EventSource) -> None:
    event = echo_event(source, "get")
    assert_answer(source.call(echo_app(source), event), 200, echoed("get"))


@each_source
def test_unknown_method_answers_405_with_allow(source: EventSource) -> None:
    event = echo_event(source, "BREW")
    assert_answer(
        source.call(echo_app(source), event),
        405,
        error_body(405, "Method not allowed"),
        {"Content-Type": "application/json", "Allow": "GET, HEAD, OPTIONS, POST"},
    )


@each_source
def test_method_with_control_characters_is_not_echoed(source: EventSource) -> None:
    event = echo_event(source, "GET\r\nX-Evil: 1")
    assert_answer(
        source.call(echo_app(source), event),
        405,
        error_body(405, "Method not allowed"),
        {"Content-Type": "application/json", "Allow": "GET, HEAD, OPTIONS, POST"},
    )


def test_rest_request_context_of_the_wrong_type_is_tolerated() -> None:
    event = echo_event(REST, requestContext=["not", "an", "object"])
    assert_answer(REST.call(echo_app(REST), event), 200, echoed())


def test_rest_without_request_context() -> None:
    event = echo_event(REST)
    del event["requestContext"]
    assert_answer(REST.call(echo_app(REST), event), 200, echoed())


def test_http_api_stage_of_the_wrong_type_is_not_stripped() -> None:
    event = echo_event(HTTP)
    event["requestContext"]["stage"] = 7
    assert_answer(HTTP.call(echo_app(HTTP), event), 200, echoed())


def test_http_api_null_raw_query_string_reads_the_parsed_parameters() -> None:
    event = echo_event(HTTP, rawQueryString=None, queryStringParameters={"tag": "a,b"})
    response = HTTP.call(echo_app(HTTP), event)
    assert_answer(response, 200, echoed(query={"tag": "a,b"}, multi_query={"tag": ["a", "b"]}))


@each_source
def test_ten_thousand_headers(source: EventSource) -> None:
    values = {f"x-h{i}": str(i) for i in range(10_000)}
    event = echo_event(source, headers=values)
    if "multiValueHeaders" in event:
        event["multiValueHeaders"] = {name: [value] for name, value in values.items()}
    assert_answer(source.call(echo_app(source), event), 200, echoed(headers=values))


@each_source
def test_typed_event_passed_instead_of_the_raw_event(source: EventSource) -> None:
    from apiway.events.base import BaseProxyEvent

    typed = BaseProxyEvent(echo_event(source))
    response = echo_app(source).resolve(typed, None)
    assert_answer(response, 200, echoed())

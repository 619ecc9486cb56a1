"""Events that are not from the resolver's source raise ``InvalidEventError``, nothing else."""

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
    load_event,
)

LABELS = {
    "rest": "API Gateway REST API (payload 1.0)",
    "http": "API Gateway HTTP API (payload 2.0)",
    "function_url": "Lambda Function URL",
    "alb": "Application Load Balancer",
    "alb_multi": "Application Load Balancer",
    "lattice": "VPC Lattice (event structure version 1)",
    "lattice_v2": "VPC Lattice (event structure version 2)",
}


# A v1-shaped event (REST, ALB) cannot be read as a v2-shaped one (HTTP API, Function URL) and
# the other way round. HTTP API and Function URL events share payload format 2.0 by AWS's
# design, so those two resolvers accept each other's events; that pair is not listed. VPC
# Lattice events carry ``method`` rather than ``httpMethod``, and no ``requestContext.http``.
CROSS_SOURCE = [
    (REST, HTTP, "httpMethod"),
    (REST, FUNCTION_URL, "httpMethod"),
    (ALB, HTTP, "httpMethod"),
    (ALB, FUNCTION_URL, "httpMethod"),
    (ALB_MULTI, HTTP, "httpMethod"),
    (HTTP, REST, "requestContext.http"),
    (HTTP, ALB, "requestContext.http"),
    (HTTP, ALB_MULTI, "requestContext.http"),
    (FUNCTION_URL, REST, "requestContext.http"),
    (FUNCTION_URL, ALB, "requestContext.http"),
    (FUNCTION_URL, ALB_MULTI, "requestContext.http"),
    (REST, LATTICE, "httpMethod"),
    (REST, LATTICE_V2, "httpMethod"),
    (ALB, LATTICE_V2, "httpMethod"),
    (HTTP, LATTICE, "requestContext"),
    (HTTP, LATTICE_V2, "requestContext.http"),
    (FUNCTION_URL, LATTICE_V2, "requestContext.http"),
    (LATTICE, REST, "method"),
    (LATTICE, HTTP, "method"),
    (LATTICE, ALB, "method"),
    (LATTICE_V2, REST, "method"),
    (LATTICE_V2, FUNCTION_URL, "method"),
    (LATTICE_V2, ALB_MULTI, "method"),
]


def resolve_error(source: EventSource, event: Any) -> InvalidEventError:
    app = source.app()

    @app.route(".+", method=["GET", "POST"])
    def catch_all() -> dict[str, Any]:
        raise AssertionError("no route may run for an invalid event")

    with pytest.raises(InvalidEventError) as caught:
        app.resolve(event, None)
    error = caught.value
    assert type(error) is InvalidEventError
    assert not isinstance(error, (KeyError, TypeError, AttributeError))
    assert isinstance(error, ValueError)
    assert error.source == LABELS[source.name]
    assert error.source in str(error)
    assert error.field in str(error)
    return error


@pytest.mark.parametrize(
    ("resolver_source", "event_source", "field"),
    CROSS_SOURCE,
    ids=[f"{a.name}<-{b.name}" for a, b, _ in CROSS_SOURCE],
)
def test_event_from_another_source(
    resolver_source: EventSource, event_source: EventSource, field: str
) -> None:
    error = resolve_error(resolver_source, load_event(event_source.sample))
    assert error.field == field
    assert str(error) == f"not a valid {LABELS[resolver_source.name]} event: field '{field}' is missing"


@pytest.mark.parametrize(
    ("resolver_source", "event_source"),
    [(REST, ALB), (REST, ALB_MULTI), (ALB, REST), (ALB_MULTI, REST)],
    ids=["rest<-alb", "rest<-alb_multi", "alb<-rest", "alb_multi<-rest"],
)
def test_payload_1_0_event_from_another_source(
    resolver_source: EventSource, event_source: EventSource
) -> None:
    resolve_error(resolver_source, load_event(event_source.sample))


@each_source
@pytest.mark.parametrize("event", [None, [], "GET /", 42, b"{}"], ids=["none", "list", "str", "int", "bytes"])
def test_event_that_is_not_an_object(source: EventSource, event: Any) -> None:
    error = resolve_error(source, event)
    assert error.field == "event"
    assert "must be an object" in str(error)


def _v1_cases() -> list[Any]:
    return [
        pytest.param(lambda e: e.pop("httpMethod"), "httpMethod", "is missing", id="no-method"),
        pytest.param(lambda e: e.update(httpMethod=None), "httpMethod", "is missing", id="null-method"),
        pytest.param(lambda e: e.update(httpMethod=""), "httpMethod", "is empty", id="empty-method"),
        pytest.param(
            lambda e: e.update(httpMethod=["GET"]), "httpMethod", "must be a string", id="list-method"
        ),
        pytest.param(lambda e: e.update(httpMethod=1), "httpMethod", "must be a string", id="int-method"),
        pytest.param(lambda e: e.pop("path"), "path", "is missing", id="no-path"),
        pytest.param(lambda e: e.update(path=None), "path", "is missing", id="null-path"),
        pytest.param(lambda e: e.update(path=""), "path", "is empty", id="empty-path"),
        pytest.param(lambda e: e.update(path={"p": "/"}), "path", "must be a string", id="dict-path"),
    ]


def _v2_cases() -> list[Any]:
    def http(event: dict[str, Any]) -> dict[str, Any]:
        return event["requestContext"]["http"]  # type: ignore[no-any-return]

    return [
        pytest.param(lambda e: e.pop("requestContext"), "requestContext", "is missing", id="no-context"),
        pytest.param(
            lambda e: e.update(requestContext=None), "requestContext", "is missing", id="null-context"
        ),
        pytest.param(
            lambda e: e.update(requestContext="x"), "requestContext", "is not an object", id="str-context"
        ),
        pytest.param(
            lambda e: e["requestContext"].pop("http"), "requestContext.http", "is missing", id="no-http"
        ),
        pytest.param(
            lambda e: e["requestContext"].update(http=[]),
            "requestContext.http",
            "is not an object",
            id="list-http",
        ),
        pytest.param(
            lambda e: http(e).pop("method"), "requestContext.http.method", "is missing", id="no-method"
        ),
        pytest.param(
            lambda e: http(e).update(method=5),
            "requestContext.http.method",
            "must be a string",
            id="int-method",
        ),
        pytest.param(
            lambda e: http(e).update(method=""), "requestContext.http.method", "is empty", id="empty-method"
        ),
        pytest.param(lambda e: e.pop("rawPath"), "rawPath", "is missing", id="no-path"),
        pytest.param(lambda e: e.update(rawPath=["/"]), "rawPath", "must be a string", id="list-path"),
        pytest.param(lambda e: e.update(rawPath=""), "rawPath", "is empty", id="empty-path"),
    ]


def _lattice_cases(path: str) -> list[Any]:
    return [
        pytest.param(lambda e: e.pop("method"), "method", "is missing", id="no-method"),
        pytest.param(lambda e: e.update(method=None), "method", "is missing", id="null-method"),
        pytest.param(lambda e: e.update(method=""), "method", "is empty", id="empty-method"),
        pytest.param(lambda e: e.update(method=["GET"]), "method", "must be a string", id="list-method"),
        pytest.param(lambda e: e.pop(path), path, "is missing", id="no-path"),
        pytest.param(lambda e: e.update({path: None}), path, "is missing", id="null-path"),
        pytest.param(lambda e: e.update({path: ""}), path, "is empty", id="empty-path"),
        pytest.param(lambda e: e.update({path: 7}), path, "must be a string", id="int-path"),
    ]


@pytest.mark.parametrize(("damage", "field", "problem"), _lattice_cases("raw_path"))
def test_lattice_version_1_missing_or_mistyped_fields(damage: Any, field: str, problem: str) -> None:
    event = load_event(LATTICE.sample)
    damage(event)
    error = resolve_error(LATTICE, event)
    assert error.field == field
    assert problem in str(error)


@pytest.mark.parametrize(("damage", "field", "problem"), _lattice_cases("path"))
def test_lattice_version_2_missing_or_mistyped_fields(damage: Any, field: str, problem: str) -> None:
    event = load_event(LATTICE_V2.sample)
    damage(event)
    error = resolve_error(LATTICE_V2, event)
    assert error.field == field
    assert problem in str(error)


@each_of(REST, ALB, ALB_MULTI)
@pytest.mark.parametrize(("damage", "field", "problem"), _v1_cases())
def test_payload_1_0_missing_or_mistyped_fields(
    source: EventSource, damage: Any, field: str, problem: str
) -> None:
    event = load_event(source.sample)
    damage(event)
    error = resolve_error(source, event)
    assert error.field == field
    assert problem in str(error)


@each_of(HTTP, FUNCTION_URL)
@pytest.mark.parametrize(("damage", "field", "problem"), _v2_cases())
def test_payload_2_0_missing_or_mistyped_fields(
    source: EventSource, damage: Any, field: str, problem: str
) -> None:
    event = load_event(source.sample)
    damage(event)
    error = resolve_error(source, event)
    assert error.field == field
    assert problem in str(error)


@each_source
def test_invalid_event_is_raised_even_with_propagation_off_and_debug_on(source: EventSource) -> None:
    app = source.app(debug=True, propagate_exceptions=False)
    with pytest.raises(InvalidEventError):
        app.resolve({"nothing": "here"}, None)


@each_source
def test_minimal_valid_events_are_accepted(source: EventSource) -> None:
    # the smallest events a unit test would write: only method and path
    if source.shape == "v2":
        event: dict[str, Any] = {"rawPath": "/ping", "requestContext": {"http": {"method": "GET"}}}
    elif source.shape == "v1":
        event = {"httpMethod": "GET", "path": "/ping"}
    else:
        event = {"method": "GET", source.path_field: "/ping"}
    app = source.app()

    @app.get("/ping")
    def ping() -> dict[str, str]:
        return {"pong": "yes"}

    response = source.call(app, event)
    assert response["statusCode"] == 200
    assert response["body"] == '{"pong":"yes"}'

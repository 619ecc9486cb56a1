"""Drop-in checks: code written for the Powertools REST event handler, run on both frameworks.

Each test writes the code once, against a namespace holding either framework's names, and
asserts that both give the same answer: the names exist, the calls succeed, the responses,
warnings and exceptions match. Where apiway deliberately answers more helpfully (a warning
the reference does not give), the test says so and asserts both sides.
"""

from __future__ import annotations

import warnings
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")

from support.events import ALL_SOURCES, SOURCE_IDS, EventSource
from support.responses import header
from support.validate import assert_valid_response

sources = pytest.mark.parametrize("source", ALL_SOURCES, ids=SOURCE_IDS)


def apiway_api() -> SimpleNamespace:
    import apiway
    from apiway import exceptions
    from apiway.middlewares import BaseMiddlewareHandler

    return SimpleNamespace(
        name="apiway",
        resolvers={
            "rest": apiway.APIGatewayRestResolver,
            "http": apiway.APIGatewayHttpResolver,
            "function_url": apiway.LambdaFunctionUrlResolver,
            "alb": apiway.ALBResolver,
        },
        Response=apiway.Response,
        CORSConfig=apiway.CORSConfig,
        Router=apiway.Router,
        errors=exceptions,
        BaseMiddlewareHandler=BaseMiddlewareHandler,
    )


def powertools_api() -> SimpleNamespace:
    from aws_lambda_powertools.event_handler import (
        ALBResolver,
        APIGatewayHttpResolver,
        APIGatewayRestResolver,
        CORSConfig,
        LambdaFunctionUrlResolver,
        Response,
        exceptions,
    )
    from aws_lambda_powertools.event_handler.api_gateway import Router
    from aws_lambda_powertools.event_handler.middlewares import BaseMiddlewareHandler

    return SimpleNamespace(
        name="powertools",
        resolvers={
            "rest": APIGatewayRestResolver,
            "http": APIGatewayHttpResolver,
            "function_url": LambdaFunctionUrlResolver,
            "alb": ALBResolver,
        },
        Response=Response,
        CORSConfig=CORSConfig,
        Router=Router,
        errors=exceptions,
        BaseMiddlewareHandler=BaseMiddlewareHandler,
    )


APIS = [pytest.param(apiway_api, id="apiway"), pytest.param(powertools_api, id="powertools")]


def resolver_for(api: SimpleNamespace, source: EventSource) -> Any:
    return api.resolvers[source.kind]


def resolve(api: SimpleNamespace, source: EventSource, app: Any, *args: Any, **fields: Any) -> dict[str, Any]:
    """Resolve an event built from ``args``/``fields``; apiway's answer is checked against the
    source's contract (the reference's is not always valid, which some tests show)."""
    event = source.event(*args, **fields)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the reference's own deprecations
        response: dict[str, Any] = app.resolve(event, None)
    if api.name == "apiway":
        assert_valid_response(source.kind, response, event)
    return response


# -- CORSConfig ----------------------------------------------------------------------------------


@sources
def test_wildcard_with_credentials_answers_star_without_credentials(source: EventSource) -> None:
    answers = []
    for make_api in (apiway_api, powertools_api):
        api = make_api()
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            config = api.CORSConfig(allow_origin="*", allow_credentials=True)
        # apiway says once, where the config is built, what the browser would otherwise say.
        warned = [str(w.message) for w in record if issubclass(w.category, UserWarning)]
        assert bool(warned) is (api.name == "apiway"), warned
        app = resolver_for(api, source)(cors=config)

        @app.get("/todos")
        def todos() -> dict[str, Any]:
            return {"todos": []}

        seen = []
        for method, extra in (("GET", {}), ("OPTIONS", {"Access-Control-Request-Method": "GET"})):
            response = resolve(
                api, source, app, method, "/todos", headers={"Origin": "https://a.example", **extra}
            )
            seen.append(
                (
                    response["statusCode"],
                    header(response, "Access-Control-Allow-Origin"),
                    header(response, "Access-Control-Allow-Credentials"),
                )
            )
        answers.append(seen)
    assert answers[0] == answers[1] == [(200, "*", None), (204, "*", None)]


@pytest.mark.parametrize("make_api", APIS)
def test_required_headers_concatenate_with_a_list(make_api: Any) -> None:
    api = make_api()
    config = api.CORSConfig(allow_headers=[*api.CORSConfig._REQUIRED_HEADERS, "X-Custom"])
    assert api.CORSConfig._REQUIRED_HEADERS + ["X-Custom"] == [  # noqa: RUF005 - what user code does
        "Authorization",
        "Content-Type",
        "X-Amz-Date",
        "X-Api-Key",
        "X-Amz-Security-Token",
        "X-Custom",
    ]
    assert "X-Custom" in config.allow_headers

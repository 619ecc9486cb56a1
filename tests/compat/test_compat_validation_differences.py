"""Where apiway's typed routes answer differently on purpose (docs/migrating.md, "Typed
parameters and validation"): each difference asserted on both frameworks.

No ``from __future__ import annotations``: handlers defined inside tests name local classes.
"""

import dataclasses
import json
import warnings
from typing import Annotated, Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
pytest.importorskip("pydantic", reason="the Powertools validation needs pydantic")

from compat.test_compat_validation import apiway_markers, powertools_markers
from support.events import REST


@dataclasses.dataclass
class Item:
    name: str


def resolvers(**keywords: Any) -> tuple[Any, Any]:
    """(Powertools' APIGatewayRestResolver, apiway's), made with the same keywords."""
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver as Theirs

    from apiway import APIGatewayRestResolver as Ours

    return Theirs(**keywords), Ours(**keywords)


def answer(app: Any, method: str, path: str, **fields: Any) -> tuple[int, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        response = app.resolve(REST.event(method, path, **fields), None)
    body = response["body"]
    return response["statusCode"], json.loads(body) if body else None


def test_a_failed_response_answers_500_not_422() -> None:
    theirs, ours = resolvers(enable_validation=True)
    for app in (theirs, ours):

        @app.get("/item")
        def item() -> Item:
            return {"name": 1}  # type: ignore[return-value]

    detail = [{"loc": ["response", "name"], "type": "string_type"}]
    assert answer(theirs, "GET", "/item") == (422, {"statusCode": 422, "detail": detail})
    assert answer(ours, "GET", "/item") == (500, {"statusCode": 500, "detail": detail})


def test_middlewares_run_before_request_validation() -> None:
    theirs, ours = resolvers(enable_validation=True)
    for app, m in ((theirs, powertools_markers()), (ours, apiway_markers())):

        def guard(app: Any, next_middleware: Any, m: Any = m) -> Any:
            return m.Response(401, "application/json", {"message": "sign in"})

        @app.get("/items/<item_id>", middlewares=[guard])
        def get_item(item_id: int) -> dict:
            return {}

    assert answer(theirs, "GET", "/items/x")[0] == 422
    assert answer(ours, "GET", "/items/x") == (401, {"message": "sign in"})


def test_a_route_may_turn_validation_on_with_its_own_status() -> None:
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver as Theirs

    from apiway import APIGatewayRestResolver as Ours

    with pytest.raises(ValueError, match="cannot be set for route when enable_validation is False"):
        Theirs().get("/item", enable_validation=True, custom_response_validation_http_code=502)
    ours = Ours()

    @ours.get("/item", enable_validation=True, custom_response_validation_http_code=502)
    def item() -> Item:
        return {"name": 1}  # type: ignore[return-value]

    assert answer(ours, "GET", "/item")[0] == 502


def test_at_most_a_thousand_problems_are_listed() -> None:
    theirs, ours = resolvers(enable_validation=True)
    for app in (theirs, ours):

        @app.post("/ids")
        def ids(ids: list[int]) -> dict:
            return {}

    body = json.dumps(["x"] * 1_200)
    headers = {"Content-Type": "application/json"}
    assert len(answer(theirs, "POST", "/ids", body=body, headers=headers)[1]["detail"]) == 1_200
    assert len(answer(ours, "POST", "/ids", body=body, headers=headers)[1]["detail"]) == 1_000


def test_a_request_validation_error_of_your_own_in_an_app_without_validation() -> None:
    theirs, ours = resolvers()
    for app, m in ((theirs, powertools_markers()), (ours, apiway_markers())):

        @app.get("/check")
        def check(m: Any = m) -> dict:
            raise m.exceptions.RequestValidationError([{"type": "missing", "loc": ("query", "q")}])

    assert answer(theirs, "GET", "/check") == (
        422,
        {"statusCode": 422, "detail": [{"loc": ["query", "q"], "type": "missing"}]},
    )
    assert answer(ours, "GET", "/check") == (500, {"statusCode": 500, "message": "Internal server error"})


def test_path_parameters_are_the_paths() -> None:
    theirs, ours = resolvers(enable_validation=True)
    for app, m in ((theirs, powertools_markers()), (ours, apiway_markers())):

        @app.get("/items/<item_id>")
        def get_item(item_id: int, request: m.Request, q: Annotated[int, m.Query()] = 1) -> dict:  # type: ignore[name-defined]
            return {"path_parameters": request.path_parameters}

    assert answer(theirs, "GET", "/items/5", query={"q": "3"})[1] == {
        "path_parameters": {"item_id": 5, "q": 3}
    }
    assert answer(ours, "GET", "/items/5", query={"q": "3"})[1] == {"path_parameters": {"item_id": "5"}}


def test_the_request_outside_a_route() -> None:
    theirs, ours = resolvers()
    seen: dict[str, Any] = {}
    for name, app in (("theirs", theirs), ("ours", ours)):

        def audit(app: Any, next_middleware: Any, name: str = name) -> Any:
            seen[name] = app.request.route
            return next_middleware(app)

        app.use([audit])
    answer(theirs, "GET", "/missing")
    answer(ours, "GET", "/missing")
    assert seen == {"theirs": "/missing", "ours": None}


def test_the_swagger_document_uses_the_configured_servers() -> None:
    from aws_lambda_powertools.event_handler.openapi.models import Server as TheirServer

    from apiway.openapi.models import Server as OurServer

    theirs, ours = resolvers()
    theirs.configure_openapi(servers=[TheirServer(url="https://api.example.com")])
    ours.configure_openapi(servers=[OurServer(url="https://api.example.com")])
    for app in (theirs, ours):
        app.enable_swagger()
    servers = [
        answer(app, "GET", "/swagger", query={"format": "json"})[1]["servers"] for app in (theirs, ours)
    ]
    assert servers == [[{"url": "/"}], [{"url": "https://api.example.com"}]]


def test_a_validated_response_writes_nan_and_infinities_as_null() -> None:
    theirs, ours = resolvers(enable_validation=True)
    for app in (theirs, ours):

        @app.get("/number")
        def number() -> float:
            return float("inf")

        @app.get("/item")
        def points() -> list[float]:
            return [float("-inf"), 1.5, float("nan")]

        @app.get("/mapping")
        def mapping() -> dict:  # type: ignore[type-arg]
            return {"b": float("inf")}

    def raw(app: Any, path: str) -> tuple[int, str]:
        response = app.resolve(REST.event("GET", path), None)
        return response["statusCode"], response["body"]

    # Powertools writes tokens JSON has not (or null, depending on the annotation)
    assert raw(theirs, "/number") == (200, "Infinity")
    assert raw(theirs, "/item") == (200, "[-Infinity,1.5,NaN]")
    assert raw(theirs, "/mapping") == (200, '{"b":null}')
    assert raw(ours, "/number") == (200, "null")
    assert raw(ours, "/item") == (200, "[null,1.5,null]")
    assert raw(ours, "/mapping") == (200, '{"b":null}')


@pytest.mark.parametrize(("text", "theirs_reads"), [("0-1", -1), ("0_-5", -5), ("+0-1", -1), ("0__1", 1)])
def test_integer_text_that_reads_only_without_its_zeros_is_refused(text: str, theirs_reads: int) -> None:
    theirs, ours = resolvers(enable_validation=True)
    for app, m in ((theirs, powertools_markers()), (ours, apiway_markers())):

        @app.get("/count")
        def count(n: Annotated[int, m.Query()] = 0) -> dict:  # type: ignore[type-arg]
            return {"n": n}

    assert answer(theirs, "GET", "/count", query={"n": text}) == (200, {"n": theirs_reads})
    detail = [{"loc": ["query", "n"], "type": "int_parsing"}]
    assert answer(ours, "GET", "/count", query={"n": text}) == (422, {"statusCode": 422, "detail": detail})


def test_a_three_item_tuple_sets_status_and_headers() -> None:
    theirs, ours = resolvers()
    for app in (theirs, ours):

        @app.get("/made")
        def made() -> Any:
            return {"id": 1}, 201, {"X-Made": "yes"}

    theirs_answer = theirs.resolve(REST.event("GET", "/made"), None)
    assert (theirs_answer["statusCode"], json.loads(theirs_answer["body"])) == (
        200,
        [{"id": 1}, 201, {"X-Made": "yes"}],
    )
    ours_answer = ours.resolve(REST.event("GET", "/made"), None)
    assert (ours_answer["statusCode"], json.loads(ours_answer["body"])) == (201, {"id": 1})
    assert ours_answer["multiValueHeaders"]["X-Made"] == ["yes"]


def test_tuple_return_annotations() -> None:
    theirs, ours = resolvers(enable_validation=True)
    for app in (theirs, ours):

        @app.get("/numbers")
        def numbers() -> tuple[int, ...]:
            return [1, "x"]  # type: ignore[return-value]

        @app.get("/item")
        def item() -> tuple[Item, int, dict]:  # type: ignore[type-arg]
            return Item("n"), 201, {"X-Made": "yes"}

        @app.get("/broken")
        def broken() -> tuple[Item, int, dict]:  # type: ignore[type-arg]
            return {"name": 5}, 201, {}  # type: ignore[return-value]

    # an array body, item by item (Powertools: the whole body against int)
    assert answer(theirs, "GET", "/numbers") == (
        422,
        {"statusCode": 422, "detail": [{"loc": ["response"], "type": "int_type"}]},
    )
    detail = [{"loc": ["response", 1], "type": "int_parsing"}]
    assert answer(ours, "GET", "/numbers") == (500, {"statusCode": 500, "detail": detail})
    # (body, status, headers): the body checked against Item (Powertools: a JSON array, 200)
    assert answer(theirs, "GET", "/item") == (200, [{"name": "n"}, 201, {"X-Made": "yes"}])
    assert answer(ours, "GET", "/item") == (201, {"name": "n"})
    detail = [{"loc": ["response", "name"], "type": "string_type"}]
    assert answer(ours, "GET", "/broken") == (500, {"statusCode": 500, "detail": detail})


def multipart(fields: list[tuple[str, str]], closed: bool = True) -> str:
    parts = "".join(
        f'--XX\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n' for name, value in fields
    )
    return parts + ("--XX--\r\n" if closed else "")


def test_form_bodies() -> None:
    theirs, ours = resolvers(enable_validation=True)
    for app, m in ((theirs, powertools_markers()), (ours, apiway_markers())):

        @app.post("/tags")
        def tags(
            name: Annotated[str, m.Form()],
            tags: Annotated[list[str], m.Form()] = [],  # noqa: B006 (as users write it)
        ) -> dict:  # type: ignore[type-arg]
            return {"name": name, "tags": tags}

    def post(app: Any, content_type: str, body: str) -> tuple[int, Any]:
        event = REST.event("POST", "/tags", headers={"Content-Type": content_type}, body=body)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (Powertools' multipart reading warns)
            response = app.resolve(event, None)
        return response["statusCode"], json.loads(response["body"])

    once = multipart([("name", "n"), ("tags", "a")])
    kind = "multipart/form-data; boundary=XX"
    assert post(theirs, kind, once) == (
        422,
        {"statusCode": 422, "detail": [{"loc": ["body", "tags"], "type": "list_type"}]},
    )
    assert post(ours, kind, once) == (200, {"name": "n", "tags": ["a"]})
    cut = multipart([("name", "n")], closed=False)
    assert post(theirs, kind, cut) == (200, {"name": "n", "tags": []})
    invalid = {"statusCode": 422, "detail": [{"loc": ["body"], "type": "multipart_invalid"}]}
    assert post(ours, kind, cut) == (422, invalid)
    unsupported = {"statusCode": 415, "detail": [{"loc": ["body"], "type": "unsupported_content_type"}]}
    for content_type, body in (
        ("APPLICATION/X-WWW-FORM-URLENCODED", "name=n"),
        ("Multipart/Form-Data; boundary=XX", cut + "--XX--\r\n"),
    ):
        assert post(theirs, content_type, body) == (415, unsupported)
        assert post(ours, content_type, body) == (200, {"name": "n", "tags": []})


def test_a_quoted_cookie_value_is_read_without_its_quotes() -> None:
    theirs, ours = resolvers(enable_validation=True)
    for app, m in ((theirs, powertools_markers()), (ours, apiway_markers())):

        @app.get("/theme")
        def theme(theme: Annotated[str, m.Cookie()] = "light") -> dict:  # type: ignore[type-arg]
            return {"theme": theme}

    headers = {"Cookie": 'theme="dark"; other=1'}
    assert answer(theirs, "GET", "/theme", headers=headers) == (200, {"theme": '"dark"'})
    assert answer(ours, "GET", "/theme", headers=headers) == (200, {"theme": "dark"})

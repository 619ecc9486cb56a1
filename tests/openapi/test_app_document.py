"""An app's own OpenAPI methods: get_openapi_schema / _json_schema, configure_openapi and
enable_swagger (the page, ``?format=json``, ``?format=oauth2-redirect``).

No ``from __future__ import annotations``: handlers defined inside tests name local classes.
"""

import dataclasses
import json
from typing import Annotated, Any

import pytest

from apiway import APIGatewayHttpResolver, APIGatewayRestResolver, Depends, Response
from apiway.openapi.models import Server
from apiway.openapi.swagger_ui import OAuth2Config
from apiway.request import Request
from support.events import HTTP, REST


@dataclasses.dataclass
class Todo:
    title: str


def todo_app(**resolver: Any) -> APIGatewayRestResolver:
    app = APIGatewayRestResolver(**resolver)

    def current_user(request: Request) -> str:
        return "u"

    @app.get("/todos/<todo_id>", tags=["todos"])
    def get_todo(todo_id: int, user: Annotated[str, Depends(current_user)], request: Request) -> Todo:
        return Todo(title=f"{todo_id}")

    @app.get("/internal", include_in_schema=False)
    def internal() -> dict:
        return {}

    return app


def document(app: Any, **keywords: Any) -> Any:
    return json.loads(app.get_openapi_json_schema(**keywords))


def test_the_document_leaves_out_what_the_request_does_not_carry() -> None:
    operation = document(todo_app())["paths"]["/todos/{todo_id}"]["get"]
    assert [parameter["name"] for parameter in operation["parameters"]] == ["todo_id"]
    assert "/internal" not in document(todo_app())["paths"]


def test_the_document_of_an_app_without_validation() -> None:
    operation = document(todo_app())["paths"]["/todos/{todo_id}"]["get"]
    assert "422" not in operation["responses"]
    assert (
        "422" in document(todo_app(enable_validation=True))["paths"]["/todos/{todo_id}"]["get"]["responses"]
    )


def test_configure_openapi_sets_defaults_the_keywords_override() -> None:
    app = todo_app()
    app.configure_openapi(
        title="Todos", version="2.0.0", description="Configured", servers=[Server(url="/api")]
    )
    data = document(app)
    assert (data["info"]["title"], data["info"]["version"], data["info"]["description"]) == (
        "Todos",
        "2.0.0",
        "Configured",
    )
    assert data["servers"] == [{"url": "/api"}]
    data = document(app, title="Given", description="Given too")
    assert (data["info"]["title"], data["info"]["version"], data["info"]["description"]) == (
        "Given",
        "2.0.0",
        "Given too",
    )


def test_openapi_30_on_request() -> None:
    app = todo_app(enable_validation=True)
    assert document(app, openapi_version="3.0.3")["openapi"] == "3.0.3"
    app.configure_openapi(openapi_version="3.0.3")
    assert document(app)["openapi"] == "3.0.3"


def test_a_route_added_later_is_in_the_next_document() -> None:
    app = todo_app()
    assert "/later" not in document(app)["paths"]

    @app.get("/later")
    def later() -> dict:
        return {}

    assert "/later" in document(app)["paths"]


# -- Swagger UI ------------------------------------------------------------------------------------


def swagger(app: Any, source: Any = REST, query: Any = None, **context: Any) -> dict[str, Any]:
    event = source.event("GET", "/swagger", query=query)
    event["requestContext"].update(context)
    if source is HTTP and "stage" in context:
        event["requestContext"]["http"]["path"] = f"/{context['stage']}/swagger"
    return source.call(app, event)


def page_options(response: dict[str, Any]) -> Any:
    text = response["body"]
    start = text.index('id="swagger-ui-options">') + len('id="swagger-ui-options">')
    return json.loads(text[start : text.index("</script>", start)])


def test_the_page_embeds_the_document_for_the_stage_it_is_served_through() -> None:
    app = todo_app()
    app.enable_swagger(title="Todos")
    options = page_options(swagger(app, stage="prod", path="/prod/swagger"))
    assert options["spec"]["servers"] == [{"url": "/prod"}]
    assert options["documentUrl"] == "/prod/swagger?format=json"
    assert "/swagger" not in options["spec"]["paths"]  # the page is not in the document
    options = page_options(swagger(app, stage="prod", path="/swagger"))  # a custom domain
    assert options["spec"]["servers"] == [{"url": "/"}]
    http_app = APIGatewayHttpResolver()
    http_app.enable_swagger()
    assert page_options(swagger(http_app, HTTP, stage="beta"))["spec"]["servers"] == [{"url": "/beta"}]
    assert page_options(swagger(http_app, HTTP, stage="$default"))["spec"]["servers"] == [{"url": "/"}]


def test_servers_given_or_configured_win_over_the_stage() -> None:
    app = todo_app()
    app.enable_swagger(servers=[Server(url="https://api.example.com")])
    assert page_options(swagger(app, stage="prod", path="/prod/swagger"))["spec"]["servers"] == [
        {"url": "https://api.example.com"}
    ]
    configured = todo_app()
    configured.configure_openapi(servers=[Server(url="https://configured.example.com")])
    configured.enable_swagger()
    assert page_options(swagger(configured, stage="prod", path="/prod/swagger"))["spec"]["servers"] == [
        {"url": "https://configured.example.com"}
    ]


def test_the_document_as_json_and_the_oauth2_redirect_page() -> None:
    app = todo_app()
    app.enable_swagger(
        title="Todos",
        oauth2_config=OAuth2Config(client_id="abc", app_name="Todos"),
        persist_authorization=True,
        swagger_base_url="https://static.example.com/swagger",
    )
    response = swagger(app, query={"format": "json"})
    assert response["multiValueHeaders"]["Content-Type"] == ["application/json"]
    assert json.loads(response["body"])["info"]["title"] == "Todos"
    page = swagger(app)
    assert "https://static.example.com/swagger/swagger-ui-bundle.min.js" in page["body"]
    assert page_options(page)["persistAuthorization"] is True
    assert '"clientId":"abc"' in page["body"]
    redirect = swagger(app, query={"format": "oauth2-redirect"})
    assert redirect["statusCode"] == 200 and "oauth2" in redirect["body"].lower()


def test_the_page_runs_through_its_middlewares_and_answers_head() -> None:
    seen: list[str] = []

    def audit(app: Any, next_middleware: Any) -> Response:
        seen.append(app.request.route)
        return next_middleware(app)  # type: ignore[no-any-return]

    app = todo_app()
    app.enable_swagger(path="/docs", middlewares=[audit])
    response = REST.call(app, REST.event("GET", "/docs"))
    assert response["statusCode"] == 200 and seen == ["/docs"]
    head = REST.call(app, REST.event("HEAD", "/docs"))
    assert head["statusCode"] == 200 and head["body"] == ""


def test_the_page_is_made_once_per_stage_and_routes() -> None:
    app = todo_app()
    app.enable_swagger()
    first = swagger(app)["body"]
    assert swagger(app)["body"] == first

    @app.get("/later")
    def later() -> dict:
        return {}

    assert "/later" in page_options(swagger(app))["spec"]["paths"]


@pytest.mark.parametrize(
    ("keywords", "error", "says"),
    [
        ({"path": "docs"}, ValueError, "must start with '/'"),
        ({"oauth2_config": {"client_id": "x"}}, TypeError, "takes an OAuth2Config"),
        ({"persist_authorization": "yes"}, TypeError, "must be True or False"),
    ],
)
def test_bad_swagger_settings_are_refused(keywords: dict[str, Any], error: type, says: str) -> None:
    with pytest.raises(error, match=says):
        todo_app().enable_swagger(**keywords)


def test_unknown_configuration_is_refused() -> None:
    from apiway.openapi.app import configure

    with pytest.raises(TypeError, match="unknown keywords"):
        configure(todo_app(), {"titel": "x"})


def _resolve(schema: Any, components: dict[str, Any]) -> Any:
    """``schema`` with every ``#/components/schemas/`` reference replaced by its schema."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return _resolve(components[ref.rpartition("/")[2]], components)
        return {key: _resolve(value, components) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_resolve(item, components) for item in schema]
    return schema


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
def test_the_422_answer_is_what_the_document_says_it_is(version: str) -> None:
    """Every 422 answer fits the document's HTTPValidationError: ValidationError requires the
    keys the answer has (``loc``, ``type``), not ``msg``, which it leaves out."""
    jsonschema = pytest.importorskip("jsonschema")
    app = APIGatewayRestResolver(enable_validation=True)

    @app.post("/todos/<todo_id>")
    def update(todo_id: int, todo: Todo, limit: int = 1) -> Todo:
        return todo

    doc = document(app, openapi_version=version)
    response = doc["paths"]["/todos/{todo_id}"]["post"]["responses"]["422"]
    schema = _resolve(response["content"]["application/json"]["schema"], doc["components"]["schemas"])
    answer = app.resolve(REST.event("POST", "/todos/x", query={"limit": "y"}, body='{"title": 1}'), None)
    body = json.loads(answer["body"])
    assert answer["statusCode"] == 422 and len(body["detail"]) == 3
    jsonschema.validate(body, schema)
    assert doc["components"]["schemas"]["ValidationError"]["required"] == ["loc", "type"]


@pytest.mark.parametrize("status", [204, 304])
def test_a_response_without_a_body_documents_no_content(status: int) -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.delete("/todos/<todo_id>", status_code=status)
    def delete(todo_id: int) -> None:
        return None

    @app.put("/todos/<todo_id>", responses={status: {"description": "Done"}, 404: {"description": "No such"}})
    def put(todo_id: int) -> Todo:
        return Todo("t")

    paths = document(app)["paths"]["/todos/{todo_id}"]
    assert paths["delete"]["responses"][str(status)] == {"description": "Successful Response"}
    assert paths["put"]["responses"][str(status)] == {"description": "Done"}
    # other statuses still document what the route returns
    assert paths["put"]["responses"]["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Todo"
    }
    answer = app.resolve(REST.event("DELETE", "/todos/1"), None)
    assert (answer["statusCode"], answer["body"]) == (status, "")

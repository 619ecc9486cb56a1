"""OpenAPI documents: describe an API with ``apiway.openapi.models`` and show it in Swagger UI.

- The document is built once, from the OpenAPI object classes (the Powertools names:
  ``OpenAPI``, ``Info``, ``PathItem``, ``Operation``, ``Parameter``, ``Schema``, ...).
  Fields whose JSON names are not Python names take either (``in_`` or ``in``,
  ``schema_`` or ``schema``); extension fields (``x-...``) are kept.
- ``/openapi.json`` serves it as OpenAPI 3.1; ``/openapi-3.0.json`` as OpenAPI 3.0.3 for
  tools that only read 3.0 (``to_openapi_30``).
- ``/swagger`` answers the Swagger UI page (Swagger UI itself loads from a CDN; apiway
  ships no JavaScript), and ``/swagger?format=oauth2-redirect`` the page an OAuth 2
  sign-in returns to.

Try it: python -m apiway serve examples/openapi_document/app.py
        then open http://localhost:3000/swagger in a browser
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver, Response
from apiway.exceptions import NotFoundError
from apiway.openapi.models import (
    Components,
    Info,
    MediaType,
    OAuth2,
    OAuthFlowAuthorizationCode,
    OAuthFlows,
    OpenAPI,
    Operation,
    Parameter,
    PathItem,
    Reference,
    Schema,
    Server,
    Tag,
)
from apiway.openapi.models import (
    Response as ResponseObject,
)
from apiway.openapi.swagger_ui import OAuth2Config, oauth2_redirect_html, swagger_ui_html
from apiway.openapi.version30 import to_openapi_30
from apiway.types import LambdaContext

app = APIGatewayRestResolver()

TODOS = {"1": {"id": 1, "title": "write the docs", "done": False, "due": None}}

TODO_LIST = MediaType(schema_=Schema(type="array", items=Reference(ref="#/components/schemas/Todo")))
DOCUMENT = OpenAPI(
    openapi="3.1.0",
    info=Info(title="Todos", version="1.0.0", description="Keeps a list of todos."),
    servers=[Server(url="/")],
    tags=[Tag(name="todos", description="The todo list")],
    paths={
        "/todos": PathItem(
            get=Operation(
                tags=["todos"],
                operationId="listTodos",
                summary="List the todos",
                parameters=[
                    Parameter(
                        name="done", in_="query", schema_=Schema(type="boolean"), description="Only these"
                    ),
                ],
                responses={
                    200: ResponseObject(description="The todos", content={"application/json": TODO_LIST})
                },
            )
        ),
        "/todos/{todo_id}": PathItem(
            get=Operation(
                tags=["todos"],
                operationId="getTodo",
                parameters=[
                    Parameter(name="todo_id", in_="path", required=True, schema_=Schema(type="integer"))
                ],
                responses={
                    200: {
                        "description": "The todo",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Todo"}}},
                    },
                    404: {"description": "No such todo"},
                },
                security=[{"login": ["todos:read"]}],
                openapi_extensions={"x-amazon-apigateway-integration": {"type": "aws_proxy"}},
            )
        ),
    },
    components=Components(
        schemas={
            "Todo": Schema(
                type="object",
                required=["id", "title"],
                properties={
                    "id": Schema(type="integer", minimum=1),
                    "title": Schema(type="string", maxLength=100, examples=["write the docs"]),
                    "done": Schema(type="boolean", default=False),
                    "due": Schema(anyOf=[Schema(type="string", format="date"), Schema(type="null")]),
                },
            )
        },
        securitySchemes={
            "login": OAuth2(
                flows=OAuthFlows(
                    authorizationCode=OAuthFlowAuthorizationCode(
                        authorizationUrl="https://auth.example.com/authorize",
                        tokenUrl="https://auth.example.com/token",
                        scopes={"todos:read": "Read the todos"},
                    )
                )
            )
        },
    ),
)
# Written once: the document does not change while the function runs.
DOCUMENT_JSON = DOCUMENT.model_dump_json(by_alias=True, exclude_none=True)
SWAGGER_PAGE = swagger_ui_html(
    DOCUMENT,
    spec_url="/openapi.json",
    title="Todos API",
    oauth2_config=OAuth2Config(
        client_id="todos-docs", app_name="Todos", use_pkce_with_authorization_code_grant=True
    ),
)


@app.get("/todos")
def list_todos() -> list[dict]:
    done = app.current_event.get_query_string_value("done")
    todos = list(TODOS.values())
    return todos if done is None else [todo for todo in todos if str(todo["done"]).lower() == done]


@app.get("/todos/<todo_id>")
def get_todo(todo_id: str) -> dict:
    if todo_id not in TODOS:
        raise NotFoundError(f"no todo {todo_id}")
    return TODOS[todo_id]


@app.get("/openapi.json")
def openapi_json() -> Response:
    return Response(200, content_type="application/json", body=DOCUMENT_JSON)


@app.get("/openapi-3.0.json")
def openapi_30_json() -> dict:
    return to_openapi_30(DOCUMENT)


@app.get("/swagger")
def swagger() -> Response:
    if app.current_event.get_query_string_value("format") == "oauth2-redirect":
        return Response(200, content_type="text/html", body=oauth2_redirect_html())
    return Response(200, content_type="text/html", body=SWAGGER_PAGE)


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

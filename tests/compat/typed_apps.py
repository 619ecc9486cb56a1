"""Typed apps written once and built on apiway and on the Powertools REST event handler.

``typed_routes(m)`` defines the handlers with the markers of ``m`` (apiway's or Powertools'
``Query``, ``Header``, ``Body``, ..., ``Depends``, ``Request``, ``Response``), so both sides
run the same code. The models are plain dataclasses (Powertools validates them through
pydantic) and pydantic models (apiway validates them through pydantic itself).

No ``from __future__ import annotations`` here: the handlers are defined inside a function,
and their annotations must be objects, not names only that function's scope knows.
"""

import datetime
import enum
import uuid
from dataclasses import asdict, dataclass, field, is_dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Annotated, Any, Literal

import pydantic


class Color(enum.Enum):
    red = "red"
    green = "green"


class Size(int, enum.Enum):
    small = 1
    large = 2


@dataclass
class Address:
    street: str
    zip_code: Annotated[str, pydantic.Field(min_length=5, max_length=5)]


@dataclass
class Todo:
    title: Annotated[str, pydantic.Field(min_length=1, max_length=20)]
    priority: Annotated[int, pydantic.Field(ge=1, le=5)] = 3
    done: bool = False
    tags: list[str] = field(default_factory=list)
    due: datetime.date | None = None


@dataclass
class Order:
    """An order with a nested address and lines."""

    id: uuid.UUID
    total: Decimal
    address: Address
    lines: list[Todo]
    color: Color = Color.red


class Pet(pydantic.BaseModel):
    name: str = pydantic.Field(min_length=2)
    age: int = pydantic.Field(ge=0)
    kind: Literal["cat", "dog"] = "cat"


class PetOut(pydantic.BaseModel):
    name: str
    age: int


class Filters(pydantic.BaseModel):
    limit: int = pydantic.Field(default=10, le=100, description="page size")
    tags: list[str] = []
    full_name: str | None = pydantic.Field(default=None, alias="fullName")


class Meta(pydantic.BaseModel):
    x_request_id: str
    user_agent: str = "unknown"


def echo(values: "dict[str, Any]") -> "dict[str, Any]":
    """The validated arguments a handler received, as JSON-ready data (the same on both sides)."""
    return {name: _plain(value) for name, value in values.items()}


def _plain(value: Any) -> Any:
    if type(value).__name__ == "Request":
        return f"<request {value.method} {sorted(value.path_parameters)}>"
    if type(value).__name__ == "UploadFile":
        return {"filename": value.filename, "content_type": value.content_type, "size": len(value.content)}
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, bytes):
        return {"bytes": len(value)}
    return value


@dataclass
class Price:
    amount: Decimal
    currency: str = "EUR"


@dataclass
class Item:
    """An item on sale."""

    name: str
    price: Price


@dataclass
class Problem:
    message: str


def documented_routes(m: SimpleNamespace) -> "list[tuple[str, str, Any, dict[str, Any]]]":
    """Routes that exercise the OpenAPI route options and models read and written differently."""
    Query, Body = m.Query, m.Body
    routes: list[tuple[str, str, Any, dict[str, Any]]] = []

    def route(method: str, rule: str, **options: Any) -> Any:
        def register(func: Any) -> Any:
            routes.append((method, rule, func, options))
            return func

        return register

    @route(
        "POST", "/items", tags=["items"], summary="Create an item", description="Stores it.",
        operation_id="createItem", status_code=201, response_description="Created",
        security=[{"apiKey": []}], openapi_extensions={"x-internal": False},
    )  # fmt: skip
    def create_item(item: Item) -> Item:
        return item

    @route("GET", "/items", deprecated=True, custom_response_validation_http_code=502)
    def list_items(
        page: Annotated[int, Query(ge=1, title="Page number", description="1-based", examples=[1, 2])] = 1,
        legacy: Annotated[str | None, Query(deprecated=True, include_in_schema=False)] = None,
    ) -> list[Item]:
        return []

    @route(
        "GET", "/items/<name>",
        responses={
            200: {"description": "The item", "content": {"application/json": {"model": Item}}},
            404: {"description": "No such item", "content": {"application/json": {"model": Problem}}},
            410: {"description": "Gone"},
        },
    )  # fmt: skip
    def get_item(name: str) -> Item:
        return Item(name=name, price=Price(Decimal(1)))

    @route("DELETE", "/items/<name>", responses={204: {"description": "Deleted"}})
    def delete_item(name: str) -> None:
        return None

    @route("GET", "/hidden", include_in_schema=False)
    def hidden() -> dict:
        return {}

    @route("PATCH", "/items/<name>")
    def patch_item(
        name: str,
        price: Annotated[Price, Body(embed=True, description="the new price")],
        note: Annotated[str, Body(max_length=50)] = "",
    ) -> dict:
        return {}

    @route("OPTIONS", "/items")
    def item_options(item: Item) -> dict:
        return {}

    return routes


def typed_routes(m: SimpleNamespace) -> "list[tuple[str, str, Any, dict[str, Any]]]":
    """``(method, rule, handler, options)`` for every route of the typed app, with ``m``'s markers."""
    Query, Path, Header, Cookie, Body = m.Query, m.Path, m.Header, m.Cookie, m.Body
    Form, File, UploadFile, Depends, Request = m.Form, m.File, m.UploadFile, m.Depends, m.Request
    routes: list[tuple[str, str, Any, dict[str, Any]]] = []

    def route(method: str, rule: str, **options: Any) -> Any:
        def register(func: Any) -> Any:
            routes.append((method, rule, func, options))
            return func

        return register

    @route("GET", "/todos/<todo_id>")
    def get_todo(
        todo_id: int,
        limit: Annotated[int, Query(ge=1, le=100, description="page size")] = 10,
        color: Color = Color.red,
        size: Size | None = None,
        since: datetime.date | None = None,
        verbose: bool = False,
    ) -> dict:
        return echo(locals())

    @route("GET", "/items/<item_id>")
    def item(ident: Annotated[int, Path(alias="item_id", ge=1)]) -> dict:
        return echo(locals())

    @route("GET", "/search")
    def search(
        q: Annotated[str, Query(min_length=2, max_length=10, pattern="^[a-z]+$")],
        ids: Annotated[list[int], Query()] = [],  # noqa: B006 - the Powertools idiom for a list default
        kind: Literal["a", "b"] = "a",
        ratio: Annotated[float, Query(gt=0, lt=1)] = 0.5,
        ref: uuid.UUID | None = None,
        amount: Decimal | None = None,
        at: datetime.datetime | None = None,
    ) -> dict:
        return echo(locals())

    @route("GET", "/headers")
    def headers(
        x_api_key: Annotated[str, Header(min_length=3)],
        x_count: Annotated[int, Header()] = 1,
        user_agent: Annotated[str | None, Header()] = None,
        token: Annotated[str | None, Header(alias="X-Token")] = None,
        session: Annotated[str | None, Cookie()] = None,
        theme: Annotated[Literal["dark", "light"], Cookie()] = "light",
    ) -> dict:
        return echo(locals())

    @route("POST", "/todos", status_code=201)
    def create_todo(todo: Todo, dry_run: bool = False) -> Todo:
        return todo

    @route("PUT", "/orders/<order_id>")
    def put_order(order_id: uuid.UUID, order: Order) -> dict:
        return echo(locals())

    @route("POST", "/pets")
    def create_pet(pet: Pet) -> PetOut:
        return PetOut(name=pet.name, age=pet.age)

    @route("POST", "/embedded")
    def embedded(todo: Annotated[Todo, Body(embed=True)]) -> dict:
        return echo(locals())

    @route("POST", "/many-bodies")
    def many_bodies(
        name: Annotated[str, Body(min_length=2)],
        count: Annotated[int, Body(ge=0)],
        note: Annotated[str | None, Body()] = None,
    ) -> dict:
        return echo(locals())

    @route("POST", "/form")
    def form(
        username: Annotated[str, Form(min_length=3)],
        age: Annotated[int, Form(ge=18)],
        colors: Annotated[list[str], Form()] = [],  # noqa: B006
    ) -> dict:
        return echo(locals())

    @route("POST", "/upload")
    def upload(
        file: Annotated[UploadFile, File(description="the upload")],
        raw: Annotated[bytes, File()],
        caption: Annotated[str, Form()] = "none",
    ) -> dict:
        return echo(locals())

    def tenant(request: Request) -> str:
        return f"tenant-of-{request.method}"

    def user(tenant_name: Annotated[str, Depends(tenant)]) -> dict:
        return {"user": "u1", "tenant": tenant_name}

    @route("GET", "/deps/<item>")
    def deps(
        item: str,
        who: Annotated[dict, Depends(user)],
        tenant_name: Annotated[str, Depends(tenant)],
        request: Request,
    ) -> dict:
        return echo(locals())

    @route("GET", "/tags")
    def tags(
        x_tags: Annotated[list[str], Header()] = [],  # noqa: B006
        ids: Annotated[list[int], Query()] = [],  # noqa: B006
    ) -> dict:
        return echo(locals())

    def paging(page: Annotated[int, Query(ge=1)] = 1) -> int:
        return page

    def failing() -> str:
        raise ValueError("no tenant")

    @route("GET", "/paged")
    def paged(page: Annotated[int, Depends(paging)]) -> dict:
        return echo(locals())

    @route("GET", "/failing")
    def failing_route(value: Annotated[str, Depends(failing)]) -> dict:
        return echo(locals())

    @route("GET", "/grouped")
    def grouped(filters: Annotated[Filters, Query()], meta: Annotated[Meta, Header()]) -> dict:
        return echo(locals())

    @route("GET", "/answer/<kind>")
    def answer(kind: str) -> Todo:
        if kind == "good":
            return Todo(title="ok")
        if kind == "dict":
            return {"title": "from dict", "priority": "2"}  # type: ignore[return-value]
        return {"title": "", "priority": 9}  # type: ignore[return-value]

    @route("GET", "/wrapped/<kind>")
    def wrapped(kind: str) -> m.Response[PetOut]:
        body = {"name": "rex", "age": 3} if kind == "good" else {"name": "rex"}
        return m.Response(status_code=200, content_type="application/json", body=body)

    @route("GET", "/plain")
    def plain():  # type: ignore[no-untyped-def]
        return {"when": datetime.date(2024, 1, 2)}

    return routes


class Forbidden(Exception):
    """Raised by a dependency; the apps answer it with an exception handler."""


def behaviour_routes(m: SimpleNamespace) -> "list[tuple[str, str, Any, dict[str, Any]]]":
    """Routes for what the resolver does around validation: routes that turn it off, their own
    response status, dependencies that raise or are overridden, the ``Request`` handed out."""
    Query, Depends, Request, Response = m.Query, m.Depends, m.Request, m.Response
    routes: list[tuple[str, str, Any, dict[str, Any]]] = []

    def route(method: str, rule: str, **options: Any) -> Any:
        def register(func: Any) -> Any:
            routes.append((method, rule, func, options))
            return func

        return register

    def current_user(request: Request) -> str:
        return request.headers.get("x-user") or "anonymous"

    def tenant(user: Annotated[str, Depends(current_user)]) -> str:
        return f"tenant-of-{user}"

    m.dependencies = {"current_user": current_user}

    def must_be_admin(user: Annotated[str, Depends(current_user)]) -> str:
        if user == "anonymous":
            raise m.UnauthorizedError("who are you?")
        if user != "admin":
            raise Forbidden(user)
        return user

    @route("GET", "/unvalidated/<number>", enable_validation=False)
    def unvalidated(
        number: int,
        request: Request,
        who: Annotated[str, Depends(tenant)],
        limit: Annotated[int, Query(ge=1)] = 5,
    ) -> dict:
        return {
            "number": number,
            "number_type": type(number).__name__,
            "limit": limit,
            "who": who,
            "route": request.route,
            "method": request.method,
            "path_parameters": request.path_parameters,
        }

    @route("GET", "/unvalidated-answer", enable_validation=False)
    def unvalidated_answer() -> Todo:
        return {"title": ""}  # type: ignore[return-value]  # not validated: sent as it is

    @route("GET", "/who")
    def who(
        user: Annotated[str, Depends(current_user)], tenant_name: Annotated[str, Depends(tenant)]
    ) -> dict:
        return {"user": user, "tenant": tenant_name}

    @route("GET", "/admin")
    def admin(user: Annotated[str, Depends(must_be_admin)]) -> dict:
        return {"admin": user}

    @route("GET", "/teapot", custom_response_validation_http_code=418)
    def teapot() -> Todo:
        return {"title": "", "priority": 0}  # type: ignore[return-value]

    @route("GET", "/request/<name>")
    def request_view(name: str, request: Request) -> dict:
        return {
            "route": request.route,
            "path_parameters": request.path_parameters,
            "method": request.method,
            "agent": request.headers.get("User-Agent"),
            "query": request.query_parameters,
        }

    @route("POST", "/typed-response")
    def typed_response(todo: Todo) -> m.Response[Todo]:
        return Response(status_code=201, content_type="application/json", body=todo)

    return routes

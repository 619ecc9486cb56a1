"""``apiway routes APP``: the table, ``--json``, and finding the resolver behind a handler."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import EXAMPLE, Apiway, apiway_process, line_of, load_json, write

APP = EXAMPLE / "app.py"


def test_the_table_of_the_example() -> None:
    result = apiway_process("routes", str(APP))
    assert result.status == 0, result.err
    header, columns, rule, *rows = result.out.splitlines()
    assert header == f"{APP}:app (APIGatewayHttpResolver): 6 routes"
    assert columns.split() == ["Method", "Rule", "Handler", "Line", "Stages", "Middlewares"]
    assert set(rule) == {"-", " "}
    cells = [row.split(None, 4) for row in rows]
    assert [(c[0], c[1], c[2]) for c in cells] == [
        ("GET", "/todos", "app:list_todos"),
        ("POST", "/todos", "app:create_todo"),
        ("GET", "/todos/<todo_id>", "app:get_todo"),
        ("DELETE", "/todos/<todo_id>", "app:delete_todo"),
        ("GET", "/files/.+", "app:get_file"),
        ("GET", "/crash", "app:crash"),
    ]
    # the line each handler is defined on: its decorator's
    assert cells[0][3] == str(line_of(APP, '@app.get("/todos", compress=True)'))
    assert cells[5][3] == str(line_of(APP, '@app.get("/crash")'))
    # stages acting on the route, then the resolver's and the route's middlewares
    assert rows[0].endswith("binary, compression, serialization, exceptions, router    request_id")
    assert rows[1].endswith("binary, serialization, exceptions, router                 request_id, audit")
    assert "cache_control" in rows[2] and "cache_control" not in rows[3]


def test_json_agrees_with_describe(apiway: Apiway) -> None:
    result = apiway("routes", str(APP), "--json")
    assert result.status == 0
    document = load_json(result.out)
    assert (document["app"], document["resolver"], document["source"]) == (
        f"{APP}:app",
        "APIGatewayHttpResolver",
        "http",
    )
    assert document["chain"] == [
        "binary",
        "compression",
        "cache_control",
        "serialization",
        "exceptions",
        "router",
    ]
    assert document["left_out"] == ["debug", "prefix", "cors", "validation"]
    import sys

    module = next(m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == str(APP))
    first = document["routes"][0]
    assert first["handler"] == {
        "module": module.__name__,
        "function": "list_todos",
        "file": str(APP),
        "line": line_of(APP, '@app.get("/todos", compress=True)'),
    }
    assert (first["compress"], first["cache_control"], first["cors"], first["status_code"]) == (
        True,
        None,
        False,
        200,
    )
    # the same facts app.describe(route) prints
    app = module.app
    for route in document["routes"]:
        described = app.describe(f"{route['method']} {route['rule']}").splitlines()[1]
        path = [
            *route["stages"],
            *(f"middleware:{m}" for m in route["middlewares"]),
            route["handler"]["function"],
        ]
        assert described == "  runs through: " + " -> ".join(path)


MODULES = {
    "shop/__init__.py": "",
    "shop/routers.py": """
import functools

from apiway import Router

router = Router()


def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def tenant(app, next_middleware):
    return next_middleware(app)


router.use([tenant])


@router.get("/items")
@logged
def list_items():
    return []
""",
    "shop/main.py": """
from apiway import ALBResolver

from shop.routers import router

app = ALBResolver()
app.include_router(router, prefix="/shop")


def lambda_handler(event, context):
    return app.resolve(event, context)
""",
}


def test_a_handler_function_lists_its_modules_resolver(apiway: Apiway, isolated: Path) -> None:
    write(isolated / "src", MODULES)
    result = apiway("routes", "shop.main", "--app-dir", "src")
    assert result.status == 0, result.err
    header, _, _, row = result.out.splitlines()
    assert header == "shop.main:app (ALBResolver): 1 route"
    method, rule, handler, line, rest = row.split(None, 4)
    # the router's module, and the line of the function under its wrapper
    assert (method, rule, handler) == ("GET", "/shop/items", "shop.routers:list_items")
    assert line == str(line_of(isolated / "src/shop/routers.py", '@router.get("/items")'))
    assert rest.endswith("tenant")


@pytest.mark.parametrize(
    ("source", "spec", "message", "hint"),
    [
        (
            "from apiway import APIGatewayRestResolver\n"
            "a = APIGatewayRestResolver()\nb = APIGatewayRestResolver()\n"
            "def lambda_handler(event, context):\n    return a.resolve(event, context)\n",
            "mod.py",
            "mod.py:lambda_handler's module holds several resolvers (a, b)",
            "name one with mod.py:a",
        ),
        (
            "def lambda_handler(event, context):\n    return {'statusCode': 200}\n",
            "mod.py",
            "mod.py:lambda_handler is a Lambda handler and its module holds no apiway resolver",
            "name the resolver with mod.py:NAME",
        ),
        (
            "from apiway import Router\nrouter = Router()\n",
            "mod.py:router",
            "mod.py:router is a Router; its routes take effect once it is included into a resolver",
            "name the resolver that includes it (mod.py:app)",
        ),
        (
            "app = 42\n",
            "mod.py",
            "mod.py:app is neither an apiway resolver nor a Lambda handler (its type is int)",
            "name the resolver with mod.py:NAME",
        ),
        (
            "from apiway import APIGatewayRestResolver as app\n",
            "mod.py",
            "mod.py:app is a class, not an app",
            "name an instance of it (mod.py:app)",
        ),
        (
            "x = 1\n",
            "mod.py",
            "mod.py has no 'lambda_handler' or 'handler' or 'app'",
            "name the object with mod.py:NAME",
        ),
    ],
)
def test_what_is_not_a_resolver(
    apiway: Apiway, isolated: Path, source: str, spec: str, message: str, hint: str
) -> None:
    (isolated / "mod.py").write_text(source)
    result = apiway("routes", spec)
    assert result.status == 2
    assert result.error_line == f"apiway routes: error: {message}; hint: {hint}"
    assert result.out == ""


def test_an_app_without_routes(apiway: Apiway, isolated: Path) -> None:
    (isolated / "empty.py").write_text(
        "from apiway import APIGatewayRestResolver\napp = APIGatewayRestResolver()\n"
    )
    result = apiway("routes", "empty.py")
    assert (result.status, result.out) == (0, "empty.py:app (APIGatewayRestResolver): 0 routes\n")
    assert load_json(apiway("routes", "empty.py", "--json").out)["routes"] == []

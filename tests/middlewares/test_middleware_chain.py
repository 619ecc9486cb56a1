"""A route's middleware chain (``apiway.middlewares``): the links, the names, the order, and
``next_middleware``'s keyword arguments.

The links on their own first (``MiddlewareStage``, ``NextLink``, ``compose``), then middlewares
through a resolver. (Middlewares for every source, with routers and the router's own answers:
tests/e2e/test_e2e_composition.py.)
"""

from __future__ import annotations

from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Response
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware
from apiway.middlewares.chain import MiddlewareStage, NextLink, compose, middleware_name
from apiway.request import PipelineRequest
from support.events import rest_call
from support.responses import json_body


def todo_app() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver()

    @app.get("/todos")
    def list_todos() -> list[str]:
        return ["a", "b"]

    return app


def a_request(app: APIGatewayRestResolver) -> PipelineRequest:
    return PipelineRequest(app, {"httpMethod": "GET", "path": "/"}, None, "GET", "/")


def handler_answer(request: PipelineRequest) -> Response:
    return Response(200, "text/plain", "from the handler")


# -- the links on their own ------------------------------------------------------------------------
def named(name: str, log: list[Any]) -> Any:
    """A middleware called ``name`` that records what it was handed and calls the next link."""

    def middleware(app: Any, next_middleware: NextMiddleware, **kwargs: Any) -> Response:
        log.append((name, next_middleware.__name__, str(next_middleware), kwargs))
        return next_middleware(app)

    middleware.__name__ = name
    return middleware


class Counting:
    """A middleware object without a ``__name__``."""

    def __call__(self, app: Any, next_middleware: NextMiddleware) -> Response:
        return next_middleware(app)


def test_middleware_names() -> None:
    assert middleware_name(named("auth", [])) == "auth"
    assert middleware_name(Counting()) == "Counting"

    class Handler(BaseMiddlewareHandler):
        def handler(self, app: Any, next_middleware: NextMiddleware) -> Response:
            return next_middleware(app)

    assert middleware_name(Handler()) == "Handler"


def test_middleware_stage_names_itself_and_what_comes_next() -> None:
    app = APIGatewayRestResolver()
    stage = MiddlewareStage(named("auth", []), app, "get_todo")
    assert (stage.name, stage.middleware_name, stage.next_name) == ("middleware:auth", "auth", "get_todo")
    assert repr(stage) == "<MiddlewareStage 'middleware:auth'>"


def test_compose_links_each_middleware_to_the_next_one_by_name() -> None:
    app = APIGatewayRestResolver()
    log: list[Any] = []
    chain = compose(app, [named("first", log), Counting(), named("last", log)], handler_answer, "get_todo")
    response = chain(a_request(app))
    assert (response.status_code, response.body) == (200, "from the handler")
    assert log == [
        ("first", "Counting", "[first] next call chain is first -> Counting", {}),
        ("last", "get_todo", "[last] next call chain is last -> get_todo", {}),
    ]


def test_compose_takes_the_fast_link_for_middleware_stages() -> None:
    app = APIGatewayRestResolver()
    chain: Any = compose(app, [named("only", [])], handler_answer, "get_todo")
    # The link is the stage's own handle, bound to it, with the handler call as call_next.
    assert chain.__func__.__qualname__ == "MiddlewareStage.handle"
    assert isinstance(chain.__self__, MiddlewareStage)
    assert chain.__func__.__defaults__ == (handler_answer,)


def test_compose_without_middlewares_is_the_innermost_call() -> None:
    assert compose(APIGatewayRestResolver(), [], handler_answer, "get_todo") is handler_answer


def test_next_link_hands_its_keyword_arguments_to_the_next_middleware_only() -> None:
    app = APIGatewayRestResolver()
    log: list[Any] = []

    def outer(app: Any, next_middleware: NextMiddleware) -> Response:
        return next_middleware(app, trace_id="t-1")

    chain = compose(app, [outer, named("middle", log), named("inner", log)], handler_answer, "handler")
    chain(a_request(app))
    # "middle" got them; it called its next link without any, so "inner" got none.
    assert [(name, kwargs) for name, _, _, kwargs in log] == [("middle", {"trace_id": "t-1"}), ("inner", {})]


def test_next_link_is_what_a_middleware_receives() -> None:
    app = APIGatewayRestResolver()
    received: list[Any] = []

    def keep(app: Any, next_middleware: NextMiddleware) -> Response:
        received.append(next_middleware)
        return next_middleware(app)

    compose(app, [keep], handler_answer, "list_todos")(a_request(app))
    [link] = received
    assert isinstance(link, NextLink)
    assert link.__name__ == "list_todos"
    assert str(link) == "[keep] next call chain is keep -> list_todos"


@pytest.mark.parametrize(
    ("result", "status", "body"),
    [({"from": "cache"}, 200, {"from": "cache"}), (("gone", 410), 410, "gone")],
)
def test_middleware_stage_turns_other_results_into_responses(result: Any, status: int, body: Any) -> None:
    app = APIGatewayRestResolver()
    stage = MiddlewareStage(lambda app, next_middleware: result, app, "handler")
    response = stage.handle(a_request(app), handler_answer)
    assert isinstance(response, Response)
    assert (response.status_code, response.body) == (status, body)


# -- through a resolver ------------------------------------------------------------------------------
def recorder(name: str, log: list[str]) -> Any:
    def middleware(app: Any, next_middleware: NextMiddleware) -> Response:
        log.append(f"before:{name}")
        response = next_middleware(app)
        log.append(f"after:{name}")
        return response

    middleware.__name__ = name
    return middleware


def test_global_then_route_middlewares_in_order() -> None:
    log: list[str] = []
    app = APIGatewayRestResolver()
    app.use(middlewares=[recorder("g1", log), recorder("g2", log)])

    @app.get("/", middlewares=[recorder("r1", log), recorder("r2", log)])
    def index() -> dict[str, str]:
        log.append("handler")
        return {}

    assert rest_call(app, "GET", "/")["statusCode"] == 200
    assert log == [
        "before:g1",
        "before:g2",
        "before:r1",
        "before:r2",
        "handler",
        "after:r2",
        "after:r1",
        "after:g2",
        "after:g1",
    ]


def test_route_middlewares_apply_to_their_route_only() -> None:
    log: list[str] = []
    app = APIGatewayRestResolver()

    @app.get("/a", middlewares=[recorder("only-a", log)])
    def a() -> dict[str, str]:
        return {}

    @app.get("/b")
    def b() -> dict[str, str]:
        return {}

    rest_call(app, "GET", "/b")
    assert log == []
    rest_call(app, "GET", "/a")
    assert log == ["before:only-a", "after:only-a"]


def test_use_after_the_first_request_applies_to_later_requests() -> None:
    log: list[str] = []
    app = todo_app()
    rest_call(app, "GET", "/todos")
    app.use(middlewares=[recorder("late", log)])
    rest_call(app, "GET", "/todos")
    assert log == ["before:late", "after:late"]


def test_middleware_sees_the_current_event_and_can_edit_the_response() -> None:
    app = APIGatewayRestResolver()

    def stamp(app: Any, next_middleware: NextMiddleware) -> Response:
        response = next_middleware(app)
        response.headers["X-Path"] = app.current_event.path
        return response

    @app.get("/todos/<todo_id>", middlewares=[stamp])
    def get_todo(todo_id: str) -> dict[str, str]:
        return {"id": todo_id}

    result = rest_call(app, "GET", "/todos/9")
    assert result["multiValueHeaders"]["X-Path"] == ["/todos/9"]
    assert json_body(result) == {"id": "9"}


def test_base_middleware_handler_subclass() -> None:
    class AddHeader(BaseMiddlewareHandler):
        def __init__(self, value: str):
            self.value = value

        def handler(self, app: Any, next_middleware: NextMiddleware) -> Response:
            response = next_middleware(app)
            response.headers["X-Mw"] = self.value
            return response

    app = APIGatewayRestResolver()
    middleware = AddHeader("class-based")
    assert middleware.__name__ == "AddHeader"

    @app.get("/", middlewares=[middleware])
    def index() -> dict[str, str]:
        return {}

    assert rest_call(app, "GET", "/")["multiValueHeaders"]["X-Mw"] == ["class-based"]


def test_base_middleware_handler_must_implement_handler() -> None:
    class Incomplete(BaseMiddlewareHandler):
        pass

    with pytest.raises(TypeError):
        Incomplete()  # type: ignore[abstract]


def test_middleware_short_circuit() -> None:
    app = APIGatewayRestResolver()
    calls: list[str] = []

    def deny(app: Any, next_middleware: NextMiddleware) -> Response:
        return Response(403, "application/json", {"denied": True})

    @app.get("/", middlewares=[deny])
    def index() -> dict[str, str]:
        calls.append("handler")
        return {}

    result = rest_call(app, "GET", "/")
    assert (result["statusCode"], result["body"]) == (403, '{"denied":true}')
    assert calls == []


def test_middleware_returning_a_dict_is_converted() -> None:
    app = APIGatewayRestResolver()

    def cached(app: Any, next_middleware: NextMiddleware) -> dict[str, str]:
        return {"from": "cache"}

    @app.get("/", middlewares=[cached])
    def index() -> dict[str, str]:
        return {"from": "handler"}

    result = rest_call(app, "GET", "/")
    assert result["statusCode"] == 200
    assert json_body(result) == {"from": "cache"}


def test_keyword_arguments_pass_through_next_middleware() -> None:
    app = APIGatewayRestResolver()
    seen: list[dict[str, Any]] = []

    def outer(app: Any, next_middleware: NextMiddleware) -> Response:
        return next_middleware(app, trace_id="t-1", attempt=2)

    def inner(app: Any, next_middleware: NextMiddleware, **kwargs: Any) -> Response:
        seen.append(kwargs)
        return next_middleware(app, **kwargs)

    class ClassBased(BaseMiddlewareHandler):
        def handler(self, app: Any, next_middleware: NextMiddleware) -> Response:
            return next_middleware(app)

    @app.get("/", middlewares=[outer, ClassBased(), inner])
    def index() -> dict[str, str]:
        return {"ok": "yes"}

    result = rest_call(app, "GET", "/")
    assert json_body(result) == {"ok": "yes"}
    # The class-based middleware called next_middleware(app) without kwargs.
    assert seen == [{}]

    app2 = APIGatewayRestResolver()

    @app2.get("/", middlewares=[outer, inner])
    def index2() -> dict[str, str]:
        return {"ok": "yes"}

    assert json_body(rest_call(app2, "GET", "/")) == {"ok": "yes"}
    assert seen[-1] == {"trace_id": "t-1", "attempt": 2}


def test_middleware_chain_is_composed_once_per_route() -> None:
    app = todo_app()
    app.use(middlewares=[recorder("g", [])])
    rest_call(app, "GET", "/todos")
    route = app.routes[0]
    chain = route.chain
    assert chain is not None
    rest_call(app, "GET", "/todos")
    assert route.chain is chain

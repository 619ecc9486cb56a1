"""Per-invocation state: current_event, lambda_context and context never leak between requests.

The last request resolved on a thread stays readable there (as code written for Powertools
expects, e.g. tests that check app.current_event after calling the handler) until the next
resolve() starts; other threads never see it.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, Router
from apiway.events import APIGatewayProxyEvent
from support.events import rest_call
from support.responses import json_body


@pytest.mark.parametrize("attribute", ["current_event", "lambda_context", "request"])
def test_request_state_outside_a_request_raises(attribute: str) -> None:
    app = APIGatewayRestResolver()
    with pytest.raises(RuntimeError, match=f"app.{attribute} is only available"):
        getattr(app, attribute)


def test_current_event_and_lambda_context_during_a_request() -> None:
    app = APIGatewayRestResolver()
    lambda_context = object()

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        return {
            "path": app.current_event.path,
            "header": app.current_event.headers.get("x-trace"),
            "context_ok": app.lambda_context is lambda_context,
            "args": app.request.path_parameters,
        }

    result = rest_call(app, "GET", "/todos/1", lambda_context, headers={"X-Trace": "abc"})
    assert json_body(result) == {
        "path": "/todos/1",
        "header": "abc",
        "context_ok": True,
        "args": {"todo_id": "1"},
    }


def test_the_last_request_stays_readable_until_the_next_one_starts() -> None:
    app = APIGatewayRestResolver()
    seen: list[str] = []

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        seen.append(app.current_event.path)  # the new request, not the last one
        return {}

    first_context, second_context = object(), object()
    rest_call(app, "GET", "/todos/1", first_context)
    assert app.current_event.path == "/todos/1"
    assert app.lambda_context is first_context
    assert app.request.path_parameters == {"todo_id": "1"}
    rest_call(app, "GET", "/todos/2", second_context)
    assert (app.current_event.path, app.lambda_context) == ("/todos/2", second_context)
    assert seen == ["/todos/1", "/todos/2"]


def test_the_last_request_is_readable_after_a_failing_one_too() -> None:
    app = APIGatewayRestResolver()

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    assert rest_call(app, "GET", "/boom")["statusCode"] == 500
    assert app.current_event.path == "/boom"


def test_propagate_exceptions_out_of_resolve() -> None:
    app = APIGatewayRestResolver(propagate_exceptions=True)

    @app.get("/boom")
    def boom() -> None:
        raise ZeroDivisionError("s3cr3t")

    with pytest.raises(ZeroDivisionError, match="s3cr3t"):
        app.resolve({"httpMethod": "GET", "path": "/boom"}, None)
    # The state is restored even when the exception escapes: no request is active any more,
    # and the failed one is the thread's last.
    assert app._active_request() is None
    assert app.current_event.path == "/boom"


def test_the_last_request_is_not_seen_by_other_threads() -> None:
    app = APIGatewayRestResolver()
    app.get("/todos")(dict)
    rest_call(app, "GET", "/todos")

    def read_elsewhere() -> str:
        with pytest.raises(RuntimeError) as raised:
            _ = app.current_event
        return str(raised.value)

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert "on this thread" in pool.submit(read_elsewhere).result()
    assert app.current_event.path == "/todos"


def test_context_after_a_request_is_the_next_requests() -> None:
    app = APIGatewayRestResolver()

    @app.get("/ctx")
    def ctx() -> dict[str, Any]:
        app.append_context(during="request")
        return dict(app.context)

    assert json_body(rest_call(app, "GET", "/ctx")) == {"during": "request"}
    # Like Powertools, which clears it after each request: it starts empty for the next one.
    assert app.context == {}


def test_assigned_event_is_what_reads_return_until_the_next_request() -> None:
    app = APIGatewayRestResolver()

    @app.get("/todos/<todo_id>")
    def get_todo(todo_id: str) -> dict[str, Any]:
        return {"id": todo_id, "user": app.current_event.get_header_value("x-user")}

    # A unit test calling the route function directly, as written for Powertools.
    app.current_event = APIGatewayProxyEvent({"path": "/todos/7", "headers": {"X-User": "ann"}})
    app.lambda_context = {"aws_request_id": "r-1"}
    assert get_todo("7") == {"id": "7", "user": "ann"}
    assert app.lambda_context == {"aws_request_id": "r-1"}
    assert json_body(rest_call(app, "GET", "/todos/8", headers={"X-User": "bob"})) == {
        "id": "8",
        "user": "bob",
    }
    assert app.current_event.path == "/todos/8"
    assert app.lambda_context is None


def test_an_event_assigned_during_a_request_replaces_its_event() -> None:
    app = APIGatewayRestResolver()

    @app.get("/swap")
    def swap() -> dict[str, Any]:
        app.current_event = APIGatewayProxyEvent({"path": "/swapped", "httpMethod": "GET"})
        return {"path": app.current_event.path}

    assert json_body(rest_call(app, "GET", "/swap")) == {"path": "/swapped"}


def test_a_worker_thread_adopts_the_handlers_event_by_assignment() -> None:
    app = APIGatewayRestResolver()

    def in_worker(event: Any) -> str | None:
        app.current_event = event  # this thread's own request state
        return app.current_event.get_header_value("x-user")

    @app.get("/fan-out")
    def fan_out() -> dict[str, Any]:
        with ThreadPoolExecutor(max_workers=2) as pool:
            users = list(pool.map(in_worker, [app.current_event] * 2))
        return {"users": users}

    assert json_body(rest_call(app, "GET", "/fan-out", headers={"X-User": "ann"})) == {
        "users": ["ann", "ann"]
    }


def test_router_event_assignment_with_and_without_a_resolver() -> None:
    router = Router()

    @router.get("/items/<item_id>")
    def get_item(item_id: str) -> dict[str, Any]:
        return {"id": item_id, "path": router.current_event.path}

    with pytest.raises(RuntimeError, match=r"router\.current_event is only available"):
        _ = router.current_event
    router.current_event = APIGatewayProxyEvent({"path": "/items/1"})
    router.lambda_context = "ctx"
    assert get_item("1") == {"id": "1", "path": "/items/1"}
    assert router.lambda_context == "ctx"

    app = APIGatewayRestResolver()
    app.include_router(router)
    assert json_body(rest_call(app, "GET", "/items/2")) == {"id": "2", "path": "/items/2"}
    assert router.current_event.path == "/items/2"
    router.current_event = APIGatewayProxyEvent({"path": "/items/3"})
    assert app.current_event.path == router.current_event.path == "/items/3"


def test_append_context_is_per_request() -> None:
    app = APIGatewayRestResolver()

    def add_user(app_: Any, next_middleware: Any) -> Any:
        app_.append_context(user=app_.current_event.headers.get("x-user"))
        return next_middleware(app_)

    app.use(middlewares=[add_user])

    @app.get("/me")
    def me() -> dict[str, Any]:
        return dict(app.context)

    assert json_body(rest_call(app, "GET", "/me", headers={"X-User": "ann"})) == {"user": "ann"}
    assert json_body(rest_call(app, "GET", "/me", headers={"X-User": "bob"})) == {"user": "bob"}
    assert app.context == {}


def test_context_set_outside_a_request_goes_to_the_next_one_only() -> None:
    app = APIGatewayRestResolver()

    @app.get("/ctx")
    def ctx() -> dict[str, Any]:
        return dict(app.context)

    app.append_context(tenant="acme")
    assert app.context == {"tenant": "acme"}
    assert json_body(rest_call(app, "GET", "/ctx")) == {"tenant": "acme"}
    assert json_body(rest_call(app, "GET", "/ctx")) == {}
    assert app.context == {}


def test_clear_context_and_assignment() -> None:
    app = APIGatewayRestResolver()

    @app.get("/ctx")
    def ctx() -> dict[str, Any]:
        app.context = {"replaced": True}
        app.append_context(more=1)
        seen = dict(app.context)
        app.clear_context()
        return {"seen": seen, "after_clear": dict(app.context)}

    assert json_body(rest_call(app, "GET", "/ctx")) == {
        "seen": {"replaced": True, "more": 1},
        "after_clear": {},
    }


def test_two_apps_do_not_share_state() -> None:
    outer_app = APIGatewayRestResolver()
    inner_app = APIGatewayRestResolver()
    seen: dict[str, Any] = {}

    @inner_app.get("/inner")
    def inner() -> dict[str, str]:
        seen["inner sees"] = inner_app.current_event.path
        seen["outer during inner"] = outer_app.current_event.path
        return {}

    @outer_app.get("/outer")
    def outer() -> dict[str, str]:
        with pytest.raises(RuntimeError):
            _ = inner_app.current_event
        outer_app.append_context(owner="outer")
        rest_call(inner_app, "GET", "/inner")
        seen["outer after inner"] = outer_app.current_event.path
        seen["outer context"] = dict(outer_app.context)
        return {}

    assert rest_call(outer_app, "GET", "/outer")["statusCode"] == 200
    assert seen == {
        "inner sees": "/inner",
        "outer during inner": "/outer",
        "outer after inner": "/outer",
        "outer context": {"owner": "outer"},
    }


def test_nested_resolve_on_the_same_app_restores_the_outer_request() -> None:
    app = APIGatewayRestResolver()

    @app.get("/inner")
    def inner() -> dict[str, str]:
        return {"path": app.current_event.path}

    @app.get("/outer")
    def outer() -> dict[str, Any]:
        nested = json_body(rest_call(app, "GET", "/inner"))
        return {"nested": nested, "after": app.current_event.path}

    assert json_body(rest_call(app, "GET", "/outer")) == {"nested": {"path": "/inner"}, "after": "/outer"}


def test_two_threads_resolving_one_app_see_their_own_event() -> None:
    app = APIGatewayRestResolver()
    barrier = threading.Barrier(2, timeout=10)

    def tag(app_: Any, next_middleware: Any) -> Any:
        app_.append_context(user=app_.current_event.headers["x-user"])
        return next_middleware(app_)

    app.use(middlewares=[tag])

    @app.get("/work/<job>")
    def work(job: str) -> dict[str, Any]:
        before = app.current_event.path
        # Both handlers are inside the request at this point: their state overlaps in time.
        barrier.wait()
        after = app.current_event.path
        barrier.wait()
        return {"job": job, "before": before, "after": after, "user": app.context["user"]}

    app.build()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(rest_call, app, "GET", f"/work/{name}", None, headers={"X-User": f"user-{name}"})
            for name in ("a", "b")
        ]
        results = [json_body(future.result(timeout=20)) for future in futures]
    assert results == [
        {"job": "a", "before": "/work/a", "after": "/work/a", "user": "user-a"},
        {"job": "b", "before": "/work/b", "after": "/work/b", "user": "user-b"},
    ]
    with pytest.raises(RuntimeError):
        _ = app.current_event


def test_lambda_context_of_concurrent_requests() -> None:
    app = APIGatewayRestResolver()
    barrier = threading.Barrier(2, timeout=10)

    @app.get("/ctx")
    def ctx() -> dict[str, Any]:
        barrier.wait()
        return {"request_id": app.lambda_context["aws_request_id"]}

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(rest_call, app, "GET", "/ctx", {"aws_request_id": rid}) for rid in ("r1", "r2")
        ]
        assert [json_body(f.result(timeout=20))["request_id"] for f in futures] == ["r1", "r2"]


def test_no_request_state_on_the_class() -> None:
    first = APIGatewayRestResolver()
    second = APIGatewayRestResolver()
    assert first._per_thread is not second._per_thread
    for name, value in vars(APIGatewayRestResolver).items():
        assert not isinstance(value, dict) or name.startswith("__"), f"class-level dict {name}"

"""The stage chain: names and order, editing, one-time composition, describe()."""

from __future__ import annotations

import re
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, CORSConfig, Response, Stage
from apiway.exceptions import PipelineError
from apiway.pipeline import FunctionStage, Pipeline
from apiway.request import PipelineRequest
from apiway.stages import SerializationStage
from support.events import rest_call

DEFAULT_ORDER = [
    "debug",
    "prefix",
    "binary",
    "compression",
    "cors",
    "cache_control",
    "serialization",
    "exceptions",
    "validation",
    "router",
]


def app_with_route() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver()

    @app.get("/")
    def index() -> dict[str, str]:
        return {"ok": "yes"}

    return app


class Recorder(Stage):
    """Records when it is entered and left, in a shared list."""

    def __init__(self, name: str, log: list[str]):
        self.name = name
        self.log = log
        self.setups = 0

    def setup(self, app: Any) -> None:
        self.setups += 1

    def handle(self, request: PipelineRequest, call_next: Any) -> Response:
        self.log.append(f"in:{self.name}")
        response = call_next(request)
        self.log.append(f"out:{self.name}")
        return response


class Disabled(Stage):
    name = "disabled"
    calls = 0

    def enabled(self, app: Any) -> bool:
        return False

    def handle(self, request: PipelineRequest, call_next: Any) -> Response:
        Disabled.calls += 1
        return call_next(request)


# -- names and order ----------------------------------------------------------------------------


def test_default_chain_names_in_order() -> None:
    assert APIGatewayRestResolver().pipeline.names() == DEFAULT_ORDER


def test_built_chain_leaves_out_stages_with_nothing_to_do() -> None:
    app = app_with_route()
    app.build()
    assert app.pipeline.names() == ["binary", "compression", "serialization", "exceptions", "router"]
    assert "debug" not in [stage.name for stage in app.pipeline]


def test_built_chain_with_every_feature_keeps_every_stage() -> None:
    app = APIGatewayRestResolver(
        cors=CORSConfig(), debug=True, strip_prefixes=["/pay"], enable_validation=True
    )

    @app.get("/", cache_control="max-age=60")
    def index() -> dict[str, str]:
        return {}

    app.build()
    assert app.pipeline.names() == DEFAULT_ORDER


def test_container_helpers() -> None:
    pipeline = APIGatewayRestResolver().pipeline
    assert len(pipeline) == len(DEFAULT_ORDER)
    assert "cors" in pipeline
    assert "nope" not in pipeline
    assert pipeline["serialization"].name == "serialization"
    assert isinstance(pipeline["serialization"], SerializationStage)
    assert pipeline.get("nope") is None
    assert pipeline.get("router") is pipeline.stages[-1]
    assert not pipeline.built


def test_stages_run_in_chain_order() -> None:
    log: list[str] = []
    app = app_with_route()
    app.pipeline.insert_before("binary", Recorder("outer", log))
    app.pipeline.insert_before("router", Recorder("inner", log))
    assert rest_call(app, "GET", "/", headers={})["statusCode"] == 200
    assert log == ["in:outer", "in:inner", "out:inner", "out:outer"]


# -- editing ------------------------------------------------------------------------------------


def test_insert_before_and_after() -> None:
    log: list[str] = []
    pipeline = APIGatewayRestResolver().pipeline
    pipeline.insert_before("cors", Recorder("a", log))
    pipeline.insert_after("cors", Recorder("b", log))
    names = pipeline.names()
    assert names[names.index("cors") - 1] == "a"
    assert names[names.index("cors") + 1] == "b"


def test_insert_before_router_is_allowed() -> None:
    log: list[str] = []
    pipeline = APIGatewayRestResolver().pipeline
    pipeline.insert_before("router", Recorder("last", log))
    assert pipeline.names()[-2:] == ["last", "router"]


def test_replace_takes_the_name_and_the_place() -> None:
    app = app_with_route()

    class Upper(Stage):
        name = "upper"

        def handle(self, request: PipelineRequest, call_next: Any) -> Response:
            response = call_next(request)
            response.body = "REPLACED"
            return response

    new = app.pipeline.replace("serialization", Upper())
    assert new.name == "serialization"
    assert app.pipeline.names() == DEFAULT_ORDER
    assert rest_call(app, "GET", "/", headers={})["body"] == "REPLACED"


def test_replace_with_another_name() -> None:
    pipeline = APIGatewayRestResolver().pipeline
    pipeline.replace("serialization", SerializationStage(), as_name="json")
    names = pipeline.names()
    assert "serialization" not in names
    assert names[DEFAULT_ORDER.index("serialization")] == "json"


def test_replace_the_router_keeps_its_name() -> None:
    app = APIGatewayRestResolver()
    app.pipeline.replace("router", lambda request, call_next: Response(203, "text/plain", "custom"))
    assert app.pipeline.names()[-1] == "router"
    assert rest_call(app, "GET", "/", headers={})["statusCode"] == 203
    with pytest.raises(PipelineError, match="must keep the name 'router'"):
        APIGatewayRestResolver().pipeline.replace(
            "router", FunctionStage("x", lambda r, n: n(r)), as_name="x"
        )


def test_remove_returns_the_stage() -> None:
    pipeline = APIGatewayRestResolver().pipeline
    removed = pipeline.remove("compression")
    assert removed.name == "compression"
    assert "compression" not in pipeline.names()
    assert len(pipeline) == len(DEFAULT_ORDER) - 1


def test_removed_stage_no_longer_acts() -> None:
    def make() -> APIGatewayRestResolver:
        app = APIGatewayRestResolver()

        @app.get("/", compress=True)
        def index() -> dict[str, str]:
            return {"text": "compress me " * 50}

        return app

    kept, trimmed = make(), make()
    trimmed.pipeline.remove("compression")
    headers = {"Accept-Encoding": "gzip"}
    assert rest_call(kept, "GET", "/", headers=headers)["multiValueHeaders"]["Content-Encoding"] == ["gzip"]
    result = rest_call(trimmed, "GET", "/", headers=headers)
    assert "Content-Encoding" not in result["multiValueHeaders"]
    assert result["body"].startswith('{"text":"compress me')


@pytest.mark.parametrize(
    "edit",
    [
        lambda p: p.insert_before("nope", FunctionStage("x", lambda r, n: n(r))),
        lambda p: p.insert_after("nope", FunctionStage("x", lambda r, n: n(r))),
        lambda p: p.replace("nope", FunctionStage("x", lambda r, n: n(r))),
        lambda p: p.remove("nope"),
        lambda p: p["nope"],
    ],
    ids=["insert_before", "insert_after", "replace", "remove", "getitem"],
)
def test_unknown_name_lists_the_valid_ones(edit: Any) -> None:
    pipeline = APIGatewayRestResolver().pipeline
    with pytest.raises(PipelineError) as raised:
        edit(pipeline)
    message = str(raised.value)
    assert "'nope'" in message
    for name in DEFAULT_ORDER:
        assert repr(name) in message
    assert pipeline.names() == DEFAULT_ORDER


def test_router_cannot_be_removed_or_followed() -> None:
    pipeline = APIGatewayRestResolver().pipeline
    with pytest.raises(PipelineError, match="cannot be removed"):
        pipeline.remove("router")
    with pytest.raises(PipelineError, match="inside the 'router' stage"):
        pipeline.insert_after("router", FunctionStage("x", lambda r, n: n(r)))
    assert pipeline.names() == DEFAULT_ORDER


def test_duplicate_names_are_refused() -> None:
    pipeline = APIGatewayRestResolver().pipeline
    with pytest.raises(PipelineError, match="already in the chain"):
        pipeline.insert_before("router", FunctionStage("cors", lambda r, n: n(r)))
    with pytest.raises(PipelineError, match="already in the chain"):
        pipeline.replace("binary", FunctionStage("x", lambda r, n: n(r)), as_name="cors")
    pipeline.insert_before("router", FunctionStage("cors", lambda r, n: n(r)), as_name="cors2")
    assert pipeline.names().count("cors") == 1
    assert "cors2" in pipeline.names()


def test_constructor_refuses_duplicate_names() -> None:
    with pytest.raises(PipelineError, match="already in the chain"):
        Pipeline([FunctionStage("a", lambda r, n: n(r)), FunctionStage("a", lambda r, n: n(r))])


@pytest.mark.parametrize("bad", [42, "stage", None])
def test_non_stages_are_refused(bad: Any) -> None:
    with pytest.raises(PipelineError, match="must be a Stage or a callable"):
        APIGatewayRestResolver().pipeline.insert_before("router", bad)


def test_empty_name_is_refused() -> None:
    with pytest.raises(PipelineError, match="non-empty name"):
        APIGatewayRestResolver().pipeline.insert_before("router", FunctionStage("", lambda r, n: n(r)))


def test_chain_must_end_with_the_router() -> None:
    with pytest.raises(PipelineError, match="must end with the 'router' stage"):
        Pipeline([FunctionStage("a", lambda r, n: n(r))]).build(APIGatewayRestResolver())
    with pytest.raises(PipelineError, match="must end with the 'router' stage"):
        Pipeline([]).build(APIGatewayRestResolver())


def test_innermost_stage_calling_next_is_an_error() -> None:
    pipeline = Pipeline([FunctionStage("router", lambda request, call_next: call_next(request))])
    entry = pipeline.build(APIGatewayRestResolver())
    with pytest.raises(PipelineError, match="innermost"):
        entry(None)  # type: ignore[arg-type]


# -- stage kinds --------------------------------------------------------------------------------


def test_plain_function_stage() -> None:
    app = app_with_route()

    def server_timing(request: PipelineRequest, call_next: Any) -> Response:
        response = call_next(request)
        response.headers["Server-Timing"] = "app"
        return response

    stage = app.pipeline.insert_before("cors", server_timing)
    assert isinstance(stage, FunctionStage)
    assert stage.name == "server_timing"
    assert rest_call(app, "GET", "/", headers={})["multiValueHeaders"]["Server-Timing"] == ["app"]


def test_object_with_handle_is_accepted() -> None:
    class Named:
        name = "named"

        def handle(self, request: PipelineRequest, call_next: Any) -> Response:
            response = call_next(request)
            response.headers["X-Named"] = "1"
            return response

    class Anonymous:
        def handle(self, request: PipelineRequest, call_next: Any) -> Response:
            response = call_next(request)
            response.headers["X-Anonymous"] = "1"
            return response

    app = app_with_route()
    app.pipeline.insert_before("router", Named())
    app.pipeline.insert_before("router", Anonymous())
    assert app.pipeline.names()[-3:] == ["named", "Anonymous", "router"]
    headers = rest_call(app, "GET", "/", headers={})["multiValueHeaders"]
    assert headers["X-Named"] == ["1"]
    assert headers["X-Anonymous"] == ["1"]


def test_stage_may_answer_without_calling_next() -> None:
    app = app_with_route()
    called: list[str] = []

    @app.get("/private")
    def private() -> dict[str, str]:
        called.append("private")
        return {}

    def guard(request: PipelineRequest, call_next: Any) -> Response:
        if request.path == "/private":
            return Response(401, "application/json", {"message": "no"})
        return call_next(request)

    # Inside the serialization stage, so the dict body it answers with is still serialized.
    app.pipeline.insert_before("exceptions", guard)
    result = rest_call(app, "GET", "/private", headers={})
    assert result["statusCode"] == 401
    assert result["body"] == '{"message":"no"}'
    assert called == []


# -- building once ------------------------------------------------------------------------------


def test_build_returns_the_same_callable() -> None:
    app = app_with_route()
    entry = app.build()
    assert app.build() is entry
    assert app.pipeline.build(app) is entry
    assert app.pipeline.built


def test_chain_is_folded_once_not_per_request() -> None:
    log: list[str] = []
    app = app_with_route()
    recorder = Recorder("recorder", log)
    app.pipeline.insert_before("router", recorder)
    for _ in range(3):
        assert rest_call(app, "GET", "/", headers={})["statusCode"] == 200
    assert recorder.setups == 1
    # Rebinding handle after the build has no effect: the chain captured it when it was folded.
    recorder.handle = lambda request, call_next: Response(500, "text/plain", "relinked")  # type: ignore[method-assign]
    assert rest_call(app, "GET", "/", headers={})["statusCode"] == 200
    assert log.count("in:recorder") == 4


def test_first_request_builds_the_chain() -> None:
    app = app_with_route()
    assert not app.pipeline.built
    rest_call(app, "GET", "/", headers={})
    assert app.pipeline.built


@pytest.mark.parametrize(
    "edit",
    [
        lambda p: p.insert_before("router", FunctionStage("late", lambda r, n: n(r))),
        lambda p: p.insert_after("exceptions", FunctionStage("late", lambda r, n: n(r))),
        lambda p: p.replace("serialization", FunctionStage("late", lambda r, n: n(r))),
        lambda p: p.remove("binary"),
    ],
    ids=["insert_before", "insert_after", "replace", "remove"],
)
def test_editing_after_build_is_refused(edit: Any) -> None:
    app = app_with_route()
    rest_call(app, "GET", "/", headers={})
    before = app.pipeline.names()
    with pytest.raises(PipelineError, match="already built"):
        edit(app.pipeline)
    assert app.pipeline.names() == before


def test_disabled_stage_is_left_out_of_the_built_chain() -> None:
    Disabled.calls = 0
    app = app_with_route()
    app.pipeline.insert_before("router", Disabled())
    assert "disabled" in app.pipeline.names()
    rest_call(app, "GET", "/", headers={})
    assert "disabled" not in app.pipeline.names()
    assert Disabled.calls == 0


def test_serializer_shortcut_swaps_the_serialization_encoder() -> None:
    def dumps(value: Any) -> str:
        return "custom:" + ",".join(sorted(value))

    app = APIGatewayRestResolver(serializer=dumps)

    @app.get("/")
    def index() -> dict[str, int]:
        return {"b": 1, "a": 2}

    assert rest_call(app, "GET", "/", headers={})["body"] == "custom:a,b"


# -- describe -----------------------------------------------------------------------------------


def test_pipeline_describe_lists_every_stage_with_config() -> None:
    app = APIGatewayRestResolver(strip_prefixes=["/pay", re.compile(r"/v\d+")])
    described = app.pipeline.describe()
    assert [item["name"] for item in described] == DEFAULT_ORDER
    by_name = {item["name"]: item for item in described}
    assert by_name["prefix"]["type"] == "PrefixStage"
    assert by_name["prefix"]["config"] == {"prefixes": ["/pay", r"re:/v\d+"]}
    assert by_name["compression"]["config"]["encoding"] == "gzip"


def two_routes_app() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver()

    @app.get("/plain")
    def plain() -> dict[str, str]:
        return {}

    @app.get("/fancy", compress=True, cache_control="max-age=5")
    def fancy() -> dict[str, str]:
        return {}

    return app


def test_pipeline_describe_for_a_route_keeps_stages_acting_on_it() -> None:
    app = two_routes_app()
    app.build()
    plain_route, fancy_route = app.routes
    plain_names = [item["name"] for item in app.pipeline.describe(plain_route)]
    fancy_names = [item["name"] for item in app.pipeline.describe(fancy_route)]
    assert "compression" not in plain_names
    assert "cache_control" not in plain_names
    assert "compression" in fancy_names
    assert "cache_control" in fancy_names


def test_pipeline_describe_for_a_route_before_build() -> None:
    app = two_routes_app()
    fancy_route = app.routes[1]
    assert "compression" in [item["name"] for item in app.pipeline.describe(fancy_route)]


def test_app_describe_shows_the_live_chain_in_order() -> None:
    app = app_with_route()
    text = app.describe()
    assert "not built yet" in text
    positions = [text.index(f" {name} ") for name in ["binary", "compression", "serialization", "exceptions"]]
    assert positions == sorted(positions)
    assert "left out" in text
    assert "GET     /" in text
    app.build()
    assert "(built)" in app.describe()


def test_app_describe_for_one_route() -> None:
    app = APIGatewayRestResolver(cors=CORSConfig())

    def audit(app: Any, next_middleware: Any) -> Any:
        return next_middleware(app)

    @app.get("/todos/<todo_id>", compress=True, middlewares=[audit])
    def get_todo(todo_id: str) -> dict[str, str]:
        return {}

    text = app.describe("get /todos/<todo_id>")
    assert "cors" in text
    assert "compress" in text
    assert "middleware:audit" in text
    assert text.rstrip().endswith("get_todo")
    with pytest.raises(LookupError, match="registered routes: GET /todos/<todo_id>"):
        app.describe("POST /todos")

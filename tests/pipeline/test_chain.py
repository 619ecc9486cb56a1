"""The chain itself (``apiway.stages``): ``link``, ``Chain.plan``/``newly_needed``, ``StageRef``.

``link`` binds a stage to the stage inside it once. A plain ``handle(self, request,
call_next)`` method gets the fast link, a copy of the method with ``call_next`` bound as its
default; any other callable gets a closure. Both must call the stage the same way; which one
was taken shows in the link's type and qualified name, never in a timing.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from apiway import APIGatewayRestResolver, CORSConfig, Response, Stage
from apiway.registry import Route
from apiway.request import PipelineRequest
from apiway.stages import Chain, StageRef, default_stages, hooks_of, link, segments


def a_request(app: Any = None) -> PipelineRequest:
    return PipelineRequest(
        app or APIGatewayRestResolver(), {"httpMethod": "GET", "path": "/"}, None, "GET", "/"
    )


class Inner:
    """The stage inside: answers 200 and counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, request: PipelineRequest) -> Response:
        self.calls += 1
        return Response(200, "text/plain", "inner")


def stamped(name: str, request: PipelineRequest, call_next: Any) -> Response:
    response = call_next(request)
    response.headers["X-Stage"] = name
    return response


# -- the stages whose handle is not a plain 3-argument method: the closure ---------------------------
class HandleObject:
    def __call__(self, request: PipelineRequest, call_next: Any) -> Response:
        return stamped("callable-object", request, call_next)


class CallableObjectStage(Stage):
    name = "callable-object"
    handle = HandleObject()  # type: ignore[assignment]


class DefaultsStage(Stage):
    name = "defaults"

    def handle(self, request: PipelineRequest, call_next: Any = None) -> Response:
        return stamped(self.name, request, call_next)


class StarArgsStage(Stage):
    name = "star-args"

    def handle(self, *args: Any) -> Response:  # type: ignore[override]
        return stamped(self.name, *args)


class KeywordsStage(Stage):
    name = "keywords"

    def handle(self, request: PipelineRequest, call_next: Any, **extra: Any) -> Response:  # type: ignore[override]
        return stamped(self.name, request, call_next)


class KeywordOnlyStage(Stage):
    name = "keyword-only"

    def handle(self, request: PipelineRequest, call_next: Any, *, verbose: bool = False) -> Response:  # type: ignore[override]
        return stamped(self.name, request, call_next)


class PartialStage(Stage):
    name = "partial"

    def __init__(self) -> None:
        self.handle = functools.partial(self.tagged, "partial")  # type: ignore[method-assign]

    def tagged(self, tag: str, request: PipelineRequest, call_next: Any) -> Response:
        return stamped(tag, request, call_next)


class StaticStage(Stage):
    name = "static"

    @staticmethod
    def handle(request: PipelineRequest, call_next: Any) -> Response:  # type: ignore[override]
        return stamped("static", request, call_next)


class ClassMethodStage(Stage):
    name = "classmethod"

    @classmethod
    def handle(cls, request: PipelineRequest, call_next: Any) -> Response:  # type: ignore[override]
        return stamped(cls.name, request, call_next)


class BorrowedStage(Stage):
    """Its handle is another stage's bound method."""

    name = "borrowed"

    def __init__(self) -> None:
        self.handle = DefaultsStage().handle  # type: ignore[method-assign]


class LambdaStage(Stage):
    name = "lambda"

    def __init__(self) -> None:
        self.handle = lambda request, call_next: stamped("lambda", request, call_next)  # type: ignore[method-assign]


SLOW = [
    (CallableObjectStage, "callable-object"),
    (DefaultsStage, "defaults"),
    (StarArgsStage, "star-args"),
    (KeywordsStage, "keywords"),
    (KeywordOnlyStage, "keyword-only"),
    (PartialStage, "partial"),
    (StaticStage, "static"),
    (ClassMethodStage, "classmethod"),
    (BorrowedStage, "defaults"),
    (LambdaStage, "lambda"),
]


@pytest.mark.parametrize(("stage_class", "stamp"), SLOW, ids=[name for name, _ in SLOW])
def test_other_handles_get_a_closure_that_calls_them(stage_class: type[Stage], stamp: str) -> None:
    stage = stage_class()
    inner = Inner()
    linked: Any = link(stage, inner)
    assert type(linked).__name__ == "function"
    assert linked.__qualname__ == f"{stage.name}.handle"
    response = linked(a_request())
    assert (response.body, response.headers["X-Stage"], inner.calls) == ("inner", stamp, 1)


@pytest.mark.parametrize(("stage_class", "stamp"), SLOW, ids=[name for name, _ in SLOW])
def test_other_handles_run_in_a_resolvers_chain(stage_class: type[Stage], stamp: str) -> None:
    app = APIGatewayRestResolver()
    app.get("/")(lambda: {"ok": True})
    app.pipeline.insert_before("router", stage_class())
    response = app.resolve({"httpMethod": "GET", "path": "/"}, None)
    assert response["multiValueHeaders"]["X-Stage"] == [stamp]
    assert response["body"] == '{"ok":true}'


# -- a plain method: the fast link ----------------------------------------------------------------------
class Plain(Stage):
    name = "plain"

    def handle(self, request: PipelineRequest, call_next: Any) -> Response:
        return stamped(self.name, request, call_next)


class UsesSuper(Plain):
    """A method with a closure cell (``super()``): the copy must keep it."""

    name = "uses-super"

    def handle(self, request: PipelineRequest, call_next: Any) -> Response:
        response = super().handle(request, call_next)
        response.headers["X-Super"] = "yes"
        return response


@pytest.mark.parametrize("stage_class", [Plain, UsesSuper, Stage])
def test_a_plain_method_gets_the_fast_link(stage_class: type[Stage]) -> None:
    stage = stage_class()
    inner = Inner()
    linked: Any = link(stage, inner)
    assert type(linked).__name__ == "method"
    assert linked.__self__ is stage
    assert linked.__func__.__qualname__ == f"{stage_class.__name__}.handle"
    assert linked.__func__.__defaults__ == (inner,)
    # A copy: the class's own function is left as it was.
    assert linked.__func__ is not stage_class.handle
    assert stage_class.handle.__defaults__ is None
    response = linked(a_request())
    assert (response.body, inner.calls) == ("inner", 1)
    if stage_class is UsesSuper:
        assert (response.headers["X-Stage"], response.headers["X-Super"]) == ("uses-super", "yes")


def test_one_stage_linked_twice_keeps_each_links_own_next() -> None:
    stage = Plain()
    first, second = Inner(), Inner()
    link(stage, first)(a_request())
    link(stage, second)(a_request())
    assert (first.calls, second.calls) == (1, 1)


def test_the_built_in_stages_are_linked_in_runs_of_hooks() -> None:
    app = APIGatewayRestResolver(cors=CORSConfig(), debug=True, strip_prefixes=["/v1"])
    app.get("/", cache_control="max-age=60")(dict)
    entry: Any = app.build()
    live = app.pipeline.stages
    # A run has one before hook at most and ends at an error hook; the router has its handle.
    assert [[stage.name for stage in run] for run in segments(live)] == [
        ["debug"],
        ["prefix", "binary", "compression"],
        ["cors", "cache_control", "serialization", "exceptions"],
        ["router"],
    ]
    assert [hooks_of(stage) is None for stage in live] == [False] * 8 + [True]
    assert entry.__qualname__ == "debug"
    router = live[-1]
    assert type(link(router, Inner())).__name__ == "method"  # the router takes the fast link


# -- Chain.plan, planned_stages and newly_needed ------------------------------------------------------------
class Counting(Stage):
    """Counts its setups; ``keep`` is what its enabled() answers."""

    def __init__(self, name: str, keep: bool):
        self.name = name
        self.keep = keep
        self.setups = 0

    def enabled(self, app: Any) -> bool:
        return self.keep

    def setup(self, app: Any) -> None:
        self.setups += 1


def test_plan_of_the_default_chain_loads_nothing() -> None:
    app = APIGatewayRestResolver()
    chain = Chain(default_stages(None, []))
    plan = chain.plan(app)
    assert [(entry.name, keep) for entry, keep in plan] == [
        ("debug", False),
        ("prefix", False),
        ("binary", True),
        ("compression", True),
        ("cors", False),
        ("cache_control", False),
        ("serialization", True),
        ("exceptions", True),
        ("validation", False),
        ("router", True),
    ]
    assert all(isinstance(entry, StageRef) for entry in chain.entries)
    assert chain.live is None and chain.entry is None


def test_plan_follows_the_app_and_always_keeps_the_innermost() -> None:
    outer, router = Counting("outer", False), Counting("router", False)
    chain = Chain([outer, router])
    app = APIGatewayRestResolver()
    assert [(entry, keep) for entry, keep in chain.plan(app)] == [(outer, False), (router, True)]
    outer.keep = True
    assert [keep for _, keep in chain.plan(app)] == [True, True]
    assert (outer.setups, router.setups) == (0, 0)  # a dry run


def test_planned_stages_sets_up_the_kept_ones_and_names_the_others() -> None:
    kept, dropped, router = Counting("kept", True), Counting("dropped", False), Counting("router", True)
    chain = Chain([kept, dropped, router])
    stages, left_out = chain.planned_stages(APIGatewayRestResolver())
    assert (stages, left_out) == ([kept, router], ["dropped"])
    assert (kept.setups, dropped.setups, router.setups) == (1, 0, 1)


def test_newly_needed_names_the_left_out_stages_a_late_route_needs() -> None:
    app = APIGatewayRestResolver()
    app.get("/")(dict)
    chain = app.pipeline.chain
    assert chain.newly_needed(app) == []  # not built: nothing is missing yet
    app.build()
    assert chain.newly_needed(app) == []
    # Straight into the table, past the resolver's own check of late routes.
    app.route_table.add(Route("GET", "/cached", dict, cors=True, cache_control="max-age=5"))
    assert chain.newly_needed(app) == ["cors", "cache_control"]


def test_newly_needed_is_empty_when_the_stage_is_live() -> None:
    app = APIGatewayRestResolver(cors=CORSConfig())
    app.get("/")(dict)
    app.build()
    app.route_table.add(Route("GET", "/open", dict, cors=True))
    assert app.pipeline.chain.newly_needed(app) == []


# -- StageRef -------------------------------------------------------------------------------------------
def test_stage_ref_loads_its_stage_under_its_name() -> None:
    ref = StageRef("gzip", "apiway.stages.compression:CompressionStage", None, (6,))
    assert repr(ref) == "<StageRef 'gzip' -> apiway.stages.compression:CompressionStage>"
    assert ref.enabled(APIGatewayRestResolver())  # no predicate: always
    stage = ref.load()
    assert (type(stage).__name__, stage.name, stage.level) == ("CompressionStage", "gzip", 6)  # type: ignore[attr-defined]


def test_stage_ref_asks_its_predicate() -> None:
    asked: list[Any] = []
    ref = StageRef("maybe", "apiway.stages.binary:BinaryStage", lambda app: asked.append(app) or False)
    app = APIGatewayRestResolver()
    assert not ref.enabled(app)
    assert asked == [app]


def test_chain_load_replaces_the_ref_with_its_stage_once() -> None:
    chain = Chain(default_stages(None, []))
    index = [entry.name for entry in chain.entries].index("binary")
    stage = chain.load(index)
    assert chain.entries[index] is stage
    assert chain.load(index) is stage

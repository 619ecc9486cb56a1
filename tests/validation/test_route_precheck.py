"""Routes registered without their plan (``apiway.route_precheck``): what the precheck lets
wait for the first request always compiles, and such a route answers as a compiled one.

No ``from __future__ import annotations``: the precheck reads annotations as objects.
"""

# The typing forms (Optional, None | str) are what the precheck tells apart.
# ruff: noqa: UP007, UP045, RUF036

import dataclasses
import json
import math
from typing import Annotated, Any, ClassVar, Optional, Union

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apiway import APIGatewayRestResolver, Router
from apiway.openapi.params import Body, Header, Path, Query
from apiway.route_precheck import plainly_valid
from apiway.validation import AnnotationError
from apiway.validation.plan import route_plan


@dataclasses.dataclass
class Plain:
    title: str
    done: bool
    rank: int
    tags: list[str]
    note: str | None = None
    score: Optional[float] = 1.5


@dataclasses.dataclass
class Factory:
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Nested:
    inner: Plain


@dataclasses.dataclass
class WithClassVar:
    kind: ClassVar[str] = "x"
    name: str = "a"


@dataclasses.dataclass
class WrongDefault:
    count: int = "many"  # type: ignore[assignment]


@dataclasses.dataclass
class NotInit:
    name: str
    slug: str = dataclasses.field(init=False, default="")


@dataclasses.dataclass
class Unsupported:
    when: complex


@dataclasses.dataclass
class Reversed:
    note: None | str = None


class NotADataclass:
    name: str


SCALARS = (int, float, str, bool)
OPTIONALS = (Optional[int], float | None, Optional[str], bool | None, Union[str, None], None | int)
MODELS = (Plain, Factory, Nested, WithClassVar, WrongDefault, NotInit, Unsupported, Reversed, NotADataclass)
VALUES = st.one_of(
    st.integers(-5, 5),
    st.floats(-5, 5),
    st.sampled_from([math.nan, math.inf, True, False, None, "", "ab", "abcdef", [], 1.5]),
)
CONSTRAINT_NAMES = ["gt", "ge", "lt", "le", "min_length", "max_length", "pattern", "multiple_of", "alias"]
OTHER_TYPES = (list[int], dict[str, int], Optional[int], int | None, None, bytes, complex, Any)


FITTING = {int: ["gt", "ge", "lt", "le"], float: ["gt", "ge", "lt", "le"], str: ["min_length", "max_length"]}
BOUNDS = st.one_of(st.integers(-3, 8), st.floats(-3, 8), st.sampled_from([math.nan, "^a", "x", True, None]))


@st.composite
def annotations(draw: st.DrawFn, careful: bool) -> Any:
    """A parameter annotation, most often of the shapes the precheck accepts (a scalar, a
    ``Path``/``Query`` over one with constraints of its kind, a model), else (unless
    ``careful``) anything."""
    shapes = ["scalar", "scalar", "optional", "marker", "marker", "marker"] + (
        [] if careful else ["model", "other"]
    )
    shape = draw(st.sampled_from(shapes))
    if shape == "scalar":
        return draw(st.sampled_from(SCALARS))
    if shape == "optional":
        return draw(st.sampled_from(OPTIONALS))
    if shape == "model":
        return draw(st.sampled_from(MODELS))
    if shape == "other":
        return draw(st.sampled_from(OTHER_TYPES))
    marker = draw(st.sampled_from([Path, Query] if careful else [Path, Query, Header, Body]))
    base = draw(st.sampled_from((*SCALARS, *OPTIONALS) if careful else (*SCALARS, *OPTIONALS, list[int])))
    inner = base if base in SCALARS else base.__args__[0]
    if inner in FITTING and (careful or draw(st.booleans())):
        given = draw(st.dictionaries(st.sampled_from(FITTING[inner]), st.integers(-3, 8), max_size=2))
    else:
        given = draw(st.dictionaries(st.sampled_from(CONSTRAINT_NAMES), BOUNDS, max_size=3))
    try:
        made = marker(**given)
    except (TypeError, ValueError):
        made = marker()  # a marker refusing its own settings is tested with the markers
    return Annotated[base, made]


def default_for(draw: st.DrawFn, hint: Any) -> Any:
    """A default, most often of the parameter's own type."""
    base = getattr(hint, "__origin__", hint) if hasattr(hint, "__metadata__") else hint
    if base in OPTIONALS:
        if draw(st.booleans()):
            return None
        base = next(arg for arg in base.__args__ if arg is not type(None))
    if base in SCALARS and draw(st.integers(0, 3)):
        strategy = {int: st.integers(-3, 8), float: st.floats(-3, 8), str: st.text("ab", max_size=9)}
        return draw(strategy.get(base, st.booleans()))
    return draw(VALUES)


def handler(names: list[str], hints: dict[str, Any], defaults: tuple[Any, ...], returns: Any) -> Any:
    """A plain function taking ``names`` (the last ones with ``defaults``)."""
    source = f"def handler({', '.join(names)}):\n    return None\n"
    space: dict[str, Any] = {}
    exec(source, space)  # the test's own generated source
    func = space["handler"]
    func.__defaults__ = defaults or None
    func.__annotations__ = dict(hints)
    if returns is not NO_RETURN:
        func.__annotations__["return"] = returns
    return func


NO_RETURN = object()


@st.composite
def routes(draw: st.DrawFn) -> tuple[str, Any, dict[str, Any] | None]:
    careful = draw(st.booleans())  # half the routes made of what the precheck accepts
    names = draw(st.lists(st.sampled_from(["a", "b", "c", "d"]), unique=True, max_size=4))
    hints = {name: draw(annotations(careful)) for name in names if careful or draw(st.integers(0, 9))}
    if careful and names and draw(st.booleans()):
        hints[names[0]] = draw(st.sampled_from([Plain, Reversed, Plain]))
    count = draw(st.integers(0, len(names)))
    defaults = tuple(default_for(draw, hints.get(name)) for name in names[len(names) - count :])
    if careful:  # the Path() parameters and some bare scalars
        marked = [name for name in names if type(getattr(hints[name], "__metadata__", ((),))[0]) is Path]
        bare = [name for name in names if hints[name] in SCALARS]
        rule_names = marked + draw(
            st.lists(st.sampled_from(bare), unique=True, max_size=2) if bare else st.just([])
        )
    else:
        rule_names = draw(st.lists(st.sampled_from([*names, "e"]), unique=True, max_size=2))
    rule = "/items" + "".join(f"/<{name}>" for name in rule_names)
    returns = draw(
        st.sampled_from([NO_RETURN, NO_RETURN, int, Plain, list[Plain], Nested, None, dict[str, int]])
    )
    options = draw(
        st.sampled_from([None, None, {"summary": "s"}, {"responses": {200: {"description": "ok"}}}])
    )
    return rule, handler(names, hints, defaults, returns), options


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routes())
def test_what_waits_for_its_first_request_always_compiles(drawn: tuple[str, Any, Any]) -> None:
    rule, func, options = drawn
    app = APIGatewayRestResolver(enable_validation=True)
    try:
        app.route(rule, method="POST", **(options or {}))(func)
    except AnnotationError:
        return  # compiled at registration, and refused there
    route = app.routes[0]
    if route.plan is None:
        assert plainly_valid(route)
        route_plan(app, route)  # raises if the precheck let through a route that cannot compile


def search(
    q: str | None = None,
    page: Optional[int] = None,
    size: Annotated[int | None, Query(ge=1, le=100)] = None,
    sort: Annotated[Optional[str], Query(max_length=10)] = "name",
) -> dict:  # type: ignore[type-arg]
    """Optional query scalars in every spelling (a route that waits for its first request)."""
    return {"q": q, "page": page, "size": size, "sort": sort}


def make(rule: str, func: Any) -> Any:
    app = APIGatewayRestResolver(enable_validation=True)
    app.post(rule)(func)
    return app.routes[0]


def test_the_usual_typed_routes_wait() -> None:
    def create(
        list_id: Annotated[int, Path(ge=1)],
        entry: Plain,
        position: Annotated[int, Query(ge=0, le=1000)] = 0,
        name: Annotated[str, Query(min_length=1, max_length=8)] = "all",
        ratio: Annotated[float, Query(gt=0.5)] = 1.0,
        verbose: bool = False,
    ) -> list[Plain]:
        return [entry]

    def bare(todo_id: int) -> Plain:  # type: ignore[empty-body]
        ...

    def nothing():  # type: ignore[no-untyped-def]
        return {}

    assert make("/lists/<list_id>", create).plan is None
    assert make("/todos/<todo_id>", bare).plan is None
    assert make("/nothing", nothing).plan is None
    route = make("/search", search)
    assert route.plan is None


@pytest.mark.parametrize(
    "source",
    [
        "def h(q: Annotated[int, Query(ge=1)] = 0): ...",  # a default breaking its bound
        "def h(q: Annotated[str, Query(max_length=2)] = 'abc'): ...",
        "def h(q: Annotated[str, Query(pattern='^a')] = 'a'): ...",  # patterns are compiled now
        "def h(q: Annotated[int, Query(alias='Q')]): ...",
        "def h(q: Annotated[list[int], Query()]): ...",
        "def h(q: Annotated[int, Header()]): ...",
        "def h(q: int = 'x'): ...",
        "def h(q: float = 1): ...",
        "def h(item_id: Annotated[int, Query()]): ...",  # a rule name marked as a query
        "def h(other: int): ...",  # the rule's item_id is not a parameter
        "def h(item_id: int, body: Factory): ...",
        "def h(item_id: int, body: Nested): ...",
        "def h(item_id: int, body: WithClassVar): ...",
        "def h(item_id: int, body: NotInit): ...",
        "def h(item_id: int, body: Reversed): ...",
        "def h(item_id: int, a: Plain, b: Plain): ...",
        "def h(item_id: int, *args: int): ...",
        "def h(item_id: int, *, q: int): ...",
        "def h(item_id: int, /): ...",
        "def h(item_id): ...",
        "def h(item_id: int) -> None: ...",
        "def h(item_id: 'int'): ...",  # written as text: evaluating it is most of a compile
        "def h(item_id: int) -> dict[str, int]: ...",
        "async def h(item_id: int): ...",
        "def h(item_id: int):\n    yield 1",
    ],
)
def test_anything_else_is_compiled_at_registration(source: str) -> None:
    space: dict[str, Any] = {**globals()}
    exec(source, space)  # the test's own source
    app = APIGatewayRestResolver(enable_validation=True)
    try:
        app.post("/items/<item_id>")(space["h"])
    except AnnotationError:
        return  # refused where it is written
    route = app.routes[0]
    assert route.plan is not None
    assert not plainly_valid(route)


def test_a_handler_in_a_wrapper_is_compiled_at_registration() -> None:
    import functools

    def inner(item_id: int) -> int:
        return item_id

    @functools.wraps(inner)
    def outer(*args: Any, **kwargs: Any) -> Any:
        return inner(*args, **kwargs)

    assert make("/items/<item_id>", outer).plan is not None


def test_options_other_than_the_documents_compile_at_registration() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.post(
        "/items", responses={200: {"description": "ok", "content": {"application/json": {"model": Plain}}}}
    )
    def create(entry: Plain) -> Plain:
        return entry

    @app.post("/notes", summary="Notes", tags=["notes"])
    def note(entry: Plain) -> Plain:
        return entry

    assert app.routes[0].plan is not None
    assert app.routes[1].plan is None


def event(path: str, body: Any, **query: str) -> dict[str, Any]:
    return {
        "httpMethod": "POST",
        "path": path,
        "headers": {"Content-Type": "application/json"},
        "queryStringParameters": query or None,
        "body": json.dumps(body),
        "requestContext": {},
    }


def waiting_and_compiled(define: Any) -> tuple[Any, Any]:
    """Two apps with the route ``define`` registers: one where it waits for its first
    request, one where it was compiled at once."""
    waiting, compiled = (
        APIGatewayRestResolver(enable_validation=True),
        APIGatewayRestResolver(enable_validation=True),
    )
    define(waiting)
    define(compiled)
    assert waiting.routes[0].plan is None
    compiled.routes[0].plan = route_plan(compiled, compiled.routes[0])
    return waiting, compiled


def test_a_waiting_route_answers_as_a_compiled_one() -> None:
    def define(app: Any) -> None:
        @app.post("/lists/<list_id>")
        def create(
            list_id: Annotated[int, Path(ge=1)],
            entry: Plain,
            position: Annotated[int, Query(ge=0, le=10)] = 0,
        ) -> Plain:
            entry.rank = list_id * 100 + position
            return entry

    waiting, compiled = waiting_and_compiled(define)
    good = {"title": "a", "done": "true", "rank": "3", "tags": ["x"]}
    cases = [
        event("/lists/2", good, position="4"),
        event("/lists/0", good, position="40"),
        event("/lists/x", {"title": 1}),
        event("/lists/2", "not an object"),
        event("/lists/2", good),
    ]
    for case in cases:
        assert waiting.resolve(case, None) == compiled.resolve(case, None)


def test_optional_query_parameters_answer_as_compiled_ones() -> None:
    def define(app: Any) -> None:
        app.post("/search")(search)

    waiting, compiled = waiting_and_compiled(define)
    cases = [
        {},
        {"q": "a", "page": "2", "size": "100"},
        {"page": "x", "size": "0", "sort": "a" * 11},
        {"size": ""},
    ]
    for query in cases:
        case = event("/search", {}, **query)
        assert waiting.resolve(case, None) == compiled.resolve(case, None)
    assert json.loads(waiting.resolve(event("/search", {}, page="2"), None)["body"]) == {
        "q": None,
        "page": 2,
        "size": None,
        "sort": "name",
    }


def test_the_document_compiles_a_waiting_route() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.post("/items")
    def create(entry: Plain) -> Plain:
        return entry

    assert app.routes[0].plan is None
    schema = app.get_openapi_schema()
    assert app.routes[0].plan is not None
    assert "Plain" in schema.components.schemas  # type: ignore[union-attr,operator]
    answered = app.resolve(event("/items", {"title": "a", "done": True, "rank": 1, "tags": []}), None)
    assert answered["statusCode"] == 200


def test_a_waiting_route_inside_route_middlewares_is_called_through_its_plan() -> None:
    seen: list[str] = []

    def middleware(app: Any, next_middleware: Any) -> Any:
        seen.append(app.current_event.path)
        return next_middleware(app)

    router = Router()

    @router.post("/items", middlewares=[middleware], enable_validation=True)
    def create(entry: Plain) -> Plain:
        return entry

    app = APIGatewayRestResolver()
    app.include_router(router)
    assert app.routes[0].plan is None
    assert app.resolve(event("/items", {"title": 1}), None)["statusCode"] == 422
    assert (
        app.resolve(event("/items", {"title": "a", "done": 1, "rank": 1, "tags": []}), None)["statusCode"]
        == 200
    )
    assert seen == ["/items", "/items"]

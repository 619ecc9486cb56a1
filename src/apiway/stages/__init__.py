"""Stages: what a stage is, the chain that links them, and the built-in ones.

Every stage, built-in or user-written, has one method: ``handle(request, call_next)``. It may
act on the request, call ``call_next(request)`` to get the response of the stages inside it,
act on that response, and return it (or answer by itself without calling ``call_next``). A
resolver's :class:`Chain` holds its stages and links them once, before the first request;
editing the chain (``app.pipeline``) lives in :mod:`apiway.pipeline`, loaded only when an app
touches it.

Built-in stages, one per module. The default chain, outermost first:

============== ======================================================================
``debug``       logs each request and response, secrets redacted (debug mode only)
``prefix``      strips ``strip_prefixes`` from the routing path (only when configured)
``binary``      base64-encodes bytes bodies on the way out
``compression`` gzips bodies of routes or responses that ask for it, if the client accepts
``cors``        answers preflights; adds CORS headers to responses, errors included
``cache_control`` sets ``Cache-Control`` from the route (``no-cache`` on errors)
``serialization`` turns JSON bodies into text
``exceptions``  turns exceptions into responses
``router``      matches the route and runs its chain: middlewares, then the handler
============== ======================================================================

Why this order: on the way out a body is serialized, then compressed, then base64-encoded,
each step needing the previous one's output. Error responses made by ``exceptions`` must
still be serialized and get CORS and cache headers, so those stages sit outside it.
``prefix`` runs before anything that looks the path up (``cors`` preflights, ``router``),
and ``debug`` is outermost so it sees the request and the final response.

Stages that have nothing to do for an app (no ``strip_prefixes``, no CORS anywhere, no
``cache_control`` route, debug off) are left out when the chain is built: each stage's
``enabled(app)`` says so, and :meth:`Chain.plan` asks it, for building, for
``app.describe()`` and for routes registered after the first request.

Stages or middlewares? A stage is app-wide and sees every answer, the 404, 405, preflights
and mapped errors included. A middleware (``fn(app, next_middleware)``, see
:mod:`apiway.middlewares`) runs once the router has chosen what answers the request; its
errors reach the exception handlers. The router links a route's middlewares with the same
:func:`link` as the stages, so a request flows one way through both.

What a stage may read of the resolver it is set up with (``setup(app)``), all read-only:
``app.route_table``, ``app.middlewares``, ``app.exception_handler_for(cls)``,
``app.exception_handlers``, ``app.source``, ``app.json_body_deserializer``, ``app.cors``,
``app.strip_prefixes``, ``app.debug``, ``app.propagate_exceptions`` and ``app.routes``.
"""

from apiway import lazy_attributes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from re import Pattern
    from typing import Any

    from apiway.registry import Route
    from apiway.request import Request
    from apiway.resolvers import BaseResolver
    from apiway.response import Response

    CallNext = Callable[[Request], Response]

#: The name of the stage that must close every chain.
INNERMOST = "router"


class Stage:
    """A named step of the pipeline. Subclasses override :meth:`handle`."""

    #: The stage's name in the chain; unique within one pipeline.
    name = "stage"

    def handle(self, request: "Request", call_next: "CallNext") -> "Response":
        """Process ``request``; call ``call_next(request)`` for the inner stages' response."""
        return call_next(request)

    def enabled(self, app: "BaseResolver") -> bool:
        """False leaves the stage out of the built chain (it then costs nothing per request).

        Asked before :meth:`setup`, whenever the chain is planned (building it, describing
        it, registering a route after the first request): decide from ``app`` alone.
        """
        return True

    def setup(self, app: "BaseResolver") -> None:
        """Called once when the chain is built (or described), with the resolver that owns it."""

    def applies_to(self, route: "Route") -> bool:
        """Whether the stage does anything for ``route`` (for introspection only)."""
        return True

    def describe(self) -> "dict[str, Any]":
        """The stage's configuration, for ``app.describe()``."""
        return {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class StageRef:
    """A built-in stage whose module is imported only when the chain keeps it.

    perf: an app that never uses CORS, say, never imports the CORS stage. ``predicate`` is the
    function the stage class's own ``enabled`` answers with (None: always enabled), so the
    plan can leave the stage out without loading it.
    """

    __slots__ = ("args", "name", "predicate", "target")

    def __init__(
        self,
        name: str,
        target: str,
        predicate: "Callable[[BaseResolver], bool] | None" = None,
        args: "tuple[Any, ...]" = (),
    ):
        self.name = name
        self.target = target
        self.predicate = predicate
        self.args = args

    def enabled(self, app: "BaseResolver") -> bool:
        """What the stage's ``enabled(app)`` would answer, without loading it."""
        return self.predicate is None or self.predicate(app)

    def load(self) -> "Stage":
        """Import the stage's module and create the stage."""
        module_name, _, class_name = self.target.partition(":")
        module = __import__(module_name, fromlist=[class_name])
        stage: Stage = getattr(module, class_name)(*self.args)
        stage.name = self.name
        return stage

    def __repr__(self) -> str:
        return f"<StageRef {self.name!r} -> {self.target}>"


def link(stage: "Stage", call_next: "CallNext") -> "CallNext":
    """Bind a stage to the stage inside it, once, at build time.

    perf: when ``handle`` is a plain method ``(self, request, call_next)``, the link is a copy
    of that function with ``call_next`` bound as its default and ``self`` bound as a method:
    calling it runs the stage's own frame and nothing else. Any other callable gets a small
    closure instead.
    """
    handle = stage.handle
    func = getattr(handle, "__func__", None)
    code = getattr(func, "__code__", None)
    if (
        code is not None
        and getattr(handle, "__self__", None) is stage
        and code.co_argcount == 3
        and not code.co_kwonlyargcount
        and not code.co_flags & 0x0C  # no *args / **kwargs
        and not func.__defaults__  # type: ignore[union-attr]
    ):
        # types.FunctionType and types.MethodType, without importing `types`.
        function_type: Any = type(func)
        method_type: Any = type(handle)
        bound = function_type(code, func.__globals__, func.__name__, (call_next,), func.__closure__)  # type: ignore[union-attr]
        bound.__qualname__ = func.__qualname__  # type: ignore[union-attr]
        return method_type(bound, stage)  # type: ignore[no-any-return]

    def call(request: "Request") -> "Response":
        return handle(request, call_next)

    call.__qualname__ = f"{stage.name}.handle"
    return call


def chain_error(message: str) -> Exception:
    """A :class:`~apiway.exceptions.PipelineError` (its module loads only when one is raised)."""
    from apiway.exceptions import PipelineError

    return PipelineError(message)


def _terminal(request: "Request") -> "Response":
    raise chain_error("the router stage called call_next(); it is the innermost stage")


class Chain:
    """The stage chain of one resolver, and its only owner.

    ``entries`` are the stages in order, outermost first (built-in ones still
    :class:`StageRef` until the chain keeps them); once built, ``live`` are the stages the
    chain kept and ``entry`` is the callable requests go in by. ``app.pipeline`` lists and
    edits it; the resolver builds it on the first request.
    """

    __slots__ = ("entries", "entry", "live")

    def __init__(self, entries: "list[Stage | StageRef]"):
        self.entries = entries
        self.live: list[Stage] | None = None
        self.entry: CallNext | None = None

    def plan(self, app: "BaseResolver") -> "list[tuple[Stage | StageRef, bool]]":
        """A dry run: each entry, and whether the built chain keeps it (the innermost always).
        Nothing is loaded or set up."""
        last = len(self.entries) - 1
        return [(entry, index == last or entry.enabled(app)) for index, entry in enumerate(self.entries)]

    def load(self, index: int) -> "Stage":
        """The stage at ``index``, importing it first if it is still a :class:`StageRef`."""
        entry = self.entries[index]
        if isinstance(entry, StageRef):
            entry = self.entries[index] = entry.load()
        return entry

    def planned_stages(self, app: "BaseResolver") -> "tuple[list[Stage], list[str]]":
        """The stages the plan keeps (loaded and set up) and the names of those it leaves out."""
        kept: list[Stage] = []
        left_out: list[str] = []
        for index, (entry, keep) in enumerate(self.plan(app)):
            if keep:
                stage = self.load(index)
                stage.setup(app)
                kept.append(stage)
            else:
                left_out.append(entry.name)
        return kept, left_out

    def build(self, app: "BaseResolver") -> "CallNext":
        """Fold the stages ``app`` needs around the router, once; later calls return the same
        entry point."""
        if self.entry is None:
            if not self.entries or self.entries[-1].name != INNERMOST:
                raise chain_error(f"the chain must end with the {INNERMOST!r} stage")
            live, _ = self.planned_stages(app)
            entry: CallNext = _terminal
            for stage in reversed(live):
                entry = link(stage, entry)
            self.live, self.entry = live, entry
        return self.entry

    def names(self) -> "list[str]":
        """Stage names in order, outermost first (the live chain once built)."""
        return [entry.name for entry in (self.live if self.live is not None else self.entries)]

    def newly_needed(self, app: "BaseResolver") -> "list[str]":
        """Once built: names of stages left out that the plan would now keep (a route
        registered after the first request that needs, say, CORS)."""
        if self.live is None:
            return []
        live = {id(stage) for stage in self.live}
        return [entry.name for entry, keep in self.plan(app) if keep and id(entry) not in live]


# perf: stage classes are reached through this table, not imported here, so that building a
# chain imports only the stage modules it keeps.
_CLASSES = {
    "BinaryStage": "apiway.stages.binary",
    "CacheControlStage": "apiway.stages.cache_control",
    "CompressionStage": "apiway.stages.compression",
    "CorsStage": "apiway.stages.cors",
    "DebugStage": "apiway.stages.debug",
    "ExceptionStage": "apiway.stages.exceptions",
    "PrefixStage": "apiway.stages.prefix",
    "RouterStage": "apiway.stages.router",
    "SerializationStage": "apiway.stages.serialization",
}

__all__ = [
    "BinaryStage",
    "CacheControlStage",
    "Chain",
    "CompressionStage",
    "CorsStage",
    "DebugStage",
    "ExceptionStage",
    "PrefixStage",
    "RouterStage",
    "SerializationStage",
    "Stage",
    "StageRef",
    "default_stages",
    "link",
]


__getattr__, __dir__ = lazy_attributes(__name__, _CLASSES, __all__)


# When each optional built-in stage has work to do: its class's ``enabled`` answers with the
# same function, and so does its StageRef before it is loaded.
def debug_needed(app: "BaseResolver") -> bool:
    return app.debug


def prefix_needed(app: "BaseResolver") -> bool:
    return bool(app.strip_prefixes)


def cors_needed(app: "BaseResolver") -> bool:
    return app.cors is not None or app.debug or any(route.cors for route in app.routes)


def cache_control_needed(app: "BaseResolver") -> bool:
    return any(route.cache_control for route in app.routes)


def default_stages(
    serializer: "Callable[[Any], str] | None", strip_prefixes: "list[str | Pattern[str]]"
) -> "list[Stage | StageRef]":
    """A fresh default chain (stages load when the chain is built and keeps them)."""
    chain: list[Stage | StageRef] = [
        StageRef("debug", "apiway.stages.debug:DebugStage", debug_needed),
        StageRef("prefix", "apiway.stages.prefix:PrefixStage", prefix_needed, (strip_prefixes,)),
        StageRef("binary", "apiway.stages.binary:BinaryStage"),
        StageRef("compression", "apiway.stages.compression:CompressionStage"),
        StageRef("cors", "apiway.stages.cors:CorsStage", cors_needed),
        StageRef("cache_control", "apiway.stages.cache_control:CacheControlStage", cache_control_needed),
        StageRef("serialization", "apiway.stages.serialization:SerializationStage", None, (serializer,)),
        StageRef("exceptions", "apiway.stages.exceptions:ExceptionStage"),
        StageRef("router", "apiway.stages.router:RouterStage"),
    ]
    if strip_prefixes:
        chain[1] = chain[1].load()  # type: ignore[union-attr]  # refuse bad prefixes right away
    return chain

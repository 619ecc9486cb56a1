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
``validation``  answers 422/415 for requests typed routes refuse (apps with typed routes only)
``router``      matches the route and runs its chain: middlewares, then the handler
============== ======================================================================

Why this order: on the way out a body is serialized, then compressed, then base64-encoded,
each step needing the previous one's output. Error responses made by ``exceptions`` must
still be serialized and get CORS and cache headers, so those stages sit outside it.
``validation`` sits inside ``exceptions`` so that an exception handler the app registers for
``RequestValidationError`` (or any error it lets through) still gets its turn; the router
calls each validated route through the call the validation stage set up on it.
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
``app.strip_prefixes``, ``app.debug``, ``app.propagate_exceptions``, ``app.enable_validation``,
``app.response_validation_error_http_code``, ``app.dependency_overrides`` and ``app.routes``.
A stage may set ``route.invoke`` (what the router calls instead of the handler).
"""

from apiway import lazy_attributes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from re import Pattern
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.response import Response

    CallNext = Callable[[PipelineRequest], Response]

#: The name of the stage that must close every chain.
INNERMOST = "router"


class Stage:
    """A named step of the pipeline. Subclasses override :meth:`handle`."""

    #: The stage's name in the chain; unique within one pipeline.
    name = "stage"

    def handle(self, request: "PipelineRequest", call_next: "CallNext") -> "Response":
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

    def route_added(self, route: "Route") -> None:
        """Called, once the chain is built, for each route registered after that."""

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

    def call(request: "PipelineRequest") -> "Response":
        return handle(request, call_next)

    call.__qualname__ = f"{stage.name}.handle"
    return call


def chain_error(message: str) -> Exception:
    """A :class:`~apiway.exceptions.PipelineError` (its module loads only when one is raised)."""
    from apiway.exceptions import PipelineError

    return PipelineError(message)


def _terminal(request: "PipelineRequest") -> "Response":
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

    def route_added(self, route: "Route") -> None:
        """Once built: tell the live stages about a route registered after the build."""
        for stage in self.live or ():
            added = getattr(stage, "route_added", None)
            if added is not None:
                added(route)


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
    "ValidationStage": "apiway.stages.validation",
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
    "ValidationStage",
    "default_stages",
    "link",
    "takes_injections",
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


def validation_needed(app: "BaseResolver") -> bool:
    """Whether a route needs its plan: validation is on for it (the resolver's or its own
    ``enable_validation``), or its handler takes ``Depends(...)`` or the ``Request``."""
    if app.enable_validation:
        return True
    request, depends = _injection_marks()
    injections = request is not None or depends is not None
    for route in app.routes:
        options = route.options
        if options is not None and options.get("enable_validation"):
            return True
        if injections and _injects(route.func, request, depends):
            return True
    return False


def takes_injections(func: "Any") -> bool:
    """Whether a handler may take a ``Depends(...)`` or the ``Request`` (filled in for it,
    validation on or off). Cheap, and imports nothing: neither can be used before its module
    is loaded (``apiway.depends``, ``apiway.request_view``), and ``Request`` is recognised by
    identity. A string annotation naming either counts (the validation stage then reads the
    handler exactly)."""
    return _injects(func, *_injection_marks())


def _injection_marks() -> "tuple[type | None, type | None]":
    """The ``Request`` and ``Depends`` classes, each None while its module is not loaded."""
    import sys

    view = sys.modules.get("apiway.request_view")
    depends = sys.modules.get("apiway.depends")
    return (view.Request if view is not None else None), (depends.Depends if depends is not None else None)


def _injects(func: "Any", request: "type | None", depends: "type | None") -> bool:
    # perf: asked for every route when the chain is planned; a handler without annotations
    # costs two attribute reads.
    attributes = getattr(func, "__dict__", None)
    while attributes and "__wrapped__" in attributes:
        func = attributes["__wrapped__"]
        attributes = getattr(func, "__dict__", None)
    if type(func).__name__ == "method":
        func = func.__func__  # a bound method: its function has the annotations
    annotations = getattr(func, "__annotations__", None)
    if annotations:
        for name, annotation in annotations.items():
            if name == "return":
                continue
            if annotation is request and request is not None:
                return True
            if type(annotation) is str:
                words = annotation.replace("[", " ").replace("]", " ").replace(",", " ").replace("(", " ")
                names = {word.rpartition(".")[2] for word in words.replace("|", " ").split()}
                if (request is not None and "Request" in names) or (
                    depends is not None and "Depends" in names
                ):
                    return True
                continue
            for part in (*getattr(annotation, "__args__", ()), *getattr(annotation, "__metadata__", ())):
                if (part is request and request is not None) or (
                    depends is not None and isinstance(part, depends)
                ):
                    return True
                if depends is not None and any(
                    isinstance(item, depends) for item in getattr(part, "__metadata__", ())
                ):
                    return True  # Optional[Annotated[T, Depends(f)]]
    if depends is not None:
        defaults = getattr(func, "__defaults__", None) or ()
        keyword_defaults = getattr(func, "__kwdefaults__", None)
        if keyword_defaults:
            defaults = (*defaults, *keyword_defaults.values())
        return any(isinstance(value, depends) for value in defaults)
    return False


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
        StageRef("validation", "apiway.stages.validation:ValidationStage", validation_needed),
        StageRef("router", "apiway.stages.router:RouterStage"),
    ]
    if strip_prefixes:
        chain[1] = chain[1].load()  # type: ignore[union-attr]  # refuse bad prefixes right away
    return chain

"""Stages: what a stage is, the chain that links them, and the built-in ones.

A stage is written with hooks (``before``, ``after``, ``error``; see :class:`Stage`) or with
its own ``handle(request, call_next)``. A resolver's :class:`Chain` holds its stages and
links them once, before the first request (``link`` for a stage with ``handle``,
``link_hooks`` for a run of stages with hooks); editing the chain (``app.pipeline``) lives in
:mod:`apiway.pipeline`, loaded only when an app touches it.

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
``app.describe()`` and for routes registered after the first request. ``binary``,
``compression`` and ``exceptions`` are kept, but as :class:`Deferred` stand-ins until their
first work (a bytes body, a response asking for gzip, an exception).

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
from apiway.registry import is_async
from apiway.response import Response

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from re import Pattern
    from typing import Any

    from apiway.injections import takes_injections as takes_injections
    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver

    CallNext = Callable[[PipelineRequest], Response]
    Before = Callable[[PipelineRequest], Response | None]
    After = Callable[[PipelineRequest, Response], Response]
    OnError = Callable[[PipelineRequest, Exception], Response]
    Hooks = tuple[Before | None, After | None, OnError | None]

#: The name of the stage that must close every chain.
INNERMOST = "router"


class Stage:
    """A named step of the pipeline.

    Write a stage one of two ways. With **hooks**, the form that also runs on the async path
    (``resolve_async``) without a thread: ``before(request)`` runs on the way in and may
    answer by itself (return a Response) or let the request go on (return None);
    ``after(request, response)`` runs on the way out and returns the response; ``error(request,
    error)`` answers an exception from the stages inside it. Or with **handle**:
    ``handle(request, call_next)``, which calls ``call_next(request)`` for the inner stages'
    response (on the async path a plain ``handle`` runs in a worker thread, unless it is
    ``async def`` and awaits ``call_next``).
    """

    #: The stage's name in the chain; unique within one pipeline.
    name = "stage"
    #: The request methods its ``before`` hook has work for (None: every request); for
    #: others the chain does not call it. perf: a set look-up instead of a call.
    before_methods: "frozenset[str] | None" = None

    def before(self, request: "PipelineRequest") -> "Response | None":
        """On the way in: a Response answers the request here, None lets it go on."""
        return None

    def after(self, request: "PipelineRequest", response: "Response") -> "Response":
        """On the way out: act on the inner stages' response and return it."""
        return response

    def error(self, request: "PipelineRequest", error: Exception) -> "Response":
        """An exception from the stages inside: answer it, or raise."""
        raise error

    def handle(self, request: "PipelineRequest", call_next: "CallNext") -> "Response":
        """Process ``request``; call ``call_next(request)`` for the inner stages' response.
        (Unless a stage overrides it, this runs its hooks around ``call_next``.)"""
        return link_hooks([self], call_next)(request)

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


def hooks_of(stage: "Stage") -> "Hooks | None":
    """``(before, after, error)`` (each None when not overridden) for a stage written with
    hooks; None for one that writes its own ``handle`` (or a stage-like object)."""
    kind = type(stage)
    if not isinstance(stage, Stage) or kind.handle is not Stage.handle or "handle" in vars(stage):
        return None
    before = stage.before if kind.before is not Stage.before else None
    after = stage.after if kind.after is not Stage.after else None
    error = stage.error if kind.error is not Stage.error else None
    return before, after, error


class StageRef:
    """A built-in stage whose module is imported only when the chain keeps it.

    perf: an app that never uses CORS, say, never imports the CORS stage. ``predicate`` is the
    function the stage class's own ``enabled`` answers with (None: always enabled), so the
    plan can leave the stage out without loading it.
    """

    __slots__ = ("args", "deferred", "name", "predicate", "target")

    def __init__(
        self,
        name: str,
        target: str,
        predicate: "Callable[[BaseResolver], bool] | None" = None,
        args: "tuple[Any, ...]" = (),
        deferred: "type[Deferred] | None" = None,
    ):
        self.name = name
        self.target = target
        self.predicate = predicate
        self.args = args
        #: The stand-in a built chain holds until the stage first has work (None: load it
        #: when the chain is built).
        self.deferred = deferred

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


class Deferred(Stage):
    """Stands in a built chain for a built-in stage until that stage first has work: then its
    module loads, the stage is set up and takes this one's place in the chain's lists.

    perf: most requests give no bytes body, ask for no gzip and raise nothing, so a plain app
    never imports the binary, compression and exception stages. Each subclass's hook repeats
    the first test of the stage it stands for, and hands the call over when that test passes.
    """

    def __init__(self, chain: "Chain", ref: "StageRef", app: "BaseResolver"):
        self.name = ref.name
        self._chain, self._ref, self._app = chain, ref, app
        self._stage: Stage | None = None

    def loaded(self) -> "Stage":
        """The stage itself, loaded and set up on the first call. (Two threads may both load
        it on their first requests; each then uses its own copy, set up the same way.)"""
        stage = self._stage
        if stage is None:
            stage = self._ref.load()
            stage.setup(self._app)
            self._stage = stage
            self._chain.swap(self, stage)
        return stage

    def applies_to(self, route: "Route") -> bool:
        return self.loaded().applies_to(route)

    def describe(self) -> "dict[str, Any]":
        return self.loaded().describe()


class DeferredBinary(Deferred):
    """The binary stage until a body is not text."""

    def after(self, request: "PipelineRequest", response: "Response") -> "Response":
        if type(response.body) is str:
            return response
        return self.loaded().after(request, response)


def gzip_wanted(request: "PipelineRequest", response: "Response") -> bool:
    """Whether ``response`` is to be compressed: its own ``compress``, else its route's."""
    wanted = response.compress
    if wanted is None:
        route = request.route
        return route is not None and bool(route.compress)
    return bool(wanted)


class DeferredCompression(Deferred):
    """The compression stage until a response or its route asks for gzip."""

    def after(self, request: "PipelineRequest", response: "Response") -> "Response":
        if not gzip_wanted(request, response):
            return response
        return self.loaded().after(request, response)


class DeferredErrors(Deferred):
    """The exception stage until the first exception."""

    def error(self, request: "PipelineRequest", error: Exception) -> "Response":
        return self.loaded().error(request, error)


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


def segments(stages: "list[Stage]") -> "list[list[Stage]]":
    """The stages cut into what is linked as one: each stage written with ``handle`` alone,
    and runs of stages written with hooks. A run has at most one ``before`` hook (a second
    one starts a new run), and a stage with an ``error`` hook ends it (the hook guards only
    what is inside the run)."""
    cut: list[list[Stage]] = []
    run: list[Stage] = []
    has_before = False
    for stage in stages:
        hooks = hooks_of(stage)
        if hooks is None or (hooks[0] is not None and has_before):
            if run:
                cut.append(run)
                run, has_before = [], False
            if hooks is None:
                cut.append([stage])
                continue
        run.append(stage)
        has_before = has_before or hooks[0] is not None
        if hooks[2] is not None:
            cut.append(run)
            run, has_before = [], False
    if run:
        cut.append(run)
    return cut


def link_hooks(run: "list[Stage]", call_next: "CallNext") -> "CallNext":
    """One link for a run of stages written with hooks (see :func:`segments`), outermost
    first: the run's ``before`` hook, if any (an answer from it skips what is inside it,
    while the ``after`` hooks of the stages outside it still run), then ``call_next``
    (guarded by the last stage's ``error`` hook, if any), then the ``after`` hooks, innermost
    first: what nesting each stage's ``handle`` would do. perf: one frame for the run plus one
    per hook called; the runs of the default chain (three or four ``after`` hooks around the
    exception stage's ``error`` hook) get them written out, not looped over."""
    hooks: list[Hooks] = [hooks_of(stage) for stage in run]  # type: ignore[misc]
    at = next((i for i, (before, _, _) in enumerate(hooks) if before is not None), None)
    before = _synchronous(hooks[at][0]) if at is not None else None
    methods = run[at].before_methods if at is not None else None
    outside = (
        tuple(_synchronous(after) for _, after, _ in reversed(hooks[:at]) if after is not None) if at else ()
    )
    error = hooks[-1][2]
    if error is not None:
        error = _settling(error)
    afters = fused_afters(
        tuple(_synchronous(after) for _, after, _ in reversed(hooks) if after is not None)
    )  # innermost first
    linked: CallNext
    if before is None and error is not None and len(afters) in (2, 3):
        linked = _guarded(call_next, error, *afters)
    elif error is not None and len(afters) in (3, 4):
        from apiway.hook_runs import guarded  # perf: only apps with CORS or cache_control

        linked = guarded(call_next, error, before, methods, outside, *afters)
    else:
        linked = _looped(call_next, error, before, methods, outside, afters)
    linked.__qualname__ = "+".join(stage.name for stage in run)
    return linked


def _settling(hook: "Callable[..., Any]") -> "Callable[..., Any]":
    """``hook``, for the synchronous chain: an awaitable it gives (an ``async def``
    exception handler's answer, say) is run to completion."""

    def settled(*args: "Any") -> "Any":
        result = hook(*args)
        if result.__class__ is not Response and hasattr(type(result), "__await__"):
            from apiway.aio import run_sync

            result = run_sync(result, args[0])
        return result

    return settled


def _synchronous(hook: "Any") -> "Any":
    """``hook`` as the synchronous chain calls it: as it is, unless it is ``async def``."""
    return _settling(hook) if is_async(hook) else hook


def has_async_parts(stage: "Stage") -> bool:
    """Whether ``stage`` has an ``async def`` hook or ``handle``."""
    hooks = hooks_of(stage)
    if hooks is None:
        return is_async(stage.handle)
    return any(hook is not None and is_async(hook) for hook in hooks)


def fused_afters(afters: "tuple[After, ...]") -> "tuple[After, ...]":
    """``afters`` with the compression and binary stand-ins' hooks, when they come last and in
    that order (as the default chain has them), made into one hook. perf: one call instead of
    two on every request, until either stage loads."""
    if len(afters) < 2:
        return afters
    compression, binary = (getattr(after, "__self__", None) for after in afters[-2:])
    if type(compression) is not DeferredCompression or type(binary) is not DeferredBinary:
        return afters
    return (*afters[:-2], _unloaded_body_stages(compression, binary))


def _unloaded_body_stages(compression: "DeferredCompression", binary: "DeferredBinary") -> "After":
    """The ``after`` hooks of the compression stand-in, then the binary one, as one function
    that repeats their first tests (they hand the call to the stage once it has work)."""

    def after(request: "PipelineRequest", response: "Response") -> "Response":
        # gzip_wanted, inline: this runs on every request of a default chain (perf)
        wanted = response.compress
        if wanted is None:
            route = request.route
            wanted = route is not None and route.compress
        if wanted:
            response = compression.after(request, response)
        if type(response.body) is str:
            return response
        return binary.after(request, response)

    after.__qualname__ = "compression+binary.after"
    return after


def _guarded(
    call_next: "CallNext", error: "OnError", a0: "After", a1: "After", a2: "After | None" = None
) -> "CallNext":
    """A run of two or three ``after`` hooks around an ``error`` hook: the default chain's
    (serialization's hook, then the one of the compression and binary stand-ins), or a chain
    with one hook stage more (``cache_control``), or a default chain linked again once those
    stages have loaded."""

    def run(request: "PipelineRequest") -> "Response":
        try:
            response = call_next(request)
        except Exception as raised:  # noqa: BLE001 - what the error hook is for
            response = error(request, raised)
        response = a1(request, a0(request, response))
        return response if a2 is None else a2(request, response)

    return run


def answered(request: "PipelineRequest", answer: "Response", outside: "tuple[After, ...]") -> "Response":
    """A ``before`` hook's answer, through the ``after`` hooks of the stages outside it."""
    for after in outside:
        answer = after(request, answer)
    return answer


def _looped(
    call_next: "CallNext",
    error: "OnError | None",
    before: "Before | None",
    methods: "frozenset[str] | None",
    outside: "tuple[After, ...]",
    afters: "tuple[After, ...]",
) -> "CallNext":
    """A run with any number of ``after`` hooks (innermost first)."""

    def run(request: "PipelineRequest") -> "Response":
        if before is not None and (methods is None or request.method in methods):
            answer = before(request)
            if answer is not None:
                return answered(request, answer, outside)
        if error is None:
            response = call_next(request)
        else:
            try:
                response = call_next(request)
            except Exception as raised:  # noqa: BLE001 - what the error hook is for
                response = error(request, raised)
        for after in afters:
            response = after(request, response)
        return response

    return run


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

    __slots__ = ("entries", "entry", "entry_async", "live")

    def __init__(self, entries: "list[Stage | StageRef]"):
        self.entries = entries
        self.live: list[Stage] | None = None
        self.entry: CallNext | None = None
        #: The same live stages linked for ``resolve_async`` (see :mod:`apiway.aio`), once used.
        self.entry_async: Callable[[PipelineRequest], Any] | None = None

    def plan(self, app: "BaseResolver") -> "list[tuple[Stage | StageRef, bool]]":
        """A dry run: each entry, and whether the built chain keeps it (the innermost always).
        Nothing is loaded or set up."""
        last = len(self.entries) - 1
        return [(entry, index == last or entry.enabled(app)) for index, entry in enumerate(self.entries)]

    def load(self, index: int) -> "Stage":
        """The stage at ``index``, importing it first if it is still a :class:`StageRef` (or
        a :class:`Deferred` stand-in)."""
        entry = self.entries[index]
        if isinstance(entry, StageRef):
            entry = self.entries[index] = entry.load()
        elif isinstance(entry, Deferred):
            entry = entry.loaded()
        return entry

    def planned_stages(self, app: "BaseResolver", defer: bool = False) -> "tuple[list[Stage], list[str]]":
        """The stages the plan keeps (loaded and set up) and the names of those it leaves out.
        ``defer``: built-in stages that can wait for their first work are kept as stand-ins."""
        kept: list[Stage] = []
        left_out: list[str] = []
        for index, (entry, keep) in enumerate(self.plan(app)):
            if keep:
                if defer and isinstance(entry, StageRef) and entry.deferred is not None:
                    stage: Stage = entry.deferred(self, entry, app)
                    self.entries[index] = stage
                else:
                    stage = self.load(index)
                    stage.setup(app)
                kept.append(stage)
            else:
                left_out.append(entry.name)
        return kept, left_out

    def swap(self, old: "Stage", new: "Stage") -> None:
        """Put ``new`` where ``old`` is, in the entries and the live stages (a stand-in's
        stage, once loaded)."""
        for stages in (self.entries, self.live):
            if stages is not None:
                for index, stage in enumerate(stages):
                    if stage is old:
                        stages[index] = new

    def build(self, app: "BaseResolver") -> "CallNext":
        """Fold the stages ``app`` needs around the router, once; later calls return the same
        entry point."""
        if self.entry is None:
            if not self.entries or self.entries[-1].name != INNERMOST:
                raise chain_error(f"the chain must end with the {INNERMOST!r} stage")
            live, _ = self.planned_stages(app, defer=True)
            if any(map(has_async_parts, live)):
                # A stage with async hooks or an async handle: resolve() runs the chain
                # resolve_async runs, to completion, on one loop (perf: only such chains
                # load apiway.aio).
                from apiway.aio.links import driven, stage_chain

                self.live = live
                self.entry_async = stage_chain(self, app)
                self.entry = driven(self.entry_async)
                return self.entry
            entry: CallNext = _terminal
            for run in reversed(segments(live)):
                entry = link_hooks(run, entry) if hooks_of(run[0]) is not None else link(run[0], entry)
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
    "takes_injections": "apiway.injections",
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
    request, depends = injection_marks()
    injects: Callable[[Any, type | None, type | None], bool] | None = None
    if request is not None or depends is not None:  # neither exists before its module loads
        from apiway.injections import injects
    for route in app.routes:
        options = route.options
        if options is not None and options.get("enable_validation"):
            return True
        if injects is not None and injects(route.func, request, depends):
            return True
    return False


def injection_marks() -> "tuple[type | None, type | None]":
    """The ``Request`` and ``Depends`` classes, each None while its module is not loaded."""
    import sys

    view = sys.modules.get("apiway.request_view")
    depends = sys.modules.get("apiway.depends")
    return (view.Request if view is not None else None), (depends.Depends if depends is not None else None)


def default_stages(
    serializer: "Callable[[Any], str] | None", strip_prefixes: "list[str | Pattern[str]]"
) -> "list[Stage | StageRef]":
    """A fresh default chain (stages load when the chain is built and keeps them)."""
    chain: list[Stage | StageRef] = [
        StageRef("debug", "apiway.stages.debug:DebugStage", debug_needed),
        StageRef("prefix", "apiway.stages.prefix:PrefixStage", prefix_needed, (strip_prefixes,)),
        StageRef("binary", "apiway.stages.binary:BinaryStage", deferred=DeferredBinary),
        StageRef("compression", "apiway.stages.compression:CompressionStage", deferred=DeferredCompression),
        StageRef("cors", "apiway.stages.cors:CorsStage", cors_needed),
        StageRef("cache_control", "apiway.stages.cache_control:CacheControlStage", cache_control_needed),
        StageRef("serialization", "apiway.stages.serialization:SerializationStage", None, (serializer,)),
        StageRef("exceptions", "apiway.stages.exceptions:ExceptionStage", deferred=DeferredErrors),
        StageRef("validation", "apiway.stages.validation:ValidationStage", validation_needed),
        StageRef("router", "apiway.stages.router:RouterStage"),
    ]
    if strip_prefixes:
        chain[1] = chain[1].load()  # type: ignore[union-attr]  # refuse bad prefixes right away
    return chain

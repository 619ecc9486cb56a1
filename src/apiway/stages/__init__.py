"""Stages: what a stage is, how stages are linked into the chain, and the built-in ones.

Every stage, built-in or user-written, has one method: ``handle(request, call_next)``. It may
act on the request, call ``call_next(request)`` to get the response of the stages inside it,
act on that response, and return it (or answer by itself without calling ``call_next``). The
resolver links its stages once, before the first request; editing the chain
(``app.pipeline``) lives in :mod:`apiway.pipeline`, loaded only when an app touches it.

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
``router``      matches the route and calls it (with its middlewares)
============== ======================================================================

Why this order: on the way out a body is serialized, then compressed, then base64-encoded,
each step needing the previous one's output. Error responses made by ``exceptions`` must
still be serialized and get CORS and cache headers, so those stages sit outside it.
``prefix`` runs before anything that looks the path up (``cors`` preflights, ``router``),
and ``debug`` is outermost so it sees the request and the final response.

Stages that have nothing to do for an app (no ``strip_prefixes``, no CORS anywhere, no
``cache_control`` route, debug off) are left out when the chain is built.
"""

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

    def setup(self, app: "BaseResolver") -> None:
        """Called once when the chain is built, with the resolver that owns it."""

    def enabled(self, app: "BaseResolver") -> bool:
        """False leaves the stage out of the built chain (it then costs nothing per request)."""
        return True

    def applies_to(self, route: "Route") -> bool:
        """Whether the stage does anything for ``route`` (for introspection only)."""
        return True

    def describe(self) -> "dict[str, Any]":
        """The stage's configuration, for ``app.describe()``."""
        return {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class StageRef:
    """A built-in stage whose module is imported only when the chain needs it.

    perf: an app that never uses CORS, say, never imports the CORS stage. ``needed`` (None
    means always) decides at build time, from the resolver, whether to load it at all.
    """

    __slots__ = ("args", "name", "needed", "target")

    def __init__(
        self,
        name: str,
        target: str,
        needed: "Callable[[BaseResolver], bool] | None" = None,
        args: "tuple[Any, ...]" = (),
    ):
        self.name = name
        self.target = target
        self.needed = needed
        self.args = args

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


def load_entry(entries: "list[Stage | StageRef]", index: int) -> "Stage":
    """The stage at ``index``, importing it first if it is still a :class:`StageRef`."""
    entry = entries[index]
    if isinstance(entry, StageRef):
        entry = entries[index] = entry.load()
    return entry


def build_chain(entries: "list[Stage | StageRef]", app: "BaseResolver") -> "tuple[list[Stage], CallNext]":
    """Fold the stages ``app`` needs around the router: (the live stages, the chain's entry)."""
    if not entries or entries[-1].name != INNERMOST:
        raise chain_error(f"the chain must end with the {INNERMOST!r} stage")
    live: list[Stage] = []
    last = len(entries) - 1
    for index, entry in enumerate(entries):
        if isinstance(entry, StageRef) and entry.needed is not None and not entry.needed(app):
            continue
        stage = load_entry(entries, index)
        stage.setup(app)
        if index == last or stage.enabled(app):
            live.append(stage)
    chain: CallNext = _terminal
    for stage in reversed(live):
        chain = link(stage, chain)
    return live, chain


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
    "CompressionStage",
    "CorsStage",
    "DebugStage",
    "ExceptionStage",
    "PrefixStage",
    "RouterStage",
    "SerializationStage",
    "Stage",
    "StageRef",
    "build_chain",
    "default_stages",
    "link",
]


def __getattr__(name: str) -> "Any":
    module = _CLASSES.get(name)
    if module is None:
        raise AttributeError(f"module 'apiway.stages' has no attribute {name!r}")
    return getattr(__import__(module, fromlist=[name]), name)


# When each optional stage has work to do; the stages' own enabled() use the same tests.
def needs_debug(app: "BaseResolver") -> bool:
    return app.debug


def needs_prefix(app: "BaseResolver") -> bool:
    return bool(app.strip_prefixes)


def needs_cors(app: "BaseResolver") -> bool:
    return app.cors is not None or app.debug or any(route.cors for route in app.routes)


def needs_cache_control(app: "BaseResolver") -> bool:
    return any(route.cache_control for route in app.routes)


def default_stages(
    app: "BaseResolver",
    serializer: "Callable[[Any], str] | None",
    strip_prefixes: "list[str | Pattern[str]] | None",
) -> "list[Stage | StageRef]":
    """A fresh default chain for ``app`` (stages load when the chain is built)."""
    chain: list[Stage | StageRef] = [
        StageRef("debug", "apiway.stages.debug:DebugStage", needs_debug),
        StageRef("prefix", "apiway.stages.prefix:PrefixStage", needs_prefix, (strip_prefixes,)),
        StageRef("binary", "apiway.stages.binary:BinaryStage"),
        StageRef("compression", "apiway.stages.compression:CompressionStage"),
        StageRef("cors", "apiway.stages.cors:CorsStage", needs_cors),
        StageRef("cache_control", "apiway.stages.cache_control:CacheControlStage", needs_cache_control),
        StageRef("serialization", "apiway.stages.serialization:SerializationStage", None, (serializer,)),
        StageRef("exceptions", "apiway.stages.exceptions:ExceptionStage"),
        StageRef("router", "apiway.stages.router:RouterStage"),
    ]
    if strip_prefixes:
        chain[1] = chain[1].load()  # type: ignore[union-attr]  # refuse bad prefixes right away
    return chain

"""The stage chain a request flows through.

Every stage, built-in or user-written, has one method: ``handle(request, call_next)``. It may
act on the request, call ``call_next(request)`` to get the response of the stages inside it,
act on that response, and return it (or answer by itself without calling ``call_next``).

The chain is an ordered list of named stages that the resolver folds into nested calls once,
before the first request; after that it can no longer be edited.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from apiway.registry import Route
    from apiway.request import Request
    from apiway.resolvers import BaseResolver
    from apiway.response import Response

    CallNext = Callable[[Request], Response]


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


class FunctionStage(Stage):
    """A stage made from a plain ``fn(request, call_next) -> Response``."""

    def __init__(self, name: str, func: "Callable[[Request, CallNext], Response]"):
        self.name = name
        self.func = func

    def handle(self, request: "Request", call_next: "CallNext") -> "Response":
        return self.func(request, call_next)

    def describe(self) -> "dict[str, Any]":
        return {"function": getattr(self.func, "__qualname__", repr(self.func))}


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


INNERMOST = "router"


def _error(message: str) -> Exception:
    from apiway.exceptions import PipelineError

    return PipelineError(message)


def _terminal(request: "Request") -> "Response":
    raise _error("the router stage called call_next(); it is the innermost stage")


class Pipeline:
    """The stage chain of one resolver: list it, edit it, then build it once."""

    def __init__(self, stages: "list[Stage | StageRef]"):
        self._stages: list[Stage | StageRef] = []
        for stage in stages:
            self._append(stage)
        self._built: list[Stage] | None = None
        self._entry: Callable[[Request], Response] | None = None

    # -- reading ----------------------------------------------------------------------------
    def names(self) -> "list[str]":
        """Stage names in order, outermost first (the live chain once built)."""
        entries = self._built if self._built is not None else self._stages
        return [entry.name for entry in entries]

    @property
    def stages(self) -> "list[Stage]":
        """The stages in order; once built, only those in the live chain."""
        if self._built is not None:
            return list(self._built)
        return [self._load(index) for index in range(len(self._stages))]

    @property
    def left_out(self) -> "list[str]":
        """Names of stages left out of the built chain (they had nothing to do for this app)."""
        if self._built is None:
            return []
        live = {stage.name for stage in self._built}
        return [entry.name for entry in self._stages if entry.name not in live]

    @property
    def built(self) -> bool:
        return self._entry is not None

    def __iter__(self) -> "Iterator[Stage]":
        return iter(self.stages)

    def __len__(self) -> int:
        return len(self.stages)

    def __contains__(self, name: object) -> bool:
        return any(stage.name == name for stage in self._stages)

    def __getitem__(self, name: str) -> "Stage":
        return self._load(self._index(name))

    def get(self, name: str) -> "Stage | None":
        """The stage called ``name``, or None."""
        for index, stage in enumerate(self._stages):
            if stage.name == name:
                return self._load(index)
        return None

    # -- editing ----------------------------------------------------------------------------
    def insert_before(
        self, name: str, stage: "Stage | Callable[..., Any]", *, as_name: "str | None" = None
    ) -> "Stage":
        """Insert ``stage`` just outside the stage called ``name``."""
        self._check_open()
        new = self._coerce(stage, as_name)
        self._stages.insert(self._index(name), new)
        return new

    def insert_after(
        self, name: str, stage: "Stage | Callable[..., Any]", *, as_name: "str | None" = None
    ) -> "Stage":
        """Insert ``stage`` just inside the stage called ``name``."""
        self._check_open()
        if name == INNERMOST:
            raise _error(f"nothing can run inside the {INNERMOST!r} stage; insert before it")
        new = self._coerce(stage, as_name)
        self._stages.insert(self._index(name) + 1, new)
        return new

    def replace(
        self, name: str, stage: "Stage | Callable[..., Any]", *, as_name: "str | None" = None
    ) -> "Stage":
        """Put ``stage`` in place of the stage called ``name``; it takes that name unless ``as_name``."""
        self._check_open()
        index = self._index(name)
        if index == len(self._stages) - 1 and as_name not in (None, INNERMOST):
            raise _error(f"the innermost stage must keep the name {INNERMOST!r}")
        new = self._coerce(stage, as_name or name, replacing=index)
        self._stages[index] = new
        return new

    def remove(self, name: str) -> "Stage":
        """Take the stage called ``name`` out of the chain."""
        self._check_open()
        if name == INNERMOST:
            raise _error(f"the {INNERMOST!r} stage cannot be removed (replace it instead)")
        index = self._index(name)
        stage = self._load(index)
        del self._stages[index]
        return stage

    # -- building ---------------------------------------------------------------------------
    def build(self, app: "BaseResolver") -> "Callable[[Request], Response]":
        """Fold the enabled stages around the router, once; later calls return the same chain."""
        if self._entry is not None:
            return self._entry
        if not self._stages or self._stages[-1].name != INNERMOST:
            raise _error(f"the chain must end with the {INNERMOST!r} stage")
        live: list[Stage] = []
        last = len(self._stages) - 1
        for index, entry_ in enumerate(self._stages):
            if isinstance(entry_, StageRef) and entry_.needed is not None and not entry_.needed(app):
                continue
            stage = self._load(index)
            stage.setup(app)
            if index == last or stage.enabled(app):
                live.append(stage)
        entry: Callable[[Request], Response] = _terminal
        for stage in reversed(live):
            entry = link(stage, entry)
        self._built = live
        self._entry = entry
        return entry

    def describe(self, route: "Route | None" = None) -> "list[dict[str, Any]]":
        """Each stage with its configuration; with ``route``, only the stages acting on it."""
        described = []
        for stage in self.stages:
            if route is not None and not stage.applies_to(route):
                continue
            described.append({"name": stage.name, "type": type(stage).__name__, "config": stage.describe()})
        return described

    # -- helpers ----------------------------------------------------------------------------
    def _append(self, stage: "Stage | StageRef") -> None:
        new = stage if isinstance(stage, StageRef) else self._coerce(stage, None)
        self._stages.append(new)

    def _load(self, index: int) -> "Stage":
        entry = self._stages[index]
        if isinstance(entry, StageRef):
            entry = self._stages[index] = entry.load()
        return entry

    def _coerce(
        self, stage: "Stage | Callable[..., Any]", as_name: "str | None", replacing: int = -1
    ) -> "Stage":
        if isinstance(stage, Stage):
            if as_name:
                stage.name = as_name
        elif callable(getattr(stage, "handle", None)):
            name = as_name or getattr(stage, "name", None) or type(stage).__name__
            stage = FunctionStage(str(name), stage.handle)  # type: ignore[attr-defined]
        elif callable(stage):
            stage = FunctionStage(str(as_name or getattr(stage, "__name__", "stage")), stage)
        else:
            raise _error(f"a stage must be a Stage or a callable(request, call_next), not {stage!r}")
        if not isinstance(stage.name, str) or not stage.name:
            raise _error(f"stage {stage!r} needs a non-empty name")
        for index, existing in enumerate(self._stages):
            if existing.name == stage.name and index != replacing:
                raise _error(f"a stage named {stage.name!r} is already in the chain; pass as_name=...")
        return stage

    def _index(self, name: str) -> int:
        for index, stage in enumerate(self._stages):
            if stage.name == name:
                return index
        valid = ", ".join(repr(stage.name) for stage in self._stages)
        raise _error(f"no stage named {name!r}; the chain has: {valid}")

    def _check_open(self) -> None:
        if self._entry is not None:
            raise _error(
                "the chain is already built (it is built before the first request); "
                "edit it right after creating the resolver"
            )

    def __repr__(self) -> str:
        return f"<Pipeline {' -> '.join(self.names())}{' (built)' if self.built else ''}>"

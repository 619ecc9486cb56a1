"""The editable view of a resolver's stage chain: ``app.pipeline``.

List, insert, replace and remove stages by name, then the resolver builds the chain once,
before the first request; after that it can no longer be edited. A :class:`Pipeline` holds no
state of its own: it reads and edits the resolver's :class:`~apiway.stages.Chain`. (perf:
this module loads only when an app touches ``app.pipeline``.)
"""

from apiway.registry import is_async
from apiway.stages import INNERMOST, Chain, Deferred, Stage, StageRef, chain_error, link

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.response import Response
    from apiway.stages import CallNext

__all__ = ["INNERMOST", "AsyncFunctionStage", "FunctionStage", "Pipeline", "Stage", "StageRef", "link"]


class FunctionStage(Stage):
    """A stage made from a plain ``fn(request, call_next) -> Response``."""

    def __init__(self, name: str, func: "Callable[[PipelineRequest, CallNext], Response]"):
        self.name = name
        self.func = func

    def handle(self, request: "PipelineRequest", call_next: "CallNext") -> "Response":
        return self.func(request, call_next)

    def describe(self) -> "dict[str, Any]":
        return {"function": getattr(self.func, "__qualname__", repr(self.func))}


class AsyncFunctionStage(FunctionStage):
    """A stage made from an ``async def fn(request, call_next)``, which awaits
    ``call_next(request)``: awaited on ``resolve_async``, run to completion on ``resolve``."""

    async def handle(self, request: "PipelineRequest", call_next: "Any") -> "Response":  # type: ignore[override]
        return await self.func(request, call_next)  # type: ignore[no-any-return, misc]


def function_stage(name: str, func: "Callable[..., Any]") -> "FunctionStage":
    """The stage made from ``func``: async when calling it gives an awaitable."""
    return AsyncFunctionStage(name, func) if is_async(func) else FunctionStage(name, func)


class Pipeline:
    """The stage chain of one resolver: list it, edit it, then build it once."""

    def __init__(self, stages: "Chain | list[Stage | StageRef]"):
        if isinstance(stages, Chain):
            self._chain = stages
        else:
            self._chain = Chain([])
            for stage in stages:
                self._append(stage)

    @property
    def chain(self) -> "Chain":
        """The chain this view reads and edits."""
        return self._chain

    # -- reading ----------------------------------------------------------------------------
    def names(self) -> "list[str]":
        """Stage names in order, outermost first (the live chain once built)."""
        return self._chain.names()

    @property
    def stages(self) -> "list[Stage]":
        """The stages in order; once built, only those in the live chain."""
        live = self._chain.live
        if live is not None:
            for stage in list(live):
                if isinstance(stage, Deferred):
                    stage.loaded()  # the stage itself, not its stand-in
            return list(live)
        return [self._chain.load(index) for index in range(len(self._chain.entries))]

    @property
    def left_out(self) -> "list[str]":
        """Names of stages left out of the built chain (they had nothing to do for this app)."""
        live = self._chain.live
        if live is None:
            return []
        kept = {id(stage) for stage in live}
        return [entry.name for entry in self._chain.entries if id(entry) not in kept]

    @property
    def built(self) -> bool:
        return self._chain.entry is not None

    def __iter__(self) -> "Iterator[Stage]":
        return iter(self.stages)

    def __len__(self) -> int:
        return len(self.stages)

    def __contains__(self, name: object) -> bool:
        return any(stage.name == name for stage in self._chain.entries)

    def __getitem__(self, name: str) -> "Stage":
        return self._chain.load(self._index(name))

    def get(self, name: str) -> "Stage | None":
        """The stage called ``name``, or None."""
        for index, stage in enumerate(self._chain.entries):
            if stage.name == name:
                return self._chain.load(index)
        return None

    # -- editing ----------------------------------------------------------------------------
    def insert_before(
        self, name: str, stage: "Stage | Callable[..., Any]", *, as_name: "str | None" = None
    ) -> "Stage":
        """Insert ``stage`` just outside the stage called ``name``."""
        self._check_open()
        new = self._coerce(stage, as_name)
        self._chain.entries.insert(self._index(name), new)
        return new

    def insert_after(
        self, name: str, stage: "Stage | Callable[..., Any]", *, as_name: "str | None" = None
    ) -> "Stage":
        """Insert ``stage`` just inside the stage called ``name``."""
        self._check_open()
        if name == INNERMOST:
            raise chain_error(f"nothing can run inside the {INNERMOST!r} stage; insert before it")
        new = self._coerce(stage, as_name)
        self._chain.entries.insert(self._index(name) + 1, new)
        return new

    def replace(
        self, name: str, stage: "Stage | Callable[..., Any]", *, as_name: "str | None" = None
    ) -> "Stage":
        """Put ``stage`` in place of the stage called ``name``; it takes that name unless ``as_name``."""
        self._check_open()
        index = self._index(name)
        if index == len(self._chain.entries) - 1 and as_name not in (None, INNERMOST):
            raise chain_error(f"the innermost stage must keep the name {INNERMOST!r}")
        new = self._coerce(stage, as_name or name, replacing=index)
        self._chain.entries[index] = new
        return new

    def remove(self, name: str) -> "Stage":
        """Take the stage called ``name`` out of the chain."""
        self._check_open()
        if name == INNERMOST:
            raise chain_error(f"the {INNERMOST!r} stage cannot be removed (replace it instead)")
        index = self._index(name)
        stage = self._chain.load(index)
        del self._chain.entries[index]
        return stage

    # -- building ---------------------------------------------------------------------------
    def build(self, app: "BaseResolver") -> "Callable[[PipelineRequest], Response]":
        """Fold the enabled stages around the router, once; later calls return the same chain."""
        return self._chain.build(app)

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
        self._chain.entries.append(new)

    def _coerce(
        self, stage: "Stage | Callable[..., Any]", as_name: "str | None", replacing: int = -1
    ) -> "Stage":
        if isinstance(stage, Stage):
            if as_name:
                stage.name = as_name
        elif callable(getattr(stage, "handle", None)):
            name = as_name or getattr(stage, "name", None) or type(stage).__name__
            stage = function_stage(str(name), stage.handle)  # type: ignore[attr-defined]
        elif callable(stage):
            stage = function_stage(str(as_name or getattr(stage, "__name__", "stage")), stage)
        else:
            raise chain_error(f"a stage must be a Stage or a callable(request, call_next), not {stage!r}")
        if not isinstance(stage.name, str) or not stage.name:
            raise chain_error(f"stage {stage!r} needs a non-empty name")
        for index, existing in enumerate(self._chain.entries):
            if existing.name == stage.name and index != replacing:
                raise chain_error(f"a stage named {stage.name!r} is already in the chain; pass as_name=...")
        return stage

    def _index(self, name: str) -> int:
        for index, stage in enumerate(self._chain.entries):
            if stage.name == name:
                return index
        valid = ", ".join(repr(stage.name) for stage in self._chain.entries)
        raise chain_error(f"no stage named {name!r}; the chain has: {valid}")

    def _check_open(self) -> None:
        if self._chain.entry is not None:
            raise chain_error(
                "the chain is already built (it is built before the first request); "
                "edit it right after creating the resolver"
            )

    def __repr__(self) -> str:
        return f"<Pipeline {' -> '.join(self.names())}{' (built)' if self.built else ''}>"


def check_late_route(app: "BaseResolver", route: "Route") -> None:
    """A route registered after the chain was built must not need a stage it left out: refuse
    it (taking it out again), or tell the live stages about it."""
    chain = app.pipeline.chain
    missing = chain.newly_needed(app)
    if missing:
        app.route_table.remove(route)
        from apiway.exceptions import RouteError

        raise RouteError(
            f"route {route.method} {route.rule} needs the {', '.join(map(repr, missing))} stage, "
            "which was left out when the chain was built; register it before the first request"
        )
    chain.route_added(route)

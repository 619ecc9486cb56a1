"""The stage base class and the adapter for plain functions."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from apiway.request import Request
    from apiway.resolver import BaseResolver
    from apiway.response import Response
    from apiway.route import Route

    CallNext = Callable[[Request], Response]


class Stage:
    """A named step of the pipeline. Subclasses override :meth:`handle`."""

    #: The stage's name in the chain; unique within one pipeline.
    name = "stage"

    def handle(self, request: Request, call_next: CallNext) -> Response:
        """Process ``request``; call ``call_next(request)`` for the inner stages' response."""
        return call_next(request)

    def setup(self, app: BaseResolver) -> None:
        """Called once when the chain is built, with the resolver that owns it."""

    def enabled(self, app: BaseResolver) -> bool:
        """False leaves the stage out of the built chain (it then costs nothing per request)."""
        return True

    def applies_to(self, route: Route) -> bool:
        """Whether the stage does anything for ``route`` (for introspection only)."""
        return True

    def describe(self) -> dict[str, Any]:
        """The stage's configuration, for ``app.describe()``."""
        return {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class FunctionStage(Stage):
    """A stage made from a plain ``fn(request, call_next) -> Response``."""

    def __init__(self, name: str, func: Callable[[Request, CallNext], Response]):
        self.name = name
        self.func = func

    def handle(self, request: Request, call_next: CallNext) -> Response:
        return self.func(request, call_next)

    def describe(self) -> dict[str, Any]:
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
        needed: Callable[[BaseResolver], bool] | None = None,
        args: tuple[Any, ...] = (),
    ):
        self.name = name
        self.target = target
        self.needed = needed
        self.args = args

    def load(self) -> Stage:
        """Import the stage's module and create the stage."""
        module_name, _, class_name = self.target.partition(":")
        module = __import__(module_name, fromlist=[class_name])
        stage: Stage = getattr(module, class_name)(*self.args)
        stage.name = self.name
        return stage

    def __repr__(self) -> str:
        return f"<StageRef {self.name!r} -> {self.target}>"


def link(stage: Stage, call_next: CallNext) -> CallNext:
    """Bind a stage to the stage inside it, once, at build time."""
    handle = stage.handle

    def call(request: Request) -> Response:
        return handle(request, call_next)

    call.__qualname__ = f"{stage.name}.handle"
    return call

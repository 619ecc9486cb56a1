"""A route's chain: its middlewares linked around the handler call, as stages are linked.

A Powertools-style middleware (``fn(app, next_middleware) -> Response``) becomes a
:class:`MiddlewareStage`, linked by :func:`apiway.stages.link`, the function that links the
stage chain; so a request flows through stages and middlewares the same way. The router
stage composes one chain per route (and per answer of its own: 404, 405, ...), once, and
caches it.
"""

from apiway.response import Response, to_response
from apiway.stages import Stage, link

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.stages import CallNext


#: Where ``next_middleware(app, **kwargs)`` leaves its keyword arguments for the next middleware.
_KWARGS = "apiway.middleware_kwargs"


class NextLink:
    """``next_middleware`` as a middleware receives it: calling it (with the app) runs the
    rest of the route's chain for the request being handled."""

    __slots__ = ("call_next", "request", "stage")

    def __init__(self, call_next: "CallNext", request: "PipelineRequest", stage: "MiddlewareStage"):
        self.call_next = call_next
        self.request = request
        self.stage = stage

    @property
    def __name__(self) -> str:
        """The name of what comes next: a middleware, or the handler."""
        return self.stage.next_name

    def __call__(self, app: "Any", **kwargs: "Any") -> "Response":
        if kwargs:  # handed to the next middleware as keyword arguments
            self.request.state[_KWARGS] = kwargs
        return self.call_next(self.request)

    def __str__(self) -> str:
        here = self.stage.middleware_name
        return f"[{here}] next call chain is {here} -> {self.stage.next_name}"


def middleware_name(middleware: "Any") -> str:
    """A middleware's name: its ``__name__``, else its class's."""
    return str(getattr(middleware, "__name__", None) or type(middleware).__name__)


class MiddlewareStage(Stage):
    """One middleware as a link of a route's chain (``next_name`` names the link inside it)."""

    def __init__(self, middleware: "Callable[..., Any]", app: "Any", next_name: str):
        self.middleware = middleware
        self.app = app
        self.next_name = next_name
        self.middleware_name = middleware_name(middleware)
        self.name = f"middleware:{self.middleware_name}"

    def handle(self, request: "PipelineRequest", call_next: "CallNext") -> "Response":
        state = request._state  # perf: not request.state, which would create the dict
        kwargs = state.pop(_KWARGS, None) if state else None
        if kwargs:
            result = self.middleware(self.app, NextLink(call_next, request, self), **kwargs)
        else:
            result = self.middleware(self.app, NextLink(call_next, request, self))
        return result if isinstance(result, Response) else to_response(result)


def compose(
    app: "Any", middlewares: "Sequence[Callable[..., Any]]", innermost: "CallNext", innermost_name: str
) -> "CallNext":
    """``innermost`` (a callable of the request) nested in ``middlewares``, first outermost."""
    chain = innermost
    name = innermost_name
    for middleware in reversed(middlewares):
        stage = MiddlewareStage(middleware, app, name)
        chain = link(stage, chain)
        name = stage.middleware_name
    return chain

"""Route middleware: ``fn(app, next_middleware) -> Response`` around route handlers."""

from abc import ABC, abstractmethod

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

    from apiway.resolvers import BaseResolver
    from apiway.response import Response

    class NextMiddleware(Protocol):
        """The rest of the middleware chain: call it with the app to get the response."""

        __name__: str

        def __call__(self, app: "BaseResolver", **kwargs: "Any") -> "Response": ...

else:
    # perf: a plain class at run time keeps `typing` off the import path; type checkers see
    # the Protocol above.
    class NextMiddleware:
        """The rest of the middleware chain: call it with the app to get the response."""


class BaseMiddlewareHandler(ABC):
    """Base class for class-based middleware: implement :meth:`handler`."""

    @abstractmethod
    def handler(self, app: "Any", next_middleware: "NextMiddleware") -> "Response":
        """Run code around ``next_middleware(app)`` and return the response."""
        raise NotImplementedError

    @property
    def __name__(self) -> str:
        return type(self).__name__  # type: ignore[return-value]  # the class's name, via type

    def __call__(self, app: "Any", next_middleware: "NextMiddleware", **kwargs: "Any") -> "Response":
        return self.handler(app, next_middleware)

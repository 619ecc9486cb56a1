"""Route middleware: ``fn(app, next_middleware) -> Response`` around route handlers."""

from abc import ABC, abstractmethod

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Generic, Protocol

    from typing_extensions import TypeVar

    from apiway.resolvers import BaseResolver
    from apiway.response import Response

    #: The resolver a middleware is written for (``BaseMiddlewareHandler[APIGatewayRestResolver]``).
    AppT = TypeVar("AppT", default=Any)

    class GenericApp(Generic[AppT]):
        """Type checkers see ``BaseMiddlewareHandler`` as generic in the resolver it serves."""

    class NextMiddleware(Protocol):
        """The rest of the middleware chain: call it with the app to get the response."""

        __name__: str

        def __call__(self, app: "BaseResolver", **kwargs: "Any") -> "Response": ...

else:
    # perf: plain classes at run time keep `typing` off the import path; type checkers see
    # the Protocol and the generic base above.
    class NextMiddleware:
        """The rest of the middleware chain: call it with the app to get the response."""

    class GenericApp:
        """Lets ``BaseMiddlewareHandler[APIGatewayRestResolver]`` be written at run time."""

        __slots__ = ()
        __class_getitem__ = classmethod(type(list[int]))  # types.GenericAlias


class BaseMiddlewareHandler(ABC, GenericApp["AppT"]):
    """Base class for class-based middleware: implement :meth:`handler`."""

    @abstractmethod
    def handler(self, app: "AppT", next_middleware: "NextMiddleware") -> "Response":
        """Run code around ``next_middleware(app)`` and return the response."""
        raise NotImplementedError

    @property
    def __name__(self) -> str:
        return type(self).__name__  # type: ignore[return-value]  # the class's name, via type

    def __call__(self, app: "AppT", next_middleware: "NextMiddleware", **kwargs: "Any") -> "Response":
        return self.handler(app, next_middleware)

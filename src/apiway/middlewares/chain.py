"""Composition of a route's middleware chain, done once per route."""

from apiway.response import Response, to_response

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class MiddlewareFrame:
    """One middleware bound to the rest of the chain."""

    __slots__ = ("current", "next")

    def __init__(self, current: "Callable[..., Any]", next_middleware: "Callable[..., Any]"):
        self.current = current
        self.next = next_middleware

    @property
    def __name__(self) -> str:
        return getattr(self.current, "__name__", type(self.current).__name__)

    def __call__(self, app: "Any", **kwargs: "Any") -> "Response":
        result = self.current(app, self.next, **kwargs)
        return result if isinstance(result, Response) else to_response(result)

    def __str__(self) -> str:
        return (
            f"[{self.__name__}] next call chain is {self.__name__} -> {getattr(self.next, '__name__', '?')}"
        )


def compose(
    middlewares: "list[Callable[..., Any]]", innermost: "Callable[..., Response]"
) -> "Callable[..., Response]":
    """Nest ``middlewares`` (first = outermost) around ``innermost``."""
    chain = innermost
    for middleware in reversed(middlewares):
        chain = MiddlewareFrame(middleware, chain)
    return chain

"""A registered route: one method, one rule, one handler and its options."""

from __future__ import annotations

from apiway.routing.rules import ParsedRule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class Route:
    """One ``method rule -> func`` binding with its per-route options."""

    __slots__ = (
        "cache_control",
        "chain",
        "compress",
        "cors",
        "func",
        "method",
        "middlewares",
        "parsed",
        "rule",
        "status_code",
    )

    def __init__(
        self,
        method: str,
        rule: str,
        func: Callable[..., Any],
        cors: bool | None = None,
        compress: bool = False,
        cache_control: str | None = None,
        middlewares: list[Callable[..., Any]] | None = None,
        status_code: int = 200,
    ):
        self.method = method.upper()
        self.parsed = ParsedRule(rule)
        self.rule = self.parsed.rule
        self.func = func
        self.cors = cors
        self.compress = compress
        self.cache_control = cache_control
        self.middlewares = list(middlewares or [])
        self.status_code = status_code
        # The composed middleware chain; built by the router stage on first use.
        self.chain: Callable[..., Any] | None = None

    @property
    def name(self) -> str:
        return getattr(self.func, "__name__", repr(self.func))

    def __repr__(self) -> str:
        return f"<Route {self.method} {self.rule} -> {self.name}>"

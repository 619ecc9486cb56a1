"""``Depends``: a handler parameter whose value is the result of calling another function.

Only the declaration lives here; routes resolve their dependencies when validation is on.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class DependencyResolutionError(Exception):
    """A dependency is declared wrongly or cannot be resolved."""


class Depends:
    """Declares that a parameter's value comes from calling ``dependency`` (once per request if cached)."""

    __slots__ = ("dependency", "use_cache")

    def __init__(self, dependency: "Callable[..., Any]", *, use_cache: bool = True) -> None:
        if not callable(dependency):
            raise DependencyResolutionError(
                f"Depends() needs a callable (a function or class), got {type(dependency).__name__}: "
                f"{dependency!r}"
            )
        if not isinstance(use_cache, bool):
            raise TypeError(f"Depends(use_cache=...) must be True or False, not {use_cache!r}")
        self.dependency = dependency
        self.use_cache = use_cache

    def __repr__(self) -> str:
        name = getattr(self.dependency, "__qualname__", None) or repr(self.dependency)
        cache = "" if self.use_cache else ", use_cache=False"
        return f"Depends({name}{cache})"

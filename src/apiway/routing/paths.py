"""Request paths: split into segments and percent-decoded exactly once."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

_unquote: Callable[[str], str] | None = None


def unquote(segment: str) -> str:
    """Percent-decode one path segment (``+`` stays a plus sign)."""
    global _unquote
    if _unquote is None:
        # perf: urllib.parse is only needed for paths that carry a '%'.
        from urllib.parse import unquote as _impl

        _unquote = _impl
    return _unquote(segment)


def split_path(path: str, decoded: bool) -> tuple[list[str], bool] | None:
    """Split a request path into segments; decode each one unless the platform already did.

    Returns ``(segments, trailing_slash)``, or None for a path that does not start with '/'.
    Splitting happens before decoding, so ``%2F`` inside a segment never splits it.
    """
    if not path.startswith("/"):
        return None
    segments = path.split("/")
    del segments[0]
    trailing = False
    if segments and not segments[-1]:
        segments.pop()
        trailing = True
    if not decoded and "%" in path:
        segments = [unquote(segment) if "%" in segment else segment for segment in segments]
    return segments, trailing

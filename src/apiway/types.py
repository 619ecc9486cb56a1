"""Type names for annotations (``NextMiddlewareCallback`` is the next-middleware callable)."""

from apiway.middlewares.base import NextMiddleware

NextMiddlewareCallback = NextMiddleware

__all__ = ["NextMiddleware", "NextMiddlewareCallback"]

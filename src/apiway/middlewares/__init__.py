"""Route middleware in the ``fn(app, next_middleware) -> Response`` style.

Register globally with ``app.use(middlewares=[...])`` or per route with
``@app.get(..., middlewares=[...])``. Global middlewares run first, in registration order,
then the route's own, then the handler. They run inside the router stage, after a route
(or the not-found handler) has been chosen.
"""

from apiway.middlewares.base import BaseMiddlewareHandler, NextMiddleware

__all__ = ["BaseMiddlewareHandler", "NextMiddleware"]

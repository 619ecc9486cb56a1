"""Route middleware in the ``fn(app, next_middleware) -> Response`` style.

Register globally with ``app.use(middlewares=[...])`` or per route with
``@app.get(..., middlewares=[...])``. Global middlewares run first, in registration order,
then the route's own, then the handler; ``BaseMiddlewareHandler`` is the class-based form.

Stage or middleware? A middleware runs once the router has chosen what answers the request
(a route, or the router's own 404, 405, ``OPTIONS``, preflight and refused-path answers, which
run through the global middlewares), with the resolver in hand, and the errors it raises reach
the exception handlers. A stage (:mod:`apiway.stages`) is app-wide and sees every answer,
those the exception stage makes of errors included. The router links a route's middlewares
with the same ``apiway.stages.link`` as the stages (see :mod:`apiway.middlewares.chain`).
"""

from apiway.middlewares.base import BaseMiddlewareHandler, NextMiddleware

__all__ = ["BaseMiddlewareHandler", "NextMiddleware"]

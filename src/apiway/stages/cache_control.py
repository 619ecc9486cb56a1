"""The cache-control stage: ``cache_control=`` on a route sets ``Cache-Control``."""

from apiway.headers import find_header
from apiway.stages import Stage, cache_control_needed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.response import Response


class CacheControlStage(Stage):
    """Successful (2xx) responses of a route with ``cache_control`` carry it; its error
    responses carry ``no-cache``, so a cache never keeps an error. A ``Cache-Control`` the
    handler set itself is left alone."""

    name = "cache_control"

    def enabled(self, app: "BaseResolver") -> bool:
        return cache_control_needed(app)

    def applies_to(self, route: "Route") -> bool:
        return bool(route.cache_control)

    def after(self, request: "PipelineRequest", response: "Response") -> "Response":
        route = request.route
        if route is None or not route.cache_control:
            return response
        headers = response.headers
        if find_header(headers, "Cache-Control") is None:
            ok = 200 <= int(response.status_code) < 300
            headers["Cache-Control"] = route.cache_control if ok else "no-cache"
        return response

    def describe(self) -> "dict[str, Any]":
        return {"on_error": "no-cache"}

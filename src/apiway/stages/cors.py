"""The CORS stage: preflights answered here, CORS headers on every response of CORS routes."""

from apiway.cors import CORSConfig
from apiway.headers import add_vary, merge_headers
from apiway.response import Response
from apiway.stages import Stage, cors_needed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.routing import RouteTable


_CACHE_LIMIT = 256
#: Marks an OPTIONS request with an Origin but no Access-Control-Request-Method (in
#: ``request.state``): not a preflight, so its answer gets no preflight-only headers.
_NOT_PREFLIGHT = "apiway.cors.not_preflight"
#: Lower-case names of every header this stage writes.
_OWN_NAMES = frozenset(
    (
        "access-control-allow-origin",
        "access-control-allow-headers",
        "access-control-expose-headers",
        "access-control-max-age",
        "access-control-allow-credentials",
        "vary",
    )
)
#: Headers that only mean something in a preflight answer: an OPTIONS request that is not a
#: preflight is answered without them, lest a client or cache read it as one.
_PREFLIGHT_ONLY = frozenset(("access-control-allow-headers", "access-control-max-age"))


class CorsStage(Stage):
    """Cross-origin resource sharing for routes with CORS on.

    - A preflight (``OPTIONS`` with an ``Origin`` and an ``Access-Control-Request-Method``)
      to a path that has CORS routes is answered 204 with the methods that path really has,
      the allowed headers and max-age; the route never runs. The answer is made here; when
      the app has global middlewares, the router hands it out through them (as its own
      answer to OPTIONS), so that they see preflights too. A path with its own OPTIONS
      route, or without CORS routes, goes on to the router (an unknown path gets its 404).
    - Other responses of CORS routes, error responses included, get
      ``Access-Control-Allow-Origin`` (one origin, and only an allowed one) with
      ``Vary: Origin``; unmatched paths (404/405) use the resolver-wide setting. An OPTIONS
      request without ``Access-Control-Request-Method`` is not a preflight: its answer gets
      these headers but not the preflight-only ``-Allow-Headers`` and ``-Max-Age``.
    - In debug mode every route answers any origin, for local development.
    """

    name = "cors"
    # Until setup() runs (introspection of an unbuilt chain), assume the resolver has no
    # CORS config and debug is off.
    default = False
    relaxed = False

    def setup(self, app: "BaseResolver") -> None:
        # Per request Origin: the CORS header items (name, lower-case name, value) to merge,
        # and the dict a response without CORS headers of its own is updated with (the same
        # headers and Vary). One entry holds both, so a clear never leaves half of them.
        self._origins: dict[str | None, tuple[tuple[tuple[str, str, str], ...], dict[str, str]]] = {}
        self.config = app.cors or CORSConfig()
        self.default = app.cors is not None
        self.relaxed = app.debug
        self.table: RouteTable = app.route_table
        self.app = app

    def enabled(self, app: "BaseResolver") -> bool:
        return cors_needed(app)

    def applies_to(self, route: "Route") -> bool:
        return bool(self.route_enabled(route))

    def route_enabled(self, route: "Route | None") -> bool:
        if self.relaxed:
            return True
        if route is None or route.cors is None:
            return self.default
        return route.cors

    before_methods = frozenset(("OPTIONS",))  # preflights only

    def before(self, request: "PipelineRequest") -> "Response | None":
        origin = request.header("origin")
        if not origin:
            return None
        if not request.header("access-control-request-method"):
            request.state[_NOT_PREFLIGHT] = True
            return None
        preflight = self.preflight(request, origin)
        if preflight is not None:
            if not self.app.middlewares:
                return preflight
            # The router answers OPTIONS with it, through the global middlewares.
            request.state["preflight"] = preflight
        return None

    def after(self, request: "PipelineRequest", response: "Response") -> "Response":
        route = request.route
        if request._state or route is None or self.relaxed:  # perf: not request.state (a new dict)
            return self._after_in_general(request, response, route)
        enabled = route.cors
        if enabled is None:
            enabled = self.default
        if not enabled:
            return response
        # perf: request.header("origin")'s own first look-ups, without its call: the name as
        # HTTP/2 clients and HTTP APIs spell it, then as HTTP/1.1 clients do; anything else
        # (no such key, a value that is not text, headers already read) through header().
        raw = request.raw_event.get("headers")
        origin = None
        if type(raw) is dict and request._headers is None:
            origin = raw.get("origin")
            if origin is None:
                origin = raw.get("Origin")
        if type(origin) is not str:
            origin = request.header("origin")
        headers = response.headers
        # perf: a lone Content-Type (apiway's own JSON answers) needs no look at the keys.
        if len(headers) == 1 and "Content-Type" in headers:
            found = self._origins.get(origin) or self._remember(origin)
            headers.update(found[1])  # nothing to merge with: the CORS headers and Vary at once
            return response
        return self._add(headers, response, origin, False)

    def _after_in_general(
        self, request: "PipelineRequest", response: "Response", route: "Route | None"
    ) -> "Response":
        """``after`` for a request with state (a preflight, an OPTIONS that is not one), no
        route (404, 405) or in debug mode."""
        state = request._state
        if state:
            preflight: object = state.get("preflight")
            if response is preflight:
                return response  # complete already (a middleware may have added to it)
            not_preflight = state.get(_NOT_PREFLIGHT, False)
        else:
            not_preflight = False
        if self.relaxed:
            enabled = True
        elif route is not None:
            enabled = self.default if route.cors is None else route.cors
        elif response.status_code == 405 and not self.default:
            # No route matched the method, but the path's own routes say whether it is CORS.
            routes = self.table.routes_for(request.route_path, request.path_decoded).values()
            enabled = any(self.route_enabled(r) for r in routes)
        else:
            enabled = self.default
        if not enabled:
            return response
        return self._add(response.headers, response, request.header("origin"), not_preflight)

    def _add(
        self, headers: "dict[str, Any]", response: "Response", origin: "str | None", not_preflight: bool
    ) -> "Response":
        """Add the CORS headers for ``origin`` to ``headers`` (the response's), merging them
        with any the handler set itself; an OPTIONS request that is no preflight gets no
        preflight-only headers."""
        items, plain = self._origins.get(origin) or self._remember(origin)
        if not_preflight:
            merge_headers(headers, tuple(i for i in items if i[1] not in _PREFLIGHT_ONLY), "Origin")
            return response
        for key in headers:
            if key.lower() in _OWN_NAMES:  # the handler set one itself: merge with care
                merge_headers(headers, items, "Origin")
                return response
        headers.update(plain)
        return response

    def items_for(self, origin: "str | None") -> "tuple[tuple[str, str, str], ...]":
        """The CORS headers for a request ``Origin`` (none when it is not allowed), cached."""
        return (self._origins.get(origin) or self._remember(origin))[0]

    def _remember(self, origin: "str | None") -> "tuple[tuple[tuple[str, str, str], ...], dict[str, str]]":
        allowed = self.config.match_origin(origin, self.relaxed)
        headers = self.config.headers_for(allowed) if allowed is not None else {}
        found = (
            tuple((name, name.lower(), value) for name, value in headers.items()),
            {**headers, "Vary": "Origin"},
        )
        cache = self._origins
        if len(cache) >= _CACHE_LIMIT:  # origins are client input: keep the cache bounded
            cache.clear()
        cache[origin] = found
        if not self.relaxed:  # configured, checked values only (relaxed echoes client input)
            for name, value in headers.items():
                self.app.source.trust(name, value)
        return found

    def preflight(self, request: "PipelineRequest", origin: str) -> "Response | None":
        routes = self.table.routes_for(request.route_path, request.path_decoded)
        if not routes or "OPTIONS" in routes:
            return None
        methods = {method for method, route in routes.items() if self.route_enabled(route)}
        if not methods:
            return None
        # HEAD needs no preflight (it is CORS-safelisted), so it is not listed.
        methods.add("OPTIONS")
        response = Response(204, body="")
        headers = response.headers
        allowed = self.config.match_origin(origin, self.relaxed)
        if allowed is not None:
            headers.update(self.config.headers_for(allowed))
            headers["Access-Control-Allow-Methods"] = CORSConfig.build_allow_methods(methods)
            if self.relaxed:
                requested = request.header("access-control-request-headers")
                if requested and requested.isprintable():  # echoed: never CR, LF, ...
                    headers["Access-Control-Allow-Headers"] = requested
        add_vary(headers, "Origin")
        return response

    def describe(self) -> "dict[str, Any]":
        config = getattr(self, "config", None)
        return {
            **(config.describe() if config is not None else {}),
            "default_for_routes": getattr(self, "default", None),
            "relaxed_for_debug": getattr(self, "relaxed", None),
        }

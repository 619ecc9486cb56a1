"""Built-in stages, one per module. The default chain, outermost first:

============== ======================================================================
``debug``       logs each request and response, secrets redacted (debug mode only)
``prefix``      strips ``strip_prefixes`` from the routing path (only when configured)
``binary``      base64-encodes bytes bodies on the way out
``compression`` gzips bodies of routes or responses that ask for it, if the client accepts
``cors``        answers preflights; adds CORS headers to responses, errors included
``cache_control`` sets ``Cache-Control`` from the route (``no-cache`` on errors)
``serialization`` turns JSON bodies into text
``exceptions``  turns exceptions into responses
``router``      matches the route and calls it (with its middlewares)
============== ======================================================================

Why this order: on the way out a body is serialized, then compressed, then base64-encoded,
each step needing the previous one's output. Error responses made by ``exceptions`` must
still be serialized and get CORS and cache headers, so those stages sit outside it.
``prefix`` runs before anything that looks the path up (``cors`` preflights, ``router``),
and ``debug`` is outermost so it sees the request and the final response.

Stages that have nothing to do for an app (no ``strip_prefixes``, no CORS anywhere, no
``cache_control`` route, debug off) are left out when the chain is built.
"""

from apiway.stage import StageRef

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from re import Pattern
    from typing import Any

    from apiway.resolvers import BaseResolver
    from apiway.stage import Stage

# perf: stage classes are reached through this table, not imported here, so that building a
# chain imports only the stage modules it keeps.
_CLASSES = {
    "BinaryStage": "apiway.stages.binary",
    "CacheControlStage": "apiway.stages.cache_control",
    "CompressionStage": "apiway.stages.compression",
    "CorsStage": "apiway.stages.cors",
    "DebugStage": "apiway.stages.debug",
    "ExceptionStage": "apiway.stages.exceptions",
    "PrefixStage": "apiway.stages.prefix",
    "RouterStage": "apiway.stages.router",
    "SerializationStage": "apiway.stages.serialization",
}

__all__ = [
    "BinaryStage",
    "CacheControlStage",
    "CompressionStage",
    "CorsStage",
    "DebugStage",
    "ExceptionStage",
    "PrefixStage",
    "RouterStage",
    "SerializationStage",
    "default_stages",
]


def __getattr__(name: str) -> "Any":
    module = _CLASSES.get(name)
    if module is None:
        raise AttributeError(f"module 'apiway.stages' has no attribute {name!r}")
    return getattr(__import__(module, fromlist=[name]), name)


# When each optional stage has work to do; the stages' own enabled() use the same tests.
def needs_debug(app: "BaseResolver") -> bool:
    return app.debug


def needs_prefix(app: "BaseResolver") -> bool:
    return bool(app.strip_prefixes)


def needs_cors(app: "BaseResolver") -> bool:
    return app.cors is not None or app.debug or any(route.cors for route in app.routes)


def needs_cache_control(app: "BaseResolver") -> bool:
    return any(route.cache_control for route in app.routes)


def default_stages(
    app: "BaseResolver",
    serializer: "Callable[[Any], str] | None",
    strip_prefixes: "list[str | Pattern[str]] | None",
) -> "list[Stage | StageRef]":
    """A fresh default chain for ``app`` (stages load when the chain is built)."""
    chain: list[Stage | StageRef] = [
        StageRef("debug", "apiway.stages.debug:DebugStage", needs_debug),
        StageRef("prefix", "apiway.stages.prefix:PrefixStage", needs_prefix, (strip_prefixes,)),
        StageRef("binary", "apiway.stages.binary:BinaryStage"),
        StageRef("compression", "apiway.stages.compression:CompressionStage"),
        StageRef("cors", "apiway.stages.cors:CorsStage", needs_cors),
        StageRef("cache_control", "apiway.stages.cache_control:CacheControlStage", needs_cache_control),
        StageRef("serialization", "apiway.stages.serialization:SerializationStage", None, (serializer,)),
        StageRef("exceptions", "apiway.stages.exceptions:ExceptionStage"),
        StageRef("router", "apiway.stages.router:RouterStage"),
    ]
    if strip_prefixes:
        chain[1] = chain[1].load()  # type: ignore[union-attr]  # refuse bad prefixes right away
    return chain

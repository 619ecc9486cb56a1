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

from __future__ import annotations

from apiway.stages.binary import BinaryStage
from apiway.stages.cache_control import CacheControlStage
from apiway.stages.compression import CompressionStage
from apiway.stages.cors import CorsStage
from apiway.stages.debug import DebugStage
from apiway.stages.exceptions import ExceptionStage
from apiway.stages.prefix import PrefixStage
from apiway.stages.router import RouterStage
from apiway.stages.serialization import SerializationStage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from re import Pattern
    from typing import Any

    from apiway.pipeline.stage import Stage
    from apiway.resolver import BaseResolver

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


def default_stages(
    app: BaseResolver,
    serializer: Callable[[Any], str] | None,
    strip_prefixes: list[str | Pattern[str]] | None,
) -> list[Stage]:
    """A fresh default chain for ``app``."""
    return [
        DebugStage(),
        PrefixStage(strip_prefixes),
        BinaryStage(),
        CompressionStage(),
        CorsStage(),
        CacheControlStage(),
        SerializationStage(serializer),
        ExceptionStage(),
        RouterStage(),
    ]

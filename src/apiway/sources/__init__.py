"""Event sources: how each Lambda integration shapes its requests and expects its responses.

A source reads the method and path out of a raw event (refusing events that are not its
own), says whether the platform already percent-decoded the path, and writes a
:class:`~apiway.response.Response` in the integration's proxy response format.

- REST API (payload 1.0): path still percent-encoded; answers with ``multiValueHeaders``.
- HTTP API (payload 2.0): path already percent-decoded (stage prefix removed when the stage
  is not ``$default``); answers with ``headers`` plus a ``cookies`` list.
- Function URL: path still encoded; answers like an HTTP API.
- ALB: path and query string still encoded; answers with ``multiValueHeaders`` when the
  target group has multi-value headers on, ``headers`` otherwise, and always a
  ``statusDescription``.
"""

from __future__ import annotations

_CLASSES = {
    "ALBSource": "apiway.sources.alb",
    "EventSource": "apiway.sources.base",
    "FunctionUrlSource": "apiway.sources.function_url",
    "HttpApiSource": "apiway.sources.http",
    "RestApiSource": "apiway.sources.rest",
}

__all__ = ["ALBSource", "EventSource", "FunctionUrlSource", "HttpApiSource", "RestApiSource"]


def __getattr__(name: str) -> object:
    # perf: a resolver imports only its own source's module.
    module = _CLASSES.get(name)
    if module is None:
        raise AttributeError(f"module 'apiway.sources' has no attribute {name!r}")
    return getattr(__import__(module, fromlist=[name]), name)

"""Event sources: how each Lambda integration shapes its requests and expects its responses.

A source reads the method and path out of a raw event (refusing events that are not its
own), says whether the platform already percent-decoded the path, and writes a
:class:`~apiway.response.Response` in the integration's proxy response format.

| source        | path decoded by the platform | response headers                            |
|---------------|------------------------------|---------------------------------------------|
| REST (1.0)    | no                           | ``multiValueHeaders``                       |
| HTTP API (2.0)| yes                          | ``headers`` + ``cookies``                   |
| Function URL  | no                           | ``headers`` + ``cookies``                   |
| ALB           | no                           | ``multiValueHeaders`` in multi-value mode, else ``headers``; ``statusDescription`` |
"""

from apiway.sources.alb import ALBSource
from apiway.sources.base import EventSource
from apiway.sources.function_url import FunctionUrlSource
from apiway.sources.http import HttpApiSource
from apiway.sources.rest import RestApiSource

__all__ = ["ALBSource", "EventSource", "FunctionUrlSource", "HttpApiSource", "RestApiSource"]

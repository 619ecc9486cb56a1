"""The four resolvers, one per Lambda HTTP event source."""

from __future__ import annotations

from apiway.resolver import BaseResolver
from apiway.sources.alb import ALBSource
from apiway.sources.function_url import FunctionUrlSource
from apiway.sources.http import HttpApiSource
from apiway.sources.rest import RestApiSource

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from re import Pattern
    from typing import Any

    from apiway.cors import CORSConfig
    from apiway.events import ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionUrlEvent


class APIGatewayRestResolver(BaseResolver):
    """API Gateway REST APIs (and HTTP APIs using payload format 1.0)."""

    _source = RestApiSource()
    if TYPE_CHECKING:

        @property
        def current_event(self) -> APIGatewayProxyEvent: ...


class APIGatewayHttpResolver(BaseResolver):
    """API Gateway HTTP APIs, payload format 2.0."""

    _source = HttpApiSource()
    if TYPE_CHECKING:

        @property
        def current_event(self) -> APIGatewayProxyEventV2: ...


class LambdaFunctionUrlResolver(BaseResolver):
    """Lambda Function URLs."""

    _source = FunctionUrlSource()
    if TYPE_CHECKING:

        @property
        def current_event(self) -> LambdaFunctionUrlEvent: ...


class ALBResolver(BaseResolver):
    """Application Load Balancer targets, in single- or multi-value header mode.

    ALB forwards query strings still percent-encoded; they are decoded once, unless
    ``decode_query_parameters=False``.
    """

    if TYPE_CHECKING:

        @property
        def current_event(self) -> ALBEvent: ...

    def __init__(
        self,
        cors: CORSConfig | None = None,
        debug: bool | None = None,
        serializer: Callable[[Any], str] | None = None,
        strip_prefixes: list[str | Pattern[str]] | None = None,
        json_body_deserializer: Callable[[str], Any] | None = None,
        propagate_exceptions: bool = False,
        decode_query_parameters: bool = True,
    ):
        self._source = ALBSource(decode_query_parameters)
        super().__init__(cors, debug, serializer, strip_prefixes, json_body_deserializer, propagate_exceptions)

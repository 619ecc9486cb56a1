"""Typed views of the Lambda HTTP events apiway serves (``app.current_event``)."""

from apiway.events.alb import ALBEvent, ALBEventRequestContext
from apiway.events.base import BaseProxyEvent, DictWrapper
from apiway.events.function_url import LambdaFunctionUrlEvent
from apiway.events.http import APIGatewayProxyEventV2, RequestContextV2, RequestContextV2Http
from apiway.events.rest import (
    APIGatewayEventAuthorizer,
    APIGatewayEventIdentity,
    APIGatewayEventRequestContext,
    APIGatewayProxyEvent,
)

__all__ = [
    "ALBEvent",
    "ALBEventRequestContext",
    "APIGatewayEventAuthorizer",
    "APIGatewayEventIdentity",
    "APIGatewayEventRequestContext",
    "APIGatewayProxyEvent",
    "APIGatewayProxyEventV2",
    "BaseProxyEvent",
    "DictWrapper",
    "LambdaFunctionUrlEvent",
    "RequestContextV2",
    "RequestContextV2Http",
]

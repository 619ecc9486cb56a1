"""The REST and HTTP API event views, at the module path Powertools users import them from
(``aws_lambda_powertools.utilities.data_classes.api_gateway_proxy_event``).

They live in :mod:`apiway.events.rest` and :mod:`apiway.events.http`; this module only
gathers them, and loads only when imported.
"""

from apiway.events.base import BaseProxyEvent, DictWrapper
from apiway.events.http import (
    APIGatewayProxyEventV2,
    BaseRequestContextV2,
    RequestContextV2,
    RequestContextV2Authorizer,
    RequestContextV2AuthorizerIam,
)
from apiway.events.rest import (
    APIGatewayEventAuthorizer,
    APIGatewayEventRequestContext,
    APIGatewayProxyEvent,
    BaseRequestContext,
)
from apiway.headers import CaseInsensitiveDict

__all__ = [
    "APIGatewayEventAuthorizer",
    "APIGatewayEventRequestContext",
    "APIGatewayProxyEvent",
    "APIGatewayProxyEventV2",
    "BaseProxyEvent",
    "BaseRequestContext",
    "BaseRequestContextV2",
    "CaseInsensitiveDict",
    "DictWrapper",
    "RequestContextV2",
    "RequestContextV2Authorizer",
    "RequestContextV2AuthorizerIam",
]

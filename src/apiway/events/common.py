"""The views every HTTP event shares, at the module path Powertools users import them from
(``aws_lambda_powertools.utilities.data_classes.common``).

They live in :mod:`apiway.events.base`, :mod:`apiway.events.rest` and
:mod:`apiway.events.http`; this module only gathers them, and loads only when imported.
"""

from apiway.events.base import BaseProxyEvent, DictWrapper, RequestContextClientCert
from apiway.events.http import BaseRequestContextV2, RequestContextV2Http
from apiway.events.rest import APIGatewayEventIdentity, BaseRequestContext
from apiway.headers import CaseInsensitiveDict

__all__ = [
    "APIGatewayEventIdentity",
    "BaseProxyEvent",
    "BaseRequestContext",
    "BaseRequestContextV2",
    "CaseInsensitiveDict",
    "DictWrapper",
    "RequestContextClientCert",
    "RequestContextV2Http",
]

"""Typed views of the Lambda HTTP events apiway serves (``app.current_event``).

Code written for ``aws_lambda_powertools.utilities.data_classes`` imports the same names from
here; its ``api_gateway_proxy_event``, ``alb_event``, ``lambda_function_url_event``,
``vpc_lattice`` and ``common`` modules are ``apiway.events.<the same name>``, loaded only
when imported.
"""

from apiway import lazy_attributes

_CLASSES = {
    "ALBEvent": "apiway.events.alb",
    "ALBEventRequestContext": "apiway.events.alb",
    "BaseProxyEvent": "apiway.events.base",
    "DictWrapper": "apiway.events.base",
    "RequestContextClientCert": "apiway.events.base",
    "LambdaFunctionUrlEvent": "apiway.events.function_url",
    "APIGatewayProxyEventV2": "apiway.events.http",
    "BaseRequestContextV2": "apiway.events.http",
    "RequestContextV2": "apiway.events.http",
    "RequestContextV2Authorizer": "apiway.events.http",
    "RequestContextV2AuthorizerIam": "apiway.events.http",
    "RequestContextV2Http": "apiway.events.http",
    "APIGatewayEventAuthorizer": "apiway.events.rest",
    "APIGatewayEventIdentity": "apiway.events.rest",
    "APIGatewayEventRequestContext": "apiway.events.rest",
    "APIGatewayProxyEvent": "apiway.events.rest",
    "BaseRequestContext": "apiway.events.rest",
    "VPCLatticeEvent": "apiway.events.vpc_lattice",
    "VPCLatticeEventBase": "apiway.events.vpc_lattice",
    "VPCLatticeEventV2": "apiway.events.vpc_lattice",
    "vpcLatticeEventV2Identity": "apiway.events.vpc_lattice",
    "vpcLatticeEventV2RequestContext": "apiway.events.vpc_lattice",
}

__all__ = [
    "ALBEvent",
    "ALBEventRequestContext",
    "APIGatewayEventAuthorizer",
    "APIGatewayEventIdentity",
    "APIGatewayEventRequestContext",
    "APIGatewayProxyEvent",
    "APIGatewayProxyEventV2",
    "BaseProxyEvent",
    "BaseRequestContext",
    "BaseRequestContextV2",
    "DictWrapper",
    "LambdaFunctionUrlEvent",
    "RequestContextClientCert",
    "RequestContextV2",
    "RequestContextV2Authorizer",
    "RequestContextV2AuthorizerIam",
    "RequestContextV2Http",
    "VPCLatticeEvent",
    "VPCLatticeEventBase",
    "VPCLatticeEventV2",
    "vpcLatticeEventV2Identity",
    "vpcLatticeEventV2RequestContext",
]


__getattr__, __dir__ = lazy_attributes(__name__, _CLASSES, __all__)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.events.alb import ALBEvent as ALBEvent
    from apiway.events.alb import ALBEventRequestContext as ALBEventRequestContext
    from apiway.events.base import BaseProxyEvent as BaseProxyEvent
    from apiway.events.base import DictWrapper as DictWrapper
    from apiway.events.base import RequestContextClientCert as RequestContextClientCert
    from apiway.events.function_url import LambdaFunctionUrlEvent as LambdaFunctionUrlEvent
    from apiway.events.http import APIGatewayProxyEventV2 as APIGatewayProxyEventV2
    from apiway.events.http import BaseRequestContextV2 as BaseRequestContextV2
    from apiway.events.http import RequestContextV2 as RequestContextV2
    from apiway.events.http import RequestContextV2Authorizer as RequestContextV2Authorizer
    from apiway.events.http import RequestContextV2AuthorizerIam as RequestContextV2AuthorizerIam
    from apiway.events.http import RequestContextV2Http as RequestContextV2Http
    from apiway.events.rest import APIGatewayEventAuthorizer as APIGatewayEventAuthorizer
    from apiway.events.rest import APIGatewayEventIdentity as APIGatewayEventIdentity
    from apiway.events.rest import APIGatewayEventRequestContext as APIGatewayEventRequestContext
    from apiway.events.rest import APIGatewayProxyEvent as APIGatewayProxyEvent
    from apiway.events.rest import BaseRequestContext as BaseRequestContext
    from apiway.events.vpc_lattice import VPCLatticeEvent as VPCLatticeEvent
    from apiway.events.vpc_lattice import VPCLatticeEventBase as VPCLatticeEventBase
    from apiway.events.vpc_lattice import VPCLatticeEventV2 as VPCLatticeEventV2
    from apiway.events.vpc_lattice import vpcLatticeEventV2Identity as vpcLatticeEventV2Identity
    from apiway.events.vpc_lattice import (
        vpcLatticeEventV2RequestContext as vpcLatticeEventV2RequestContext,
    )

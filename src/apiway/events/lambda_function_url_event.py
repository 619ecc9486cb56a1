"""The Function URL event view, at the module path Powertools users import it from
(``aws_lambda_powertools.utilities.data_classes.lambda_function_url_event``).

It lives in :mod:`apiway.events.function_url`; this module only gathers it, and loads only
when imported.
"""

from apiway.events.function_url import LambdaFunctionUrlEvent
from apiway.events.http import APIGatewayProxyEventV2

__all__ = ["APIGatewayProxyEventV2", "LambdaFunctionUrlEvent"]

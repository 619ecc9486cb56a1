"""The ALB event views, at the module path Powertools users import them from
(``aws_lambda_powertools.utilities.data_classes.alb_event``).

They live in :mod:`apiway.events.alb`; this module only gathers them, and loads only when
imported.
"""

from apiway.events.alb import ALBEvent, ALBEventRequestContext
from apiway.events.base import BaseProxyEvent, DictWrapper
from apiway.headers import CaseInsensitiveDict

__all__ = ["ALBEvent", "ALBEventRequestContext", "BaseProxyEvent", "CaseInsensitiveDict", "DictWrapper"]

"""Lambda Function URLs (payload 2.0 shape, no stages)."""

from apiway.resolvers import BaseResolver
from apiway.sources.http import HttpApiSource

TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.events import LambdaFunctionUrlEvent
    from apiway.events.base import BaseProxyEvent


class FunctionUrlSource(HttpApiSource):
    """Function URLs keep the path percent-encoded as the client sent it."""

    name = "function-url"
    label = "Lambda Function URL"
    event_class_path = "apiway.events.function_url:LambdaFunctionUrlEvent"
    path_decoded = False
    strips_stage = False


class LambdaFunctionUrlResolver(BaseResolver):
    """Lambda Function URLs."""

    _source_class = FunctionUrlSource
    if TYPE_CHECKING:

        @property
        def current_event(self) -> "LambdaFunctionUrlEvent": ...

        @current_event.setter
        def current_event(self, event: "BaseProxyEvent") -> None: ...

"""Lambda Function URLs (payload 2.0 shape, no stages)."""

from apiway.sources.http import HttpApiSource


class FunctionUrlSource(HttpApiSource):
    """Function URLs keep the path percent-encoded as the client sent it."""

    name = "function-url"
    label = "Lambda Function URL"
    event_class_path = "apiway.events.function_url:LambdaFunctionUrlEvent"
    path_decoded = False
    strips_stage = False

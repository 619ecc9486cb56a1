"""Names for type annotations: the Lambda context, the next-middleware callable, and
``EventHandlerInstance`` (a type variable bound to the resolvers)."""

from apiway.middlewares.base import NextMiddleware

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from apiway.resolvers import BaseResolver

    EventHandlerInstance = TypeVar("EventHandlerInstance", bound=BaseResolver)

NextMiddlewareCallback = NextMiddleware


def __getattr__(name: str) -> "Any":
    # perf: a TypeVar needs `typing`, which an app importing LambdaContext should not pay for.
    if name == "EventHandlerInstance":
        from typing import TypeVar

        from apiway.resolvers import BaseResolver

        value = globals()[name] = TypeVar("EventHandlerInstance", bound=BaseResolver)
        return value
    raise AttributeError(f"module 'apiway.types' has no attribute {name!r}")


class LambdaContext:
    """The shape of the context object Lambda passes to a handler (for annotations and tests).

    Lambda's own object has these attributes; this class only documents them, and can stand
    in for one in tests.
    """

    function_name: str = "function"
    function_version: str = "$LATEST"
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:function"
    memory_limit_in_mb: int = 128
    aws_request_id: str = "00000000-0000-0000-0000-000000000000"
    log_group_name: str = "/aws/lambda/function"
    log_stream_name: str = "stream"
    identity: "Any" = None
    client_context: "Any" = None

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the invocation times out."""
        return 300_000


__all__ = ["EventHandlerInstance", "LambdaContext", "NextMiddleware", "NextMiddlewareCallback"]

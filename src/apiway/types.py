"""Names for type annotations: the Lambda context, the next-middleware callable, and
``EventHandlerInstance`` (a type variable bound to the resolvers)."""

from time import monotonic

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
    """Lambda's Python context object: its attributes and method, for annotations, and with
    local values as a stand-in in tests and local runs (``apiway serve``, the test client).

    One attribute is local only: ``raise_server_exceptions``, False unless the test client
    sets it. When True, an apiway resolver re-raises an exception it would answer with a
    generic 500, as with ``propagate_exceptions=True``, for this invocation only.
    """

    def __init__(
        self,
        aws_request_id: str = "local",
        function_name: str = "apiway-local",
        memory_limit_in_mb: int = 128,
        timeout_seconds: float = 30.0,
        region: str = "us-east-1",
        account_id: str = "123456789012",
    ):
        self.aws_request_id = aws_request_id
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = memory_limit_in_mb
        self.invoked_function_arn = f"arn:aws:lambda:{region}:{account_id}:function:{function_name}"
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"
        self.identity: Any = None
        self.client_context: Any = None
        self.raise_server_exceptions = False
        self._deadline = monotonic() + timeout_seconds

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the (simulated) function timeout."""
        return max(0, int((self._deadline - monotonic()) * 1000))

    def __repr__(self) -> str:
        return f"<LambdaContext {self.function_name} request={self.aws_request_id}>"


__all__ = ["EventHandlerInstance", "LambdaContext", "NextMiddleware", "NextMiddlewareCallback"]

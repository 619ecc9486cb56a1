"""Names for type annotations: the Lambda context and the next-middleware callable."""

from apiway.middlewares.base import NextMiddleware

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NextMiddlewareCallback = NextMiddleware


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


__all__ = ["LambdaContext", "NextMiddleware", "NextMiddlewareCallback"]

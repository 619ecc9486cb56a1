"""Lambda Function URL events (payload 2.0 shape)."""

from apiway.events.http import APIGatewayProxyEventV2


class LambdaFunctionUrlEvent(APIGatewayProxyEventV2):
    """A Lambda Function URL request (no stages; otherwise an HTTP API 2.0 event)."""

    __slots__ = ()

    @property
    def path(self) -> str:
        return self.raw_path

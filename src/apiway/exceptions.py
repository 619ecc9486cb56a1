"""Errors raised by apiway and errors user code raises to answer with an HTTP status."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.invalid_json import InvalidJSONError as InvalidJSONError  # noqa: PLC0414 - re-exported


def __getattr__(name: str) -> object:
    # perf: InvalidJSONError derives from json.JSONDecodeError, and importing json costs
    # milliseconds: its module loads only when a body fails to parse, or on this first use.
    if name == "InvalidJSONError":
        from apiway.invalid_json import InvalidJSONError

        return InvalidJSONError
    raise AttributeError(f"module 'apiway.exceptions' has no attribute {name!r}")


class ServiceError(Exception):
    """An error answered as ``{"statusCode": status_code, "message": msg}`` with that status."""

    def __init__(self, status_code: int, msg: "str | dict[str, Any]"):
        super().__init__(status_code, msg)
        self.status_code = int(status_code)
        self.msg = msg

    def __str__(self) -> str:
        return self.msg if isinstance(self.msg, str) else repr(self.msg)


class BadRequestError(ServiceError):
    """400 Bad Request."""

    def __init__(self, msg: "str | dict[str, Any]"):
        super().__init__(400, msg)


class UnauthorizedError(ServiceError):
    """401 Unauthorized."""

    def __init__(self, msg: "str | dict[str, Any]"):
        super().__init__(401, msg)


class ForbiddenError(ServiceError):
    """403 Forbidden."""

    def __init__(self, msg: "str | dict[str, Any]"):
        super().__init__(403, msg)


class NotFoundError(ServiceError):
    """404 Not Found."""

    def __init__(self, msg: "str | dict[str, Any]" = "Not found"):
        super().__init__(404, msg)


class MethodNotAllowedError(ServiceError):
    """405 Method Not Allowed; ``allowed`` lists the methods the path does have."""

    def __init__(
        self, allowed: "list[str] | tuple[str, ...]", msg: "str | dict[str, Any]" = "Method not allowed"
    ):
        super().__init__(405, msg)
        self.allowed = tuple(allowed)


class RequestTimeoutError(ServiceError):
    """408 Request Timeout."""

    def __init__(self, msg: "str | dict[str, Any]"):
        super().__init__(408, msg)


class RequestEntityTooLargeError(ServiceError):
    """413 Content Too Large."""

    def __init__(self, msg: "str | dict[str, Any]"):
        super().__init__(413, msg)


class URITooLongError(ServiceError):
    """414 URI Too Long: the request path is longer than apiway routes (8 KiB)."""

    def __init__(self, msg: "str | dict[str, Any]" = "URI too long"):
        super().__init__(414, msg)


class InternalServerError(ServiceError):
    """500 Internal Server Error."""

    def __init__(self, message: "str | dict[str, Any]"):
        super().__init__(500, message)


class ServiceUnavailableError(ServiceError):
    """503 Service Unavailable."""

    def __init__(self, msg: "str | dict[str, Any]"):
        super().__init__(503, msg)


class InvalidBodyError(BadRequestError, ValueError):
    """The request body could not be decoded (bad base64, not UTF-8, not JSON).

    Answers 400 by itself; it is also a ``ValueError``, so an ``exception_handler(ValueError)``
    sees invalid bodies. Invalid JSON raises the subclass ``InvalidJSONError``, which is a
    ``json.JSONDecodeError`` too.
    """


class InvalidEventError(ValueError):
    """The Lambda event is not from the event source the resolver serves.

    Raised by ``resolve()`` before any route runs; ``field`` names the missing or mistyped
    field and ``source`` the event source the resolver expected.
    """

    def __init__(self, source: str, field: str, problem: str = "is missing"):
        self.source = source
        self.field = field
        self.problem = problem
        super().__init__(f"not a valid {source} event: field '{field}' {problem}")


class RouteError(ValueError):
    """A route rule or route option is invalid; raised when the route is registered."""


class PipelineError(RuntimeError):
    """The stage chain was edited in a way it cannot be (unknown name, after it was built, ...)."""


class ResponseError(ValueError):
    """A response carries a value no event source can deliver (bad status, CR/LF in a header, ...)."""


class ResponseSizeExceededError(ResponseError):
    """The encoded proxy response is larger than Lambda (6 MB) or an ALB (1 MB) accepts.

    Never reaches user code: ``resolve()`` logs it and answers a generic 500 instead.
    """

    def __init__(self, *, actual_size: int, max_size: int, limit_name: str = "size"):
        self.actual_size = actual_size
        self.max_size = max_size
        super().__init__(
            f"response of {actual_size} bytes exceeds the {limit_name} limit of {max_size} bytes"
        )

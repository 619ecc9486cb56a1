"""Errors of typed parameters, validation, serialization and OpenAPI documents.

The class names, bases and constructor signatures are those of the Powertools REST event
handler's ``openapi.exceptions``, so ``except`` clauses written for it keep working.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, Literal


class ValidationException(Exception):
    """Base of the validation errors; ``errors()`` lists what was wrong, one dict per problem."""

    def __init__(self, errors: "Sequence[Any]") -> None:
        super().__init__(errors)
        self._errors = errors

    def errors(self) -> "Sequence[Any]":
        """The problems found, each a dict with ``type``, ``loc`` and ``msg`` (and ``input``, ``ctx``)."""
        return self._errors

    def __str__(self) -> str:
        errors = self._errors
        if isinstance(errors, str):
            return errors
        lines = []
        for error in errors:
            if isinstance(error, dict) and "msg" in error:
                where = ".".join(str(part) for part in error.get("loc", ()))
                lines.append(f"{where}: {error['msg']}" if where else str(error["msg"]))
            else:
                lines.append(str(error))
        return "; ".join(lines)


class RequestValidationError(ValidationException):
    """The request (path, query, headers, cookies or body) does not match the route's types."""

    def __init__(self, errors: "Sequence[Any]", *, body: "Any" = None) -> None:
        super().__init__(errors)
        self.body = body


class ResponseValidationError(ValidationException):
    """The handler's return value does not match its declared return type."""

    def __init__(
        self,
        errors: "Sequence[Any]",
        *,
        body: "Any" = None,
        source: "Literal['route', 'app']" = "app",
    ) -> None:
        super().__init__(errors)
        self.body = body
        self.source = source


class SchemaValidationError(ValidationException):
    """An OpenAPI document or one of its objects is invalid (an extension key without ``x-``, ...)."""


class SerializationError(Exception):
    """A value cannot be turned into JSON-compatible data."""


class OpenAPIMergeError(Exception):
    """Two OpenAPI documents being merged define the same thing differently."""


class RequestUnsupportedContentType(NotImplementedError, ValidationException):
    """The request body's content type is not one the route can read.

    Also a ``NotImplementedError``, so handlers written to catch that keep working.
    """

    def __init__(self, msg: str, errors: "Sequence[Any]") -> None:
        NotImplementedError.__init__(self, msg)
        self._errors = errors

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

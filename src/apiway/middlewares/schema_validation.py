"""JSON Schema validation of a route's request body and response body.

Validation is done by ``fastjsonschema`` (``pip install 'apiway[jsonschema]'``), imported
when the first middleware is created; each schema is compiled once, there.
"""

from apiway.exceptions import BadRequestError, InternalServerError
from apiway.middlewares.base import BaseMiddlewareHandler

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from apiway.middlewares.base import NextMiddleware
    from apiway.response import Response

    Formats = dict[str, "str | Callable[[Any], bool]"]

EXTRA = "pip install 'apiway[jsonschema]'"


class SchemaValidationError(Exception):
    """Data that does not match its schema; ``message`` is the text the middleware answers with.

    The other attributes locate the failure: ``validation_message`` (``data.name must be
    string``), ``name`` (``data.name``), ``path`` (``["data", "name"]``), the invalid
    ``value``, the ``definition`` it had to match, the ``rule`` it broke and that rule's
    ``rule_definition``.
    """

    def __init__(
        self,
        message: "str | None" = None,
        validation_message: "str | None" = None,
        name: "str | None" = None,
        path: "list[Any] | None" = None,
        value: "Any" = None,
        definition: "Any" = None,
        rule: "str | None" = None,
        rule_definition: "Any" = None,
    ):
        super().__init__(message)
        self.message = message
        self.validation_message = validation_message
        self.name = name
        self.path = path
        self.value = value
        self.definition = definition
        self.rule = rule
        self.rule_definition = rule_definition


class InvalidSchemaFormatError(ValueError):
    """A schema (or a custom format) that cannot be compiled, raised when the middleware is created."""


def _fastjsonschema() -> "Any":
    try:
        import fastjsonschema
    except ImportError as error:
        raise ImportError(
            f"SchemaValidationMiddleware validates with fastjsonschema, which is not installed: {EXTRA}"
        ) from error
    return fastjsonschema


def _compile(
    library: "Any", argument: str, schema: "Any", formats: "Formats | None"
) -> "Callable[[Any], Any]":
    if not isinstance(schema, (dict, bool)):
        raise InvalidSchemaFormatError(
            f"{argument} must be a JSON Schema (a dict), not {type(schema).__name__}"
        )
    if formats is not None and not isinstance(formats, dict):
        raise InvalidSchemaFormatError(
            f"formats must be a dict of name to regex or callable, not {formats!r}"
        )
    import re

    try:
        validate: Callable[[Any], Any] = library.compile(schema, formats=formats or {})
    except (library.JsonSchemaDefinitionException, AttributeError, TypeError, ValueError, re.error) as error:
        raise InvalidSchemaFormatError(f"{argument} is not a valid JSON Schema: {error}") from error
    return validate


def _failure(error: "Any") -> "SchemaValidationError":
    return SchemaValidationError(
        f"Failed schema validation. Error: {error.message}, Path: {error.path}, Data: {error.value}",
        validation_message=error.message,
        name=error.name,
        path=error.path,
        value=error.value,
        definition=error.definition,
        rule=error.rule,
        rule_definition=error.rule_definition,
    )


def response_data(response: "Response") -> "Any":
    """What a response's body holds: JSON text of a JSON response parsed, anything else as is."""
    body = response.body
    if isinstance(body, (str, bytes)) and response.is_json():
        import json

        try:
            return json.loads(body)
        except ValueError:
            return body  # not JSON after all: the schema judges the text
    return body


class SchemaValidationMiddleware(BaseMiddlewareHandler):
    """Validate the request's JSON body against ``inbound_schema`` (400 when it does not
    match) and, with ``outbound_schema``, the response body (500 when it does not)."""

    def __init__(
        self,
        inbound_schema: "dict[str, Any]",
        inbound_formats: "Formats | None" = None,
        outbound_schema: "dict[str, Any] | None" = None,
        outbound_formats: "Formats | None" = None,
    ):
        library = _fastjsonschema()
        self.inbound_schema = inbound_schema
        self.inbound_formats = inbound_formats
        self.outbound_schema = outbound_schema
        self.outbound_formats = outbound_formats
        # perf: compiled once here; a request runs the generated validator only.
        self._inbound = _compile(library, "inbound_schema", inbound_schema, inbound_formats)
        self._outbound = (
            None
            if outbound_schema is None
            else _compile(library, "outbound_schema", outbound_schema, outbound_formats)
        )
        self._value_error: type[Exception] = library.JsonSchemaValueException

    def bad_request(self, error: "SchemaValidationError") -> "Response":
        """Answer a request that does not match: 400 with the validation message."""
        raise BadRequestError(f"Bad Request: {error.message}")

    def bad_response(self, error: "SchemaValidationError") -> "Response":
        """Answer a response that does not match: a 500 that does not show the response (it may
        hold exactly what the schema keeps out). The log says why, without the data."""
        import logging

        logging.getLogger("apiway").error(
            "Bad Response: Failed schema validation. Error: %s, Path: %s",
            error.validation_message,
            error.path,
        )
        raise InternalServerError("Bad Response: Failed schema validation")

    def handler(self, app: "Any", next_middleware: "NextMiddleware") -> "Response":
        try:
            self._inbound(app.current_event.json_body)
        except self._value_error as error:
            return self.bad_request(_failure(error))
        response = next_middleware(app)
        if self._outbound is not None:
            try:
                self._outbound(response_data(response))
            except self._value_error as error:
                return self.bad_response(_failure(error))
        return response

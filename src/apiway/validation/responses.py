"""Validating and serializing what a handler returns, against its return annotation.

``-> T`` validates the body (of a plain value, of ``(body, status)``, or of a ``Response``);
``-> Response[T]`` and ``-> tuple[T, int]`` validate ``T``; ``-> Response`` and no annotation
validate nothing (JSON bodies are still made JSON-compatible with ``jsonable_encoder``, as
the Powertools REST event handler does with validation on).
"""

from apiway.response import Response
from apiway.validation import errors as _errors
from apiway.validation.callables import EMPTY
from apiway.validation.errors import INVALID

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.validation.check import TypeCheck


def response_type(returns: "Any") -> "Any":
    """The type a return annotation declares for the body, or ``EMPTY`` for "not validated"."""
    if returns is EMPTY or (isinstance(returns, type) and issubclass(returns, Response)):
        return EMPTY
    origin = getattr(returns, "__origin__", None)
    args: tuple[Any, ...] = getattr(returns, "__args__", ())
    if isinstance(origin, type) and issubclass(origin, Response) and len(args) == 1:
        return response_type(args[0])
    if origin is tuple and len(args) == 2 and args[1] is not Ellipsis:
        return args[0]  # (body, status): the body is what is validated
    return returns


class ResponsePlan:
    """``result(value)``: the handler's return value with its body validated and serialized."""

    __slots__ = ("check", "source")

    def __init__(self, check: "TypeCheck | None", source: str):
        self.check = check
        #: ``"route"`` when the route sets its own status for failed validation, else ``"app"``.
        self.source = source

    def result(self, value: "Any") -> "Any":
        """``value`` with its body replaced by the validated, JSON-compatible one; raises
        ``ResponseValidationError`` listing every problem (located under ``"response"``)."""
        kind = type(value)
        if kind is tuple and 2 <= len(value) <= 3:
            inner = value[0]
            if isinstance(inner, Response):
                self._response(inner)
                return value
            return (self._body(inner), *value[1:])
        if isinstance(value, Response):
            self._response(value)
            return value
        if self.check is None and (kind is bytes or kind is bytearray):
            return value
        return self._body(value)

    def _response(self, response: "Any") -> None:
        if self.check is None and not response.is_json():
            return
        response.body = self._body(response.body)

    def _body(self, body: "Any") -> "Any":
        check = self.check
        if check is None:
            if _plain_json(body, 0):
                return body  # what jsonable_encoder would give, without loading it
            from apiway.openapi.encoders import jsonable_encoder

            return jsonable_encoder(body)
        errors: list[dict[str, Any]] = []
        result = check.check(body, errors)
        if result is INVALID:
            from apiway.openapi.exceptions import ResponseValidationError

            for error in errors:
                error["loc"] = ("response", *error["loc"])
            raise ResponseValidationError(errors, body=body, source=self.source)  # type: ignore[arg-type]
        return check.serialize(result)


_PLAIN = frozenset((str, int, float, bool, type(None)))


def _plain_json(value: "Any", depth: int) -> bool:
    """Whether ``value`` is JSON data already: dicts with text keys, lists, text, numbers, booleans, None."""
    kind = type(value)
    if kind in _PLAIN:
        return True
    if depth > 32:
        return False
    if kind is dict:
        return all(type(key) is str and _plain_json(item, depth + 1) for key, item in value.items())
    if kind is list:
        return all(_plain_json(item, depth + 1) for item in value)
    return False


def compile_response(returns: "Any", label: str, source: str) -> ResponsePlan:
    """The response plan of a return annotation; unsupported types are refused naming the route."""
    body_type = response_type(returns)
    if body_type is EMPTY:
        return ResponsePlan(None, source)
    from apiway.validation import compile_type

    try:
        return ResponsePlan(compile_type(body_type), source)
    except _errors.AnnotationError as exc:
        raise _errors.AnnotationError(f"{label}, return annotation: {exc}") from None


def response_models(responses: "dict[Any, Any] | None", label: str) -> "dict[int, TypeCheck]":
    """The checks of the models the ``responses`` route option names (``{"model": Todo}`` in a
    content entry), compiled now so an unsupported one is refused when the route is declared."""
    found: dict[int, TypeCheck] = {}
    for code, response in (responses or {}).items():
        content = response.get("content")
        for media_type, payload in content.items() if isinstance(content, dict) else ():
            if isinstance(payload, dict) and "model" in payload and id(payload["model"]) not in found:
                from apiway.validation import compile_type

                try:
                    found[id(payload["model"])] = compile_type(payload["model"])
                except _errors.AnnotationError as exc:
                    raise _errors.AnnotationError(
                        f"{label}, responses[{code!r}] {media_type}: {exc}"
                    ) from None
    return found

"""apiway's validation engine: annotations compiled once into fast validators, serializers and
JSON Schemas that behave as pydantic v2 does, with the standard library only.

``compile_type(annotation, constraints=None)`` returns a ``TypeCheck``:

- ``validate(value, loc, errors)`` coerces as pydantic's lax mode (``"42"`` -> 42, ``"true"``
  -> True, ISO dates, ...) and returns the value, or ``INVALID`` after appending every error
  to ``errors`` as pydantic's ``ValidationError.errors()`` lists them:
  ``{"type": "int_parsing", "loc": (*loc, ...), "msg": "...", "input": value, "ctx": {...}}``
  (``ctx`` only when the error has one; no ``url``).
- ``serialize(value)`` gives the JSON-compatible form (``dump_python(mode="json")``, except
  that NaN and the infinities become ``None``, as pydantic's JSON output writes them).
- ``schema(components, mode="validation")`` gives the JSON Schema (2020-12) pydantic writes;
  named types go to ``components`` and are referenced as ``#/components/schemas/Name``.

Supported: int, float, bool, str, bytes, None, Any, Decimal, UUID, datetime, date, time,
timedelta, Enum, Literal, Union/Optional/``X | Y``, list, set, frozenset, tuple (fixed and
variadic), dict, Sequence, Mapping, ``Annotated`` with constraints at any depth (apiway's
``Constraints``, pydantic ``Field(...)``, ``annotated_types``), stdlib dataclasses, TypedDict,
NamedTuple, pydantic v2 models and msgspec Structs (by duck typing: apiway imports neither).
Anything else raises ``AnnotationError`` when compiled.
"""

from apiway.validation.check import INVALID, MESSAGES, Constraints, TypeCheck, error_dict
from apiway.validation.compiler import compile_type

__all__ = ["INVALID", "MESSAGES", "AnnotationError", "Constraints", "TypeCheck", "compile_type", "error_dict"]


def __getattr__(name: str) -> object:
    # perf: made on first use (see apiway.validation.check)
    if name == "AnnotationError":
        from apiway.validation.check import AnnotationError

        return AnnotationError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.validation.check import AnnotationError

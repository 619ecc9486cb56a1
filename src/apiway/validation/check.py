"""``TypeCheck``: one compiled annotation, with its validator, serializer and JSON Schema."""

from apiway.validation.errors import INVALID

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Check = Callable[[Any, list[dict[str, Any]]], Any]
    Dump = Callable[[Any], Any]
    SchemaFn = Callable[["SchemaContext"], dict[str, Any]]
    ExactFn = Callable[[Any], int]

# How closely an input matched a union member (pydantic's smart-union ranks): an exact type
# wins at once; otherwise the best rank wins, the first member on ties.
LAX, STRICT, EXACT = 0, 1, 2


def always_lax(value: "Any") -> int:
    """The exactness of a member that coerced its input."""
    return LAX


class TypeCheck:
    """A compiled annotation: ``validate`` (lax, collecting errors), ``serialize`` (JSON-ready)
    and ``schema`` (JSON Schema 2020-12 as pydantic v2 writes it)."""

    __slots__ = ("annotation", "check", "exactness", "label", "named", "schema_fn", "serialize")

    def __init__(
        self,
        annotation: "Any",
        check: "Check",
        serialize: "Dump",
        schema_fn: "SchemaFn",
        label: str,
        exactness: "ExactFn" = always_lax,
        named: "type | None" = None,
    ):
        self.annotation = annotation
        #: ``check(value, errors)``: the validator with error locations relative to the value.
        self.check = check
        #: ``serialize(value)``: the JSON-compatible form of a valid value.
        self.serialize = serialize
        self.schema_fn = schema_fn
        #: The name pydantic gives this type in union error locations (``int``, ``list[int]``).
        self.label = label
        #: ``exactness(value)`` ranks how closely an input that validated matched (unions only).
        self.exactness = exactness
        #: The class whose schema goes to ``components`` (dataclasses, models, enums).
        self.named = named

    def __repr__(self) -> str:
        return f"<TypeCheck {self.label}>"

    def validate(self, value: "Any", loc: "tuple[Any, ...]", errors: "list[dict[str, Any]]") -> "Any":
        """The validated (coerced) value, or ``INVALID`` after appending every error to ``errors``
        with ``loc`` in front of its location."""
        start = len(errors)
        result = self.check(value, errors)
        if result is INVALID and loc:
            for index in range(start, len(errors)):
                item = errors[index]
                item["loc"] = (*loc, *item["loc"])
        return result

    def schema(self, components: "dict[str, Any]", mode: str = "validation") -> "dict[str, Any]":
        """The JSON Schema; named types go to ``components`` and are referenced from it.

        ``mode`` is ``"validation"`` (what is accepted) or ``"serialization"`` (what
        ``serialize`` produces), as in pydantic.
        """
        if mode not in ("validation", "serialization"):
            raise ValueError(f"mode must be 'validation' or 'serialization', not {mode!r}")
        schema: dict[str, Any] = sort_schema(self.schema_fn(SchemaContext(components, mode)))
        return schema


class SchemaContext:
    """One schema generation: the components being filled, the mode, and the names given."""

    __slots__ = ("components", "mode", "names")

    def __init__(self, components: "dict[str, Any]", mode: str):
        self.components = components
        self.mode = mode
        self.names: dict[type, str] = {}

    def reference(self, cls: type, build: "Callable[[], dict[str, Any]]") -> "dict[str, Any]":
        """Add ``cls``'s schema to the components (once) and return a ``$ref`` to it.

        The name is the class name; a different class of the same name already there gets the
        module-qualified name instead (``pkg__module__Name``), then a numbered one.
        """
        name = self.names.get(cls)
        if name is None:
            for name in _candidate_names(cls):
                self.names[cls] = name
                existing = self.components.get(name)
                body = sort_schema(build())
                if existing is None or existing == body:
                    self.components[name] = body
                    break
        return {"$ref": f"#/components/schemas/{name}"}


def _candidate_names(cls: type) -> "list[str]":
    qualified = _normalize(f"{cls.__module__}.{cls.__qualname__}")
    return [_normalize(cls.__name__), qualified, *(f"{qualified}__{n}" for n in range(1, 100))]


def _normalize(name: str) -> str:
    # pydantic's rule: characters outside [A-Za-z0-9.-_] become "_", dots become "__".
    chars = [c if (c.isascii() and (c.isalnum() or c in ".-_")) else "_" for c in name]
    return "".join(chars).replace(".", "__")


def sort_schema(value: "Any", parent: "str | None" = None) -> "Any":
    """Keys sorted recursively as pydantic does, except under ``properties`` and ``default``."""
    if isinstance(value, dict):
        keys = value if parent in ("properties", "default") else sorted(value)
        return {key: sort_schema(value[key], key) for key in keys}
    if isinstance(value, list):
        return [sort_schema(item, parent) for item in value]
    return value

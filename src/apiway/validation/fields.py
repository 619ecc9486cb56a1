"""Reading the fields of records (dataclass, TypedDict, NamedTuple, msgspec Struct): names,
resolved annotations, defaults, and ``Field(...)`` defaults written the pydantic way."""

import sys

from apiway.validation import errors as _errors
from apiway.validation.records import NO_DEFAULT

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    # (name, input key, annotation, default, default factory)
    RawField = tuple[str, str, Any, Any, "Callable[[], Any] | None"]


def resolved_hints(cls: type) -> "dict[str, Any]":
    """The class's annotations with string forward references resolved (extras kept)."""
    own: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        own.update(vars(base).get("__annotations__", {}))
    if not any(isinstance(value, str) or type(value).__name__ == "ForwardRef" for value in own.values()):
        return own
    import typing

    try:
        return typing.get_type_hints(cls, include_extras=True)
    except NameError as exc:
        raise _errors.AnnotationError(f"cannot resolve an annotation of {cls.__qualname__}: {exc}") from None


def _field_info_default(value: "Any") -> "tuple[Any, Any, list[Any]] | None":
    """``(default, factory, metadata)`` when ``value`` is a pydantic-style ``Field(...)``."""
    kind = type(value)
    if kind.__name__ != "FieldInfo" or not hasattr(value, "metadata"):
        return None
    default = value.default
    if type(default).__name__ == "PydanticUndefinedType" or default is Ellipsis:
        default = NO_DEFAULT
    return default, value.default_factory, [value]


def _with_metadata(annotation: "Any", metadata: "list[Any]") -> "Any":
    if not metadata:
        return annotation
    from typing import Annotated

    return Annotated.__class_getitem__((annotation, *metadata))  # type: ignore[attr-defined]


def dataclass_fields(cls: "Any") -> "list[RawField]":
    """The init fields of a stdlib dataclass."""
    import dataclasses

    hints = resolved_hints(cls)
    out: list[RawField] = []
    for field in dataclasses.fields(cls):
        if not field.init:
            continue
        annotation = hints.get(field.name, field.type)
        default: Any = NO_DEFAULT if field.default is dataclasses.MISSING else field.default
        factory = None if field.default_factory is dataclasses.MISSING else field.default_factory
        info = _field_info_default(default)
        if info is not None:
            default, factory, metadata = info
            annotation = _with_metadata(annotation, metadata)
        out.append((field.name, field.name, annotation, default, factory))
    initvar = getattr(dataclasses, "_FIELD_INITVAR", None)
    for name, value in vars(cls).get("__dataclass_fields__", {}).items():
        if getattr(value, "_field_type", None) is initvar:
            raise _errors.AnnotationError(f"InitVar field {cls.__qualname__}.{name} is not supported")
    return out


def typed_dict_fields(cls: "Any") -> "tuple[list[RawField], frozenset[str]]":
    """The keys of a TypedDict, and which of them are required."""
    hints = resolved_hints(cls)
    out: list[RawField] = []
    required = set(cls.__required_keys__)
    for name, hint in hints.items():
        # Required/NotRequired decide, also when string annotations hid them from the class.
        annotation = hint
        while (marker := _required_marker(annotation)) is not None:
            if marker == "Required":
                required.add(name)
            elif marker == "NotRequired":
                required.discard(name)
            annotation = annotation.__args__[0]
        out.append((name, name, annotation, NO_DEFAULT, None))
    return out, frozenset(required)


def _required_marker(annotation: "Any") -> "str | None":
    origin = getattr(annotation, "__origin__", None)
    name = getattr(origin, "_name", None)
    return name if name in ("Required", "NotRequired", "ReadOnly") else None


def named_tuple_fields(cls: "Any") -> "list[RawField]":
    """The fields of a NamedTuple, in order, with their defaults."""
    hints = resolved_hints(cls)
    defaults = cls._field_defaults
    return [
        (name, name, hints.get(name, object), defaults.get(name, NO_DEFAULT), None) for name in cls._fields
    ]


def struct_fields(cls: "Any") -> "list[RawField]":
    """The fields of a msgspec Struct, read through the msgspec the user imported."""
    msgspec = sys.modules.get("msgspec")
    if msgspec is None:  # pragma: no cover - a Struct class implies msgspec is loaded
        raise _errors.AnnotationError(
            f"{cls.__qualname__} looks like a msgspec Struct but msgspec is not loaded"
        )
    from msgspec import structs

    hints = resolved_hints(cls)
    out: list[RawField] = []
    for info in structs.fields(cls):
        default = NO_DEFAULT if info.default is msgspec.NODEFAULT else info.default
        factory = None if info.default_factory is msgspec.NODEFAULT else info.default_factory
        out.append((info.name, info.encode_name, hints.get(info.name, info.type), default, factory))
    return out

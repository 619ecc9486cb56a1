"""Validators for named records: stdlib dataclasses, TypedDicts, NamedTuples and msgspec
Structs (fields read through the user's msgspec), each a component in the JSON Schema; and
reading their fields: names, resolved annotations, defaults, and ``Field(...)`` defaults
written the pydantic way."""

import sys

from apiway.validation import check as _check
from apiway.validation.check import EXACT, INVALID, LAX, TypeCheck, error_dict, fail, identity, relocate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Errors = list[dict[str, Any]]
    # (name, input key, annotation, default, default factory)
    RawField = tuple[str, str, Any, Any, "Callable[[], Any] | None"]

#: The marker for "no default" in a ``Field``.
NO_DEFAULT: "Any" = object()


class FieldSpec:
    """One field of a record: its input key, check, and default (or default factory)."""

    __slots__ = ("check", "default", "factory", "key", "name", "notes", "required")

    def __init__(
        self,
        name: str,
        check: TypeCheck,
        default: "Any" = NO_DEFAULT,
        factory: "Callable[[], Any] | None" = None,
        key: "str | None" = None,
        notes: "dict[str, Any] | None" = None,
        optional: bool = False,
    ):
        self.name = name
        self.key = name if key is None else key
        self.check = check
        self.default = default
        self.factory = factory
        self.notes = notes or {}
        #: Whether the input must carry this field (a TypedDict key may be optional without default).
        self.required = default is NO_DEFAULT and factory is None and not optional


def field_title(name: str) -> str:
    """pydantic's property title: ``first_name`` -> ``First Name``."""
    return name.title().replace("_", " ")


def property_schema(spec: FieldSpec, ctx: "Any", with_default: bool = True) -> "dict[str, Any]":
    """A field's property schema: its type's schema, title (unless it names a component),
    default and notes, as pydantic writes them."""
    body = dict(spec.check.schema_fn(ctx))
    if spec.check.named is None:
        body["title"] = field_title(spec.name)
    if with_default and spec.default is not NO_DEFAULT:
        try:  # noqa: SIM105 - contextlib would cost an import
            body["default"] = spec.check.serialize(spec.default)
        except (TypeError, ValueError, AttributeError):
            pass
    body.update(spec.notes)
    return body


def _described(cls: type, body: "dict[str, Any]") -> "dict[str, Any]":
    doc = vars(cls).get("__doc__")
    if doc and not (hasattr(cls, "__dataclass_fields__") and doc.startswith(cls.__name__ + "(")):
        import inspect

        body["description"] = inspect.cleandoc(doc)
    return body


def build_record(cls: type, specs: "list[FieldSpec]", as_dict: bool, target: TypeCheck) -> TypeCheck:
    """Fill ``target`` with the check/serializer/schema of a keyed record (a dataclass,
    TypedDict or Struct): a mapping (or an instance) in; the values as a dict (``as_dict``,
    a TypedDict) or ``cls(**values)`` out."""
    fields = [(spec.name, spec.key, spec.check.check, spec.default, spec.factory) for spec in specs]
    error_type = "dict_type" if as_dict else "dataclass_type"
    ctx = None if as_dict else {"class_name": cls.__name__}

    def check(value: "Any", errors: "Errors") -> "Any":
        if not as_dict and type(value) is cls:
            return value
        if type(value) is not dict:
            if not (hasattr(value, "keys") and hasattr(value, "__getitem__")) or isinstance(value, type):
                return fail(errors, error_type, value, dict(ctx) if ctx else None)
            value = {key: value[key] for key in value}
        out = {}
        start = failed = len(errors)
        for name, key, field_check, default, factory in fields:
            item = value.get(key, INVALID)
            if item is INVALID and key not in value:
                if factory is not None:
                    out[name] = factory()
                elif default is not NO_DEFAULT:
                    out[name] = default
                elif name in required:
                    errors.append(error_dict("missing", (key,), value))
                    start = len(errors)
                continue
            result = field_check(item, errors)
            if result is INVALID:
                relocate(errors, start, key)
                start = len(errors)
            else:
                out[name] = result
        if start != failed:
            return INVALID
        if as_dict:
            return out
        try:
            return cls(**out)
        except (ValueError, AssertionError) as exc:
            return fail(errors, "value_error", value, {"error": exc})

    required = {spec.name for spec in specs if spec.required}
    dumps = [(spec.name, spec.key, spec.check.serialize) for spec in specs]
    if as_dict:

        def serialize(value: "Any") -> "Any":
            return {name: dump(value[name]) for name, _, dump in dumps if name in value}

    else:
        # perf: values already JSON-ready (str, int, ... fields) are taken without a call
        plain = [(name, key, None if dump is identity else dump) for name, key, dump in dumps]

        def serialize(value: "Any") -> "Any":
            return {
                key: getattr(value, name) if dump is None else dump(getattr(value, name))
                for name, key, dump in plain
            }

    def schema(sctx: "Any") -> "dict[str, Any]":
        def build() -> "dict[str, Any]":
            props = {spec.key: property_schema(spec, sctx) for spec in specs}
            body: dict[str, Any] = {"properties": props, "title": cls.__name__, "type": "object"}
            names = [spec.key for spec in specs if spec.required]
            if names:
                body["required"] = names
            return _described(cls, body)

        reference: dict[str, Any] = sctx.reference(cls, build)
        return reference

    def exactness(value: "Any") -> int:
        return EXACT if not as_dict and type(value) is cls else LAX

    target.check, target.serialize, target.schema_fn = check, serialize, schema
    target.exactness = exactness
    return target


def build_named_tuple(cls: "Any", specs: "list[FieldSpec]", target: TypeCheck) -> TypeCheck:
    """Fill ``target`` for a NamedTuple: its items by position (any iterable but text, as a
    fixed tuple takes them) or a mapping by field name, where other keys are refused."""
    from collections.abc import Mapping

    from apiway.validation.containers import fixed_items

    names = frozenset(spec.name for spec in specs)
    fields = [(spec.name, spec.check.check, spec.required, spec.default, spec.factory) for spec in specs]
    size = len(fields)
    ctx = {"class_name": cls.__name__}

    def check(value: "Any", errors: "Errors") -> "Any":
        if type(value) is cls:
            return value
        keyed = isinstance(value, Mapping)
        items: Any = () if keyed else fixed_items(value, size, "NamedTuple", errors)
        if items is INVALID:
            return INVALID
        if items is None:
            return fail(errors, "named_tuple_type", value, dict(ctx))
        out = []
        start = failed = len(errors)
        for index, (name, field_check, required, default, factory) in enumerate(fields):
            where: Any = name if keyed else index
            item = value.get(name, INVALID) if keyed else items[index] if index < len(items) else INVALID
            if item is INVALID and (not keyed or name not in value):
                if required:
                    errors.append(error_dict("missing", (where,), value))
                    start = len(errors)
                else:
                    out.append(factory() if factory else default)
                continue
            result = field_check(item, errors)
            if result is INVALID:
                relocate(errors, start, where)
                start = len(errors)
            else:
                out.append(result)
        if keyed:
            for key in value:
                if not isinstance(key, str):
                    errors.append(error_dict("invalid_key", (key,), key))
                elif key not in names:
                    errors.append(error_dict("extra_forbidden", (key,), value[key]))
        if len(errors) != failed:
            return INVALID
        return cls(*out)

    dumps = [spec.check.serialize for spec in specs]

    def serialize(value: "Any") -> "Any":
        return [dump(item) for dump, item in zip(dumps, value, strict=False)]

    def schema(sctx: "Any") -> "dict[str, Any]":
        def build() -> "dict[str, Any]":
            items = [property_schema(spec, sctx) for spec in specs]
            minimum = sum(1 for spec in specs if spec.required)
            return {"maxItems": len(specs), "minItems": minimum, "prefixItems": items, "type": "array"}

        reference: dict[str, Any] = sctx.reference(cls, build)
        return reference

    target.check, target.serialize, target.schema_fn = check, serialize, schema
    target.exactness = lambda value: EXACT if type(value) is cls else LAX
    return target


# -- reading the fields of a record class ----------------------------------------------------
def resolved_hints(cls: type) -> "dict[str, Any]":
    """The class's annotations with string forward references resolved (extras kept)."""
    own: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        own.update(vars(base).get("__annotations__", ()))
    for value in own.values():
        if type(value) is not type and (isinstance(value, str) or type(value).__name__ == "ForwardRef"):
            break
    else:
        return own
    import typing

    try:
        return typing.get_type_hints(cls, include_extras=True)
    except NameError as exc:
        raise _check.AnnotationError(f"cannot resolve an annotation of {cls.__qualname__}: {exc}") from None


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
    missing = dataclasses.MISSING
    for field in dataclasses.fields(cls):
        if not field.init:
            continue
        default: Any = NO_DEFAULT if field.default is missing else field.default
        factory = None if field.default_factory is missing else field.default_factory
        annotation = hints.get(field.name, field.type)
        if default is not NO_DEFAULT and type(default).__name__ == "FieldInfo":
            info = _field_info_default(default)
            if info is not None:
                default, factory, metadata = info
                annotation = _with_metadata(annotation, metadata)
        out.append((field.name, field.name, annotation, default, factory))
    initvar = getattr(dataclasses, "_FIELD_INITVAR", None)
    for name, value in vars(cls).get("__dataclass_fields__", {}).items():
        if getattr(value, "_field_type", None) is initvar:
            raise _check.AnnotationError(f"InitVar field {cls.__qualname__}.{name} is not supported")
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
        raise _check.AnnotationError(
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

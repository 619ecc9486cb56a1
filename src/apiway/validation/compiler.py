"""``compile_type``: an annotation (with its constraints) turned into a ``TypeCheck`` of closures,
and the validators of named records (stdlib dataclasses, TypedDicts, NamedTuples, msgspec
Structs read through the user's msgspec), each a component in the JSON Schema.

Dispatch happens once, here; the closures it returns do no introspection per value. Modules
for dates, decimals, UUIDs, unions or pydantic models load only when an annotation needs them.

perf: one module for what every validated app loads (each module costs its own finding and
loading at cold start), hence its size.
"""

import sys

from apiway import is_class
from apiway.validation import check as _check
from apiway.validation.check import (
    EXACT,
    INVALID,
    LAX,
    LENGTH,
    NUMERIC,
    Constraints,
    TypeCheck,
    error_dict,
    fail,
    identity,
    read_metadata,
    relocate,
)
from apiway.validation.scalars import (
    build_any,
    build_bool,
    build_bytes,
    build_float,
    build_int,
    build_none,
    build_str,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Errors = list[dict[str, Any]]
    # (name, input key, annotation, default, default factory)
    RawField = tuple[str, str, Any, Any, "Callable[[], Any] | None"]


# -- records: dataclasses, TypedDicts, NamedTuples, msgspec Structs --------------------------
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
    if spec.check.named is None and "title" not in body:  # (a Field(title=...) keeps its own)
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

    from apiway.validation.scalars import fixed_items

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


# -- compile_type: the dispatch --------------------------------------------------------------
_ORDERING = frozenset(("gt", "ge", "lt", "le"))
_SCALARS: "dict[Any, tuple[Any, frozenset[str]]]" = {
    int: (build_int, frozenset(NUMERIC)),
    float: (build_float, frozenset(NUMERIC)),
    bool: (build_bool, frozenset()),
    str: (build_str, frozenset((*LENGTH, "pattern"))),
    bytes: (build_bytes, frozenset(LENGTH)),
    None: (build_none, frozenset()),
    type(None): (build_none, frozenset()),
    object: (build_any, frozenset()),
}
_ARRAY_ORIGINS = {"list": "list", "set": "set", "frozenset": "frozenset", "Sequence": "Sequence",
                  "MutableSequence": "Sequence", "tuple": "tuple", "deque": "list"}  # fmt: skip
_MAPPING_ORIGINS = frozenset(("dict", "Mapping", "MutableMapping", "OrderedDict", "defaultdict"))
# Records compiled once per class: recursion and reuse across routes share one TypeCheck.
_RECORDS: "dict[type, TypeCheck]" = {}
_IN_PROGRESS: "set[type]" = set()
_SCALAR_CHECKS: "dict[Any, TypeCheck]" = {}


def compile_type(
    annotation: "Any", constraints: "Constraints | None" = None, *, default: "Any" = NO_DEFAULT
) -> TypeCheck:
    """Compile ``annotation`` (with optional extra ``constraints``) into a ``TypeCheck``.

    ``default``, when given with constraints, must satisfy them. Raises ``AnnotationError``
    (a ``RouteError`` and ``TypeError``) naming the unsupported type or misplaced constraint.
    """
    return compile_given(annotation, constraints.set() if constraints else {}, default)


def compile_given(annotation: "Any", given: "dict[str, Any]", default: "Any" = NO_DEFAULT) -> TypeCheck:
    """:func:`compile_type` with the extra constraints as a dict of checked values (a
    parameter marker's), without making a ``Constraints`` of them."""
    check = _compile(annotation, given, {})
    if default is not NO_DEFAULT and default is not None and (given or _has_metadata(annotation)):
        check_default(check, default, True, repr(annotation))
    return check


def check_default(check: TypeCheck, default: "Any", constrained: bool, where: str) -> None:
    """Refuse a default that breaks its own constraints (None stands for "not given"); types
    without constraints keep pydantic's rule of not validating defaults."""
    if default is None or not constrained:
        return
    errors: list[dict[str, Any]] = []
    if check.check(default, errors) is INVALID:
        raise _check.AnnotationError(f"the default {default!r} of {where} is not valid: {errors[0]['msg']}")


def _has_metadata(annotation: "Any") -> bool:
    return hasattr(annotation, "__metadata__")


def _name(annotation: "Any") -> str:
    return getattr(annotation, "__qualname__", None) or repr(annotation)


def _compile(annotation: "Any", given: "dict[str, Any]", notes: "dict[str, Any]") -> TypeCheck:
    if type(annotation) is type:
        # perf: a plain class, the usual case, without probing it for typing's attributes
        scalar = _SCALARS.get(annotation)
        if scalar is None:
            return _compile_class(annotation, given)
        builder, allowed = scalar
        _refuse(given, allowed, annotation)
        return _shared(annotation, given, builder)
    if not given:
        try:  # a generic of scalars compiled before (list[str], int | None, ...)
            shared = _SCALAR_CHECKS.get((annotation,))
        except TypeError:  # an unhashable annotation is never shared
            shared = None
        if shared is not None:
            return shared
    metadata = getattr(annotation, "__metadata__", None)
    if metadata is not None and hasattr(annotation, "__origin__"):
        inner_notes: dict[str, Any] = {}
        merged = read_metadata(metadata, given, inner_notes)
        check = _compile(annotation.__origin__, merged, notes)
        return _with_notes(check, inner_notes) if inner_notes else check
    if isinstance(annotation, str) or type(annotation).__name__ == "ForwardRef":
        name = getattr(annotation, "__forward_arg__", annotation)
        raise _check.AnnotationError(f"cannot resolve the forward reference {name!r}; pass the class itself")
    try:
        scalar = _SCALARS.get(annotation)
    except TypeError:  # an unhashable annotation is never a scalar
        scalar = None
    if scalar is not None:
        builder, allowed = scalar
        _refuse(given, allowed, annotation)
        return _shared(annotation, given, builder)
    if getattr(annotation, "__origin__", None) is not None or type(annotation).__name__ == "UnionType":
        if _of_scalars(annotation):  # list[str], str | None, dict[str, int], ...
            return _shared(
                annotation, given, lambda annotation, given: _compile_generic(annotation, given, {})
            )
        return _compile_generic(annotation, given, notes)
    typing = sys.modules.get("typing")
    if typing is not None and annotation is typing.Any:
        _refuse(given, frozenset(), annotation)
        return build_any(annotation, given)
    if is_class(annotation):
        return _compile_class(annotation, given)
    raise _check.AnnotationError(f"apiway cannot validate the annotation {annotation!r}")


def _of_scalars(annotation: "Any") -> bool:
    """A generic type of scalar types only (``list[str]``, ``int | None``), whose check holds
    nothing but its settings and can be shared. Unions of several types are left out: they
    compare equal whatever their order (``int | float == float | int``), and the order matters."""
    args = getattr(annotation, "__args__", None) or (None,)
    if len([arg for arg in args if arg is not None and arg is not type(None)]) > 1 and (
        type(annotation).__name__ == "UnionType" or getattr(annotation.__origin__, "_name", None) == "Union"
    ):
        return False
    for arg in args:
        try:
            if arg not in _SCALARS:
                return False
        except TypeError:  # an unhashable argument is never a scalar
            return False
    return getattr(annotation, "__metadata__", None) is None


def _shared(annotation: "Any", given: "dict[str, Any]", builder: "Any") -> TypeCheck:
    """The check of a scalar type (or a generic of scalars) with its constraints, built once and
    shared: it holds nothing but its settings (perf: most parameters and fields are ``int``,
    ``str`` or ``list[str]``)."""
    try:
        # The type of each bound is part of the key: ``ge=1`` and ``ge=True`` are reported apart.
        key = (annotation,)
        if given:
            key = (annotation, *[(name, type(value), value) for name, value in given.items()])
        check = _SCALAR_CHECKS.get(key)
    except TypeError:  # an unhashable bound
        return builder(annotation, given)  # type: ignore[no-any-return]
    if check is None:
        check = _SCALAR_CHECKS[key] = builder(annotation, given)
    return check


def _refuse(given: "dict[str, Any]", allowed: "frozenset[str]", annotation: "Any") -> None:
    for name in given:
        if name not in allowed:
            raise _check.AnnotationError(
                f"the constraint {name}={given[name]!r} does not apply to {_name(annotation)}"
            )


def _with_notes(check: TypeCheck, notes: "dict[str, Any]") -> TypeCheck:
    inner = check.schema_fn

    def schema(ctx: "Any") -> "dict[str, Any]":
        return {**inner(ctx), **notes}

    return TypeCheck(
        check.annotation, check.check, check.serialize, schema, check.label, check.exactness, check.named
    )


def _compile_class(cls: type, given: "dict[str, Any]") -> TypeCheck:
    module, name = cls.__module__, cls.__name__
    if module == "datetime" and name in ("datetime", "date", "time", "timedelta"):
        from apiway.validation.temporal import build_temporal

        _refuse(given, _ORDERING, cls)
        return build_temporal(cls, given)
    if (module, name) == ("decimal", "Decimal"):
        from apiway.validation.special import build_decimal

        _refuse(given, frozenset(NUMERIC), cls)
        return build_decimal(cls, given)
    if (module, name) == ("uuid", "UUID"):
        from apiway.validation.special import build_uuid

        _refuse(given, frozenset(), cls)
        return build_uuid(cls, given)
    if cls in (list, set, frozenset, tuple, dict):
        bare: dict[type, Any] = {list: list[object], set: set[object], frozenset: frozenset[object]}
        bare[tuple], bare[dict] = tuple[object, ...], dict[object, object]
        return _compile_generic(bare[cls], given, {})
    _refuse(given, frozenset(), cls)
    enum = sys.modules.get("enum")
    if enum is not None and issubclass(cls, enum.Enum):
        from apiway.validation.special import build_enum

        return _cached(cls, lambda: build_enum(cls, given))
    return _compile_record(cls)


def _cached(cls: type, build: "Any") -> TypeCheck:
    check = _RECORDS.get(cls)
    if check is None:
        check = _RECORDS[cls] = build()
    return check


def _compile_generic(annotation: "Any", given: "dict[str, Any]", notes: "dict[str, Any]") -> TypeCheck:
    origin = getattr(annotation, "__origin__", None)
    args: tuple[Any, ...] = getattr(annotation, "__args__", ())
    origin_name = getattr(origin, "__name__", None) or getattr(origin, "_name", None)
    if type(annotation).__name__ == "UnionType" or origin_name == "Union":
        return _compile_union(annotation, args, given)
    if origin_name == "Literal":
        from apiway.validation.special import build_literal

        _refuse(given, frozenset(), annotation)
        return build_literal(annotation, _flatten_literal(args))
    if origin_name in ("Required", "NotRequired", "ReadOnly", "Final"):
        return _compile(args[0], given, notes)
    if origin_name in _ARRAY_ORIGINS:
        from apiway.validation.scalars import build_array, build_fixed_tuple

        _refuse(given, frozenset(LENGTH), annotation)
        kind = _ARRAY_ORIGINS[origin_name]
        if kind == "tuple" and not (len(args) == 2 and args[1] is Ellipsis):
            members = [_compile(arg, {}, {}) for arg in args if arg != ()]
            return build_fixed_tuple(annotation, members, given)
        item = _compile(args[0] if args else object, {}, {})
        return build_array(annotation, kind, item, given)
    if origin_name in _MAPPING_ORIGINS:
        from apiway.validation.scalars import build_dict

        _refuse(given, frozenset(LENGTH), annotation)
        keys = _compile(args[0] if args else object, {}, {})
        values = _compile(args[1] if len(args) > 1 else object, {}, {})
        return build_dict(annotation, keys, values, given)
    raise _check.AnnotationError(f"apiway cannot validate the annotation {annotation!r}")


def _flatten_literal(args: "tuple[Any, ...]") -> "tuple[Any, ...]":
    out: list[Any] = []
    for arg in args:
        if getattr(getattr(arg, "__origin__", None), "_name", None) == "Literal":
            out.extend(_flatten_literal(arg.__args__))
        else:
            out.append(arg)
    return tuple(out)


def _compile_union(annotation: "Any", args: "tuple[Any, ...]", given: "dict[str, Any]") -> TypeCheck:
    others = [arg for arg in args if arg is not type(None) and arg is not None]
    nullable = len(others) != len(args)
    if not nullable and given:
        raise _check.AnnotationError(f"constraints {sorted(given)} do not apply to the union {annotation!r}")
    members = [_compile(arg, given, {}) for arg in others]
    if len(members) == 1:
        inner = members[0]
    else:
        from apiway.validation.unions import build_union

        inner = build_union(annotation, members)
    return build_nullable(annotation, inner) if nullable else inner


def build_nullable(annotation: "Any", inner: TypeCheck) -> TypeCheck:
    """``X | None``: None, or a valid X (errors are X's, with no member tag)."""
    inner_check, inner_dump = inner.check, inner.serialize

    def check(value: "Any", errors: "list[dict[str, Any]]") -> "Any":
        if value is None:
            return None
        return inner_check(value, errors)

    def serialize(value: "Any") -> "Any":
        return None if value is None else inner_dump(value)

    if inner_dump is identity:
        serialize = identity  # perf: None and the value are JSON-ready as they are

    def schema(ctx: "Any") -> "dict[str, Any]":
        body = inner.schema_fn(ctx)
        choices = body["anyOf"] if list(body) == ["anyOf"] else [body]
        return {"anyOf": [*choices, {"type": "null"}]}

    def exactness(value: "Any") -> int:
        return EXACT if value is None else inner.exactness(value)

    return TypeCheck(annotation, check, serialize, schema, f"nullable[{inner.label}]", exactness, inner.named)


def is_pydantic_model(annotation: "Any") -> bool:
    """A pydantic v2 ``BaseModel`` subclass (by its methods, without importing pydantic)."""
    return is_class(annotation) and all(
        callable(getattr(annotation, name, None))
        for name in ("model_validate", "model_json_schema", "model_dump")
    )


def _compile_record(cls: type) -> TypeCheck:
    """dataclass, TypedDict, NamedTuple, pydantic model or msgspec Struct; anything else fails."""
    done = _RECORDS.get(cls)
    if done is not None:
        return _late(done) if cls in _IN_PROGRESS else done
    if is_pydantic_model(cls):
        from apiway.validation.foreign import build_model

        return _cached(cls, lambda: build_model(cls))
    is_dataclass = hasattr(cls, "__dataclass_fields__") and not hasattr(cls, "__pydantic_validator__")
    is_typed_dict = issubclass(cls, dict) and hasattr(cls, "__required_keys__")
    is_named_tuple = issubclass(cls, tuple) and hasattr(cls, "_fields")
    is_struct = "msgspec" in sys.modules and hasattr(cls, "__struct_fields__")
    if not (is_dataclass or is_typed_dict or is_named_tuple or is_struct):
        raise _check.AnnotationError(
            f"apiway cannot validate {_name(cls)}: use a dataclass, TypedDict, NamedTuple, pydantic model, "
            "msgspec Struct or a supported standard type"
        )
    target = TypeCheck(cls, _unbuilt, _unbuilt, _unbuilt, cls.__name__, named=cls)
    _RECORDS[cls] = target
    _IN_PROGRESS.add(cls)
    try:
        required: frozenset[str] | None = None
        if is_typed_dict:
            raw, required = typed_dict_fields(cls)
        elif is_named_tuple:
            raw = named_tuple_fields(cls)
        elif is_struct:
            raw = struct_fields(cls)
        else:
            raw = dataclass_fields(cls)
        specs = []
        for name, key, annotation, default, factory in raw:
            check = _compile_field(cls, name, annotation, default)
            optional = required is not None and name not in required
            specs.append(FieldSpec(name, check, default, factory, key, optional=optional))
        if is_named_tuple:
            return build_named_tuple(cls, specs, target)
        return build_record(cls, specs, is_typed_dict, target)
    except BaseException:
        _RECORDS.pop(cls, None)
        raise
    finally:
        _IN_PROGRESS.discard(cls)


def _compile_field(cls: type, name: str, annotation: "Any", default: "Any") -> TypeCheck:
    try:
        check = _compile(annotation, {}, {})
    except _check.AnnotationError as exc:
        raise _check.AnnotationError(f"field {cls.__qualname__}.{name}: {exc}") from None
    if default is not NO_DEFAULT:
        check_default(check, default, _has_metadata(annotation), f"{cls.__qualname__}.{name}")
    return check


def _unbuilt(*args: "Any") -> "Any":  # pragma: no cover - replaced before any use
    raise RuntimeError("record validator used before it was built")


def _late(target: TypeCheck) -> TypeCheck:
    """A reference to a record still being compiled (recursive types): calls go through
    ``target`` at run time, once it is complete."""
    return TypeCheck(
        target.annotation,
        # The lambdas are the point: they read target's attributes at call time.
        lambda value, errors: target.check(value, errors),  # noqa: PLW0108
        lambda value: target.serialize(value),  # noqa: PLW0108
        lambda ctx: target.schema_fn(ctx),  # noqa: PLW0108
        target.label,
        lambda value: target.exactness(value),  # noqa: PLW0108
        target.named,
    )

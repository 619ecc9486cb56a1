"""``compile_type``: an annotation (with its constraints) turned into a ``TypeCheck`` of closures.

Dispatch happens once, here; the closures it returns do no introspection per value. Modules
for dates, decimals, UUIDs or records load only when an annotation needs them.
"""

import sys

from apiway.validation import check as _check
from apiway.validation import records
from apiway.validation.check import EXACT, INVALID, TypeCheck, identity
from apiway.validation.constraints import LENGTH, NUMERIC, Constraints, read_metadata
from apiway.validation.records import NO_DEFAULT, FieldSpec
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
    from typing import Any

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
    if isinstance(annotation, type):
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
        from apiway.validation.containers import build_array, build_fixed_tuple

        _refuse(given, frozenset(LENGTH), annotation)
        kind = _ARRAY_ORIGINS[origin_name]
        if kind == "tuple" and not (len(args) == 2 and args[1] is Ellipsis):
            members = [_compile(arg, {}, {}) for arg in args if arg != ()]
            return build_fixed_tuple(annotation, members, given)
        item = _compile(args[0] if args else object, {}, {})
        return build_array(annotation, kind, item, given)
    if origin_name in _MAPPING_ORIGINS:
        from apiway.validation.containers import build_dict

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
    return isinstance(annotation, type) and all(
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
            raw, required = records.typed_dict_fields(cls)
        elif is_named_tuple:
            raw = records.named_tuple_fields(cls)
        elif is_struct:
            raw = records.struct_fields(cls)
        else:
            raw = records.dataclass_fields(cls)
        specs = []
        for name, key, annotation, default, factory in raw:
            check = _compile_field(cls, name, annotation, default)
            optional = required is not None and name not in required
            specs.append(FieldSpec(name, check, default, factory, key, optional=optional))
        if is_named_tuple:
            return records.build_named_tuple(cls, specs, target)
        return records.build_record(cls, specs, is_typed_dict, target)
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

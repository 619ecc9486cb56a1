"""The engine's core: ``TypeCheck`` (one compiled annotation: validator, serializer, JSON
Schema), what validators report (error dicts in pydantic v2's shape, the ``INVALID`` sentinel,
``AnnotationError`` for annotations that cannot be compiled) and ``Constraints`` (bounds,
lengths, pattern) read from ``Annotated`` metadata.

perf: one module for what every validated app loads (each module costs its own finding and
loading at cold start), hence its size.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any, Final

    from apiway.exceptions import RouteError

    Check = Callable[[Any, list[dict[str, Any]]], Any]
    Dump = Callable[[Any], Any]
    SchemaFn = Callable[["SchemaContext"], dict[str, Any]]
    ExactFn = Callable[[Any], int]
    BoundCheck = Callable[[Any], "tuple[str, dict[str, Any], dict[str, Any]] | None"]


class _Invalid:
    """The type of ``INVALID``: one instance, falsy-neutral, named in its repr."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"

    def __reduce__(self) -> str:
        return "INVALID"


#: Returned by a validator when the value had errors (the errors went to the caller's list).
INVALID: "Final[Any]" = _Invalid()

#: Validators of sequences and mappings stop once a request has this many problems: a hostile
#: body of a million wrong items costs neither a million error dicts nor an answer too large
#: for its event source.
MAX_ERRORS: "Final[int]" = 1000

#: The marker for a parameter without a default (or without an annotation).
EMPTY: "Any" = object()


def _annotation_error() -> type:
    made = globals().get("AnnotationError")
    if made is not None:
        return made  # type: ignore[no-any-return]
    from apiway.exceptions import RouteError

    class AnnotationError(RouteError, TypeError):
        """An annotation apiway cannot validate: an unsupported type, a constraint that does not
        apply to its type, or a default that breaks its own constraints. Raised by
        ``compile_type``, so at route registration; the message names the type or constraint."""

    AnnotationError.__qualname__ = "AnnotationError"
    globals()["AnnotationError"] = AnnotationError
    return AnnotationError


def annotation_error(message: str) -> Exception:
    """An ``AnnotationError`` with ``message`` (its class is made on first use)."""
    error: Exception = _annotation_error()(message)
    return error


def __getattr__(name: str) -> object:
    # perf: AnnotationError is a RouteError, and apiway.exceptions (sixteen classes) loads when
    # a route is refused, or when the name is first used, not with the engine.
    if name == "AnnotationError":
        return _annotation_error()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:

    class AnnotationError(RouteError, TypeError):
        """(Made by ``_annotation_error`` on first use.)"""


# The message templates of pydantic v2 (pydantic-core) for the error types apiway emits;
# ``{name}`` is filled from the error's ``ctx``.
MESSAGES: "Final[dict[str, str]]" = {
    "missing": "Field required",
    "extra_forbidden": "Extra inputs are not permitted",
    "int_type": "Input should be a valid integer",
    "int_parsing": "Input should be a valid integer, unable to parse string as an integer",
    "int_parsing_size": "Unable to parse input string as an integer, exceeded maximum size",
    "int_from_float": "Input should be a valid integer, got a number with a fractional part",
    "finite_number": "Input should be a finite number",
    "float_type": "Input should be a valid number",
    "float_parsing": "Input should be a valid number, unable to parse string as a number",
    "bool_type": "Input should be a valid boolean",
    "bool_parsing": "Input should be a valid boolean, unable to interpret input",
    "string_type": "Input should be a valid string",
    "string_unicode": "Input should be a valid string, unable to parse raw data as a unicode string",
    "string_too_short": "String should have at least {min_length} character{_s}",
    "string_too_long": "String should have at most {max_length} character{_s}",
    "string_pattern_mismatch": "String should match pattern '{pattern}'",
    "bytes_type": "Input should be a valid bytes",
    "bytes_too_short": "Data should have at least {min_length} byte{_s}",
    "bytes_too_long": "Data should have at most {max_length} byte{_s}",
    "none_required": "Input should be None",
    "greater_than": "Input should be greater than {gt}",
    "greater_than_equal": "Input should be greater than or equal to {ge}",
    "less_than": "Input should be less than {lt}",
    "less_than_equal": "Input should be less than or equal to {le}",
    "multiple_of": "Input should be a multiple of {multiple_of}",
    "too_short": "{field_type} should have at least {min_length} item{_s} after validation, not {actual_length}",  # noqa: E501
    "too_long": "{field_type} should have at most {max_length} item{_s} after validation, not {actual_length}",  # noqa: E501
    "list_type": "Input should be a valid list",
    "tuple_type": "Input should be a valid tuple",
    "set_type": "Input should be a valid set",
    "frozen_set_type": "Input should be a valid frozenset",
    "dict_type": "Input should be a valid dictionary",
    "sequence_str": "'{type_name}' instances are not allowed as a Sequence value",
    "is_instance_of": "Input should be an instance of {class}",
    "set_item_not_hashable": "Set items should be hashable",
    "dataclass_type": "Input should be a dictionary or an instance of {class_name}",
    "model_type": "Input should be a valid dictionary or instance of {class_name}",
    "named_tuple_type": "Input should be a tuple, list, dictionary or an instance of {class_name}",
    "invalid_key": "Keys should be strings",
    "literal_error": "Input should be {expected}",
    "enum": "Input should be {expected}",
    "decimal_type": "Decimal input should be an integer, float, string or Decimal object",
    "decimal_parsing": "Input should be a valid decimal",
    "uuid_type": "UUID input should be a string, bytes or UUID object",
    "uuid_parsing": "Input should be a valid UUID, {error}",
    "datetime_type": "Input should be a valid datetime",
    "datetime_parsing": "Input should be a valid datetime, {error}",
    "datetime_from_date_parsing": "Input should be a valid datetime or date, {error}",
    "date_type": "Input should be a valid date",
    "date_parsing": "Input should be a valid date in the format YYYY-MM-DD, {error}",
    "date_from_datetime_parsing": "Input should be a valid date or datetime, {error}",
    "date_from_datetime_inexact": "Datetimes provided to dates should have zero time - e.g. be exact dates",
    "time_type": "Input should be a valid time",
    "time_parsing": "Input should be in a valid time format, {error}",
    "time_delta_type": "Input should be a valid timedelta",
    "time_delta_parsing": "Input should be a valid timedelta, {error}",
    "json_invalid": "Invalid JSON: {error}",
    "value_error": "Value error, {error}",
}


def error_dict(
    kind: str,
    loc: "tuple[Any, ...]",
    value: "Any",
    ctx: "dict[str, Any] | None" = None,
    shown: "dict[str, Any] | None" = None,
) -> "dict[str, Any]":
    """One error as pydantic v2's ``ValidationError.errors()`` lists it (without ``url``);
    ``shown`` overrides ``ctx`` values in the message."""
    template = MESSAGES[kind]
    if ctx:
        fill = {name: _text(item) for name, item in (ctx if shown is None else {**ctx, **shown}).items()}
        count = ctx.get("min_length", ctx.get("max_length"))
        fill["_s"] = "" if count == 1 else "s"
        return {"type": kind, "loc": loc, "msg": template.format_map(fill), "input": value, "ctx": ctx}
    return {"type": kind, "loc": loc, "msg": template, "input": value}


def fail(
    errors: "list[dict[str, Any]]",
    kind: str,
    value: "Any",
    ctx: "dict[str, Any] | None" = None,
    shown: "dict[str, Any] | None" = None,
) -> "Any":
    """Append one error at the current (relative) location and return ``INVALID``."""
    errors.append(error_dict(kind, (), value, ctx, shown))
    return INVALID


def relocate(errors: "list[dict[str, Any]]", start: int, key: "Any") -> None:
    """Put ``key`` in front of the location of every error from ``start`` on."""
    for index in range(start, len(errors)):
        item = errors[index]
        item["loc"] = (key, *item["loc"])


def _text(value: "Any") -> str:
    # pydantic writes numbers with Python's str() (1, 1.5, Decimal 0.5); a set's unknown
    # length as "more".
    return "more" if value is None else str(value)


# How closely an input matched a union member (pydantic's smart-union ranks): an exact type
# wins at once; otherwise the best rank wins, the first member on ties.
LAX, STRICT, EXACT = 0, 1, 2


def identity(value: "Any") -> "Any":
    """Serialize a value that is already JSON-compatible."""
    return value


def json_float(value: "float") -> "float | None":
    """Serialize a float: NaN and the infinities, which JSON cannot write, become ``None``
    (``null``), as pydantic's JSON output writes them."""
    return value if value - value == 0 else None


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


def _candidate_names(cls: type) -> "Iterator[str]":
    """The class name, then the module-qualified one, then numbered ones (made as needed:
    the first is almost always free)."""
    yield _normalize(cls.__name__)
    qualified = _normalize(f"{cls.__module__}.{cls.__qualname__}")
    yield qualified
    for number in range(1, 100):
        yield f"{qualified}__{number}"


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


# -- constraints: bounds, lengths, pattern ---------------------------------------------------
NUMERIC = ("gt", "ge", "lt", "le", "multiple_of")
LENGTH = ("min_length", "max_length")
NAMES = (*NUMERIC, *LENGTH, "pattern")
# Schema annotations a pydantic ``Field(...)`` (or apiway param) inside ``Annotated`` may carry.
SCHEMA_NOTES = ("title", "description", "examples")
# pydantic-only settings that change validation in ways apiway does not implement.
_UNSUPPORTED = (
    "strict", "allow_inf_nan", "max_digits", "decimal_places", "coerce_numbers_to_str",
    "union_mode", "discriminator", "strip_whitespace", "to_lower", "to_upper", "fail_fast",
)  # fmt: skip
# Where pydantic's ``Field(...)`` keeps those settings: most in one general object, some in
# their own (``allow_inf_nan`` since pydantic 2.14).
_PYDANTIC_SETTINGS = ("_PydanticGeneralMetadata", "Strict", "AllowInfNan", "FailFast")
# Settings whose False is apiway's own (lax) behaviour.
_LAX = ("strict", "fail_fast")
_ANNOTATED_TYPES = {"Gt", "Ge", "Lt", "Le", "MultipleOf", "MinLen", "MaxLen", "Len", "Interval"}


class Constraints:
    """Immutable value constraints, as pydantic's ``Field`` and apiway's params take them."""

    __slots__ = NAMES

    gt: "Any"
    ge: "Any"
    lt: "Any"
    le: "Any"
    multiple_of: "Any"
    min_length: "int | None"
    max_length: "int | None"
    pattern: "str | None"

    def __init__(
        self,
        *,
        gt: "Any" = None,
        ge: "Any" = None,
        lt: "Any" = None,
        le: "Any" = None,
        multiple_of: "Any" = None,
        min_length: "int | None" = None,
        max_length: "int | None" = None,
        pattern: "str | None" = None,
    ):
        for name, value in zip(
            NAMES, (gt, ge, lt, le, multiple_of, min_length, max_length, pattern), strict=False
        ):
            object.__setattr__(self, name, value)
        check_values(min_length, max_length, pattern, multiple_of)

    def __setattr__(self, name: str, value: "Any") -> None:
        raise AttributeError("Constraints are immutable")

    def set(self) -> "dict[str, Any]":
        """The constraints that are given, by name."""
        return {name: value for name in NAMES if (value := getattr(self, name)) is not None}

    def merge(self, other: "Constraints | None") -> "Constraints":
        """These constraints with ``other``'s given ones taking precedence."""
        if other is None:
            return self
        return Constraints(**{**self.set(), **other.set()})

    def __bool__(self) -> bool:
        return any(getattr(self, name) is not None for name in NAMES)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Constraints) and self.set() == other.set()

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, repr(v)) for k, v in self.set().items())))

    def __repr__(self) -> str:
        return "Constraints(" + ", ".join(f"{k}={v!r}" for k, v in self.set().items()) + ")"


def check_values(min_length: "Any", max_length: "Any", pattern: "Any", multiple_of: "Any") -> None:
    """Refuse constraint values that make no sense (a negative length, ...)."""
    for name, value in (("min_length", min_length), ("max_length", max_length)):
        if value is not None and (type(value) is not int or value < 0):
            raise annotation_error(f"constraint {name}={value!r} must be a non-negative int")
    if pattern is not None and not isinstance(pattern, str):
        raise annotation_error(f"constraint pattern={pattern!r} must be a str")
    if multiple_of is not None and not multiple_of > 0:
        raise annotation_error(f"constraint multiple_of={multiple_of!r} must be greater than 0")


def read_metadata(
    items: "Iterable[Any]", given: "dict[str, Any]", notes: "dict[str, Any]"
) -> "dict[str, Any]":
    """``given`` (constraints by name) merged with those found in ``Annotated`` metadata,
    checked; schema notes go to ``notes``.

    Understood: ``Constraints``, pydantic ``FieldInfo`` (``Field(...)``, its ``metadata``),
    apiway's parameter markers (``Query(ge=0)``, ``Body(...)``: their constraints and notes),
    and ``annotated_types`` bounds. Validators and pydantic-only settings are refused; other
    metadata is ignored.
    """
    found = dict(given)
    for item in items:
        _read_item(item, found, notes)
    if found:
        get = found.get
        check_values(get("min_length"), get("max_length"), get("pattern"), get("multiple_of"))
    return found


def _read_item(item: "Any", found: "dict[str, Any]", notes: "dict[str, Any]") -> None:
    cls = type(item)
    if isinstance(item, Constraints):
        found.update(item.set())
        return
    if cls.__module__ == "annotated_types":
        if cls.__name__ not in _ANNOTATED_TYPES:
            raise annotation_error(f"the annotated_types constraint {item!r} is not supported")
        found.update({n: v for n in NAMES if (v := getattr(item, n, None)) is not None})
        return
    if cls.__name__ in ("AfterValidator", "BeforeValidator", "PlainValidator", "WrapValidator"):
        raise annotation_error(f"validator functions in Annotated are not supported: {item!r}")
    own = getattr(item, "constraints", None)
    if isinstance(own, Constraints):
        found.update(own.set())
    elif isinstance(own, dict) and hasattr(item, "json_schema_extra"):
        _read_marker(item, own, found, notes)  # Query(), Body(), ... inside a type: as Field()
        return
    metadata = getattr(item, "metadata", None)
    if isinstance(metadata, list):
        for inner in metadata:
            _read_item(inner, found, notes)
        for name in SCHEMA_NOTES:
            value = getattr(item, name, None)
            if value is not None:
                notes[name] = value
        return
    if cls.__name__ in _PYDANTIC_SETTINGS and cls.__module__.startswith("pydantic"):
        for name in ("pattern", *_UNSUPPORTED):
            value = getattr(item, name, None)
            if value is None or (name in _LAX and value is False):
                continue
            if name == "pattern":
                found["pattern"] = value if isinstance(value, str) else value.pattern
            else:
                raise annotation_error(f"the setting {name}={value!r} is not supported by apiway")


def _read_marker(
    item: "Any", settings: "dict[str, Any]", found: "dict[str, Any]", notes: "dict[str, Any]"
) -> None:
    """An apiway parameter marker met inside a type (``list[Annotated[int, Query(ge=0)]]``, a
    dataclass field): its constraints and schema notes apply there, as a pydantic ``Field``'s
    would; the settings apiway does not apply are refused unless set to its own behaviour."""
    for name, value in settings.items():
        if name in NAMES:
            found[name] = value
        elif not ((name == "strict" and value is False) or (name == "allow_inf_nan" and value is True)):
            raise annotation_error(
                f"the setting {type(item).__name__}({name}={value!r}) is not supported by apiway "
                "inside a type"
            )
    for name in SCHEMA_NOTES:
        value = getattr(item, name, None)
        if value is not None:
            notes[name] = value


def bound_check(
    given: "dict[str, Any]", convert: "Callable[[Any], Any]", show: "Callable[[Any], Any] | None" = None
) -> "BoundCheck | None":
    """A check of the numeric/ordering constraints in pydantic's order (multiple_of, le, lt,
    ge, gt): it returns the first broken one as ``(error type, ctx, message ctx)``, or None.
    ``ctx`` holds the converted bound (``show(bound)`` when given), the message the given one."""
    checks: list[tuple[str, str, Any, dict[str, Any], dict[str, Any]]] = []
    for name, kind in (
        ("multiple_of", "multiple_of"),
        ("le", "less_than_equal"),
        ("lt", "less_than"),
        ("ge", "greater_than_equal"),
        ("gt", "greater_than"),
    ):
        if name in given:
            try:
                bound = convert(given[name])
                ctx = {name: show(bound) if show else bound}
                checks.append((name, kind, bound, ctx, {name: ctx[name] if show else given[name]}))
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise annotation_error(
                    f"constraint {name}={given[name]!r} does not fit the type: {exc}"
                ) from None
    if not checks:
        return None
    found = {name: (bound, (kind, ctx, shown)) for name, kind, bound, ctx, shown in checks}
    # perf: each bound in a variable of its own (None when not given), compared inline
    step, step_error = found.get("multiple_of", (None, None))
    le, le_error = found.get("le", (None, None))
    lt, lt_error = found.get("lt", (None, None))
    ge, ge_error = found.get("ge", (None, None))
    gt, gt_error = found.get("gt", (None, None))

    def check(value: "Any") -> "tuple[str, dict[str, Any], dict[str, Any]] | None":
        if step is not None and not _is_multiple(value, step):
            broken: Any = step_error
        elif le is not None and not value <= le:
            broken = le_error
        elif lt is not None and not value < lt:
            broken = lt_error
        elif ge is not None and not value >= ge:
            broken = ge_error
        elif gt is not None and not value > gt:
            broken = gt_error
        else:
            return None
        kind, ctx, shown = broken
        return kind, dict(ctx), shown

    return check


def _is_multiple(value: "Any", step: "Any") -> bool:
    if isinstance(value, int) and isinstance(step, float) and abs(value) >= 2**1023:
        # past a float's range: the exact remainder (the float rule would overflow)
        from fractions import Fraction

        return value % Fraction(step) == 0
    if isinstance(value, float) or isinstance(step, float):
        # pydantic-core's float rule: the truncated remainder is within step/1e9 of 0 or a step.
        finite = value - value == 0  # false for nan and the infinities
        remainder = value - step * int(value / step) if finite else value
        threshold = abs(step) / 1e9
        return bool(abs(remainder) <= threshold or abs(remainder - step) <= threshold)
    return bool(value % step == 0)

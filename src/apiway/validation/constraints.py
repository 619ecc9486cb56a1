"""``Constraints`` (bounds, lengths, pattern) and reading them from ``Annotated`` metadata."""

from apiway.validation import check as _check

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    BoundCheck = Callable[[Any], "tuple[str, dict[str, Any], dict[str, Any]] | None"]

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
            raise _check.AnnotationError(f"constraint {name}={value!r} must be a non-negative int")
    if pattern is not None and not isinstance(pattern, str):
        raise _check.AnnotationError(f"constraint pattern={pattern!r} must be a str")
    if multiple_of is not None and not multiple_of > 0:
        raise _check.AnnotationError(f"constraint multiple_of={multiple_of!r} must be greater than 0")


def read_metadata(
    items: "Iterable[Any]", given: "dict[str, Any]", notes: "dict[str, Any]"
) -> "dict[str, Any]":
    """``given`` (constraints by name) merged with those found in ``Annotated`` metadata,
    checked; schema notes go to ``notes``.

    Understood: ``Constraints``, pydantic ``FieldInfo`` (``Field(...)``, its ``metadata``),
    objects holding a ``constraints`` attribute (apiway params), and ``annotated_types``
    bounds. Validators and pydantic-only settings are refused; other metadata is ignored.
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
            raise _check.AnnotationError(f"the annotated_types constraint {item!r} is not supported")
        found.update({n: v for n in NAMES if (v := getattr(item, n, None)) is not None})
        return
    if cls.__name__ in ("AfterValidator", "BeforeValidator", "PlainValidator", "WrapValidator"):
        raise _check.AnnotationError(f"validator functions in Annotated are not supported: {item!r}")
    own = getattr(item, "constraints", None)
    if isinstance(own, Constraints):
        found.update(own.set())
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
                raise _check.AnnotationError(f"the setting {name}={value!r} is not supported by apiway")


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
                raise _check.AnnotationError(
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
    if isinstance(value, float) or isinstance(step, float):
        # pydantic-core's float rule: the truncated remainder is within step/1e9 of 0 or a step.
        finite = value - value == 0  # false for nan and the infinities
        remainder = value - step * int(value / step) if finite else value
        threshold = abs(step) / 1e9
        return bool(abs(remainder) <= threshold or abs(remainder - step) <= threshold)
    return bool(value % step == 0)

"""Whether a validated route's plan can wait for its first request.

A route with validation on is compiled when it is registered, so that a malformed annotation
fails where it is written. Compiling costs a cold start about a third of a millisecond per
route, most of it for routes the first invocation never calls. :func:`plainly_valid` answers
True only for handlers whose every part is of a few shapes that always compile: a plain
``def`` taking path and query scalars (int, float, str, bool; bare, or ``Annotated`` with one
``Path()`` or ``Query()`` holding bounds or lengths that fit its type and its default; query
ones may be ``T | None``) and at most one dataclass body of scalar, ``list[scalar]`` and
``scalar | None`` fields, returning nothing declared, a scalar, ``dict``, ``list``, such a
dataclass or a list of them. Such a route is compiled at its first request (or when the
OpenAPI document is asked for); anything else is compiled at registration, as before, and
reports its errors there.

Annotations written as text (``from __future__ import annotations``) are not judged: telling
their shapes apart means evaluating them, about half of what compiling the route costs, and
the rest would then land on the first request or the OpenAPI document. Such routes are
compiled at registration.

perf: this module imports nothing; the validation engine loads only when a plan is compiled.
"""

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.registry import Route

_SCALARS = (int, float, str, bool)
#: Generator, coroutine and async generator code flags (a handler the router cannot call plainly).
_NOT_PLAIN = 0x20 | 0x80 | 0x200
#: *args, **kwargs
_STARRED = 0x04 | 0x08
#: Route options that only the OpenAPI document reads (``responses`` names models to compile).
_DOCUMENT_OPTIONS = frozenset(
    (
        "summary",
        "description",
        "tags",
        "operation_id",
        "include_in_schema",
        "deprecated",
        "response_description",
        "openapi_extensions",
        "security",
        "enable_validation",
        "custom_response_validation_http_code",
    )
)
#: A marker's bounds and lengths that apply to each scalar type; the others, and every
#: setting in ``_REFUSED``, are compiled now.
_FITTING = {
    int: ("gt", "ge", "lt", "le"),
    float: ("gt", "ge", "lt", "le"),
    str: ("min_length", "max_length"),
    bool: (),
}
_NEVER = (
    "default_factory",
    "annotation",
    "alias",
    "validation_alias",
    "discriminator",
    "pattern",
    "multiple_of",
    "strict",
    "allow_inf_nan",
    "max_digits",
    "decimal_places",
)
_NUMBERS_REFUSE = (*_NEVER, "min_length", "max_length")
_REFUSED = {
    int: _NUMBERS_REFUSE,
    float: _NUMBERS_REFUSE,
    str: (*_NEVER, "gt", "ge", "lt", "le"),
    bool: (*_NEVER, "gt", "ge", "lt", "le", "min_length", "max_length"),
}
_NONE = type(None)


def plainly_valid(route: "Route") -> bool:
    """True when ``route``'s handler certainly compiles (see the module's description)."""
    func = route.func
    if (
        type(func).__name__ != "function"
        or "__wrapped__" in func.__dict__
        or "__signature__" in func.__dict__
    ):
        return False
    code = func.__code__
    if code.co_flags & (_NOT_PLAIN | _STARRED) or code.co_posonlyargcount or code.co_kwonlyargcount:
        return False
    options = route.options
    if options and not _DOCUMENT_OPTIONS.issuperset(options):
        return False
    annotations = func.__annotations__
    rule_names = route.param_names
    if not annotations:
        return not rule_names and code.co_argcount == 0
    names = code.co_varnames[: code.co_argcount]
    defaults = func.__defaults__ or ()
    first_default = len(names) - len(defaults)
    params = sys.modules.get("apiway.openapi.params")
    markers = (params.Path, params.Query) if params is not None else ()
    bodies = 0
    for index, name in enumerate(names):
        if name not in annotations:
            return False
        default = defaults[index - first_default] if index >= first_default else _MISSING
        kind = _parameter_kind(annotations[name], default, markers)
        if kind is None:
            return False
        if name in rule_names:
            if kind not in ("scalar", "path") or default is not _MISSING:
                return False
        elif kind == "path":
            return False
        elif kind == "body":
            bodies += 1
    if bodies > 1 or not all(name in names for name in rule_names):
        return False
    return _plain_return(annotations.get("return", _MISSING))


class _Missing:
    """No default / no annotation."""


_MISSING = _Missing()


def _parameter_kind(annotation: "Any", default: "Any", markers: "tuple[Any, ...]") -> "str | None":
    """``"scalar"`` (a bare scalar: path or query by its name), ``"path"``, ``"query"``,
    ``"body"``, or None when the parameter is compiled now."""
    if type(annotation) is type:
        if annotation in _SCALARS:
            return "scalar" if default is _MISSING or type(default) is annotation else None
        if default is _MISSING and _plain_dataclass(annotation):
            return "body"
        return None
    metadata = getattr(annotation, "__metadata__", None)
    if metadata is None:
        inner = _optional_scalar(annotation)  # ``T | None``: a query parameter
        if inner is None or (default is not _MISSING and default is not None and type(default) is not inner):
            return None
        return "query"
    if len(metadata) != 1 or not markers:
        return None
    base = annotation.__origin__
    marker = metadata[0]
    optional = type(base) is not type
    if optional:
        base = _optional_scalar(base)  # ``Annotated[T | None, Query(...)]``
        if base is None:
            return None
    elif base not in _SCALARS:
        return None
    kind = type(marker)
    if kind is markers[0] and not optional:
        where = "path"
    elif kind is markers[1]:
        where = "query"
    else:
        return None
    if optional and default is None:
        default = _MISSING  # None is "not given": no constraint applies to it
    return where if _plain_marker(marker, base, default) else None


def _optional_scalar(annotation: "Any") -> "type | None":
    """``T`` for ``T | None`` or ``Optional[T]`` of a scalar ``T``, else None."""
    args = getattr(annotation, "__args__", None)
    if args is None or len(args) != 2 or args[1] is not _NONE or args[0] not in _SCALARS:
        return None
    if type(annotation).__name__ != "UnionType" and (
        getattr(getattr(annotation, "__origin__", None), "_name", None) != "Union"
    ):
        return None
    found: type = args[0]
    return found


def _plain_marker(marker: "Any", base: type, default: "Any") -> bool:
    """A ``Path()``/``Query()`` whose settings compile for ``base`` and whose default fits."""
    settings = vars(marker)
    if settings.get("default") is not sys.modules["apiway.openapi.fields"].Undefined:
        return False
    for name in _REFUSED[base]:
        if settings.get(name) is not None:
            return False
    for name in _FITTING[base]:
        bound = settings.get(name)
        if bound is None:
            continue
        if type(bound) is not int and (base is not float or type(bound) is not float or bound - bound != 0):
            return False  # a bound of another type (or NaN, an infinity) is compiled now
        if default is _MISSING:
            continue
        if type(default) is not base:
            return False
        value: Any = default  # (unnarrowed: ``base`` is one of the scalar types)
        if name == "gt":
            fits = value > bound
        elif name == "ge":
            fits = value >= bound
        elif name == "lt":
            fits = value < bound
        elif name == "le":
            fits = value <= bound
        elif name == "min_length":
            fits = len(value) >= bound >= 0
        else:
            fits = 0 <= len(value) <= bound
        if not fits:
            return False
    return default is _MISSING or type(default) is base


#: Checked dataclasses (perf: a route's body type is usually its return type as well).
_DATACLASSES: "dict[type, bool]" = {}


def _plain_dataclass(cls: type) -> bool:
    """A standard-library dataclass of scalar, ``list[scalar]`` and ``scalar | None`` fields
    with plain defaults (no factory, no init-less field, no pydantic)."""
    known = _DATACLASSES.get(cls)
    if known is None:
        known = _DATACLASSES[cls] = _read_dataclass(cls)
    return known


def _read_dataclass(cls: type) -> bool:
    fields = cls.__dict__.get("__dataclass_fields__")
    if fields is None or hasattr(cls, "__pydantic_validator__") or hasattr(cls, "__pydantic_fields__"):
        return False
    dataclasses = sys.modules["dataclasses"]
    missing = dataclasses.MISSING
    if len(dataclasses.fields(cls)) != len(fields):
        return False  # ClassVar and InitVar pseudo-fields
    for field in fields.values():
        if not field.init or field.default_factory is not missing:
            return False
        annotation, default = field.type, field.default
        if type(annotation) is type:
            if annotation not in _SCALARS or (default is not missing and type(default) is not annotation):
                return False
            continue
        inner = _optional_scalar(annotation)  # scalar | None, Optional[scalar]
        if inner is not None:
            if default is not missing and default is not None and type(default) is not inner:
                return False
            continue
        args = getattr(annotation, "__args__", None)  # else list[scalar], without a default
        if getattr(annotation, "__origin__", None) is not list or not args or len(args) != 1:
            return False
        if args[0] not in _SCALARS or default is not missing:
            return False
    return True


def _plain_return(returns: "Any") -> bool:
    if returns is _MISSING:
        return True
    if type(returns) is type:
        return returns in _SCALARS or returns is dict or returns is list or _plain_dataclass(returns)
    args = getattr(returns, "__args__", None)
    return (
        getattr(returns, "__origin__", None) is list
        and args is not None
        and len(args) == 1
        and type(args[0]) is type
        and _plain_dataclass(args[0])
    )

"""What each handler (or dependency) parameter is: a value read from the request (path, query,
header, cookie, body), a ``Depends``, or the ``Request`` itself; compiled once, refused with a
message naming the route and the parameter when it cannot work.

The rules are the Powertools REST event handler's: a parameter named in the rule is a path
parameter; a marker (``Query()``, ``Header()``, ``Body()``, ...) in ``Annotated`` or as the
default says where the value comes from; otherwise a scalar (or any type that is not a model,
a mapping or a sequence) is a query parameter and anything else is the body.
"""

import sys

from apiway.validation import check as _check
from apiway.validation.check import EMPTY
from apiway.validation.compiler import compile_given
from apiway.validation.records import NO_DEFAULT

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.validation.check import TypeCheck

#: Where a value is read from, by marker class name (``None``: no marker).
_LOCATIONS = {"Path": "path", "Query": "query", "Header": "header", "Cookie": "cookie", "Param": "query"}
_BODY_MARKERS = frozenset(("Body", "Form", "File"))
# Marker settings the validation engine does not apply: refused unless set to what it does anyway.
_LAX_DEFAULTS = {"strict": False, "allow_inf_nan": True}
_EXTRAS_ORDER = ("strict", "allow_inf_nan", "max_digits", "decimal_places")
_EXTRAS = frozenset(_EXTRAS_ORDER)


class RequestField:
    """One value read from the request for a parameter, with its compiled check."""

    __slots__ = (
        "annotation", "check", "default", "factory", "key", "many", "marker", "name", "owner", "parts",
        "required", "upload", "where",
    )  # fmt: skip

    def __init__(self, name: str, where: str, key: str, annotation: "Any", marker: "Any"):
        self.name = name
        #: "path", "query", "header", "cookie" or "body".
        self.where = where
        #: The name looked up in the request (alias, header name).
        self.key = key
        self.annotation = annotation
        #: The parameter marker (``Query(...)``, ``Body(...)``), or None.
        self.marker = marker
        self.check: TypeCheck | None = None
        self.default: Any = EMPTY
        self.factory: Any = None
        self.required = True
        #: Whether the type is a sequence (all values of a repeated query parameter, form field, ...).
        self.many = False
        #: "file" for ``UploadFile`` values, "bytes" for ``bytes`` File fields, else None.
        self.upload: str | None = None
        #: Index of the signature (handler or dependency) this value is passed to.
        self.owner = 0
        #: For a model grouping query parameters or headers: its fields' names (see ``grouped``).
        self.parts: list[Any] | None = None

    def __repr__(self) -> str:
        return f"<RequestField {self.where} {self.key!r} -> {self.name}>"


def unwrap_optional(annotation: "Any") -> "Any":
    """``X`` for ``Optional[X]`` / ``X | None``; anything else unchanged."""
    args = getattr(annotation, "__args__", None)
    if args and (type(annotation).__name__ == "UnionType" or _origin_name(annotation) == "Union"):
        others = [arg for arg in args if arg is not type(None)]
        if len(others) == 1 and len(args) == 2:
            return others[0]
    return annotation


def _origin_name(annotation: "Any") -> "str | None":
    origin = getattr(annotation, "__origin__", None)
    return getattr(origin, "_name", None) or getattr(origin, "__name__", None)


class _Never:
    """Stands for a class whose module is not loaded: nothing is an instance of it."""


def loaded(module: str, name: str) -> "Any":
    """``module.name`` when ``module`` is loaded, else None.

    perf: a value of a class whose module was never loaded cannot exist, so apps that use no
    parameter marker, ``Depends`` or ``Request`` never load ``apiway.openapi``, ...
    """
    found = sys.modules.get(module)
    return getattr(found, name) if found is not None else None


def split_annotation(
    annotation: "Any", label: str, Depends: "Any" = None, FieldInfo: "Any" = None
) -> "tuple[Any, Any, Any]":
    """``(type, marker or None, Depends or None)`` from an annotation; other ``Annotated``
    metadata (pydantic ``Field``, ``annotated_types``) stays on the type. ``Depends`` and
    ``FieldInfo``: the classes, when the caller looked them up already."""
    if Depends is None:
        Depends = loaded("apiway.depends", "Depends") or _Never
    if FieldInfo is None:
        FieldInfo = loaded("apiway.openapi.fields", "FieldInfo") or _Never
    if type(annotation) is type:
        return annotation, None, None  # perf: a plain class carries no metadata

    metadata = getattr(annotation, "__metadata__", None)
    if metadata is None or not hasattr(annotation, "__origin__"):
        # Optional[Annotated[T, Depends(f)]] still declares the dependency.
        inner = unwrap_optional(annotation)
        found = [item for item in getattr(inner, "__metadata__", ()) if isinstance(item, Depends)]
        return annotation, None, (found[0] if found else None)
    markers, depends, others = [], None, []
    for item in metadata:
        if isinstance(item, FieldInfo):
            markers.append(item)
        elif isinstance(item, type) and issubclass(item, FieldInfo):
            marker_class: Any = item  # Query rather than Query(): the marker with its defaults
            markers.append(marker_class())
        elif isinstance(item, Depends):
            depends = item
        else:
            others.append(item)
    if len(markers) > 1:
        raise _check.AnnotationError(f"{label}: give one parameter marker, not {len(markers)} ({markers})")
    if markers and depends is not None:
        raise _check.AnnotationError(
            f"{label}: a parameter is either a Depends() or a {type(markers[0]).__name__}()"
        )
    base = annotation.__origin__
    if others:
        from typing import Annotated

        base = Annotated.__class_getitem__((base, *others))  # type: ignore[attr-defined]
    return base, (markers[0] if markers else None), depends


#: Types that are scalars and not sequences, answered without looking further.
_PLAIN = frozenset((int, float, bool, str, bytes, type(None)))


def is_scalar(annotation: "Any") -> bool:
    """Not a model, mapping or sequence (nor a union holding one): read from the query string."""
    if type(annotation) is type:  # perf: a class, the usual case, without ABC checks when plain
        if annotation in _PLAIN:
            return True
        if hasattr(annotation, "__dataclass_fields__"):
            return False
    from collections.abc import Mapping, Sequence

    from apiway.validation.compiler import is_pydantic_model

    annotation = (
        getattr(annotation, "__origin__", annotation) if hasattr(annotation, "__metadata__") else annotation
    )
    if type(annotation).__name__ == "UnionType" or _origin_name(annotation) == "Union":
        return all(is_scalar(arg) for arg in annotation.__args__)
    for candidate in (annotation, getattr(annotation, "__origin__", None)):
        if not isinstance(candidate, type):
            continue
        if issubclass(candidate, (str, bytes, bytearray)):
            continue
        if issubclass(candidate, (Mapping, Sequence, set, frozenset)) or is_pydantic_model(candidate):
            return False
        if hasattr(candidate, "__dataclass_fields__") or hasattr(candidate, "__struct_fields__"):
            return False
    return True


def is_sequence(annotation: "Any") -> bool:
    """A list, tuple, set (or a union holding one): reads every value of a repeated name."""
    if type(annotation) is type and (
        annotation in _PLAIN
        or (hasattr(annotation, "__dataclass_fields__") and not issubclass(annotation, (list, tuple)))
    ):
        return False  # perf: the usual cases, without ABC checks
    from collections.abc import Sequence

    annotation = (
        getattr(annotation, "__origin__", annotation) if hasattr(annotation, "__metadata__") else annotation
    )
    if type(annotation).__name__ == "UnionType" or _origin_name(annotation) == "Union":
        return any(is_sequence(arg) for arg in annotation.__args__)
    candidate = getattr(annotation, "__origin__", annotation)
    return (
        isinstance(candidate, type)
        and not issubclass(candidate, (str, bytes, bytearray))
        and issubclass(candidate, (Sequence, set, frozenset))
    )


def locate(
    name: str,
    annotation: "Any",
    default: "Any",
    marker: "Any",
    rule_names: "tuple[str, ...]",
    label: str,
    FieldInfo: "Any" = None,
) -> RequestField:
    """The request field of a parameter that is neither a ``Depends`` nor the ``Request``."""
    if FieldInfo is None:
        FieldInfo = loaded("apiway.openapi.fields", "FieldInfo") or _Never
    if default is not EMPTY and isinstance(default, FieldInfo):
        if marker is not None:
            raise _check.AnnotationError(
                f"{label}: the marker is given twice, in Annotated and as the default"
            )
        marker, default = default, EMPTY
    elif marker is not None and marker.default is not loaded("apiway.openapi.fields", "Undefined"):
        raise _check.AnnotationError(
            f"{label}: give the default as the parameter's default (= value), not inside "
            f"{type(marker).__name__}(...) in Annotated"
        )
    kind = type(marker).__name__ if marker is not None else None
    scalar = is_scalar(annotation) if kind is None or kind == "Path" else None
    key = name if marker is None else marker.alias or name
    if kind == "Header":
        key = marker.name_in_request(name)
    if key in rule_names or kind == "Path":
        if kind not in (None, "Path"):
            raise _check.AnnotationError(
                f"{label}: {key!r} is a path parameter of the rule; use Path() or no marker"
            )
        if key not in rule_names:
            listed = ", ".join(rule_names) or "none"
            raise _check.AnnotationError(
                f"{label}: Path() names {key!r}, which the rule does not have (it has: {listed})"
            )
        if not scalar:
            raise _check.AnnotationError(
                f"{label}: a path parameter must be a scalar type, not {annotation!r}"
            )
        location = "path"
    elif kind in _BODY_MARKERS:
        location = "body"
    elif kind is not None:
        location = _LOCATIONS.get(kind, "query")
    else:
        location = "query" if scalar else "body"
    field = RequestField(name, location, key, annotation, marker)
    if marker is not None and marker.default_factory is not None:
        field.factory, field.required = marker.default_factory, False
    elif default is not EMPTY:
        field.default, field.required = default, False
    compile_field(field, label, scalar)
    return field


def compile_field(field: RequestField, label: str, scalar: "bool | None" = None) -> None:
    """Compile the field's check (with its marker's constraints) and read its shape
    (``scalar``: :func:`is_scalar` of its annotation, when the caller knows it)."""
    marker, annotation = field.marker, field.annotation
    given = marker.constraints if marker is not None else {}  # a new dict each time
    extras = {}
    if given and not _EXTRAS.isdisjoint(given):
        extras = {name: given.pop(name) for name in _EXTRAS_ORDER if name in given}
    for name, value in extras.items():
        if name == "allow_inf_nan" or _LAX_DEFAULTS.get(name) == value:
            continue
        raise _check.AnnotationError(
            f"{label}: {type(marker).__name__}({name}={value!r}) is not supported by apiway's validation"
        )
    if type(annotation) is type and annotation in _PLAIN:
        field.many = False  # perf: the usual case, answered without the checks below
        scalar = True
    else:
        field.many = is_sequence(annotation)
    if scalar is None:
        scalar = is_scalar(annotation)
    if field.where in ("query", "header", "cookie") and not scalar and not field.many:
        from apiway.validation.grouped import is_model, model_parts

        if field.where == "cookie" or not is_model(annotation):
            raise _check.AnnotationError(
                f"{label}: a {field.where} parameter must be a scalar, a list of scalars"
                f"{'' if field.where == 'cookie' else ' or a model grouping several'}, not {annotation!r}"
            )
        field.parts = model_parts(annotation, field)
    upload = _upload_kind(annotation)
    if type(marker).__name__ == "File" and upload is None:
        raise _check.AnnotationError(
            f"{label}: File() takes bytes or UploadFile (or a list of them), not {annotation!r}"
        )
    if upload == "file" and (field.where != "body" or given):
        raise _check.AnnotationError(
            f"{label}: UploadFile comes from a multipart body: declare it with File(), without constraints"
        )
    try:
        if upload == "file":
            from apiway.validation.multipart import compile_upload

            check = compile_upload(annotation)
        else:
            default = NO_DEFAULT if field.default is EMPTY else field.default
            check = compile_given(annotation, given, default)
    except _check.AnnotationError as exc:
        raise _check.AnnotationError(f"{label}: {exc}") from None
    if extras.get("allow_inf_nan") is False:
        check = _finite(check)
    field.check = check
    field.upload = upload


def _upload_kind(annotation: "Any") -> "str | None":
    UploadFile = loaded("apiway.openapi.bodies", "UploadFile")
    if type(annotation) is type:  # perf: a plain class, the usual case
        if annotation is bytes:
            return "bytes"
        return "file" if annotation is UploadFile and UploadFile is not None else None
    inner = unwrap_optional(annotation)
    inner = getattr(inner, "__args__", (inner,))[0] if is_sequence(inner) else inner
    if inner is UploadFile and UploadFile is not None:
        return "file"
    if inner is bytes:
        return "bytes"
    return None


def _finite(check: "TypeCheck") -> "TypeCheck":
    """``allow_inf_nan=False``: the check, refusing NaN and the infinities."""
    from apiway.validation.check import TypeCheck, fail

    inner = check.check

    def finite(value: "Any", errors: "list[dict[str, Any]]") -> "Any":
        result = inner(value, errors)
        if type(result) is float and result - result != 0:
            return fail(errors, "finite_number", value)
        return result

    return TypeCheck(
        check.annotation, finite, check.serialize, check.schema_fn, check.label, check.exactness, check.named
    )


def is_request(annotation: "Any") -> bool:
    """Annotated with apiway's ``Request`` (or ``Optional[Request]``): the request's view is injected."""
    Request = loaded("apiway.request_view", "Request")
    if Request is None:
        return False  # perf: no Request exists while its module is not loaded
    inner = unwrap_optional(annotation)
    return isinstance(inner, type) and issubclass(inner, Request)

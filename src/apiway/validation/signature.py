"""What each handler (or dependency) parameter is filled with, compiled once: a value read from
the request (path, query, header, cookie, body) with its compiled check, a dependency
(``Depends``, each with its own compiled signature, nested ones the same way, cycles refused)
or the ``Request`` itself; what cannot work is refused with a message naming the route and the
parameter.

Parameters are read once: plain functions (and bound methods, and functions wrapped with
``functools.wraps``) from their code object, which costs no import; other callables
(classes, partials, callable objects) through ``inspect.signature``.

Where a value comes from follows the Powertools REST event handler: a parameter named in the
rule is a path parameter; a marker (``Query()``, ``Header()``, ``Body()``, ...) in
``Annotated`` or as the default says where; otherwise a scalar (or any type that is not a
model, a mapping or a sequence) is a query parameter and anything else is the body.

perf: one module for what every validated app loads (each module costs its own finding and
loading at cold start), hence its size.
"""

import sys

from apiway import is_class
from apiway.validation import check as _check
from apiway.validation.check import EMPTY, TypeCheck, fail
from apiway.validation.compiler import NO_DEFAULT, compile_given, is_pydantic_model

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    from apiway.depends import Depends


# Parameter kinds, as inspect names them.
POSITIONAL_ONLY = "positional-only"
POSITIONAL_OR_KEYWORD = "positional-or-keyword"
VAR_POSITIONAL = "*args"
KEYWORD_ONLY = "keyword-only"
VAR_KEYWORD = "**kwargs"

_CO_VARARGS, _CO_VARKEYWORDS = 0x04, 0x08


class Parameter:
    """One parameter: its name, kind, default (or ``EMPTY``) and annotation (or ``EMPTY``)."""

    __slots__ = ("annotation", "default", "kind", "name")

    def __init__(self, name: str, kind: str, default: "Any", annotation: "Any"):
        self.name = name
        self.kind = kind
        self.default = default
        self.annotation = annotation

    def __repr__(self) -> str:
        return f"<Parameter {self.name} ({self.kind})>"


def describe(target: "Any") -> str:
    """A callable's name for error messages."""
    return str(getattr(target, "__qualname__", None) or getattr(target, "__name__", None) or repr(target))


def read_parameters(target: "Callable[..., Any]") -> "tuple[list[Parameter], Any]":
    """The parameters of ``target`` and its return annotation (``EMPTY`` when it has none)."""
    function = target
    while hasattr(function, "__wrapped__") and not hasattr(function, "__signature__"):
        function = function.__wrapped__
    bound = getattr(function, "__self__", None) is not None and hasattr(function, "__func__")
    code = getattr(getattr(function, "__func__", function), "__code__", None)
    if code is not None and not isinstance(target, type):
        plain = getattr(function, "__func__", function)
        params = _from_code(plain, code)[1 if bound else 0 :]
        hints = _hints(plain, plain)
    else:
        params, hints = _from_inspect(target)
    for param in params:
        param.annotation = hints.get(param.name, EMPTY)
    return params, hints.get("return", EMPTY)


def _from_code(function: "Any", code: "Any") -> "list[Parameter]":
    positional = code.co_argcount
    names = code.co_varnames
    defaults = function.__defaults__ or ()
    first_default = positional - len(defaults)
    params = []
    for index in range(positional):
        kind = POSITIONAL_ONLY if index < code.co_posonlyargcount else POSITIONAL_OR_KEYWORD
        default = defaults[index - first_default] if index >= first_default else EMPTY
        params.append(Parameter(names[index], kind, default, EMPTY))
    position = positional
    star = None
    if code.co_flags & _CO_VARARGS:
        star = Parameter(names[positional + code.co_kwonlyargcount], VAR_POSITIONAL, EMPTY, EMPTY)
        params.append(star)
    keyword_defaults = function.__kwdefaults__ or {}
    for name in names[position : position + code.co_kwonlyargcount]:
        params.append(Parameter(name, KEYWORD_ONLY, keyword_defaults.get(name, EMPTY), EMPTY))
    if code.co_flags & _CO_VARKEYWORDS:
        index = positional + code.co_kwonlyargcount + (1 if star is not None else 0)
        params.append(Parameter(names[index], VAR_KEYWORD, EMPTY, EMPTY))
    return params


def _from_inspect(target: "Any") -> "tuple[list[Parameter], dict[str, Any]]":
    # perf: inspect is a heavy import, needed only for classes, partials and callable objects.
    import inspect

    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError) as exc:
        raise _check.AnnotationError(f"cannot read the parameters of {describe(target)}: {exc}") from None
    kinds = {
        inspect.Parameter.POSITIONAL_ONLY: POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD: POSITIONAL_OR_KEYWORD,
        inspect.Parameter.VAR_POSITIONAL: VAR_POSITIONAL,
        inspect.Parameter.KEYWORD_ONLY: KEYWORD_ONLY,
        inspect.Parameter.VAR_KEYWORD: VAR_KEYWORD,
    }
    params = [
        Parameter(p.name, kinds[p.kind], EMPTY if p.default is p.empty else p.default, EMPTY)
        for p in signature.parameters.values()
    ]
    if is_class(target):
        source = target.__dict__.get("__init__") or _inherited_init(target)
    else:
        source = getattr(target, "func", target)  # functools.partial keeps the function in .func
        if not hasattr(source, "__annotations__"):
            source = type(target).__call__
    hints = _hints(source, target)
    if isinstance(target, type):
        hints.pop("return", None)  # __init__ returns None; calling the class gives an instance
    return params, hints


def _inherited_init(cls: "Any") -> "Any":
    # a class is called with its constructor's parameters (the nearest __init__ in the MRO)
    for base in cls.__mro__:
        init = base.__dict__.get("__init__")
        if init is not None:
            return init
    return object.__init__  # pragma: no cover - object defines __init__


def _hints(source: "Any", owner: "Any") -> "dict[str, Any]":
    raw = getattr(source, "__annotations__", None) or {}
    if not any(_unresolved(value) for value in raw.values()):
        return dict(raw)
    import typing

    try:
        hints: dict[str, Any] = typing.get_type_hints(source, include_extras=True)
    except (NameError, TypeError, AttributeError, SyntaxError) as exc:
        raise _check.AnnotationError(f"cannot resolve the annotations of {describe(owner)}: {exc}") from None
    for name, value in hints.items():
        hints[name] = _undo_implicit_optional(value, raw.get(name))
    return hints


def _unresolved(value: "Any", depth: int = 0) -> bool:
    """Whether an annotation is, or holds, a name still to resolve (``"Todo"``, ``ForwardRef``)."""
    if type(value) is type:
        return False  # perf: a plain class, the usual case
    if isinstance(value, str) or type(value).__name__ == "ForwardRef":
        return True
    if depth > 8:
        return False
    inner = getattr(value, "__origin__", None) if hasattr(value, "__metadata__") else None
    args = getattr(value, "__args__", None) or ()
    return (inner is not None and _unresolved(inner, depth + 1)) or any(
        _unresolved(arg, depth + 1) for arg in args if not isinstance(arg, (int, bool))
    )


def _undo_implicit_optional(hint: "Any", raw: "Any") -> "Any":
    """Python 3.10 wraps ``x: Annotated[T, m] = None`` in ``Optional[...]``, hiding the
    metadata; unwrap it when the written annotation is an ``Annotated`` itself (not a union
    of one with None)."""
    args = getattr(hint, "__args__", None)
    if not args or getattr(getattr(hint, "__origin__", None), "_name", None) != "Union":
        return hint
    others = [arg for arg in args if arg is not type(None)]
    if len(others) != 1 or len(args) != 2 or not hasattr(others[0], "__metadata__"):
        return hint
    if isinstance(raw, str):
        return others[0] if _written_annotated(raw.strip()) else hint
    return others[0] if hasattr(raw, "__metadata__") else hint


def _written_annotated(text: str) -> bool:
    """Whether an annotation's text is one ``Annotated[...]`` (``typing.Annotated[...]``),
    not a union holding one: its first bracket opens after the name ``Annotated`` and closes
    at the end (brackets inside quoted metadata, such as a pattern, do not count)."""
    opening = text.find("[")
    if opening < 0 or text[:opening].rpartition(".")[2] != "Annotated" or not text.endswith("]"):
        return False
    depth, quote, index = 0, "", opening
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return index == len(text) - 1
        index += 1
    return False


def check_kind(param: "Any", label: str) -> None:
    """Refuse parameters that cannot be passed by name."""
    if param.kind == POSITIONAL_ONLY:
        raise _check.AnnotationError(
            f"{label}: a positional-only parameter cannot be passed by name; drop the '/'"
        )


class Dependency:
    """A ``Depends`` parameter: the function called (after overrides) and its signature."""

    __slots__ = ("declared", "function", "name", "signature", "use_cache")

    def __init__(self, name: str, depends: "Depends", function: "Callable[..., Any]", signature: "Signature"):
        self.name = name
        #: The function the parameter declares (the key of ``dependency_overrides``).
        self.declared = depends.dependency
        #: The function called: the declared one, or its override.
        self.function = function
        self.use_cache = depends.use_cache
        self.signature = signature


class Signature:
    """What a callable's parameters are filled with."""

    __slots__ = (
        "dependencies", "fields", "label", "plain_names", "request_names", "returns", "takes_kwargs",
        "target",
    )  # fmt: skip

    def __init__(self, target: "Callable[..., Any]", label: str):
        self.target = target
        self.label = label
        self.fields: list[RequestField] = []
        self.dependencies: list[Dependency] = []
        #: Parameters that receive the ``Request``.
        self.request_names: list[str] = []
        #: Compiled for injection only: the parameters that are neither (passed as they come).
        self.plain_names: list[str] = []
        #: Whether the callable takes ``**kwargs`` (so unnamed rule parameters do not matter).
        self.takes_kwargs = False
        #: The return annotation (``EMPTY`` when there is none).
        self.returns: Any = EMPTY

    def walk(self) -> "list[Signature]":
        """This signature and every dependency's, depth first."""
        found = [self]
        for dependency in self.dependencies:
            found.extend(dependency.signature.walk())
        return found


def compile_signature(
    target: "Callable[..., Any]",
    label: str,
    rule_names: "tuple[str, ...]",
    overrides: "Mapping[Any, Any] | None" = None,
    _stack: "tuple[Any, ...]" = (),
    inject_only: bool = False,
    handler: bool = False,
) -> Signature:
    """Compile ``target``'s parameters; ``label`` starts every error message
    (``"route GET /todos/<todo_id>"``). ``overrides`` replaces dependencies by others.

    ``inject_only``: only ``Depends`` and ``Request`` parameters are compiled (a route without
    validation); the others are listed in ``plain_names``, their annotations not read.
    ``handler``: ``target`` is the route's handler, which may be ``async def`` (the router
    awaits it; its dependencies are called, so they may not be).
    """
    if _is_coroutine_or_generator(target, allow_coroutine=handler):
        if handler:
            raise _check.AnnotationError(
                f"{label}: {describe(target)} is a generator function; handlers must be plain or "
                "`async def` functions returning their value"
            )
        raise _check.AnnotationError(
            f"{label}: {describe(target)} is a generator or coroutine function; "
            "dependencies must be plain functions returning their value"
        )
    signature = Signature(target, label)
    try:
        params, signature.returns = read_parameters(target)
    except _check.AnnotationError as exc:
        raise _check.AnnotationError(f"{label}: {exc}") from None
    # perf: the marker classes looked up once (None / _Never while their module is not loaded)
    request_loaded = loaded("apiway.request_view", "Request") is not None
    Depends = loaded("apiway.depends", "Depends") or _Never
    FieldInfo = loaded("apiway.openapi.fields", "FieldInfo") or _Never
    for param in params:
        kind = param.kind
        if kind == VAR_KEYWORD:
            signature.takes_kwargs = True
        if kind in (VAR_POSITIONAL, VAR_KEYWORD):
            continue  # passed through, never filled from the request
        where = f"{label}, parameter {param.name!r}"
        annotation = param.annotation
        if request_loaded and annotation is not EMPTY and is_request(annotation):
            check_kind(param, where)
            signature.request_names.append(param.name)
            continue
        base, marker, depends = (
            split_annotation(annotation, where, Depends, FieldInfo)
            if annotation is not EMPTY
            else (object, None, None)
        )
        default = param.default
        if depends is None and default is not EMPTY and isinstance(default, Depends):
            depends, default = default, EMPTY
        if kind == POSITIONAL_ONLY:
            check_kind(param, where)
        if depends is not None:
            signature.dependencies.append(
                _dependency(param.name, depends, where, rule_names, overrides, _stack, inject_only)
            )
            continue
        if inject_only:
            signature.plain_names.append(param.name)
            continue
        signature.fields.append(locate(param.name, base, default, marker, rule_names, where, FieldInfo))
    return signature


def _dependency(
    name: str,
    depends: "Depends",
    where: str,
    rule_names: "tuple[str, ...]",
    overrides: "Mapping[Any, Any] | None",
    stack: "tuple[Any, ...]",
    inject_only: bool,
) -> Dependency:
    function = depends.dependency
    if overrides and function in overrides:
        function = overrides[function]
        if not callable(function):
            raise _check.AnnotationError(
                f"{where}: the override of {describe(depends.dependency)} is not callable"
            )
    if function in stack:
        chain = " -> ".join(describe(item) for item in (*stack, function))
        raise _check.AnnotationError(f"{where}: dependency cycle {chain}")
    inner = compile_signature(
        function,
        f"{where}, dependency {describe(function)}",
        rule_names,
        overrides,
        (*stack, function),
        inject_only,
    )
    return Dependency(name, depends, function, inner)


def _is_coroutine_or_generator(target: "Any", allow_coroutine: bool = False) -> bool:
    function = getattr(target, "__func__", target)
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
    code = getattr(function, "__code__", None)
    # CO_GENERATOR, CO_ASYNC_GENERATOR, and CO_COROUTINE unless allowed
    flags = 0x20 | 0x200 if allow_coroutine else 0x20 | 0x80 | 0x200
    return code is not None and bool(code.co_flags & flags)


# -- request fields: where each value is read from -------------------------------------------
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
        elif is_class(item) and issubclass(item, FieldInfo):
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

    annotation = (
        getattr(annotation, "__origin__", annotation) if hasattr(annotation, "__metadata__") else annotation
    )
    if type(annotation).__name__ == "UnionType" or _origin_name(annotation) == "Union":
        return all(is_scalar(arg) for arg in annotation.__args__)
    for candidate in (annotation, getattr(annotation, "__origin__", None)):
        if not is_class(candidate):
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
        is_class(candidate)
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
    return is_class(inner) and issubclass(inner, Request)

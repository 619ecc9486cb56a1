"""A handler or dependency signature compiled into what each parameter is filled with:
request fields, dependencies (``Depends``, each with its own compiled signature) and the
``Request``. Nested dependencies are compiled the same way; cycles are refused.

Parameters are read once: plain functions (and bound methods, and functions wrapped with
``functools.wraps``) from their code object, which costs no import; other callables
(classes, partials, callable objects) through ``inspect.signature``.
"""

from apiway.validation import check as _check
from apiway.validation.analysis import _Never, is_request, loaded, locate, split_annotation
from apiway.validation.check import EMPTY

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    from apiway.depends import Depends
    from apiway.validation.analysis import RequestField


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
    if isinstance(target, type):
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
    metadata; unwrap it when the written annotation was not a union itself."""
    args = getattr(hint, "__args__", None)
    if not args or getattr(getattr(hint, "__origin__", None), "_name", None) != "Union":
        return hint
    if isinstance(raw, str) and ("Optional" in raw or "|" in raw or "Union" in raw):
        return hint
    others = [arg for arg in args if arg is not type(None)]
    if len(others) == 1 and hasattr(others[0], "__metadata__"):
        return others[0]
    return hint


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

"""A handler or dependency signature compiled into what each parameter is filled with:
request fields, dependencies (``Depends``, each with its own compiled signature) and the
``Request``. Nested dependencies are compiled the same way; cycles are refused."""

from apiway.validation.analysis import (
    check_kind,
    is_request,
    loaded,
    locate,
    passes_through,
    split_annotation,
)
from apiway.validation.callables import EMPTY, VAR_KEYWORD, describe, read_parameters
from apiway.validation.errors import AnnotationError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    from apiway.depends import Depends
    from apiway.validation.analysis import RequestField


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
            raise AnnotationError(
                f"{label}: {describe(target)} is a generator function; handlers must be plain or "
                "`async def` functions returning their value"
            )
        raise AnnotationError(
            f"{label}: {describe(target)} is a generator or coroutine function; "
            "dependencies must be plain functions returning their value"
        )
    signature = Signature(target, label)
    try:
        params, signature.returns = read_parameters(target)
    except AnnotationError as exc:
        raise AnnotationError(f"{label}: {exc}") from None
    for param in params:
        if param.kind == VAR_KEYWORD:
            signature.takes_kwargs = True
        if passes_through(param):
            continue
        where = f"{label}, parameter {param.name!r}"
        annotation = param.annotation
        if annotation is not EMPTY and is_request(annotation):
            check_kind(param, where)
            signature.request_names.append(param.name)
            continue
        base, marker, depends = (
            split_annotation(annotation, where) if annotation is not EMPTY else (object, None, None)
        )
        default = param.default
        if depends is None and _is_depends(default):
            depends, default = default, EMPTY
        check_kind(param, where)
        if depends is not None:
            signature.dependencies.append(
                _dependency(param.name, depends, where, rule_names, overrides, _stack, inject_only)
            )
            continue
        if inject_only:
            signature.plain_names.append(param.name)
            continue
        signature.fields.append(locate(param.name, base, default, marker, rule_names, where))
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
            raise AnnotationError(f"{where}: the override of {describe(depends.dependency)} is not callable")
    if function in stack:
        chain = " -> ".join(describe(item) for item in (*stack, function))
        raise AnnotationError(f"{where}: dependency cycle {chain}")
    inner = compile_signature(
        function,
        f"{where}, dependency {describe(function)}",
        rule_names,
        overrides,
        (*stack, function),
        inject_only,
    )
    return Dependency(name, depends, function, inner)


def _is_depends(value: "Any") -> bool:
    Depends = loaded("apiway.depends", "Depends")
    return Depends is not None and isinstance(value, Depends)


def _is_coroutine_or_generator(target: "Any", allow_coroutine: bool = False) -> bool:
    function = getattr(target, "__func__", target)
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
    code = getattr(function, "__code__", None)
    # CO_GENERATOR, CO_ASYNC_GENERATOR, and CO_COROUTINE unless allowed
    flags = 0x20 | 0x200 if allow_coroutine else 0x20 | 0x80 | 0x200
    return code is not None and bool(code.co_flags & flags)

"""Whether a handler takes what apiway fills in for it: a ``Depends(...)`` or the ``Request``.

Asked when the chain is planned (see :func:`apiway.stages.validation_needed`), only once one
of those classes exists: a plain app never loads this module.
"""

from apiway.stages import injection_marks

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def takes_injections(func: "Any") -> bool:
    """Whether a handler may take a ``Depends(...)`` or the ``Request`` (filled in for it,
    validation on or off). Cheap, and imports nothing: neither can be used before its module
    is loaded (``apiway.depends``, ``apiway.request_view``), and ``Request`` is recognised by
    identity. A string annotation naming either counts (the validation stage then reads the
    handler exactly)."""
    return injects(func, *injection_marks())


def injects(func: "Any", request: "type | None", depends: "type | None") -> bool:
    """:func:`takes_injections`, with the ``Request`` and ``Depends`` classes given (None:
    not loaded, so not looked for)."""
    # perf: asked for every route when the chain is planned; a handler without annotations
    # costs two attribute reads.
    attributes = getattr(func, "__dict__", None)
    while attributes and "__wrapped__" in attributes:
        func = attributes["__wrapped__"]
        attributes = getattr(func, "__dict__", None)
    if type(func).__name__ == "method":
        func = func.__func__  # a bound method: its function has the annotations
    annotations = getattr(func, "__annotations__", None)
    if annotations:
        for name, annotation in annotations.items():
            if name == "return":
                continue
            if annotation is request and request is not None:
                return True
            if type(annotation) is str:
                words = annotation.replace("[", " ").replace("]", " ").replace(",", " ").replace("(", " ")
                names = {word.rpartition(".")[2] for word in words.replace("|", " ").split()}
                if (request is not None and "Request" in names) or (
                    depends is not None and "Depends" in names
                ):
                    return True
                continue
            for part in (*getattr(annotation, "__args__", ()), *getattr(annotation, "__metadata__", ())):
                if (part is request and request is not None) or (
                    depends is not None and isinstance(part, depends)
                ):
                    return True
                if depends is not None and any(
                    isinstance(item, depends) for item in getattr(part, "__metadata__", ())
                ):
                    return True  # Optional[Annotated[T, Depends(f)]]
    if depends is not None:
        defaults = getattr(func, "__defaults__", None) or ()
        keyword_defaults = getattr(func, "__kwdefaults__", None)
        if keyword_defaults:
            defaults = (*defaults, *keyword_defaults.values())
        return any(isinstance(value, depends) for value in defaults)
    return False

"""Typed parameters, validation errors and OpenAPI documents, at the Powertools module paths.

``apiway.openapi.params`` (``Query``, ``Path``, ``Header``, ``Body``, ...),
``apiway.openapi.models`` (``OpenAPI``, ``Info``, ``Schema``, ...),
``apiway.openapi.exceptions``, ``apiway.openapi.encoders`` (``jsonable_encoder``),
``apiway.openapi.swagger_ui`` and ``apiway.openapi.version30`` (``to_openapi_30``).
Importing this package loads none of them; each loads when first imported or used.
"""

_SUBMODULES = ("encoders", "exceptions", "models", "params", "swagger_ui", "version30")
_EXPORTS = {"OpenAPIMergeError": "apiway.openapi.exceptions"}

__all__ = ["OpenAPIMergeError"]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(__import__(module, fromlist=[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return __import__(f"apiway.openapi.{name}", fromlist=["_"])
    raise AttributeError(f"module 'apiway.openapi' has no attribute {name!r}")


def __dir__() -> "list[str]":
    return sorted([*__all__, *_SUBMODULES])


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.openapi.exceptions import OpenAPIMergeError as OpenAPIMergeError

"""Typed parameters, validation errors and OpenAPI documents, at the Powertools module paths.

``apiway.openapi.params`` (``Query``, ``Path``, ``Header``, ``Body``, ...),
``apiway.openapi.models`` (``OpenAPI``, ``Info``, ``Schema``, ...),
``apiway.openapi.exceptions``, ``apiway.openapi.encoders`` (``jsonable_encoder``),
``apiway.openapi.swagger_ui`` and ``apiway.openapi.version30`` (``to_openapi_30``).
Importing this package loads none of them; each loads when first imported or used.
"""

from apiway import lazy_attributes

_SUBMODULES = ("encoders", "exceptions", "models", "params", "swagger_ui", "version30")
_EXPORTS = {"OpenAPIMergeError": "apiway.openapi.exceptions"}

__all__ = ["OpenAPIMergeError"]

__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, __all__, _SUBMODULES)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.openapi.exceptions import OpenAPIMergeError as OpenAPIMergeError

"""Typed handler parameters: ``Annotated[int, Query(ge=1)]``, ``Path()``, ``Header()``, ``Body()``, ...

The constructors take the same keywords, with the same defaults, as the Powertools REST event
handler's ``openapi.params``. Each keeps its settings as plain attributes; ``constraints``
holds the constraint keywords that were set, for the validator.
"""

from apiway import lazy_attributes
from apiway.openapi.fields import FieldInfo, Undefined, keyword_settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum
    from typing import Any

    from apiway.openapi.bodies import Body, File, Form, UploadFile

    class ParamTypes(Enum):
        """Where in the request a parameter is read from."""

        query = "query"
        header = "header"
        path = "path"
        cookie = "cookie"


__all__ = [
    "Body",
    "Cookie",
    "FieldInfo",
    "File",
    "Form",
    "Header",
    "Param",
    "ParamTypes",
    "Path",
    "Query",
    "Undefined",
    "UploadFile",
]

# perf: the body markers load when imported from here (apps that take only path, query and
# header parameters never need them).
_BODIES = dict.fromkeys(("Body", "File", "Form", "UploadFile"), "apiway.openapi.bodies")
_lazy_getattr, __dir__ = lazy_attributes(__name__, _BODIES, __all__)


def __getattr__(name: str) -> object:
    if name == "ParamTypes":
        return _param_types()
    return _lazy_getattr(name)


def _param_types() -> "Any":
    """``ParamTypes``, made on first use: an ``Enum`` (perf: apps that never read ``in_``
    neither import ``enum`` for it nor pay for making the class)."""
    from enum import Enum

    class ParamTypes(Enum):
        """Where in the request a parameter is read from."""

        query = "query"
        header = "header"
        path = "path"
        cookie = "cookie"

    ParamTypes.__module__, ParamTypes.__qualname__ = __name__, "ParamTypes"
    globals()["ParamTypes"] = ParamTypes
    return ParamTypes


class _In:
    """A parameter class's ``in_``: its ``ParamTypes`` member, looked up when read."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __get__(self, instance: object, owner: "type | None" = None) -> "ParamTypes":
        types = globals().get("ParamTypes") or _param_types()
        member: ParamTypes = types[self.name]
        return member


class Param(FieldInfo):
    """A parameter read from the path, query string, headers or cookies (see the subclasses)."""

    in_: "ParamTypes"

    def __init__(
        self,
        default: "Any" = Undefined,
        *,
        default_factory: "Callable[[], Any] | None" = Undefined,
        annotation: "Any | None" = None,
        alias: "str | None" = None,
        alias_priority: "int | None" = Undefined,
        validation_alias: "str | None" = Undefined,
        serialization_alias: "str | None" = None,
        title: "str | None" = None,
        description: "str | None" = None,
        gt: "float | None" = None,
        ge: "float | None" = None,
        lt: "float | None" = None,
        le: "float | None" = None,
        min_length: "int | None" = None,
        max_length: "int | None" = None,
        pattern: "str | None" = None,
        discriminator: "str | None" = None,
        strict: "bool | None" = Undefined,
        multiple_of: "float | None" = Undefined,
        allow_inf_nan: "bool | None" = Undefined,
        max_digits: "int | None" = Undefined,
        decimal_places: "int | None" = Undefined,
        examples: "list[Any] | None" = None,
        openapi_examples: "dict[str, Any] | None" = None,
        deprecated: "bool | None" = None,
        include_in_schema: bool = True,
        json_schema_extra: "dict[str, Any] | None" = None,
        **extra: "Any",
    ):
        super().__init__(type(self).__name__, keyword_settings(locals()), extra)

    def name_in_request(self, parameter_name: str) -> str:
        """The name looked up in the request: the alias, else the handler's parameter name."""
        return self.alias or parameter_name


class Query(Param):
    """A query string parameter (the default for scalar parameters without a marker)."""

    in_ = _In("query")


class Cookie(Param):
    """A cookie."""

    in_ = _In("cookie")


class Path(Param):
    """A path parameter (``/todos/<todo_id>``): always required, so it takes no default."""

    in_ = _In("path")

    def __init__(
        self,
        default: "Any" = ...,
        *,
        default_factory: "Callable[[], Any] | None" = Undefined,
        annotation: "Any | None" = None,
        alias: "str | None" = None,
        alias_priority: "int | None" = Undefined,
        validation_alias: "str | None" = Undefined,
        serialization_alias: "str | None" = None,
        title: "str | None" = None,
        description: "str | None" = None,
        gt: "float | None" = None,
        ge: "float | None" = None,
        lt: "float | None" = None,
        le: "float | None" = None,
        min_length: "int | None" = None,
        max_length: "int | None" = None,
        pattern: "str | None" = None,
        discriminator: "str | None" = None,
        strict: "bool | None" = Undefined,
        multiple_of: "float | None" = Undefined,
        allow_inf_nan: "bool | None" = Undefined,
        max_digits: "int | None" = Undefined,
        decimal_places: "int | None" = Undefined,
        examples: "list[Any] | None" = None,
        openapi_examples: "dict[str, Any] | None" = None,
        deprecated: "bool | None" = None,
        include_in_schema: bool = True,
        json_schema_extra: "dict[str, Any] | None" = None,
        **extra: "Any",
    ):
        if default is not ... and default is not Undefined:
            raise ValueError(
                f"Path(): path parameters are always required and take no default (got {default!r})"
            )
        if default_factory is not Undefined and default_factory is not None:
            raise ValueError("Path(): path parameters are always required and take no default_factory")
        FieldInfo.__init__(self, "Path", keyword_settings(locals()), extra)


class Header(Param):
    """A request header; ``user_agent`` is read from ``user-agent`` unless ``convert_underscores=False``."""

    in_ = _In("header")

    def __init__(
        self,
        default: "Any" = Undefined,
        *,
        default_factory: "Callable[[], Any] | None" = Undefined,
        annotation: "Any | None" = None,
        alias: "str | None" = None,
        alias_priority: "int | None" = Undefined,
        validation_alias: "str | None" = Undefined,
        serialization_alias: "str | None" = None,
        convert_underscores: bool = True,
        title: "str | None" = None,
        description: "str | None" = None,
        gt: "float | None" = None,
        ge: "float | None" = None,
        lt: "float | None" = None,
        le: "float | None" = None,
        min_length: "int | None" = None,
        max_length: "int | None" = None,
        pattern: "str | None" = None,
        discriminator: "str | None" = None,
        strict: "bool | None" = Undefined,
        multiple_of: "float | None" = Undefined,
        allow_inf_nan: "bool | None" = Undefined,
        max_digits: "int | None" = Undefined,
        decimal_places: "int | None" = Undefined,
        examples: "list[Any] | None" = None,
        openapi_examples: "dict[str, Any] | None" = None,
        deprecated: "bool | None" = None,
        include_in_schema: bool = True,
        json_schema_extra: "dict[str, Any] | None" = None,
        **extra: "Any",
    ):
        if not isinstance(convert_underscores, bool):
            raise TypeError(
                f"Header(convert_underscores=...) must be True or False, not {convert_underscores!r}"
            )
        settings = keyword_settings(locals())
        self.convert_underscores = settings.pop("convert_underscores")
        FieldInfo.__init__(self, "Header", settings, extra)
        # Header names are case-insensitive; the documented name is the lower-case one.
        if self.alias is not None:
            self.alias = self.alias.lower()

    def name_in_request(self, parameter_name: str) -> str:
        """The header name: the alias, else the parameter name with ``_`` as ``-`` (lower case)."""
        if self.alias:
            return self.alias
        return (parameter_name.replace("_", "-") if self.convert_underscores else parameter_name).lower()

"""Declaring the fields of OpenAPI object classes, and the errors of building objects."""

from apiway.openapi.exceptions import SchemaValidationError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    from apiway.openapi.objects.kinds import Kind


class ModelValidationError(ValueError):
    """Values that do not fit an OpenAPI object; ``errors()`` lists each problem with its location."""

    def __init__(self, model: str, errors: "list[dict[str, Any]]") -> None:
        lines = [f"{len(errors)} invalid value{'s' if len(errors) > 1 else ''} for {model}:"]
        lines += [f"  {'.'.join(str(part) for part in e['loc']) or '(object)'}: {e['msg']}" for e in errors]
        super().__init__("\n".join(lines))
        self.model = model
        self._errors = errors

    def errors(self) -> "list[dict[str, Any]]":
        """The problems: dicts with ``type``, ``loc`` (the path to the value), ``msg`` and ``input``."""
        return self._errors


class FieldSpec:
    """One declared field: its JSON name (``alias``), kind, and default."""

    __slots__ = ("alias", "default_factory", "keeps", "kind", "name", "nullable", "required")

    def __init__(
        self, kind: "Kind", alias: "str | None", required: bool, default_factory: "Callable[[], Any] | None"
    ) -> None:
        self.kind = kind
        self.alias = alias
        self.required = required
        self.default_factory = default_factory
        self.nullable = not required and default_factory is None
        self.name = ""
        #: perf: values that parsing gives back as they are, so loading skips the call: an
        #: exact str for a text field (``str``), anything for an untyped one (``object``);
        #: None for the other kinds.
        kind_name = type(kind).__name__
        self.keeps: type | None = str if kind_name == "Text" else object if kind_name == "Anything" else None

    def default(self) -> "Any":
        return None if self.default_factory is None else self.default_factory()


def field(
    kind: "Kind",
    *,
    alias: "str | None" = None,
    required: bool = False,
    default: "Callable[[], Any] | None" = None,
) -> "Any":
    """Declare a field; ``default`` makes a fresh default value (optional fields default to None)."""
    return FieldSpec(kind, alias, required, default)


def merge_extensions(data: "Mapping[str, Any]") -> "dict[str, Any]":
    """``data`` with the entries of its ``openapi_extensions`` dict moved up beside the fields."""
    extensions = data["openapi_extensions"]
    if not isinstance(extensions, dict):
        raise SchemaValidationError(
            [_extension_error(extensions, "openapi_extensions must be a dict of x-... keys")]
        )
    for key in extensions:
        if not isinstance(key, str) or not key.startswith("x-"):
            raise SchemaValidationError([_extension_error(key, f"extension {key!r} must start with 'x-'")])
    merged = {key: value for key, value in data.items() if key != "openapi_extensions"}
    merged.update(extensions)
    return merged


def _extension_error(value: "Any", msg: str) -> "dict[str, Any]":
    return {"type": "extension_name", "loc": ("openapi_extensions",), "msg": msg, "input": value}

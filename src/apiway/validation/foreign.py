"""pydantic v2 models, found by duck typing: validated, dumped and described by the model
itself (apiway never imports pydantic; the user's model brings it)."""

from apiway.validation.check import EXACT, INVALID, LAX, TypeCheck
from apiway.validation.compiler import is_pydantic_model

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Errors = list[dict[str, Any]]

__all__ = ["build_model", "is_pydantic_model"]

_REF_PREFIX = "#/components/schemas/"


def _their_errors(exc: BaseException) -> "list[dict[str, Any]] | None":
    errors = getattr(exc, "errors", None)
    if not callable(errors) or not hasattr(exc, "error_count"):
        return None
    try:
        found = errors(include_url=False)
    except TypeError:
        found = errors()
    return [dict(item, loc=tuple(item.get("loc", ()))) for item in found]


def build_model(cls: "Any") -> TypeCheck:
    """A pydantic model: ``model_validate`` (errors taken over as they are),
    ``model_dump(mode="json", by_alias=True)`` and ``model_json_schema`` into components."""
    validate = cls.model_validate

    def check(value: "Any", errors: "Errors") -> "Any":
        if type(value) is cls:
            return value
        try:
            return validate(value)
        except ValueError as exc:
            theirs = _their_errors(exc)
            if theirs is None:
                raise
            errors.extend(theirs)
            return INVALID

    def serialize(value: "Any") -> "Any":
        # by_alias: responses carry the field aliases, as the Powertools REST handler sends them.
        return value.model_dump(mode="json", by_alias=True)

    def schema(ctx: "Any") -> "dict[str, Any]":
        def build() -> "dict[str, Any]":
            body = dict(cls.model_json_schema(ref_template=_REF_PREFIX + "{model}", mode=ctx.mode))
            for name, definition in body.pop("$defs", {}).items():
                ctx.components.setdefault(name, definition)
            return body

        reference: dict[str, Any] = ctx.reference(cls, build)
        return reference

    def exactness(value: "Any") -> int:
        return EXACT if type(value) is cls else LAX

    return TypeCheck(cls, check, serialize, schema, cls.__name__, exactness, named=cls)

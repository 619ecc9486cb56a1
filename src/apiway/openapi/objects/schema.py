"""``Schema``: a JSON Schema (2020-12, as OpenAPI 3.1 uses it), with OpenAPI's additions.

Keywords starting with ``$`` and those that are Python keywords have Python names
(``ref``, ``schema_``, ``not_``, ``if_``, ``else_``, ``defs``) and take either name.
``type`` takes a string or, as JSON Schema allows, a list of strings.
"""

from apiway.openapi.objects.base import Model
from apiway.openapi.objects.fields import field
from apiway.openapi.objects.kinds import (
    ANYTHING,
    BOOLEAN,
    COUNT,
    NUMBER,
    SCHEMA_OR_BOOL,
    TEXT,
    TEXT_LIST,
    DictOf,
    Kind,
    ListOf,
    Number,
    Object,
    SchemaOrBool,
    SetOf,
    fail,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.openapi.objects.info import XML, Discriminator, ExternalDocumentation


class _TypeNames(Kind):
    """``"string"`` or ``["string", "null"]``."""

    __slots__ = ()

    def parse(self, value: "Any", loc: "Any", errors: "Any") -> "Any":
        if isinstance(value, (list, tuple)):
            return TEXT_LIST.parse(value, loc, errors)
        if isinstance(value, str):
            return str.__str__(value)
        return fail(errors, "string_type", loc, "must be a type name or a list of type names", value)


_SCHEMAS = ListOf(SCHEMA_OR_BOOL)
_SCHEMA_MAP = DictOf(SCHEMA_OR_BOOL)


class Schema(Model):
    """A JSON Schema object; free-form keywords are kept as extensions."""

    extra = "allow"
    # The core vocabulary.
    schema_: "str | None" = field(TEXT, alias="$schema")
    vocabulary: "str | None" = field(TEXT, alias="$vocabulary")
    id: "str | None" = field(TEXT, alias="$id")
    anchor: "str | None" = field(TEXT, alias="$anchor")
    dynamicAnchor: "str | None" = field(TEXT, alias="$dynamicAnchor")
    ref: "str | None" = field(TEXT, alias="$ref")
    dynamicRef: "str | None" = field(TEXT, alias="$dynamicRef")
    defs: "dict[str, Schema | bool] | None" = field(_SCHEMA_MAP, alias="$defs")
    comment: "str | None" = field(TEXT, alias="$comment")
    # Applying subschemas.
    allOf: "list[Schema | bool] | None" = field(_SCHEMAS)
    anyOf: "list[Schema | bool] | None" = field(_SCHEMAS)
    oneOf: "list[Schema | bool] | None" = field(_SCHEMAS)
    not_: "Schema | bool | None" = field(SCHEMA_OR_BOOL, alias="not")
    if_: "Schema | bool | None" = field(SCHEMA_OR_BOOL, alias="if")
    then: "Schema | bool | None" = field(SCHEMA_OR_BOOL)
    else_: "Schema | bool | None" = field(SCHEMA_OR_BOOL, alias="else")
    dependentSchemas: "dict[str, Schema | bool] | None" = field(_SCHEMA_MAP)
    prefixItems: "list[Schema | bool] | None" = field(_SCHEMAS)
    items: "Schema | bool | list[Schema | bool] | None" = field(SchemaOrBool(allow_list=True))
    contains: "Schema | bool | None" = field(SCHEMA_OR_BOOL)
    properties: "dict[str, Schema | bool] | None" = field(_SCHEMA_MAP)
    patternProperties: "dict[str, Schema | bool] | None" = field(_SCHEMA_MAP)
    additionalProperties: "Schema | bool | None" = field(SCHEMA_OR_BOOL)
    propertyNames: "Schema | bool | None" = field(SCHEMA_OR_BOOL)
    unevaluatedItems: "Schema | bool | None" = field(SCHEMA_OR_BOOL)
    unevaluatedProperties: "Schema | bool | None" = field(SCHEMA_OR_BOOL)
    # Structural validation.
    type: "str | list[str] | None" = field(_TypeNames())
    enum: "list[Any] | None" = field(ListOf(ANYTHING))
    const: "Any | None" = field(ANYTHING)
    multipleOf: "float | None" = field(Number(gt=0))
    maximum: "float | None" = field(NUMBER)
    exclusiveMaximum: "float | None" = field(NUMBER)
    minimum: "float | None" = field(NUMBER)
    exclusiveMinimum: "float | None" = field(NUMBER)
    maxLength: "int | None" = field(COUNT)
    minLength: "int | None" = field(COUNT)
    pattern: "str | None" = field(TEXT)
    maxItems: "int | None" = field(COUNT)
    minItems: "int | None" = field(COUNT)
    uniqueItems: "bool | None" = field(BOOLEAN)
    maxContains: "int | None" = field(COUNT)
    minContains: "int | None" = field(COUNT)
    maxProperties: "int | None" = field(COUNT)
    minProperties: "int | None" = field(COUNT)
    required: "list[str] | None" = field(TEXT_LIST)
    dependentRequired: "dict[str, set[str]] | None" = field(DictOf(SetOf(TEXT)))
    # Semantic formats and string-encoded content.
    format: "str | None" = field(TEXT)
    contentEncoding: "str | None" = field(TEXT)
    contentMediaType: "str | None" = field(TEXT)
    contentSchema: "Schema | bool | None" = field(SCHEMA_OR_BOOL)
    # Meta-data annotations.
    title: "str | None" = field(TEXT)
    description: "str | None" = field(TEXT)
    default: "Any | None" = field(ANYTHING)
    deprecated: "bool | None" = field(BOOLEAN)
    readOnly: "bool | None" = field(BOOLEAN)
    writeOnly: "bool | None" = field(BOOLEAN)
    examples: "list[Any] | None" = field(ListOf(ANYTHING))
    # OpenAPI's additions.
    discriminator: "Discriminator | None" = field(Object("Discriminator"))
    xml: "XML | None" = field(Object("XML"))
    externalDocs: "ExternalDocumentation | None" = field(Object("ExternalDocumentation"))

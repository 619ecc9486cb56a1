"""OpenAPI objects describing the API as a whole: ``Info``, ``Contact``, ``License``, ``Server``, ``Tag``, ...

Field names, JSON names and order follow the OpenAPI 3.1 specification, as in the
Powertools models; ``extra`` says whether undeclared keys (``x-...`` extensions) are kept.
"""

from apiway.openapi.objects.base import Model
from apiway.openapi.objects.fields import field
from apiway.openapi.objects.kinds import ANYTHING, BOOLEAN, TEXT, TEXT_DICT, DictOf, ListOf, Object, Url
from apiway.openapi.objects.kinds import URL as URL_KIND

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class OpenAPIExtensions(Model):
    """Base of the objects that take ``openapi_extensions={"x-...": value}``."""

    extra = "allow"
    takes_extensions = True
    openapi_extensions: "dict[str, Any] | None" = field(DictOf(ANYTHING))


class Contact(Model):
    """Who to contact about the API."""

    extra = "allow"
    name: "str | None" = field(TEXT)
    url: "str | None" = field(URL_KIND)
    email: "str | None" = field(TEXT)


class License(Model):
    """The API's license: a name, and an SPDX ``identifier`` or a ``url``."""

    extra = "allow"
    name: str = field(TEXT, required=True)
    identifier: "str | None" = field(TEXT)
    url: "str | None" = field(URL_KIND)


class Info(Model):
    """The API's title, version and description (undeclared keys are dropped, as in Powertools)."""

    title: str = field(TEXT, required=True)
    description: "str | None" = field(TEXT)
    termsOfService: "str | None" = field(TEXT)
    contact: "Contact | None" = field(Object("Contact"))
    license: "License | None" = field(Object("License"))
    version: str = field(TEXT, required=True)
    summary: "str | None" = field(TEXT)


class ServerVariable(Model):
    """A variable of a server URL template."""

    extra = "allow"
    enum: "list[str] | None" = field(ListOf(TEXT, min_length=1))
    default: str = field(TEXT, required=True)
    description: "str | None" = field(TEXT)


class Server(OpenAPIExtensions):
    """A server the API is reached at; ``url`` may be relative (``/api``) and is kept as written."""

    url: str = field(Url(keep_text=True), required=True)
    description: "str | None" = field(TEXT)
    variables: "dict[str, ServerVariable] | None" = field(DictOf(Object("ServerVariable")))


class Reference(Model):
    """``{"$ref": "#/components/..."}``: a pointer to an object defined elsewhere.

    OpenAPI 3.1 lets a reference carry a ``summary`` and a ``description``; they are kept.
    """

    extra = "allow"
    ref: str = field(TEXT, alias="$ref", required=True)


class Discriminator(Model):
    """Which property tells the alternatives of a ``oneOf``/``anyOf`` apart."""

    propertyName: str = field(TEXT, required=True)
    mapping: "dict[str, str] | None" = field(TEXT_DICT)


class XML(Model):
    """How a schema is written as XML."""

    extra = "allow"
    name: "str | None" = field(TEXT)
    namespace: "str | None" = field(TEXT)
    prefix: "str | None" = field(TEXT)
    attribute: "bool | None" = field(BOOLEAN)
    wrapped: "bool | None" = field(BOOLEAN)


class ExternalDocumentation(Model):
    """A link to documentation elsewhere."""

    extra = "allow"
    description: "str | None" = field(TEXT)
    url: str = field(URL_KIND, required=True)


class Example(Model):
    """An example value, inline (``value``) or by URL (``externalValue``)."""

    extra = "allow"
    summary: "str | None" = field(TEXT)
    description: "str | None" = field(TEXT)
    value: "Any | None" = field(ANYTHING)
    externalValue: "str | None" = field(URL_KIND)


class Tag(Model):
    """A tag grouping operations, with its description."""

    extra = "allow"
    name: str = field(TEXT, required=True)
    description: "str | None" = field(TEXT)
    externalDocs: "ExternalDocumentation | None" = field(Object("ExternalDocumentation"))

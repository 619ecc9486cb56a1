"""Field kinds of the OpenAPI object classes: each checks and converts one field's value.

Conversions are the lenient ones pydantic applies to the Powertools models (``"5"`` for an
int, ``1`` for a float stored as ``1.0``, ``"true"`` for a bool), so a document loaded or
built on either prints the same. ``parse`` appends a located error and returns the input
when the value does not fit.
"""

from apiway.openapi.objects.base import REGISTRY
from apiway.openapi.objects.urls import normalize_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Loc = tuple[Any, ...]
    Errors = list[dict[str, Any]]

_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})
_SEQUENCES = (list, tuple, set, frozenset)


def fail(errors: "Errors", kind: str, loc: "Loc", msg: str, value: "Any") -> "Any":
    errors.append({"type": kind, "loc": loc, "msg": msg, "input": value})
    return value


class Kind:
    """Checks and converts values of one field type."""

    __slots__ = ()

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        raise NotImplementedError


class Text(Kind):
    __slots__ = ()

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if isinstance(value, str):
            return str.__str__(value)  # an exact str, also for str subclasses and str enums
        if isinstance(value, (bytes, bytearray)):
            try:
                return bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                return fail(errors, "string_unicode", loc, "bytes that are not UTF-8 text", value)
        return fail(errors, "string_type", loc, "must be a string", value)


class Integer(Kind):
    __slots__ = ("ge",)

    def __init__(self, ge: "int | None" = None) -> None:
        self.ge = ge

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        number = value
        if isinstance(value, str):
            try:
                number = int(value.strip())
            except ValueError:
                return fail(errors, "int_parsing", loc, "must be an integer", value)
        elif isinstance(value, float) or type(value).__name__ == "Decimal":
            try:
                number = int(value)
            except (ValueError, OverflowError):  # NaN, infinity
                return fail(errors, "int_from_float", loc, "must be a whole number", value)
            if number != value:
                return fail(errors, "int_from_float", loc, "must be a whole number", value)
        elif not isinstance(value, int):
            return fail(errors, "int_type", loc, "must be an integer", value)
        number = int(number)
        if self.ge is not None and number < self.ge:
            return fail(
                errors, "greater_than_equal", loc, f"must be greater than or equal to {self.ge}", value
            )
        return number


class Number(Kind):
    __slots__ = ("gt",)

    def __init__(self, gt: "float | None" = None) -> None:
        self.gt = gt

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if not isinstance(value, (int, float, str)) and type(value).__name__ != "Decimal":
            return fail(errors, "float_type", loc, "must be a number", value)
        try:
            number = float(value.strip() if isinstance(value, str) else value)
        except (ValueError, OverflowError):
            return fail(errors, "float_parsing", loc, "must be a number a float can hold", value)
        if self.gt is not None and not number > self.gt:
            return fail(errors, "greater_than", loc, f"must be greater than {self.gt}", value)
        return number


class Boolean(Kind):
    __slots__ = ()

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return value == 1
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        return fail(errors, "bool_parsing", loc, "must be a boolean", value)


class Anything(Kind):
    __slots__ = ()

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        return value


class Url(Kind):
    """An absolute URL, normalized; ``keep_text`` keeps strings as written (``Server.url``)."""

    __slots__ = ("keep_text",)

    def __init__(self, keep_text: bool = False) -> None:
        self.keep_text = keep_text

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if isinstance(value, str) and self.keep_text:
            return str.__str__(value)
        if not isinstance(value, str):
            if not hasattr(value, "unicode_string"):  # a pydantic URL object
                return fail(errors, "url_type", loc, "must be a URL string", value)
            value = str(value)
        try:
            return normalize_url(value)
        except ValueError as error:
            return fail(errors, "url_parsing", loc, f"must be an absolute URL ({error})", value)


class Choice(Kind):
    """A member of an Enum class, given as the member or its value."""

    __slots__ = ("enum",)

    def __init__(self, enum: "Any") -> None:
        self.enum = enum

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        try:
            return self.enum(value)
        except (ValueError, TypeError):
            choices = ", ".join(repr(member.value) for member in self.enum)
            return fail(errors, "enum", loc, f"must be one of {choices}", value)


class Exactly(Kind):
    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if value == self.value and isinstance(value, str):
            return self.value
        return fail(errors, "literal_error", loc, f"must be {self.value!r}", value)


class Object(Kind):
    """An instance of the model class named ``name``, given as one or as its dict form."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        cls = REGISTRY[self.name]
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            return cls.parse(value, loc, errors)
        return fail(errors, "model_type", loc, f"must be a {self.name} or a dict", value)


class ListOf(Kind):
    __slots__ = ("item", "min_length")

    def __init__(self, item: Kind, min_length: "int | None" = None) -> None:
        self.item = item
        self.min_length = min_length

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if not isinstance(value, _SEQUENCES):
            return fail(errors, "list_type", loc, "must be a list", value)
        if self.min_length is not None and len(value) < self.min_length:
            return fail(errors, "too_short", loc, f"must have at least {self.min_length} item", value)
        return [self.item.parse(item, (*loc, index), errors) for index, item in enumerate(value)]


class SetOf(ListOf):
    __slots__ = ()

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        items = super().parse(value, loc, errors)
        return set(items) if isinstance(items, list) else items


class DictOf(Kind):
    """A dict of string keys (or, ``status_keys``, response status codes: ints, ``"default"``, ``"2XX"``)."""

    __slots__ = ("status_keys", "value")

    def __init__(self, value: Kind, status_keys: bool = False) -> None:
        self.value = value
        self.status_keys = status_keys

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if not isinstance(value, dict):
            return fail(errors, "dict_type", loc, "must be a dict", value)
        result = {}
        for given, item in value.items():
            key = given
            if self.status_keys and isinstance(given, str) and given.strip().isdigit():
                key = int(given)
            elif not isinstance(given, str) and not (self.status_keys and type(given) is int):
                fail(errors, "key_type", (*loc, given), "keys must be strings", given)
            result[key] = self.value.parse(item, (*loc, given), errors)
        return result


class SchemaOrBool(Kind):
    """A JSON Schema: a ``Schema`` (a dict, or a ``Reference`` object, kept as one) or a boolean.

    ``allow_bool=False`` for the places OpenAPI wants an object (``schema`` of a media type);
    ``allow_list`` for ``items``, which also takes a list of schemas.
    """

    __slots__ = ("allow_bool", "allow_list")

    def __init__(self, allow_list: bool = False, allow_bool: bool = True) -> None:
        self.allow_list = allow_list
        self.allow_bool = allow_bool

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if isinstance(value, bool) and self.allow_bool:
            return value
        if self.allow_list and isinstance(value, (list, tuple)):
            return [SCHEMA_OR_BOOL.parse(item, (*loc, index), errors) for index, item in enumerate(value)]
        if isinstance(value, REGISTRY["Reference"]):
            return value
        return _SCHEMA_OBJECT.parse(value, loc, errors)


class RefOr(Kind):
    """An object of the named class, or a ``Reference`` when the dict has ``$ref``."""

    __slots__ = ("target",)

    def __init__(self, name: str) -> None:
        self.target = Object(name)

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if isinstance(value, REGISTRY["Reference"]) or (isinstance(value, dict) and "$ref" in value):
            return REFERENCE.parse(value, loc, errors)
        return self.target.parse(value, loc, errors)


class WithExtensions(Kind):
    """A map whose ``x-...`` keys hold extensions (any value) and other keys values of ``kind``.

    For ``paths`` and ``responses``, where the specification allows extensions among the
    entries.
    """

    __slots__ = ("entries",)

    def __init__(self, kind: Kind, status_keys: bool = False) -> None:
        self.entries = DictOf(kind, status_keys=status_keys)

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if not isinstance(value, dict):
            return fail(errors, "dict_type", loc, "must be a dict", value)
        result = {}
        for key, item in value.items():
            if isinstance(key, str) and key.startswith("x-"):
                result[key] = item
            else:
                result.update(self.entries.parse({key: item}, loc, errors))
        return result


class Callbacks(Kind):
    """A callback: a dict of expression to ``PathItem``, or a ``Reference`` (``loose``: else any value)."""

    __slots__ = ("loose",)

    def __init__(self, loose: bool = False) -> None:
        self.loose = loose

    def parse(self, value: "Any", loc: "Loc", errors: "Errors") -> "Any":
        if isinstance(value, REGISTRY["Reference"]) or (isinstance(value, dict) and "$ref" in value):
            return REFERENCE.parse(value, loc, errors)
        if not self.loose:
            return PATH_ITEMS.parse(value, loc, errors)
        attempt: Errors = []
        parsed = PATH_ITEMS.parse(value, loc, attempt)
        return value if attempt else parsed


TEXT = Text()
INTEGER = Integer()
COUNT = Integer(ge=0)
NUMBER = Number()
BOOLEAN = Boolean()
ANYTHING = Anything()
URL = Url()
_SCHEMA_OBJECT = Object("Schema")
SCHEMA = SchemaOrBool(allow_bool=False)
SCHEMA_OR_BOOL = SchemaOrBool()
REFERENCE = Object("Reference")
PATH_ITEMS = DictOf(Object("PathItem"))
TEXT_LIST = ListOf(TEXT)
TEXT_DICT = DictOf(TEXT)
SECURITY_REQUIREMENTS = ListOf(DictOf(TEXT_LIST))

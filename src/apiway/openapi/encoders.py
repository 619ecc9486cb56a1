"""``jsonable_encoder``: turn Python values into data ``json.dumps`` can write.

Gives the results of the Powertools REST event handler's encoder for the same values. Types
are recognised without importing their modules: a UUID, a path or a pydantic model can only
exist if the user's code loaded ``uuid``, ``pathlib`` or ``pydantic`` already.
"""

import sys

from apiway.openapi.exceptions import SerializationError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    IncEx = set[int] | set[str] | dict[int, Any] | dict[str, Any] | Iterable[Any]

__all__ = ["jsonable_encoder"]

# Values returned as they are (exact types; subclasses go through the ordered checks below).
_PLAIN = frozenset({bool, int, float, str, type(None)})


def jsonable_encoder(
    obj: "Any",
    include: "IncEx | None" = None,
    exclude: "IncEx | None" = None,
    by_alias: bool = True,
    exclude_unset: bool = False,
    exclude_defaults: bool = False,
    exclude_none: bool = False,
    custom_serializer: "Callable[[Any], Any] | None" = None,
) -> "Any":
    """``obj`` as JSON-compatible data: dicts, lists, strings, numbers, booleans and None.

    Dataclasses, dicts and objects with attributes become dicts (``include``/``exclude`` pick
    their keys), sequences, sets and generators lists, dates ISO text, ``Decimal`` an int or a
    float, ``timedelta`` seconds, enums their value, pydantic models their JSON dump.
    ``custom_serializer`` handles what nothing else does. Raises :class:`SerializationError`
    naming the value that cannot be encoded.
    """
    if include is not None and not isinstance(include, (set, dict)):
        include = set(include)
    if exclude is not None and not isinstance(exclude, (set, dict)):
        exclude = set(exclude)
    if type(obj) in _PLAIN:
        return obj
    try:
        return _encode(
            obj, include, exclude, by_alias, exclude_unset, exclude_defaults, exclude_none, custom_serializer
        )
    except SerializationError:
        raise
    except (ValueError, TypeError) as error:
        raise SerializationError(
            f"cannot encode {_describe(obj)} as JSON: {error}; return JSON-compatible data, "
            "or pass a custom_serializer that handles this type"
        ) from error


def _describe(obj: object) -> str:
    text = repr(obj)
    return f"{type(obj).__name__} {text[:80]}{'...' if len(text) > 80 else ''}"


def _encode(
    obj: "Any",
    include: "Any",
    exclude: "Any",
    by_alias: bool,
    exclude_unset: bool,
    exclude_defaults: bool,
    exclude_none: bool,
    custom_serializer: "Callable[[Any], Any] | None",
) -> "Any":
    kind = type(obj)
    pydantic = sys.modules.get("pydantic")
    if pydantic is not None and isinstance(obj, pydantic.BaseModel):
        return _encode_model(obj, include, exclude, by_alias, exclude_unset, exclude_defaults, exclude_none)
    # apiway's OpenAPI objects, written as pydantic models are (JSON names, JSON values).
    objects = sys.modules.get("apiway.openapi.objects.base")
    if objects is not None and isinstance(obj, objects.Model):
        return _encode_model(obj, include, exclude, by_alias, exclude_unset, exclude_defaults, exclude_none)
    if hasattr(kind, "__dataclass_fields__") and not isinstance(obj, type):
        import dataclasses  # loaded already: the dataclass was made with it

        fields = dataclasses.asdict(obj)
        return jsonable_encoder(
            fields,
            include,
            exclude,
            by_alias,
            exclude_unset,
            exclude_defaults,
            exclude_none,
            custom_serializer,
        )
    simple = _simple(obj, pydantic)
    if simple is not _NOT_SIMPLE:
        return simple
    if isinstance(obj, dict):
        keys = set(obj)
        if include is not None:
            keys &= set(include)
        if exclude is not None:
            keys -= set(exclude)
        encoded = {}
        for key, value in obj.items():
            # SQLAlchemy keeps its instance state under "_sa..." keys: never user data.
            if (isinstance(key, str) and key.startswith("_sa")) or (value is None and exclude_none):
                continue
            if key in keys:
                options = (None, None, by_alias, exclude_unset, False, exclude_none, custom_serializer)
                encoded[jsonable_encoder(key, *options)] = jsonable_encoder(value, *options)
        return encoded
    if isinstance(obj, (list, set, frozenset, tuple)) or _is_sequence_like(kind):
        options = (
            include,
            exclude,
            by_alias,
            exclude_unset,
            exclude_defaults,
            exclude_none,
            custom_serializer,
        )
        return [jsonable_encoder(item, *options) for item in obj]
    if custom_serializer is not None:
        return custom_serializer(obj)
    try:
        data = dict(obj)
    except Exception as as_dict:  # noqa: BLE001  # anything that fails means "not a mapping"
        try:
            data = vars(obj)
        except TypeError:
            raise ValueError(
                f"it is not a dict, a sequence nor an object with attributes ({as_dict})"
            ) from None
    options = (include, exclude, by_alias, exclude_unset, exclude_defaults, exclude_none, custom_serializer)
    return jsonable_encoder(data, *options)


def _is_sequence_like(kind: type) -> bool:
    collections = sys.modules.get("collections")
    if collections is not None and issubclass(kind, collections.deque):
        return True
    return kind.__name__ == "generator" and kind.__module__ == "builtins"


def _encode_model(
    obj: "Any",
    include: "Any",
    exclude: "Any",
    by_alias: bool,
    exclude_unset: bool,
    exclude_defaults: bool,
    exclude_none: bool,
) -> "Any":
    data = obj.model_dump(
        mode="json",
        include=include,
        exclude=exclude,
        by_alias=by_alias,
        exclude_unset=exclude_unset,
        exclude_none=exclude_none,
        exclude_defaults=exclude_defaults,
    )
    if isinstance(data, dict) and "__root__" in data:
        data = data["__root__"]
    return jsonable_encoder(data, exclude_none=exclude_none, exclude_defaults=exclude_defaults)


_NOT_SIMPLE = object()


def _simple(obj: object, pydantic: "Any") -> "Any":
    """The encoding of a scalar-like value (dates, enums, ...), or ``_NOT_SIMPLE``.

    Checked in a fixed order, so a subclass of several (an ``IntEnum`` is an ``int``) takes
    the first: ``int`` values, ``str`` values, dates and times, ``timedelta``, ``Decimal``,
    ``Enum``, then paths, secrets and UUIDs, then compiled patterns.
    """
    if isinstance(obj, (bool, int, float, str)) or obj is None:
        return obj
    if isinstance(obj, bytes):
        return obj.decode()
    datetime = sys.modules.get("datetime")
    if datetime is not None:
        if isinstance(obj, (datetime.date, datetime.time)):
            return obj.isoformat()
        if isinstance(obj, datetime.timedelta):
            return obj.total_seconds()
    decimal = sys.modules.get("decimal")
    if decimal is not None and isinstance(obj, decimal.Decimal):
        if not obj.is_finite():
            raise ValueError(f"Decimal {obj} has no JSON number")
        exponent = obj.as_tuple().exponent
        return int(obj) if isinstance(exponent, int) and exponent >= 0 else float(obj)
    enum = sys.modules.get("enum")
    if enum is not None and isinstance(obj, enum.Enum):
        return obj.value
    as_text = tuple(
        getattr(module, name)
        for module, name in (
            (sys.modules.get("pathlib"), "PurePath"),
            (pydantic, "SecretBytes"),
            (pydantic, "SecretStr"),
            (sys.modules.get("uuid"), "UUID"),
        )
        if module is not None and hasattr(module, name)
    )
    if as_text and isinstance(obj, as_text):
        return str(obj)
    re = sys.modules.get("re")
    if re is not None and isinstance(obj, re.Pattern):
        return obj.pattern
    return _NOT_SIMPLE

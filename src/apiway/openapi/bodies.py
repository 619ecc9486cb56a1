"""Request body parameters: ``Body()`` (JSON by default), ``Form()``, ``File()`` and ``UploadFile``.

Import them from :mod:`apiway.openapi.params`, like the other parameter markers.
"""

from apiway.openapi.fields import FieldInfo, Undefined, keyword_settings
from apiway.sources import is_token

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

FORM_MEDIA_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def check_media_type(owner: str, media_type: object) -> str:
    """``media_type`` if it is a ``type/subtype`` media type (parameters allowed), else a ValueError."""
    if not isinstance(media_type, str):
        raise TypeError(
            f"{owner}(media_type=...) must be a string such as 'application/json', not {media_type!r}"
        )
    essence = media_type.split(";", 1)[0].strip()
    kind, slash, subtype = essence.partition("/")
    if not slash or not is_token(kind) or not is_token(subtype):
        raise ValueError(
            f"{owner}(media_type={media_type!r}) is not a media type; use the type/subtype form, "
            "such as 'application/json' or 'application/x-www-form-urlencoded'"
        )
    return media_type


class Body(FieldInfo):
    """The request body, or with ``embed=True`` one key of a JSON object body."""

    def __init__(
        self,
        default: "Any" = Undefined,
        *,
        default_factory: "Callable[[], Any] | None" = Undefined,
        annotation: "Any | None" = None,
        embed: bool = False,
        media_type: str = "application/json",
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
        self._init_body(keyword_settings(locals()), extra)

    def _init_body(self, settings: "dict[str, Any]", extra: "dict[str, Any]") -> None:
        owner = type(self).__name__
        embed = settings.pop("embed")
        if not isinstance(embed, bool):
            raise TypeError(f"{owner}(embed=...) must be True or False, not {embed!r}")
        media_type = check_media_type(owner, settings.pop("media_type"))
        if isinstance(self, Form) and media_type.split(";", 1)[0].strip().lower() not in FORM_MEDIA_TYPES:
            raise ValueError(
                f"{owner}(media_type={media_type!r}): a form is one of {', '.join(FORM_MEDIA_TYPES)}"
            )
        settings.setdefault("openapi_examples", None)
        self.embed = embed
        self.media_type = media_type
        FieldInfo.__init__(self, owner, settings, extra)


class Form(Body):
    """One field of a form body (``application/x-www-form-urlencoded`` or ``multipart/form-data``)."""

    def __init__(
        self,
        default: "Any" = Undefined,
        *,
        default_factory: "Callable[[], Any] | None" = Undefined,
        annotation: "Any | None" = None,
        media_type: str = "application/x-www-form-urlencoded",
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
        deprecated: "bool | None" = None,
        include_in_schema: bool = True,
        json_schema_extra: "dict[str, Any] | None" = None,
        **extra: "Any",
    ):
        self._init_body({**keyword_settings(locals()), "embed": True}, extra)


class File(Form):
    """An uploaded file in a ``multipart/form-data`` body: ``bytes``, or an :class:`UploadFile`."""

    def __init__(
        self,
        default: "Any" = Undefined,
        *,
        default_factory: "Callable[[], Any] | None" = Undefined,
        annotation: "Any | None" = None,
        media_type: str = "multipart/form-data",
        alias: "str | None" = None,
        alias_priority: "int | None" = Undefined,
        validation_alias: "str | None" = None,
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
        deprecated: "bool | None" = None,
        include_in_schema: bool = True,
        json_schema_extra: "dict[str, Any] | None" = None,
        **extra: "Any",
    ):
        settings = keyword_settings(locals())
        if json_schema_extra is not None and not isinstance(json_schema_extra, dict):
            raise TypeError(f"File(json_schema_extra=...) must be a dict, not {json_schema_extra!r}")
        # Documented as binary data; the caller's dict is copied, never changed.
        settings["json_schema_extra"] = {**(json_schema_extra or {}), "format": "binary"}
        self._init_body({**settings, "embed": True}, extra)


class UploadFile:
    """An uploaded file: its bytes (``content``), ``filename`` and ``content_type`` as sent."""

    __slots__ = ("content", "content_type", "filename")

    def __init__(self, *, content: bytes, filename: "str | None" = None, content_type: "str | None" = None):
        if not isinstance(content, (bytes, bytearray, memoryview)):
            raise TypeError(f"UploadFile(content=...) must be bytes, not {type(content).__name__}")
        for name, value in (("filename", filename), ("content_type", content_type)):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"UploadFile({name}=...) must be a string or None, not {value!r}")
        self.content = bytes(content)
        self.filename = filename
        self.content_type = content_type

    def __len__(self) -> int:
        return len(self.content)

    def __repr__(self) -> str:
        size = len(self.content)
        return f"UploadFile(filename={self.filename!r}, content_type={self.content_type!r}, size={size})"

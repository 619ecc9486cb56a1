"""``multipart/form-data`` bodies (file uploads) and the ``UploadFile`` check.

Parsed with the standard library's ``email`` package, loaded only when a route takes
``File()`` or ``UploadFile`` parameters and a multipart request reaches it.
"""

from apiway.validation import check as _check
from apiway.validation.check import INVALID, TypeCheck, fail

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Defects that mean the body is not the multipart document its Content-Type announces.
_FATAL_DEFECTS = frozenset(
    ("NoBoundaryInMultipartDefect", "StartBoundaryNotFoundDefect", "CloseBoundaryNotFoundDefect",
     "MultipartInvariantViolationDefect", "MissingHeaderBodySeparatorDefect")
)  # fmt: skip


def _upload_check() -> TypeCheck:
    from apiway.openapi.bodies import UploadFile

    def check(value: "Any", errors: "list[dict[str, Any]]") -> "Any":
        if isinstance(value, UploadFile):
            return value
        return fail(
            errors,
            "value_error",
            value,
            {"error": ValueError(f"Expected UploadFile, got {type(value).__name__}")},
        )

    def schema(ctx: "Any") -> "dict[str, Any]":
        return {"format": "binary", "type": "string"}

    return TypeCheck(UploadFile, check, lambda value: value, schema, "UploadFile")


def compile_upload(annotation: "Any") -> TypeCheck:
    """The check of an ``UploadFile``, ``Optional[UploadFile]`` or ``list[UploadFile]`` parameter."""
    from apiway.openapi.bodies import UploadFile
    from apiway.validation.signature import is_sequence, unwrap_optional

    inner = unwrap_optional(annotation)
    check = _upload_check()
    if inner is not UploadFile:
        if not is_sequence(inner) or getattr(inner, "__args__", (None,))[0] is not UploadFile:
            raise _check.AnnotationError(
                f"UploadFile is supported alone, optional or in a list, not as {annotation!r}"
            )
        from apiway.validation.scalars import build_array

        check = build_array(inner, "list", check, {})
    if inner is not annotation:
        from apiway.validation.compiler import build_nullable

        check = build_nullable(annotation, check)
    return check


def parse_multipart(body: bytes, content_type: str) -> "dict[str, Any]":
    """The fields of a multipart body: text fields as ``str``, files (parts with a filename)
    as ``UploadFile``; a repeated name gives a list. Raises ``ValueError`` naming the problem."""
    from email.parser import BytesParser
    from email.policy import HTTP

    from apiway.openapi.bodies import UploadFile

    if "boundary=" not in content_type.replace(" ", "").lower():
        raise ValueError("Missing boundary in multipart/form-data content-type header")
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    defects = [type(defect).__name__ for defect in message.defects]
    if not message.is_multipart() or _FATAL_DEFECTS.intersection(defects):
        raise ValueError(f"the body is not a valid multipart document ({', '.join(defects) or 'no parts'})")
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue  # a part without a field name cannot fill a parameter
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        value: Any
        if filename is not None:
            value = UploadFile(content=content, filename=filename, content_type=part.get("content-type"))
        else:
            try:
                value = content.decode(part.get_content_charset() or "utf-8")
            except (UnicodeDecodeError, LookupError):
                raise ValueError(f"the field {name!r} is not valid text") from None
        existing = fields.get(name, INVALID)
        if existing is INVALID:
            fields[name] = value
        elif isinstance(existing, list):
            existing.append(value)
        else:
            fields[name] = [existing, value]
    return fields

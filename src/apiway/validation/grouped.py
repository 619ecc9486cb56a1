"""Query and header parameters grouped in a model: ``filters: Annotated[Filters, Query()]``.

Each field of the model (a pydantic model, dataclass or TypedDict) is one query parameter or
header, named by its alias (headers: ``x_request_id`` read from ``x-request-id`` unless
``convert_underscores=False``); the values found are validated as the model, and problems are
located under the parameter and the name in the request (``("query", "filters", "limit")``),
as the Powertools REST event handler locates them.
"""

from apiway import is_class
from apiway.validation.check import INVALID

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.validation.signature import RequestField

# (key in the model's input, name in the request, sequence?, annotation, required, description)
Part = tuple[str, str, bool, "Any", bool, "str | None"]


def is_model(annotation: "Any") -> bool:
    """A class with named fields that can group parameters."""
    from apiway.validation.compiler import is_pydantic_model

    return is_class(annotation) and (
        is_pydantic_model(annotation)
        or hasattr(annotation, "__dataclass_fields__")
        or (issubclass(annotation, dict) and hasattr(annotation, "__required_keys__"))
    )


def model_parts(cls: "Any", field: "RequestField") -> "list[Part]":
    """The request names the model's fields are read from."""
    from apiway.validation.compiler import NO_DEFAULT, dataclass_fields, is_pydantic_model, typed_dict_fields
    from apiway.validation.signature import is_sequence

    rows: list[tuple[str, str, Any, bool, str | None]] = []  # (name, key, annotation, required, description)
    if is_pydantic_model(cls):
        for name, info in cls.model_fields.items():
            rows.append((name, info.alias or name, info.annotation, info.is_required(), info.description))
    elif hasattr(cls, "__dataclass_fields__"):
        for name, key, annotation, default, factory in dataclass_fields(cls):
            rows.append((name, key, annotation, default is NO_DEFAULT and factory is None, None))
    else:
        found, required_keys = typed_dict_fields(cls)
        rows.extend((name, key, hint, name in required_keys, None) for name, key, hint, _, _ in found)
    header = field.where == "header"
    convert = header and getattr(field.marker, "convert_underscores", True)
    parts: list[Part] = []
    for name, key, annotation, required, description in rows:
        # Headers are named as their field, "_" as "-" (an alias is kept as given).
        request_name = (name.replace("_", "-") if convert and key == name else key).lower() if header else key
        parts.append((key, request_name, is_sequence(annotation), annotation, required, description))
    return parts


def read_grouped(
    request: "PipelineRequest",
    where: str,
    parts: "list[Part]",
    check: "Any",
    loc: "tuple[Any, ...]",
    errors: "list[Any]",
) -> "Any":
    """The model validated from the request's values, or ``INVALID`` after its errors."""
    from apiway.validation.sources import header_values, query_lists

    data: dict[str, Any] = {}
    if where == "query":
        query = query_lists(request)
        for key, name, many, *_ in parts:
            values = query.get(name)
            if values:
                data[key] = values if many else values[0]
    else:
        for key, name, many, *_ in parts:
            value = header_values(request, name) if many else request.header(name)
            if value is not None:
                data[key] = value
    start = len(errors)
    result = check(data, errors)
    if result is INVALID:
        names = {key: name for key, name, *_ in parts}
        for index in range(start, len(errors)):
            error = errors[index]
            inner = error["loc"]
            if inner and inner[0] in names:
                inner = (names[inner[0]], *inner[1:])
            error["loc"] = (*loc, *inner)
    return result


def basic_schema(annotation: "Any") -> "dict[str, str]":
    """The schema Powertools documents for one grouped parameter: its JSON type only."""
    for base, name in ((bool, "boolean"), (int, "integer"), (float, "number")):
        if is_class(annotation) and issubclass(annotation, base):
            return {"type": name}
    return {"type": "string"}

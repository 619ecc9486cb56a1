"""One route's OpenAPI operation, from its compiled plan: the operation id, summary, parameters,
request body and responses the Powertools REST event handler writes for the same route."""

from apiway.openapi.components import REF_PREFIX, error_response

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.openapi.components import Schemas
    from apiway.validation.plan import RoutePlan
    from apiway.validation.signature import RequestField

# Methods whose operations document a request body (all but OPTIONS, as Powertools).
METHODS_WITH_BODY = frozenset(("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"))
DEFAULT_RESPONSE_DESCRIPTION = "Successful Response"
# Parameters are listed path first, then query, header and cookie (each in signature order).
_ORDER = {"path": 0, "query": 1, "header": 2, "cookie": 3}
_FORM, _MULTIPART = "application/x-www-form-urlencoded", "multipart/form-data"


def openapi_path(rule: str) -> str:
    """The rule in OpenAPI form: ``/todos/<todo_id>`` becomes ``/todos/{todo_id}``."""
    import re

    return re.sub(r"<(.*?)>", lambda match: "{" + match.group(1) + "}", rule)


def operation_id(plan: "RoutePlan") -> str:
    """The route's ``operation_id`` option, or ``<function><path>_<method>`` with every
    character that is not a word character as ``_`` (``get_todo_todos__todo_id__get``)."""
    given = plan.options["operation_id"]
    if given:
        return str(given)
    import re

    name = getattr(plan.func, "__name__", "handler")
    return re.sub(r"\W", "_", name + openapi_path(plan.rule)) + "_" + plan.method.lower()


def build_operation(
    plan: "RoutePlan", schemas: "Schemas", validated: bool, app_error_code: "int | None"
) -> "tuple[dict[str, Any], bool]":
    """The operation of ``plan``, and whether it documents ``ResponseValidationError`` itself."""
    options = plan.options
    path = openapi_path(plan.rule)
    identifier = operation_id(plan)
    operation: dict[str, Any] = {
        "summary": options["summary"] or f"{plan.method} {path}",
        "operationId": identifier,
    }
    if options["deprecated"]:
        operation["deprecated"] = True
    if options["tags"]:
        operation["tags"] = list(options["tags"])
    if options["description"]:
        operation["description"] = options["description"]
    if options["security"]:
        operation["security"] = options["security"]
    if options["openapi_extensions"]:
        operation.update(options["openapi_extensions"])
    parameters = _parameters(plan, schemas)
    if parameters:
        operation["parameters"] = parameters
    if plan.body_fields and plan.method in METHODS_WITH_BODY:
        operation["requestBody"] = _request_body(plan, schemas, identifier)
    responses: dict[Any, Any] = {}
    if validated:
        responses[422] = error_response("Validation Error", "HTTPValidationError")
    custom = options["custom_response_validation_http_code"]
    if custom:
        responses[custom] = error_response("Response Validation Error", "ResponseValidationError")
    given = options["responses"]
    if given:
        for code, response in given.items():
            responses[code] = _custom_response(plan, code, response, schemas)
    else:
        description = options["response_description"] or DEFAULT_RESPONSE_DESCRIPTION
        status = options["status_code"]
        responses[status] = {"description": description}
        if not without_body(status):
            responses[status]["content"] = {"application/json": _returns(plan, schemas)}
    if app_error_code is not None and not custom:
        responses[app_error_code] = error_response("Response Validation Error", "ResponseValidationError")
    operation["responses"] = responses
    return operation, bool(custom)


def without_body(status: "Any") -> bool:
    """Whether the route's answers with this status have no body (204, 205 and 304, as the
    serialization stage writes them), so their response documents no content; Powertools
    documents the route's return type for them too."""
    return str(status) in ("204", "205", "304")


def _title(name: str) -> str:
    return name.title().replace("_", " ")


def field_schema(field: "RequestField", schemas: "Schemas", title: "str | None") -> "dict[str, Any]":
    """A parameter's (or body value's) schema: its type's, with the marker's notes and default;
    ``title`` is set when the schema is not a reference."""
    schema = schemas.of(field.check, "validation")  # type: ignore[arg-type]
    marker = field.marker
    if marker is not None:
        if marker.title:
            schema["title"] = marker.title
        if marker.description:
            schema["description"] = marker.description
    if not field.required and field.factory is None and field.default is not None:
        default = _json_default(field)
        if default is not _UNWRITABLE:
            schema["default"] = default
    if marker is not None:
        if marker.deprecated:
            schema["deprecated"] = True
        if marker.examples is not None:
            schema["examples"] = list(marker.examples)
        schema.update(marker.json_schema_extra or {})
    if title is not None and "$ref" not in schema:
        schema["title"] = (marker.title if marker is not None else None) or title
    return schema


_UNWRITABLE: "Any" = object()


def _json_default(field: "RequestField") -> "Any":
    """The default in its JSON form, or ``_UNWRITABLE`` (then it is left undocumented)."""
    try:
        return field.check.serialize(field.default)  # type: ignore[union-attr]
    except (TypeError, ValueError, AttributeError):
        return _UNWRITABLE


def _parameters(plan: "RoutePlan", schemas: "Schemas") -> "list[dict[str, Any]]":
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for field in sorted(plan.fields, key=lambda item: _ORDER.get(item.where, 4)):
        marker = field.marker
        if field.where == "body" or (marker is not None and not marker.include_in_schema):
            continue
        if field.where == "header" and field.key.lower() == "content-type":
            continue
        if field.parts is not None:
            names = {key: name for key, name, *_ in field.parts}
            # Powertools documents a header model as a copy named by the header names.
            renamed = field.where == "header" and getattr(field.marker, "convert_underscores", False)
            schemas.model_of_parameters(field.check, names, renamed)  # type: ignore[arg-type]
            for grouped in _grouped_parameters(field):
                found.setdefault((grouped["in"], grouped["name"]), grouped)
            continue
        parameter: dict[str, Any] = {}
        if marker is not None and marker.description:
            parameter["description"] = marker.description
        parameter["required"] = field.required
        if marker is not None and marker.deprecated:
            parameter["deprecated"] = True
        parameter["schema"] = field_schema(field, schemas, _title(field.key))
        if marker is not None and marker.openapi_examples:
            parameter["examples"] = _plain(marker.openapi_examples)
        parameter["name"], parameter["in"] = field.key, field.where
        key = (field.where, field.key)
        if key not in found or (field.required and not found[key]["required"]):
            found[key] = parameter  # the same value read twice is documented once (required wins)
    return list(found.values())


def _grouped_parameters(field: "RequestField") -> "list[dict[str, Any]]":
    """One parameter per field of a model grouping query parameters or headers, typed only by
    its JSON type, as Powertools documents them."""
    from apiway.validation.grouped import basic_schema

    out = []
    for _key, name, _many, annotation, required, description in field.parts or ():
        if field.where == "header" and name == "content-type":
            continue
        parameter: dict[str, Any] = {"description": description} if description else {}
        parameter.update(required=required, schema=basic_schema(annotation), name=name)
        parameter["in"] = field.where
        out.append(parameter)
    return out


def _request_body(plan: "RoutePlan", schemas: "Schemas", identifier: str) -> "dict[str, Any]":
    fields = plan.body_fields
    body: dict[str, Any] = {}
    if not plan.embed_body:
        field = fields[0]
        marker = field.marker
        schema = field_schema(field, schemas, _title(field.key))
        if field.required:
            body["required"] = True
        if marker is not None and marker.description:
            body["description"] = marker.description
        media: dict[str, Any] = {"schema": schema}
        if marker is not None and getattr(marker, "openapi_examples", None):
            media["examples"] = _plain(marker.openapi_examples)
        body["content"] = {getattr(marker, "media_type", None) or "application/json": media}
        return body
    name = f"Body_{identifier}"
    properties = {field.key: field_schema(field, schemas, _title(field.name)) for field in fields}
    model: dict[str, Any] = {"properties": properties, "type": "object"}
    required = [field.key for field in fields if field.required]
    if required:
        model["required"] = required
    model["title"] = name
    reference = schemas.add(name, model)
    if required:
        body["required"] = True
    kinds = {type(field.marker).__name__ for field in fields}
    if "File" in kinds:
        media_type = _MULTIPART
    elif "Form" in kinds:
        media_type = _FORM
    else:
        types = {getattr(field.marker, "media_type", "application/json") for field in fields}
        media_type = types.pop() if len(types) == 1 else "application/json"
    body["content"] = {media_type: {"schema": reference}}
    return body


def _returns(plan: "RoutePlan", schemas: "Schemas", check: "Any" = None) -> "dict[str, Any]":
    check = check if check is not None else plan.response.check
    if check is None:
        return {}
    schema = schemas.of(check, "serialization")
    if "$ref" not in schema:
        schema["title"] = "Return"
    return {"schema": schema}


def _custom_response(plan: "RoutePlan", code: "Any", given: "Any", schemas: "Schemas") -> "dict[str, Any]":
    import copy

    response: dict[str, Any] = copy.deepcopy(dict(given))
    content = response.get("content")
    if content is None:
        if not without_body(code):
            response["content"] = {"application/json": _returns(plan, schemas)}
        return response
    for media_type, payload in list(content.items()):
        if isinstance(payload, dict) and "model" in payload:
            resolved = {key: value for key, value in payload.items() if key != "model"}
            resolved.update(_returns(plan, schemas, plan.response_models[id(payload["model"])]))
            content[media_type] = resolved
    return response


def _plain(value: "Any") -> "Any":
    """Example objects (models or dicts) as plain dicts."""
    if hasattr(value, "model_dump"):
        return value.model_dump(by_alias=True, exclude_none=True)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


__all__ = ["REF_PREFIX", "build_operation", "openapi_path", "operation_id"]

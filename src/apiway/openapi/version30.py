"""``to_openapi_30``: an OpenAPI 3.1 document rewritten as OpenAPI 3.0.3, for tools that only read 3.0.

Schemas are rewritten keyword by keyword: ``null`` in a ``type`` list or an ``anyOf``/``oneOf``
becomes ``nullable: true``; ``const`` a one-value ``enum``; an ``examples`` list its first
value as ``example``; number-valued ``exclusiveMinimum``/``exclusiveMaximum`` the boolean form
beside ``minimum``/``maximum``; ``prefixItems`` (tuples) an ``items`` schema; a ``$ref`` with
sibling keywords an ``allOf`` holding the ``$ref``; boolean schemas ``{}`` and ``{"not": {}}``;
base64 and binary content ``format: byte`` and ``format: binary``. Keywords 3.0 does not know
(``$defs``, ``if``/``then``/``else``, ``patternProperties``, ...) are left out, as are
``webhooks``, ``jsonSchemaDialect``, ``info.summary``, ``license.identifier``,
``components.pathItems`` and ``mutualTLS`` security schemes (with the requirements naming them).
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Json = dict[str, Any]

__all__ = ["to_openapi_30"]

#: Schema keywords 3.0 shares with 3.1, kept as they are (subschemas are rewritten).
_KEPT = frozenset(
    (
        *("title", "description", "default", "example", "deprecated", "readOnly", "writeOnly", "nullable"),
        *("multipleOf", "maximum", "minimum", "maxLength", "minLength", "pattern", "format", "enum"),
        *("maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required"),
        *("discriminator", "xml", "externalDocs"),
    )
)
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def to_openapi_30(document: "Any") -> "Json":
    """The 3.0.3 form of ``document`` (a dict or an :class:`~apiway.openapi.models.OpenAPI`); a new dict."""
    if hasattr(document, "model_dump"):
        document = document.model_dump(mode="json", by_alias=True, exclude_none=True)
    if not isinstance(document, dict) or not isinstance(document.get("info"), dict):
        raise TypeError(
            "to_openapi_30() takes an OpenAPI document: a dict with 'openapi', 'info' and 'paths'"
        )
    dropped = _dropped_schemes(document)
    out: Json = {"openapi": "3.0.3"}
    for key, value in document.items():
        if key in ("openapi", "jsonSchemaDialect", "webhooks"):
            continue
        if key == "info":
            out["info"] = _info(value)
        elif key == "paths":
            out["paths"] = {
                path: _path_item(item, dropped) if path.startswith("/") else item
                for path, item in value.items()
            }
        elif key == "components":
            out["components"] = _components(value, dropped)
        elif key == "security":
            out["security"] = _requirements(value, dropped)
        else:
            out[key] = value
    out.setdefault("paths", {})
    return out


def _dropped_schemes(document: "Json") -> "set[str]":
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    return {
        name
        for name, scheme in schemes.items()
        if isinstance(scheme, dict) and scheme.get("type") == "mutualTLS"
    }


def _info(info: "Json") -> "Json":
    out = {key: value for key, value in info.items() if key != "summary"}
    if isinstance(out.get("license"), dict):
        out["license"] = {key: value for key, value in out["license"].items() if key != "identifier"}
    return out


def _requirements(requirements: "list[Json]", dropped: "set[str]") -> "list[Json]":
    return [requirement for requirement in requirements if not set(requirement) & dropped]


def _reference(value: "Json") -> "Json":
    """A 3.0 Reference Object holds ``$ref`` alone (3.1 allows ``summary`` and ``description``)."""
    return {"$ref": value["$ref"]}


def _map(values: "Json | None", convert: "Any") -> "Json":
    return {
        name: _reference(item) if "$ref" in item else convert(item) for name, item in (values or {}).items()
    }


def _path_item(item: "Json", dropped: "set[str]") -> "Json":
    out = dict(item)
    if "parameters" in item:
        out["parameters"] = [_reference(p) if "$ref" in p else _parameter(p) for p in item["parameters"]]
    for method in _OPERATIONS:
        if method in item:
            out[method] = _operation(item[method], dropped)
    return out


def _operation(operation: "Json", dropped: "set[str]") -> "Json":
    out = dict(operation)
    if "parameters" in operation:
        out["parameters"] = [_reference(p) if "$ref" in p else _parameter(p) for p in operation["parameters"]]
    body = operation.get("requestBody")
    if body is not None:
        out["requestBody"] = _reference(body) if "$ref" in body else _request_body(body)
    if "responses" in operation:
        out["responses"] = {
            str(code): _reference(r)
            if isinstance(r, dict) and "$ref" in r
            else _response(r)
            if isinstance(r, dict)
            else r
            for code, r in operation["responses"].items()
        }
    if "callbacks" in operation:
        out["callbacks"] = {
            name: _callback(callback, dropped) for name, callback in operation["callbacks"].items()
        }
    if "security" in operation:
        out["security"] = _requirements(operation["security"], dropped)
    return out


def _callback(callback: "Json", dropped: "set[str]") -> "Json":
    if "$ref" in callback:
        return _reference(callback)
    return {
        expression: _path_item(item, dropped) if not expression.startswith("x-") else item
        for expression, item in callback.items()
    }


def _parameter(parameter: "Json") -> "Json":
    out = dict(parameter)
    if "schema" in parameter:
        out["schema"] = convert_schema(parameter["schema"])
    if "content" in parameter:
        out["content"] = {media: _media_type(m) for media, m in parameter["content"].items()}
    return out


def _media_type(media: "Json") -> "Json":
    out = dict(media)
    if "schema" in media:
        out["schema"] = convert_schema(media["schema"])
    if "encoding" in media:
        out["encoding"] = {
            name: {**encoding, "headers": _map(encoding["headers"], _parameter)}
            if "headers" in encoding
            else encoding
            for name, encoding in media["encoding"].items()
        }
    if "examples" in media:
        out["examples"] = _map(media["examples"], dict)
    return out


def _request_body(body: "Json") -> "Json":
    return {**body, "content": {media: _media_type(m) for media, m in body.get("content", {}).items()}}


def _response(response: "Json") -> "Json":
    out = dict(response)
    if "headers" in response:
        out["headers"] = _map(response["headers"], _parameter)
    if "content" in response:
        out["content"] = {media: _media_type(m) for media, m in response["content"].items()}
    if "links" in response:
        out["links"] = _map(response["links"], dict)
    return out


def _components(components: "Json", dropped: "set[str]") -> "Json":
    converters: dict[str, Any] = {
        "responses": _response,
        "parameters": _parameter,
        "examples": dict,
        "requestBodies": _request_body,
        "headers": _parameter,
        "links": dict,
    }
    out: Json = {}
    for key, value in components.items():
        if key == "pathItems":
            continue
        if key == "schemas":
            out[key] = {name: convert_schema(schema) for name, schema in value.items()}
        elif key == "securitySchemes":
            out[key] = _map({name: s for name, s in value.items() if name not in dropped}, dict)
        elif key == "callbacks":
            out[key] = {
                name: _callback(c, dropped) if isinstance(c, dict) else c for name, c in value.items()
            }
        elif key in converters:
            out[key] = _map(value, converters[key])
        else:
            out[key] = value
    return out


def _is_null(schema: "Any") -> bool:
    return (
        isinstance(schema, dict)
        and (schema.get("type") == "null" or schema.get("type") == ["null"])
        and len(schema) == 1
    )


def convert_schema(schema: "Any") -> "Any":
    """One JSON Schema (2020-12) rewritten for OpenAPI 3.0's schema object."""
    if schema is True:
        return {}
    if schema is False:
        return {"not": {}}
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        rest = convert_schema({key: value for key, value in schema.items() if key != "$ref"})
        return {"allOf": [{"$ref": schema["$ref"]}], **rest} if rest else {"$ref": schema["$ref"]}
    out: Json = {}
    nullable = _convert_type(schema, out)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            branches = [branch for branch in schema[key] if not _is_null(branch)]
            nullable = nullable or len(branches) < len(schema[key])
            if len(branches) == 1 and len(schema[key]) > 1:
                single = convert_schema(branches[0])
                out.update({"allOf": [single]} if "$ref" in single else single)
            elif branches:
                out[key] = [convert_schema(branch) for branch in branches]
    for key, value in schema.items():
        if key in ("type", "anyOf", "oneOf"):
            continue
        _convert_keyword(key, value, schema, out)
    if nullable or (isinstance(out.get("enum"), list) and None in out["enum"]):
        out["nullable"] = True
    return out


def _convert_type(schema: "Json", out: "Json") -> bool:
    """Sets ``out["type"]`` (or an ``anyOf`` of types); True if ``null`` is one of the types."""
    kind = schema.get("type")
    if kind is None:
        return False
    names = kind if isinstance(kind, list) else [kind]
    types = [name for name in names if name != "null"]
    if len(types) == 1:
        out["type"] = types[0]
    elif len(types) > 1:
        out["anyOf"] = [{"type": name} for name in types]
    else:
        out["enum"] = [None]
    return len(types) < len(names)


def _convert_keyword(key: str, value: "Any", schema: "Json", out: "Json") -> None:
    if key in _KEPT or key.startswith("x-"):
        if key == "required" and not value:
            return  # 3.0 wants at least one name
        out.setdefault(key, value)
    elif key in ("properties",):
        out[key] = {name: convert_schema(sub) for name, sub in value.items()}
    elif key in ("additionalProperties",):
        out[key] = value if isinstance(value, bool) else convert_schema(value)
    elif key in ("not",):
        out[key] = convert_schema(value)
    elif key == "allOf":
        out["allOf"] = [*out.get("allOf", []), *(convert_schema(sub) for sub in value)]
    elif key == "const":
        out.setdefault("enum", [value])
    elif key == "examples":
        if isinstance(value, list) and value and "example" not in schema:
            out["example"] = value[0]
    elif key in ("exclusiveMinimum", "exclusiveMaximum"):
        _convert_exclusive(key, value, schema, out)
    elif key in ("prefixItems", "items"):
        _convert_items(schema, out)
    elif key == "contentEncoding" and value == "base64" and "format" not in schema:
        out["format"] = "byte"
    elif key == "contentMediaType" and value == "application/octet-stream" and "format" not in schema:
        out.setdefault("format", "binary")


def _convert_exclusive(key: str, value: "Any", schema: "Json", out: "Json") -> None:
    if isinstance(value, bool):
        out[key] = value
        return
    bound = "minimum" if key == "exclusiveMinimum" else "maximum"
    inclusive = schema.get(bound)
    # Keep whichever bound is stricter: x > 0 and x >= 5 is x >= 5.
    stricter_inclusive = inclusive is not None and (
        inclusive > value if bound == "minimum" else inclusive < value
    )
    if not stricter_inclusive:
        out[bound] = value
        out[key] = True


def _convert_items(schema: "Json", out: "Json") -> None:
    if "items" in out:
        return  # done when the other of prefixItems/items was seen
    prefix = schema.get("prefixItems")
    items = schema.get("items")
    if isinstance(items, list):  # the draft-4 tuple form
        prefix, items = items, None
    choices = [convert_schema(sub) for sub in prefix or []]
    if items is not None and items is not False:
        choices.append(convert_schema(items))
    unique: list[Any] = []
    for choice in choices:
        if choice not in unique:
            unique.append(choice)
    if len(unique) == 1:
        out["items"] = unique[0]
    elif unique:
        out["items"] = {"anyOf": unique}
    elif items is False or prefix is not None:
        out["items"] = {}

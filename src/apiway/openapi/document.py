"""The OpenAPI document of an app, built from its routes' compiled plans.

``build_document(plans, title=..., ...)`` takes the keywords of the Powertools REST event
handler's ``get_openapi_schema`` and writes what it writes for the same routes: operation
ids, summaries, parameters, request bodies (``Body_<operation id>`` for several body values),
422 responses with ``HTTPValidationError`` / ``ValidationError``, models once under
``components/schemas``.

``build_document`` gives the :class:`~apiway.openapi.models.OpenAPI` object (OpenAPI 3.1);
``document_dict`` and ``document_json`` give its JSON form for any ``openapi_version``:
``"3.0.3"`` (any ``3.0.x``) is the same document rewritten for OpenAPI 3.0 by
:func:`~apiway.openapi.version30.to_openapi_30`, which the 3.1 object classes cannot hold.
"""

from apiway.openapi.components import (
    Schemas,
    http_validation_error_schema,
    response_validation_error_schema,
    validation_error_schema,
)
from apiway.openapi.operations import build_operation, openapi_path, operation_id

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from apiway.openapi.models import OpenAPI
    from apiway.validation.plan import RoutePlan

#: The defaults of the Powertools REST event handler (its ``openapi/constants.py``).
DEFAULT_OPENAPI_TITLE = "Powertools for AWS Lambda (Python) API"
DEFAULT_API_VERSION = "1.0.0"
DEFAULT_OPENAPI_VERSION = "3.1.0"


def build_document(
    plans: "Sequence[RoutePlan]",
    *,
    title: str = DEFAULT_OPENAPI_TITLE,
    version: str = DEFAULT_API_VERSION,
    openapi_version: str = DEFAULT_OPENAPI_VERSION,
    summary: "str | None" = None,
    description: "str | None" = None,
    tags: "Sequence[Any] | None" = None,
    servers: "Sequence[Any] | None" = None,
    terms_of_service: "str | None" = None,
    contact: "Any" = None,
    license_info: "Any" = None,
    security_schemes: "dict[str, Any] | None" = None,
    security: "list[dict[str, list[str]]] | None" = None,
    external_documentation: "Any" = None,
    openapi_extensions: "dict[str, Any] | None" = None,
    enable_validation: bool = False,
    response_validation_error_http_code: "int | None" = None,
) -> "OpenAPI":
    """The OpenAPI 3.1 document (an :class:`~apiway.openapi.models.OpenAPI`) of the routes ``plans``.

    ``enable_validation`` is the app's setting (a route's ``enable_validation`` option wins
    for its 422 response); ``response_validation_error_http_code`` documents the app's status
    for responses that fail validation on every route without its own. Raises
    ``SchemaValidationError`` when a security requirement names no declared scheme.
    """
    from apiway.openapi.models import OpenAPI

    if response_validation_error_http_code is not None:
        response_validation_error_http_code = int(response_validation_error_http_code)  # HTTPStatus too
    if not isinstance(openapi_version, str) or not openapi_version.startswith("3.1"):
        hint = (
            "; use document_dict() or document_json() for 3.0.x"
            if str(openapi_version).startswith("3.0")
            else ""
        )
        raise ValueError(f"build_document() writes OpenAPI 3.1.x, not {openapi_version!r}{hint}")
    _check_security(security, security_schemes)
    info: dict[str, Any] = {"title": title, "version": version}
    optional = {"summary": summary, "description": description, "termsOfService": terms_of_service}
    for key, value in {**optional, "contact": contact, "license": license_info}.items():
        if value:
            info[key] = value
    document: dict[str, Any] = {
        "openapi": openapi_version,
        "info": info,
        "servers": list(servers) if servers else [{"url": "/"}],
    }
    if security:
        document["security"] = security
    if isinstance(openapi_extensions, dict):
        document.update(openapi_extensions)
    if external_documentation:
        document["externalDocs"] = external_documentation
    schemas = Schemas()
    paths: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    own_error_schema = False
    # Routes with parameters (or regex groups) first, as Powertools lists them; otherwise in order.
    ordered_plans = sorted(plans, key=lambda plan: not (plan.param_names or "(" in plan.rule))
    for plan in ordered_plans:
        if plan.options["security"]:
            _check_security(plan.options["security"], security_schemes)
        if not plan.options["include_in_schema"]:
            continue
        _warn_duplicate(plan, seen)
        validated = plan.options["enable_validation"]
        validated = enable_validation if validated is None else validated
        operation, documents_error = build_operation(
            plan, schemas, validated, response_validation_error_http_code
        )
        own_error_schema = own_error_schema or documents_error
        paths.setdefault(openapi_path(plan.rule), {})[plan.method.lower()] = operation
    definitions = schemas.merge()
    if paths:
        definitions["ValidationError"] = validation_error_schema()
        definitions["HTTPValidationError"] = http_validation_error_schema()
        if own_error_schema:
            definitions["ResponseValidationError"] = response_validation_error_schema()
    components: dict[str, Any] = {}
    if definitions:
        ordered = {name: definitions[name] for name in sorted(definitions)}
        ordered.setdefault("ResponseValidationError", response_validation_error_schema())
        components["schemas"] = ordered
    if security_schemes:
        components["securitySchemes"] = security_schemes
    if components:
        document["components"] = components
    if tags:
        document["tags"] = [{"name": tag} if isinstance(tag, str) else tag for tag in tags]
    document["paths"] = paths
    result: OpenAPI = OpenAPI.model_validate(document)
    return result


def document_dict(
    plans: "Sequence[RoutePlan]", *, openapi_version: str = DEFAULT_OPENAPI_VERSION, **keywords: "Any"
) -> "dict[str, Any]":
    """The document as JSON-ready data (``by_alias``, ``None`` left out); 3.0.x through ``to_openapi_30``.

    Takes the keywords of :func:`build_document`.
    """
    if isinstance(openapi_version, str) and openapi_version.startswith("3.0"):
        from apiway.openapi.version30 import to_openapi_30

        converted = to_openapi_30(build_document(plans, **keywords))
        converted["openapi"] = openapi_version
        return converted
    document = build_document(plans, openapi_version=openapi_version, **keywords)
    return document.model_dump(mode="json", by_alias=True, exclude_none=True)


def document_json(
    plans: "Sequence[RoutePlan]",
    *,
    openapi_version: str = DEFAULT_OPENAPI_VERSION,
    indent: "int | None" = 2,
    **keywords: "Any",
) -> str:
    """The document as JSON text, indented as ``get_openapi_json_schema`` writes it."""
    if isinstance(openapi_version, str) and openapi_version.startswith("3.0"):
        data = document_dict(plans, openapi_version=openapi_version, **keywords)
        if indent is None:
            import json

            return json.dumps(data)
        from apiway.openapi.jsontext import indented_json

        return indented_json(data, indent, ensure_ascii=True, allow_nan=True)
    document = build_document(plans, openapi_version=openapi_version, **keywords)
    return document.model_dump_json(by_alias=True, exclude_none=True, indent=indent)


def _check_security(security: "list[dict[str, list[str]]] | None", schemes: "dict[str, Any] | None") -> None:
    if not security:
        return
    missing = sorted(
        {name for requirement in security for name in requirement if name not in (schemes or {})}
    )
    if missing:
        from apiway.openapi.exceptions import SchemaValidationError

        declared = ", ".join(sorted(schemes or {})) or "none"
        raise SchemaValidationError(
            f"Security configuration was not found in security_schemas or security_schema was not defined: "
            f"{', '.join(missing)} (declared schemes: {declared})"
        )


def _warn_duplicate(plan: "RoutePlan", seen: "set[str]") -> None:
    identifier = operation_id(plan)
    if identifier in seen:
        import warnings

        name = getattr(plan.func, "__name__", repr(plan.func))
        where = getattr(plan.func, "__globals__", {}).get("__file__")
        message = f"Duplicate Operation ID {identifier} for function {name}" + (
            f" in {where}" if where else ""
        )
        warnings.warn(message, stacklevel=3)
    seen.add(identifier)

"""An app's OpenAPI document and Swagger UI page: what ``get_openapi_schema``,
``get_openapi_json_schema``, ``configure_openapi`` and ``enable_swagger`` do.

Loaded when an app first asks for one of them. The document is written from every route's
plan (compiled now for routes that have none yet); routes with ``include_in_schema=False``
(the Swagger UI route among them) are left out.
"""

from apiway.openapi.document import (
    DEFAULT_API_VERSION,
    DEFAULT_OPENAPI_TITLE,
    DEFAULT_OPENAPI_VERSION,
    build_document,
    document_json,
)
from apiway.response import Response

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from apiway.openapi.models import OpenAPI
    from apiway.resolvers import BaseResolver
    from apiway.validation.plan import RoutePlan

#: The document keywords, in the order of ``get_openapi_schema``, with their defaults.
DOCUMENT_DEFAULTS: "dict[str, Any]" = {
    "title": DEFAULT_OPENAPI_TITLE,
    "version": DEFAULT_API_VERSION,
    "openapi_version": DEFAULT_OPENAPI_VERSION,
    "summary": None,
    "description": None,
    "tags": None,
    "servers": None,
    "terms_of_service": None,
    "contact": None,
    "license_info": None,
    "security_schemes": None,
    "security": None,
    "external_documentation": None,
    "openapi_extensions": None,
}
# Keywords whose default is a value rather than None: the configured value wins over it.
_VALUE_DEFAULTS = ("title", "version", "openapi_version")


def settings(app: "BaseResolver", given: "dict[str, Any]") -> "dict[str, Any]":
    """The document keywords: those given, else those of ``configure_openapi``, else the defaults."""
    configured = app._openapi_config or {}
    merged = {}
    for name, default in DOCUMENT_DEFAULTS.items():
        value = given.get(name, default)
        if name in _VALUE_DEFAULTS:
            if value == default and configured.get(name):
                value = configured[name]
        elif not value:
            value = configured.get(name) or value
        merged[name] = value
    return merged


def configure(app: "BaseResolver", given: "dict[str, Any]") -> None:
    """Remember the document keywords ``get_openapi_schema`` and the Swagger UI page use by default."""
    unknown = sorted(set(given) - set(DOCUMENT_DEFAULTS))
    if unknown:
        raise TypeError(f"configure_openapi() got unknown keywords {unknown}")
    app._openapi_config = dict(given)


def route_plans(app: "BaseResolver") -> "list[RoutePlan]":
    """The plan of every route, in registration order; a route left out of the document is
    compiled only when it has a plan already or its ``security`` is to be checked."""
    from apiway.validation.plan import document_plan

    plans = []
    for route in app.routes:
        options = route.options or {}
        if route.plan is None and options.get("include_in_schema") is False and not options.get("security"):
            continue
        plans.append(document_plan(app, route))
    return plans


def _document_keywords(app: "BaseResolver", keywords: "dict[str, Any]") -> "dict[str, Any]":
    return {
        **keywords,
        "enable_validation": app.enable_validation,
        "response_validation_error_http_code": app.response_validation_error_http_code,
    }


def openapi_schema(app: "BaseResolver", given: "dict[str, Any]") -> "OpenAPI":
    """``app.get_openapi_schema(...)``: the OpenAPI 3.1 document as objects."""
    keywords = settings(app, given)
    version = keywords["openapi_version"]
    if not (isinstance(version, str) and version.startswith("3.1")):
        import warnings

        warnings.warn(
            f"get_openapi_schema() gives an OpenAPI 3.1 document, not {version!r}: writing 3.1.0; "
            "get_openapi_json_schema(openapi_version=...) writes 3.0.x",
            UserWarning,
            stacklevel=3,
        )
        keywords["openapi_version"] = DEFAULT_OPENAPI_VERSION
    return build_document(route_plans(app), **_document_keywords(app, keywords))


def openapi_json(app: "BaseResolver", given: "dict[str, Any]") -> str:
    """``app.get_openapi_json_schema(...)``: the document as JSON text (3.0.x when asked for)."""
    return document_json(route_plans(app), **_document_keywords(app, settings(app, given)))


def base_path(raw_event: "dict[str, Any]") -> str:
    """The API Gateway stage the request came through, as a path (``/prod``), when the path
    carries it; else "" (custom domains, ``$default`` stages, other sources)."""
    context = raw_event.get("requestContext")
    if type(context) is not dict:
        return ""
    stage = context.get("stage")
    if not isinstance(stage, str) or not stage or stage == "$default":
        return ""
    http = context.get("http")
    path = context.get("path") or (http.get("path") if type(http) is dict else None)
    return f"/{stage}" if isinstance(path, str) and path.startswith(f"/{stage}") else ""


def enable_swagger(
    app: "BaseResolver",
    path: str,
    given: "dict[str, Any]",
    swagger_base_url: "str | None",
    middlewares: "list[Callable[..., Any]] | None",
    compress: bool,
    oauth2_config: "Any",
    persist_authorization: bool,
) -> None:
    """Register ``GET path``: the Swagger UI page, ``?format=json`` the document and
    ``?format=oauth2-redirect`` the page an OAuth 2 sign-in returns to."""
    from apiway.openapi.swagger_ui import OAuth2Config

    if not isinstance(path, str) or not path.startswith("/"):
        raise ValueError(f"enable_swagger(path=...) must start with '/', not {path!r}")
    if oauth2_config is not None and not isinstance(oauth2_config, OAuth2Config):
        raise TypeError(f"enable_swagger(oauth2_config=...) takes an OAuth2Config, not {oauth2_config!r}")
    if not isinstance(persist_authorization, bool):
        raise TypeError(
            f"enable_swagger(persist_authorization=...) must be True or False, not {persist_authorization!r}"
        )
    pages: dict[tuple[Any, ...], tuple[str, str]] = {}

    def page(base: str) -> "tuple[str, str]":
        """The document's JSON and the HTML page for requests through ``base``, made once."""
        key = (base, len(app.routes), id(app._openapi_config))
        made = pages.get(key)
        if made is None:
            from apiway.openapi.swagger_ui import swagger_ui_html

            keywords = dict(given)
            if not keywords.get("servers") and not (app._openapi_config or {}).get("servers"):
                keywords["servers"] = [{"url": base or "/"}]
            text = openapi_json(app, keywords)
            html = swagger_ui_html(
                text,
                spec_url=f"{base}{path}?format=json",
                title=settings(app, keywords)["title"],
                swagger_base_url=swagger_base_url,
                oauth2_config=oauth2_config,
                persist_authorization=persist_authorization,
            )
            if len(pages) >= 16:
                pages.clear()
            made = pages[key] = (text, html)
        return made

    def swagger_handler() -> Response:
        event = app.current_event
        wanted = event.query_string_parameters.get("format")
        if wanted == "oauth2-redirect":
            from apiway.openapi.swagger_ui import oauth2_redirect_html

            return Response(200, "text/html", oauth2_redirect_html())
        text, html = page(base_path(event.raw_event))
        if wanted == "json":
            return Response(200, "application/json", text)
        return Response(200, "text/html", html)

    # Never validated: it takes nothing and answers a Response.
    app.get(
        path, middlewares=middlewares, include_in_schema=False, enable_validation=False, compress=compress
    )(swagger_handler)

"""The Swagger UI page for an OpenAPI document.

apiway ships no JavaScript: the page loads Swagger UI's script and style sheet from a CDN
(pinned to the version the Powertools REST event handler bundles), or from
``swagger_base_url``. Everything the page embeds is escaped: the title as HTML text, the
document and the options as JSON that cannot close the script element.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.openapi.swagger_ui.oauth2 import OAuth2Config

#: The Swagger UI release the default URLs load.
SWAGGER_UI_VERSION = "5.31.0"
DEFAULT_SWAGGER_JS = f"https://cdn.jsdelivr.net/npm/swagger-ui-dist@{SWAGGER_UI_VERSION}/swagger-ui-bundle.js"
DEFAULT_SWAGGER_CSS = f"https://cdn.jsdelivr.net/npm/swagger-ui-dist@{SWAGGER_UI_VERSION}/swagger-ui.css"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Cache-Control" content="no-cache, no-store, must-revalidate">
<title>{title}</title>
<link rel="stylesheet" type="text/css" href="{css}">
</head>
<body>
<div id="swagger-ui">Loading&hellip;</div>
<script src="{js}"></script>
<script type="application/json" id="swagger-ui-options">{options}</script>
<script type="application/json" id="swagger-ui-oauth">{oauth}</script>
<script>
(function () {{
  "use strict";
  var read = function (id) {{ return JSON.parse(document.getElementById(id).textContent); }};
  var options = read("swagger-ui-options");
  var page = window.location.protocol + "//" + window.location.host + window.location.pathname;
  options.oauth2RedirectUrl = options.oauth2RedirectUrl || page + "?format=oauth2-redirect";
  options.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  options.plugins = [SwaggerUIBundle.plugins.DownloadUrl];
  var documentUrl = options.documentUrl;
  delete options.documentUrl;
  var ui = SwaggerUIBundle(options);
  if (documentUrl && options.spec) {{ ui.specActions.updateUrl(documentUrl); }}
  var oauth = read("swagger-ui-oauth");
  if (oauth) {{ ui.initOAuth(oauth); }}
  window.ui = ui;
}})();
</script>
</body>
</html>"""


def script_json(value: "Any") -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element (no ``<``, ``>`` or ``&`` characters)."""
    import json

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _document(spec: "Any") -> "Any":
    if hasattr(spec, "model_dump"):
        return spec.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(spec, (str, bytes)):
        import json

        try:
            spec = json.loads(spec)
        except ValueError as error:
            raise ValueError(f"swagger_ui_html(spec=...): the document is not valid JSON ({error})") from None
    if not isinstance(spec, dict):
        raise TypeError(
            f"swagger_ui_html(spec=...) takes an OpenAPI document (dict, JSON, OpenAPI), not {spec!r:.60}"
        )
    return spec


def swagger_ui_html(
    spec: "Any" = None,
    *,
    spec_url: "str | None" = None,
    title: str = "Swagger UI",
    swagger_base_url: "str | None" = None,
    swagger_js: "str | None" = None,
    swagger_css: "str | None" = None,
    oauth2_config: "OAuth2Config | None" = None,
    oauth2_redirect_url: "str | None" = None,
    persist_authorization: bool = False,
) -> str:
    """The HTML page showing an OpenAPI document in Swagger UI.

    ``spec`` is the document itself (an ``OpenAPI`` object, a dict or JSON text), embedded in
    the page; ``spec_url`` is where the browser downloads it (shown in the page's top bar when
    ``spec`` is embedded too). Swagger UI is loaded from ``swagger_base_url``
    (``swagger-ui-bundle.min.js`` and ``swagger-ui.min.css`` under it, as in Powertools), or
    from ``swagger_js``/``swagger_css``, else from the jsDelivr CDN.
    """
    import html

    if spec is None and not spec_url:
        raise TypeError("swagger_ui_html() needs the document (spec=...) or its URL (spec_url=...)")
    if not isinstance(title, str):
        raise TypeError(f"swagger_ui_html(title=...) must be a string, not {title!r}")
    if not isinstance(persist_authorization, bool):
        raise TypeError(
            f"swagger_ui_html(persist_authorization=...) must be True or False, not {persist_authorization!r}"
        )
    if swagger_base_url:
        base = swagger_base_url.rstrip("/")
        swagger_js = swagger_js or f"{base}/swagger-ui-bundle.min.js"
        swagger_css = swagger_css or f"{base}/swagger-ui.min.css"
    options: dict[str, Any] = {
        "dom_id": "#swagger-ui",
        "docExpansion": "list",
        "deepLinking": True,
        "filter": True,
        "layout": "BaseLayout",
        "showExtensions": True,
        "showCommonExtensions": True,
        "withCredentials": True,
        "persistAuthorization": persist_authorization,
    }
    if spec is not None:
        options["spec"] = _document(spec)
        if spec_url:
            options["documentUrl"] = spec_url
    else:
        options["url"] = spec_url
    if oauth2_redirect_url:
        options["oauth2RedirectUrl"] = oauth2_redirect_url
    oauth = oauth2_config.init_oauth_options() if oauth2_config is not None else None
    return _PAGE.format(
        title=html.escape(title),
        css=html.escape(swagger_css or DEFAULT_SWAGGER_CSS, quote=True),
        js=html.escape(swagger_js or DEFAULT_SWAGGER_JS, quote=True),
        options=script_json(options),
        oauth=script_json(oauth),
    )

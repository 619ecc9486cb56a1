"""Swagger UI: the page showing an app's OpenAPI document, and its OAuth 2 settings."""

from apiway.openapi.swagger_ui.html import (
    DEFAULT_SWAGGER_CSS,
    DEFAULT_SWAGGER_JS,
    SWAGGER_UI_VERSION,
    swagger_ui_html,
)
from apiway.openapi.swagger_ui.oauth2 import OAuth2Config, generate_oauth2_redirect_html, oauth2_redirect_html

__all__ = [
    "DEFAULT_SWAGGER_CSS",
    "DEFAULT_SWAGGER_JS",
    "SWAGGER_UI_VERSION",
    "OAuth2Config",
    "generate_oauth2_redirect_html",
    "oauth2_redirect_html",
    "swagger_ui_html",
]

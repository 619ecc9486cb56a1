"""The Swagger UI page: what it loads, the options it hands Swagger UI, and what it escapes."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest

from apiway.openapi.models import Info, OpenAPI
from apiway.openapi.swagger_ui import (
    DEFAULT_SWAGGER_CSS,
    DEFAULT_SWAGGER_JS,
    OAuth2Config,
    generate_oauth2_redirect_html,
    oauth2_redirect_html,
    swagger_ui_html,
)

DOCUMENT = {"openapi": "3.1.0", "info": {"title": "Todos", "version": "1"}, "paths": {}}


class Page(HTMLParser):
    """The parts of the page a browser would see: title text, script sources, inline scripts."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.title = ""
        self.sources: list[str] = []
        self.styles: list[str] = []
        self.scripts: dict[str, str] = {}
        self.tags: list[str] = []
        self._in: tuple[str, str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if tag == "script" and found.get("src"):
            self.sources.append(found["src"] or "")
        elif tag == "script":
            self._in = ("script", found.get("id") or "code")
            self.scripts[self._in[1]] = ""
        elif tag == "link":
            self.styles.append(found.get("href") or "")
        elif tag == "title":
            self._in = ("title", "")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in and self._in[0] == "title":
            self.title += data
        elif self._in:
            self.scripts[self._in[1]] += data

    def options(self) -> Any:
        return json.loads(self.scripts["swagger-ui-options"])

    def oauth(self) -> Any:
        return json.loads(self.scripts["swagger-ui-oauth"])


def test_the_document_is_embedded_and_loads_swagger_ui_from_the_cdn() -> None:
    page = Page(swagger_ui_html(DOCUMENT))
    assert page.title == "Swagger UI"
    assert page.sources == [DEFAULT_SWAGGER_JS] and page.styles == [DEFAULT_SWAGGER_CSS]
    assert DEFAULT_SWAGGER_JS.startswith("https://cdn.jsdelivr.net/npm/swagger-ui-dist@5.31.0/")
    options = page.options()
    assert options["spec"] == DOCUMENT
    assert options["dom_id"] == "#swagger-ui" and options["persistAuthorization"] is False
    assert "url" not in options and page.oauth() is None
    assert "SwaggerUIBundle(options)" in page.scripts["code"]


def test_documents_are_taken_as_objects_dicts_or_json() -> None:
    as_object = OpenAPI(openapi="3.1.0", info=Info(title="Todos", version="1"), paths={})
    for spec in (as_object, DOCUMENT, json.dumps(DOCUMENT), json.dumps(DOCUMENT).encode()):
        assert Page(swagger_ui_html(spec)).options()["spec"] == DOCUMENT


def test_a_document_url_instead_of_the_document() -> None:
    options = Page(swagger_ui_html(spec_url="/swagger?format=json")).options()
    assert options["url"] == "/swagger?format=json" and "spec" not in options
    both = Page(swagger_ui_html(DOCUMENT, spec_url="/openapi.json")).options()
    assert both["spec"] == DOCUMENT and both["documentUrl"] == "/openapi.json"


def test_swagger_ui_from_another_place() -> None:
    page = Page(swagger_ui_html(DOCUMENT, swagger_base_url="https://static.example.com/swagger/"))
    assert page.sources == ["https://static.example.com/swagger/swagger-ui-bundle.min.js"]
    assert page.styles == ["https://static.example.com/swagger/swagger-ui.min.css"]
    page = Page(swagger_ui_html(DOCUMENT, swagger_js="/js/ui.js", swagger_css="/css/ui.css"))
    assert (page.sources, page.styles) == (["/js/ui.js"], ["/css/ui.css"])


def test_options_for_persistence_and_oauth() -> None:
    config = OAuth2Config(
        client_id="abc", app_name="Todos", scopes=["read"], use_pkce_with_authorization_code_grant=True
    )
    page = Page(
        swagger_ui_html(DOCUMENT, oauth2_config=config, persist_authorization=True, oauth2_redirect_url="/cb")
    )
    assert page.options()["persistAuthorization"] is True
    assert page.options()["oauth2RedirectUrl"] == "/cb"
    assert page.oauth() == {
        "clientId": "abc",
        "appName": "Todos",
        "scopes": ["read"],
        "usePkceWithAuthorizationCodeGrant": True,
    }


HOSTILE = '</script><script>alert("x")</script><!--'


def test_titles_are_escaped() -> None:
    text = swagger_ui_html(DOCUMENT, title=HOSTILE)
    page = Page(text)
    assert page.title == HOSTILE
    assert page.tags.count("script") == 4  # the loader, two data blocks, the start-up code
    assert "<script>alert" not in text


def test_documents_cannot_close_the_script_element() -> None:
    hostile = {**DOCUMENT, "info": {"title": HOSTILE, "version": "\u2028&"}}
    text = swagger_ui_html(hostile, spec_url=HOSTILE, oauth2_config=OAuth2Config(app_name=HOSTILE))
    page = Page(text)
    assert page.tags.count("script") == 4
    assert page.options()["spec"]["info"]["title"] == HOSTILE
    assert page.options()["documentUrl"] == HOSTILE
    assert page.oauth() == {"appName": HOSTILE}
    for block in ("swagger-ui-options", "swagger-ui-oauth"):
        assert not {"<", ">", "&", "\u2028"} & set(page.scripts[block])


def test_urls_are_escaped_in_attributes() -> None:
    page = Page(swagger_ui_html(DOCUMENT, swagger_js='/ui.js" onload="alert(1)'))
    assert page.sources == ['/ui.js" onload="alert(1)']


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, TypeError, "needs the document"),
        ({"spec": "{not json"}, ValueError, "not valid JSON"),
        ({"spec": [1]}, TypeError, "takes an OpenAPI document"),
        ({"spec": DOCUMENT, "title": None}, TypeError, "title"),
        ({"spec": DOCUMENT, "persist_authorization": "yes"}, TypeError, "persist_authorization"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        swagger_ui_html(**kwargs)


def test_oauth2_config_attributes_and_names() -> None:
    config = OAuth2Config(appName="Todos", clientId="abc", realm="r", custom_option=1)
    assert (config.appName, config.clientId, config.realm) == ("Todos", "abc", "r")
    assert (config.scopes, config.additionalQueryStringParams) == ([], {})
    assert config.useBasicAuthenticationWithAccessCodeGrant is False
    assert config.init_oauth_options() == {
        "clientId": "abc",
        "realm": "r",
        "appName": "Todos",
        "custom_option": 1,
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "app_name is required"),
        ({"app_name": 1}, "app_name must be a string"),
        ({"app_name": "a", "scopes": "read"}, "scopes must be a list"),
        ({"app_name": "a", "additional_query_string_params": {"a": 1}}, "additional_query_string_params"),
        ({"app_name": "a", "use_pkce_with_authorization_code_grant": "yes"}, "usePkce"),
        ({"app_name": "a", "client_id": "x", "clientId": "y"}, "given twice"),
    ],
)
def test_oauth2_config_refuses_bad_settings(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        OAuth2Config(**kwargs)


def test_a_client_secret_only_in_development(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="only allowed in development"):
        OAuth2Config(app_name="a", client_secret="s")
    assert "clientSecret" not in OAuth2Config(app_name="a", client_secret="").init_oauth_options()
    monkeypatch.setenv("POWERTOOLS_DEV", "true")
    with pytest.warns(UserWarning, match="local development only"):
        config = OAuth2Config(app_name="a", client_secret="s")
    assert config.init_oauth_options()["clientSecret"] == "s"
    assert "'s'" not in repr(config)


def test_the_oauth2_redirect_page_hands_the_answer_back_to_swagger_ui() -> None:
    text = oauth2_redirect_html()
    assert generate_oauth2_redirect_html is oauth2_redirect_html
    page = Page(text)
    assert page.sources == [] and "swaggerUIRedirectOauth2" in page.scripts["code"]
    assert "window.close()" in page.scripts["code"]

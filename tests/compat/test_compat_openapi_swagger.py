"""Swagger UI: ``OAuth2Config`` takes what the Powertools class takes; Swagger UI gets the same options."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
pytest.importorskip("pydantic", reason="the Powertools OpenAPI modules need pydantic")

from aws_lambda_powertools.event_handler.openapi.swagger_ui import OAuth2Config as PowertoolsConfig
from aws_lambda_powertools.event_handler.openapi.swagger_ui import generate_swagger_html

from apiway.openapi.swagger_ui import OAuth2Config, swagger_ui_html

CONFIGS: list[dict[str, Any]] = [
    {"app_name": "Todos"},
    {"app_name": "Todos", "client_id": "abc", "scopes": ["read", "write"]},
    {"app_name": "Todos", "realm": "r", "additional_query_string_params": {"audience": "api"}},
    {"app_name": "Todos", "use_basic_authentication_with_access_code_grant": True},
    {"app_name": "Todos", "use_pkce_with_authorization_code_grant": False, "scopes": []},
    {"app_name": "Todos", "client_id": None},
    {"app_name": "Todos", "clientId": "camel"},
]


@pytest.mark.parametrize("kwargs", CONFIGS, ids=[str(sorted(k)) for k in CONFIGS])
def test_oauth2_config_options_match(kwargs: dict[str, Any]) -> None:
    theirs = json.loads(PowertoolsConfig(**kwargs).model_dump_json(exclude_none=True, exclude_unset=True))
    assert OAuth2Config(**kwargs).init_oauth_options() == theirs


def test_oauth2_config_attributes_match() -> None:
    kwargs = {"app_name": "Todos", "client_id": "abc", "scopes": ["read"]}
    ours, theirs = OAuth2Config(**kwargs), PowertoolsConfig(**kwargs)
    for name in PowertoolsConfig.model_fields:
        assert getattr(ours, name) == getattr(theirs, name), name


def test_a_client_secret_needs_development_mode_on_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POWERTOOLS_DEV", raising=False)
    with pytest.raises(ValueError, match="POWERTOOLS_DEV"):
        PowertoolsConfig(app_name="a", client_secret="s")
    with pytest.raises(ValueError, match="POWERTOOLS_DEV"):
        OAuth2Config(app_name="a", client_secret="s")


def test_swagger_ui_gets_the_same_options() -> None:
    """The options Powertools writes into its page's script have the same values in apiway's JSON."""
    theirs = generate_swagger_html("{}", "ui.js", "ui.css", "https://cdn", None, persist_authorization=True)
    ours = json.loads(
        re.search(
            r'id="swagger-ui-options">(.*?)</script>', swagger_ui_html({}, persist_authorization=True)
        ).group(1)
    )  # type: ignore[union-attr]
    for name, value in ours.items():
        if name == "spec":
            continue
        written = json.dumps(value)
        assert re.search(rf"\b{name}: {re.escape(written)},", theirs), (name, written)


def test_swagger_base_url_points_at_the_same_files() -> None:
    page = swagger_ui_html({}, swagger_base_url="https://static.example.com/ui")
    assert 'src="https://static.example.com/ui/swagger-ui-bundle.min.js"' in page
    assert 'href="https://static.example.com/ui/swagger-ui.min.css"' in page

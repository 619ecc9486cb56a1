"""``CORSConfig`` (``apiway.cors``): validation, origin matching and the header values it computes."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from apiway import CORSConfig

SITE = "https://app.example.com"
OTHER = "https://evil.example.net"


def test_wildcard_with_credentials_warns_once_and_never_sends_credentials_for_star() -> None:
    with pytest.warns(UserWarning, match="allow_credentials=True has no effect") as record:
        config = CORSConfig(allow_origin="*", allow_credentials=True)
    assert len(record) == 1
    assert record[0].filename == __file__  # the line that built the config
    assert config.match_origin(OTHER) == "*"
    assert config.headers_for("*")["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in config.headers_for("*")
    with pytest.warns(UserWarning, match="allow_credentials"):
        mixed = CORSConfig(allow_origin=SITE, extra_origins=["*"], allow_credentials=True)
    # A listed origin is still echoed with credentials; any other gets '*' without them.
    assert mixed.to_dict(SITE)["Access-Control-Allow-Credentials"] == "true"
    assert "Access-Control-Allow-Credentials" not in mixed.to_dict(OTHER)


def test_no_warning_without_the_wildcard_or_without_credentials() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert CORSConfig(allow_origin=SITE, allow_credentials=True).allow_credentials
        assert not CORSConfig(allow_origin="*").allow_credentials


def test_required_headers_is_a_list_code_can_extend() -> None:
    assert CORSConfig._REQUIRED_HEADERS + ["X-Custom"] == [  # noqa: RUF005 - what user code does
        "Authorization",
        "Content-Type",
        "X-Amz-Date",
        "X-Api-Key",
        "X-Amz-Security-Token",
        "X-Custom",
    ]


@pytest.mark.parametrize(
    "bad", [{"allow_origin": ""}, {"extra_origins": ["  "]}, {"max_age": -1}, {"max_age": "60"}]
)
def test_invalid_config_is_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="CORSConfig"):
        CORSConfig(**bad)


def test_defaults() -> None:
    config = CORSConfig()
    assert config.allow_any_origin
    assert {
        "Authorization",
        "Content-Type",
        "X-Amz-Date",
        "X-Api-Key",
        "X-Amz-Security-Token",
    } <= config.allow_headers
    assert not config.allow_credentials
    assert config.max_age is None


def test_allow_headers_extend_the_default_list() -> None:
    config = CORSConfig(allow_headers=["X-Trace"])
    assert "X-Trace" in config.allow_headers
    assert "Authorization" in config.allow_headers


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        (SITE, SITE),
        ("HTTPS://APP.EXAMPLE.COM/", SITE),
        ("https://admin.example.com", "https://admin.example.com"),
        (OTHER, None),
        ("https://app.example.com.evil.net", None),
        ("null", None),
        ("", None),
        (None, None),
    ],
)
def test_listed_origins_only(origin: str | None, expected: str | None) -> None:
    config = CORSConfig(allow_origin=SITE, extra_origins=["https://admin.example.com"])
    assert config.match_origin(origin) == expected


def test_wildcard_answers_star_but_never_null() -> None:
    config = CORSConfig()
    assert config.match_origin(OTHER) == "*"
    assert config.match_origin("null") is None
    assert config.match_origin("null", relaxed=True) is None


def test_null_origin_allowed_when_listed() -> None:
    assert CORSConfig(allow_origin="null").match_origin("null") == "null"


def test_relaxed_echoes_any_origin() -> None:
    assert CORSConfig(allow_origin=SITE).match_origin(OTHER, relaxed=True) == OTHER


def test_credentials_header_only_for_a_named_origin() -> None:
    config = CORSConfig(allow_origin=SITE, allow_credentials=True, expose_headers=["X-Total"], max_age=600)
    headers = config.headers_for(SITE)
    assert headers["Access-Control-Allow-Credentials"] == "true"
    assert headers["Access-Control-Expose-Headers"] == "X-Total"
    assert headers["Access-Control-Max-Age"] == "600"
    assert config.to_dict(OTHER) == {}
    assert config.to_dict(SITE)["Access-Control-Allow-Origin"] == SITE

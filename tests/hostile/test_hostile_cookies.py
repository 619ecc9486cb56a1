"""Hostile cookies: nothing a cookie is made of can add attributes or break the header.

A name must be an HTTP token; a value must not hold ``;`` (which would end it and start an
attribute: ``Cookie("sid", "x; Domain=evil.example")``), ``,`` or a control character;
``path``, ``domain``, ``same_site`` and custom attributes must be ASCII without those. Each
is refused with a ``ValueError`` when the cookie is made, naming the problem, and again when
it is written if it was changed since (a logged 500, never a forged ``Set-Cookie``).
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from apiway import Response
from apiway.cookies import Cookie, SameSite
from support.events import EventSource, each_source
from support.exact import GENERIC_500, assert_answer
from support.responses import set_cookies

SECRET = "s3cr3t-session-token"


@pytest.mark.parametrize(
    ("value", "char"),
    [
        (f"{SECRET}; Domain=evil.example", "';'"),
        (f"{SECRET};Path=/", "';'"),
        (f"{SECRET}, other=1", "','"),
        (f"{SECRET}\r\nSet-Cookie: admin=1", "'\\r'"),
        (f"{SECRET}\n", "'\\n'"),
        (f"{SECRET}\x00", "'\\x00'"),
        (f"{SECRET}\t", "'\\t'"),
        (f"{SECRET}\x7f", "'\\x7f'"),
    ],
    ids=["attribute-injection", "attribute-injection-no-space", "comma", "crlf", "lf", "nul", "tab", "del"],
)
def test_a_value_that_could_end_the_cookie_is_refused(value: str, char: str) -> None:
    with pytest.raises(ValueError, match="would end or break the cookie") as raised:
        Cookie("sid", value)
    assert char in str(raised.value)
    assert SECRET not in str(raised.value), "the value may be a secret: never repeated"


@pytest.mark.parametrize("name", ["", "s id", "sid=", "a;b", "a,b", "sé", "a\r\nb", "(sid)", "a/b", 'a"b'])
def test_a_name_that_is_not_a_token_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="is not a token"):
        Cookie(name, "v")


@pytest.mark.parametrize(
    ("attribute", "text"),
    [
        ("path", "/; Domain=evil.example"),
        ("path", "/a,b"),
        ("path", "/caf\u00e9"),
        ("domain", "example.com; Secure"),
        ("domain", "ex\u00e4mple.com"),
        ("domain", "example.com\r\nX-Evil: 1"),
        ("custom_attributes", ["Priority=High; Domain=evil.example"]),
        ("custom_attributes", ["Partitioned", "X\x00"]),
        ("same_site", SameSite("Lax; Domain=evil.example")),
    ],
)
def test_an_attribute_with_separators_controls_or_non_ascii_is_refused(attribute: str, text: Any) -> None:
    with pytest.raises(
        ValueError, match="cookie attributes are ASCII, without ';', ',' or control characters"
    ):
        Cookie("sid", "v", **{attribute: text})


def test_types_other_than_text_are_refused() -> None:
    with pytest.raises(TypeError, match="value must be a str"):
        Cookie("sid", 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="domain must be a str"):
        Cookie("sid", "v", domain=b"example.com")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", ["", "abc123", "a b", 'say "hi"', "caf\u00e9", "e30=", "x%3By", "!#$%&'()*+-./:<=>?@[]^_`{|}~"]
)
def test_ordinary_values_are_kept_as_they_are(value: str) -> None:
    assert str(Cookie("sid", value, secure=False)) == f"sid={value}"


def test_every_attribute_still_written() -> None:
    cookie = Cookie(
        "sid",
        "abc",
        path="/app",
        domain="example.com",
        http_only=True,
        max_age=60,
        same_site=SameSite.STRICT_MODE,
        custom_attributes=["Partitioned", "Priority=High"],
    )
    assert str(cookie) == (
        "sid=abc; Path=/app; Domain=example.com; Max-Age=60; HttpOnly; Secure; SameSite=Strict; "
        "Partitioned; Priority=High"
    )


@each_source
def test_an_attribute_changed_after_the_cookie_was_made_is_refused_when_written(
    source: EventSource, caplog: pytest.LogCaptureFixture
) -> None:
    cookie = Cookie("sid", SECRET)
    cookie.domain = "example.com; Domain=evil.example"
    app = source.app()

    @app.get("/login")
    def login() -> Response:
        return Response(200, "text/plain", "ok", cookies=[cookie])

    with caplog.at_level(logging.ERROR, logger="apiway"):
        response = source.request(app, "GET", "/login")
    assert_answer(response, 500, GENERIC_500)
    assert set_cookies(response) == []
    assert any(
        "cookie attributes are ASCII" in str(record.exc_info and record.exc_info[1])
        for record in caplog.records
    )

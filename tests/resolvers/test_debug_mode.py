"""Debug mode: how a resolver switches it on (``debug=``, the environment variables) and
the warning ``POWERTOOLS_DEV`` gives. (What debug mode does: tests/stages/test_debug_stage.py,
and end to end in tests/e2e/test_e2e_errors.py.)"""

from __future__ import annotations

import sys

import pytest

from apiway import APIGatewayRestResolver
from apiway.resolvers import DEBUG_ENV_VARS, debug_from_env


@pytest.mark.parametrize("name", DEBUG_ENV_VARS)
@pytest.mark.parametrize("value", ["1", "true", "True", "yes", "on", " TRUE "])
def test_environment_turns_debug_on(name: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(name, value)
    assert debug_from_env()
    if name == "POWERTOOLS_DEV":
        with pytest.warns(UserWarning, match="^POWERTOOLS_DEV environment variable is enabled") as record:
            app = APIGatewayRestResolver()
        assert [(w.filename, w.lineno) for w in record] == [(__file__, sys._getframe().f_lineno - 1)]
    else:
        app = APIGatewayRestResolver()  # no warning: the suite turns warnings into errors
    assert app.debug is True


@pytest.mark.parametrize("value", ["", "0", "false", "no", "off", "maybe"])
def test_false_values_leave_debug_off(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in DEBUG_ENV_VARS:
        monkeypatch.setenv(name, value)
    assert APIGatewayRestResolver().debug is False


def test_debug_is_off_by_default() -> None:
    assert APIGatewayRestResolver().debug is False


@pytest.mark.parametrize("name", DEBUG_ENV_VARS)
def test_explicit_false_wins_over_the_environment(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(name, "true")
    app = APIGatewayRestResolver(debug=False)
    assert app.debug is False
    app.build()
    assert "debug" not in app.pipeline.names()


def test_explicit_true() -> None:
    assert APIGatewayRestResolver(debug=True).debug is True

"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from apiway.resolvers import DEBUG_ENV_VARS


@pytest.fixture(autouse=True)
def _no_debug_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Debug mode follows the environment; start every test with it off."""
    for name in DEBUG_ENV_VARS:
        monkeypatch.delenv(name, raising=False)

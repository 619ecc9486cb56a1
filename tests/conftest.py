"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from apiway.resolvers import DEBUG_ENV_VARS


@pytest.fixture(autouse=True)
def _no_debug_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Debug mode follows the environment; start every test with it off."""
    for name in DEBUG_ENV_VARS:
        monkeypatch.delenv(name, raising=False)


# Hypothesis profiles for the property-based tests (tests/properties): CI runs a bounded
# number of examples; HYPOTHESIS_PROFILE=long runs a campaign (see README, Security).
try:
    import os

    from hypothesis import HealthCheck, settings
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    pass
else:
    _SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
    settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=_SLOW_OK)
    settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=_SLOW_OK)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

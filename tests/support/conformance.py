"""Conformance tests against real third-party peers: skipped when the peer is missing, unless
CI asks for them.

The SAM CLI emulator and headless Chromium are heavy, so a first ``pip install -e '.[dev]'``
leaves them out and these tests skip, saying what to install. ``.ci/run`` installs them and
sets ``APIWAY_CONFORMANCE=1``, which turns a missing peer into a failure.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

#: The environment variable that makes conformance tests mandatory.
REQUIRED_ENV = "APIWAY_CONFORMANCE"


def required() -> bool:
    """Whether a missing peer must fail the run (``APIWAY_CONFORMANCE=1``)."""
    return os.environ.get(REQUIRED_ENV) == "1"


def missing(what: str, install: str) -> NoReturn:
    """Skip (or, when required, fail) the current test or module: ``what`` is not installed."""
    message = f"{what} is not installed; {install}"
    if required():
        pytest.fail(f"{message} ({REQUIRED_ENV}=1 requires it)", pytrace=False)
    pytest.skip(message, allow_module_level=True)

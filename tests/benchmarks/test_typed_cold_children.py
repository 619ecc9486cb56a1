"""The typed cold start's children do what their labels say.

Each child is a ``python -c`` process the benchmark times; here each one runs once with a line
appended that reports which apiway modules it loaded, so a child that stopped validating (or
that never answered 200, which makes it exit 3) fails here rather than skewing a figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from benchmarks.coldstart import child_env, event_file, typed_variants
from benchmarks.typed import cold_event

REPORT = (
    "\nimport sys as _s, json as _j\n"
    "print(_j.dumps(sorted(name for name in _s.modules if name.startswith('apiway'))))\n"
)


@pytest.fixture(scope="module")
def loaded() -> Iterator[dict[str, list[str]]]:
    event = event_file(cold_event(), "typed-children-test")
    try:
        found = {}
        for variant in typed_variants(False, event):
            done = subprocess.run(
                [sys.executable, "-c", variant.code + REPORT],
                env=child_env(),
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 0, f"{variant.key}: {done.stderr[-2000:]}"
            found[variant.key] = json.loads(done.stdout.strip().splitlines()[-1])
        yield found
    finally:
        os.unlink(event)


def test_the_baseline_loads_no_apiway(loaded: dict[str, list[str]]) -> None:
    assert loaded["typed_stdlib"] == []


def test_the_typed_app_validates(loaded: dict[str, list[str]]) -> None:
    assert "apiway.validation.plan" in loaded["apiway_typed"]


def test_the_validation_off_app_differs_only_by_validation(loaded: dict[str, list[str]]) -> None:
    off, on = set(loaded["apiway_typed_off"]), set(loaded["apiway_typed"])
    assert not any(name.startswith("apiway.validation") for name in off)
    assert "apiway.openapi.params" in off  # the same markers, hints and routes
    assert off < on

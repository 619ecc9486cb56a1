"""The benchmark suite still runs: ``python -m benchmarks --quick`` in a subprocess.

Benchmarks are not tests: nothing here looks at a timing. The quick mode runs every scenario
with tiny counts (checking each framework's responses on the way) and writes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Every scenario of the suite, as the quick run announces it.
SCENARIOS = (
    "import_footprint",
    "cold_start",
    "static_get",
    "dynamic_route",
    "post_json",
    "post_json_schema",
    "not_found",
    "cors",
    "http_v2_get",
    "alb_get",
    "lattice_get",
    "lattice_v2_get",
    "gzip_e2e",
    "gzip_vs_zlib",
    "routes_static",
    "routes_dynamic",
    "build_1000_static",
    "build_1000_dynamic",
)


def run_quick(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def outputs() -> dict[Path, float | None]:
    """Modification times of the files a full run writes (None if absent)."""
    files = [ROOT / "benchmarks" / "RESULTS.md", ROOT / "benchmarks" / "routes_scaling.svg"]
    return {path: path.stat().st_mtime if path.exists() else None for path in files}


def test_quick_run_runs_every_scenario_and_writes_nothing() -> None:
    before = outputs()
    done = run_quick(dict(os.environ))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    missing = [name for name in SCENARIOS if name not in done.stdout]
    assert not missing, f"scenarios not run: {missing}\n{done.stdout[-2000:]}"
    assert "targets pass" in done.stdout
    assert outputs() == before


def test_quick_run_without_powertools(tmp_path: Path) -> None:
    # A package of that name that fails to import, found first: as if the extra were missing.
    fake = tmp_path / "aws_lambda_powertools"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('not installed (test)')\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    done = run_quick(env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "Powertools is not installed" in done.stdout
    missing = [name for name in SCENARIOS if name not in done.stdout]
    assert not missing, f"scenarios not run: {missing}"
    assert "Powertools µs" not in done.stdout


@pytest.mark.parametrize("argument", ["--only", "--only=nope"])
def test_bad_arguments_are_refused(argument: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", argument], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2

"""The benchmark suite still runs: ``python -m benchmarks --quick`` in a subprocess.

Benchmarks are not tests: nothing here looks at a timing. The quick mode runs every scenario
with tiny counts (checking each framework's responses on the way) and writes nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Every scenario of the suite, as the quick run announces it.
SCENARIOS = (
    "import_footprint",
    "cold_start",
    "typed_cold_start",
    "static_get",
    "dynamic_route",
    "post_json",
    "post_json_schema",
    "typed_post",
    "openapi_100",
    "not_found",
    "cors",
    "http_v2_get",
    "alb_get",
    "lattice_get",
    "lattice_v2_get",
    "gzip_e2e",
    "async_route",
    "gzip_vs_zlib",
    "routes_static",
    "routes_dynamic",
    "build_1000_static",
    "build_1000_dynamic",
)


#: Every target the quick run judges, as the targets table names them: (group, target).
TARGETS = [
    ("cold start", "whole process over `python -c pass`"),
    ("cold start", "whole process / `python -c pass`"),
    ("cold start", "peak memory over `python -c pass`"),
    ("cold start", "10 typed routes + 1 validated POST, over the same stdlib imports and dataclasses"),
    ("import", "forbidden modules imported (import + 1 request)"),
    ("import", "modules added by `import apiway`"),
    ("import", "modules added by 1 app + 1 REST request"),
    ("import", "validation or OpenAPI modules loaded without validation"),
    ("warm", "static GET (REST) / hand-written"),
    ("warm", "dynamic route `/todos/<todo_id>` / hand-written"),
    ("warm", "POST with JSON body / hand-written"),
    ("warm", "POST with JSON body, `SchemaValidationMiddleware` / hand-written"),
    ("warm", "404 (unknown path) / hand-written"),
    ("warm", "CORS (CORSConfig + Origin) / hand-written"),
    ("warm", "HTTP API v2 GET / hand-written"),
    ("warm", "ALB GET / hand-written"),
    ("warm", "VPC Lattice GET (event v1) / hand-written"),
    ("warm", "VPC Lattice GET (event v2) / hand-written"),
    ("warm", "POST with `SchemaValidationMiddleware` / the same POST without it"),
    ("typed", "validated POST / the same POST without validation"),
    ("typed", "validated POST / Powertools' validated POST"),
    ("typed", "OpenAPI document of a 100-route app"),
    ("warm", "`resolve_async` of an async route / `resolve` of the same route, plain"),
    ("warm", "gzip 10 KB JSON, level 5: stage / zlib"),
    ("scaling", "last of 5,000 static routes / last of 10"),
    ("scaling", "last of 5,000 dynamic routes / last of 10"),
    ("scaling", "build an app with 1,000 static routes"),
    ("scaling", "build an app with 1,000 dynamic routes"),
]
#: The targets that compare apiway with Powertools: left out when it is not installed.
POWERTOOLS_TARGETS = [("typed", "validated POST / Powertools' validated POST")]
#: The last line of a run: ``21 of 22 targets pass (4 s)``.
VERDICT = re.compile(r"(\d+) of (\d+) targets pass \((\d+) s\)")


def targets_table(stdout: str) -> list[dict[str, str]]:
    """The rows of the printed targets table, each a dict by column name."""
    lines = stdout.splitlines()
    start = lines.index("== Targets (issue 5) ==")
    header, rule = lines[start + 1], lines[start + 2]
    # Columns are padded to their width and separated by two spaces; the rule under the
    # header shows each column's extent.
    spans = [match.span() for match in re.finditer(r"-+", rule)]
    names = [header[begin:end].strip() for begin, end in spans]
    assert names == ["group", "target", "limit", "measured", "result", "margin"]
    rows = []
    for line in lines[start + 3 :]:
        if not line.strip() or line.startswith("  * "):
            break
        rows.append({name: line[begin:end].strip() for name, (begin, end) in zip(names, spans, strict=True)})
    return rows


def assert_verdict(stdout: str, with_powertools: bool = True) -> None:
    """The verdict line is the exact format, counts every target of the table, and counts as
    passed exactly the rows the table marks PASS."""
    rows = targets_table(stdout)
    expected = TARGETS if with_powertools else [item for item in TARGETS if item not in POWERTOOLS_TARGETS]
    assert [(row["group"], row["target"]) for row in rows] == expected
    results = [row["result"] for row in rows]
    assert set(results) <= {"PASS", "FAIL"}, results
    verdicts = [
        line for line in stdout.splitlines() if "targets pass" in line and not line.startswith("  * ")
    ]
    assert len(verdicts) == 1, verdicts
    match = VERDICT.fullmatch(verdicts[0])
    assert match is not None, f"not the verdict format: {verdicts[0]!r}"
    passed, total = int(match[1]), int(match[2])
    assert (passed, total) == (results.count("PASS"), len(expected))
    # The targets section says the same in its note.
    assert f"  * {passed} of {total} targets pass in this run." in stdout


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
    assert_verdict(done.stdout)
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
    # the targets compare apiway with the hand-written handler, or with itself
    assert_verdict(done.stdout, with_powertools=False)


@pytest.mark.parametrize("argument", ["--only", "--only=nope"])
def test_bad_arguments_are_refused(argument: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", argument], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2

"""``python -m benchmarks.profile_cold``: its children are the cold start app cut after each
phase, each one runs as it is, and the phases add up to the whole.

valgrind is not needed here: the children run under plain Python, and the arithmetic is
checked on made-up counts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.coldstart import child_env
from benchmarks.profile_cold import EXIT, child_sources, phases

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    import marshal

    from benchmarks.typed import cold_event

    event = tmp_path_factory.mktemp("event") / "event.marshal"
    event.write_bytes(marshal.dumps(cold_event()))
    return child_sources(str(event))


def test_each_cut_is_the_app_up_to_its_phase(sources: dict[str, str]) -> None:
    whole = sources["shutdown"]
    order = ["start", "import the resolver", "import Path, Query", "make the resolver"]
    previous = ""
    for name in [*order, "register the routes", "the first request"]:
        body = sources[name].removesuffix(EXIT)
        assert sources[name].endswith(EXIT) and whole.startswith(body) and len(body) > len(previous)
        previous = body
    assert "apiway" not in sources["start"] and "apiway" not in sources["baseline"]
    handlers = sources["the handlers' code"]
    assert "def create_Entry9(" in handlers and "@app." not in handlers
    assert sources["register the routes"].count("@app.post(") == 10


@pytest.mark.parametrize(
    "name", ["baseline", "import Path, Query", "the handlers' code", "the first request", "shutdown"]
)
def test_the_children_run(sources: dict[str, str], name: str) -> None:
    command = [sys.executable, "-c", sources[name]]
    done = subprocess.run(command, cwd=ROOT, env=child_env(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_phases_are_the_differences_between_cuts() -> None:
    counts = {
        "baseline": 100,
        "baseline, no shutdown": 90,
        "start": 90,
        "import the resolver": 95,
        "import Path, Query": 97,
        "make the resolver": 98,
        "the handlers' code": 108,
        "register the routes": 112,
        "the first request": 120,
        "shutdown": 133,
    }
    found = dict(phases(counts))
    assert found == {
        "import the resolver": 5,
        "import Path, Query": 2,
        "make the resolver": 1,
        "the handlers' code": 10,
        "register the routes": 4,
        "the first request": 8,
        "shutdown, beyond the baseline's": 3,
    }
    assert sum(found.values()) == counts["shutdown"] - counts["baseline"]


def test_the_validation_off_child_runs_without_the_engine(tmp_path: Path) -> None:
    import marshal

    from benchmarks.profile_cold import validation_off_source
    from benchmarks.typed import cold_event

    event = tmp_path / "event.marshal"
    event.write_bytes(marshal.dumps(cold_event()))
    code = validation_off_source(str(event)) + "\nimport sys; print('apiway.validation' in sys.modules)\n"
    command = [sys.executable, "-c", code]
    done = subprocess.run(command, cwd=ROOT, env=child_env(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_report_gives_the_validation_off_floor(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.profile_cold import report

    counts = {"baseline": 100, "baseline, no shutdown": 90, "start": 90, "shutdown": 140}
    counts |= {"the first request": 130}
    report(counts, validation_off=2_000_100)
    lines = capsys.readouterr().out.splitlines()
    expected = "the same app, validation off:    2.00 M instructions over the baseline"
    assert any(line.endswith(expected) for line in lines)

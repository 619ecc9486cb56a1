"""The written docs stay true: version and changelog, links, the migration guide's imports."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

import apiway

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
MIGRATING = ROOT / "docs" / "migrating.md"
CHANGELOG = ROOT / "CHANGELOG.md"


# -- version and changelog --------------------------------------------------------------------


def test_installed_version_is_the_package_version() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject  # read from __init__.py, never written twice
    assert '[tool.hatch.version]\npath = "src/apiway/__init__.py"' in pyproject
    assert re.fullmatch(r"\d+\.\d+\.\d+", apiway.__version__)
    assert importlib.metadata.version("apiway") == apiway.__version__, (
        "the installed metadata is stale: reinstall with `pip install -e '.[dev]'`"
    )


RELEASE = re.compile(r"## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})")
KINDS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")


def changelog_problems(text: str) -> list[str]:
    """Where ``text`` breaks the Keep a Changelog form (empty when it follows it)."""
    problems = []
    lines = text.splitlines()
    if not lines or lines[0] != "# Changelog":
        problems.append("the first line must be '# Changelog'")
    releases: list[str] = []
    current: str | None = None
    entries = 0
    for number, line in enumerate(lines, 1):
        if line.startswith("## "):
            if current is not None and entries == 0:
                problems.append(f"section {current} has no entries")
            current, entries = line, 0
            if line == "## [Unreleased]":
                if releases:
                    problems.append(f"line {number}: [Unreleased] must come before every release")
                releases.append("Unreleased")
            elif RELEASE.fullmatch(line):
                releases.append(line)
            else:
                problems.append(f"line {number}: {line!r} is not '## [x.y.z] - YYYY-MM-DD'")
        elif line.startswith("### "):
            if current is None:
                problems.append(f"line {number}: {line!r} is outside a release section")
            if line[4:] not in KINDS:
                problems.append(f"line {number}: {line!r} is not one of ### {', '.join(KINDS)}")
        elif line.startswith("- "):
            entries += 1
        elif line.startswith("#") and number != 1:
            problems.append(f"line {number}: unexpected heading {line!r}")
    if current is not None and entries == 0:
        problems.append(f"section {current} has no entries")
    if "Unreleased" not in releases:
        problems.append("there is no '## [Unreleased]' section")
    versions = [match.group(1) for r in releases if (match := RELEASE.fullmatch(r))]
    as_tuples = [tuple(int(part) for part in v.split(".")) for v in versions]
    if as_tuples != sorted(as_tuples, reverse=True):
        problems.append(f"releases must be listed newest first: {versions}")
    return problems


def test_changelog_follows_keep_a_changelog() -> None:
    assert changelog_problems(CHANGELOG.read_text(encoding="utf-8")) == []


def test_a_released_version_is_in_the_changelog() -> None:
    released = RELEASE.findall(CHANGELOG.read_text(encoding="utf-8"))
    if released:  # once a release exists, the package must be it or newer
        newest = max(tuple(int(p) for p in version.split(".")) for version, _ in released)
        assert tuple(int(p) for p in apiway.__version__.split(".")) >= newest


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# Changelog\n\n## [0.1.0] - 2026-01-01\n### Added\n- x\n", "no '## [Unreleased]' section"),
        (
            "# Changelog\n## [Unreleased]\n### Added\n- x\n## [0.1] - 2026\n### Added\n- y\n",
            "is not '## [x.y.z]",
        ),
        ("# Changelog\n## [Unreleased]\n### New stuff\n- x\n", "is not one of ### Added"),
        ("# Changelog\n## [Unreleased]\n### Added\n", "has no entries"),
        (
            "# Changelog\n## [0.1.0] - 2026-01-01\n### Added\n- x\n## [Unreleased]\n### Added\n- y\n",
            "[Unreleased] must come before every release",
        ),
        (
            "# Changelog\n## [Unreleased]\n### Added\n- x\n## [0.1.0] - 2026-01-01\n### Added\n- y\n"
            "## [0.2.0] - 2026-02-01\n### Added\n- z\n",
            "newest first",
        ),
    ],
)
def test_changelog_check_catches(text: str, problem: str) -> None:
    assert any(problem in found for found in changelog_problems(text)), changelog_problems(text)


# -- links --------------------------------------------------------------------------------


def relative_links(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    return [t for t in targets if not t.startswith(("http://", "https://", "#", "mailto:"))]


@pytest.mark.parametrize("doc", [README, MIGRATING, ROOT / "examples" / "README.md"], ids=lambda p: p.name)
def test_relative_links_point_to_files(doc: Path) -> None:
    broken = [link for link in relative_links(doc) if not (doc.parent / link.split("#")[0]).exists()]
    assert not broken, f"{doc.relative_to(ROOT)} links to missing files: {broken}"


def test_readme_links_every_example_and_the_migration_guide() -> None:
    links = {link.rstrip("/") for link in relative_links(README)}
    examples = sorted(
        path.name for path in (ROOT / "examples").iterdir() if path.is_dir() and (path / "app.py").is_file()
    )
    unlinked = [
        name
        for name in examples
        if f"examples/{name}/app.py" not in links and f"examples/{name}" not in links
    ]
    assert not unlinked, f"README's feature guide does not link these examples: {unlinked}"
    assert "docs/migrating.md" in links
    assert "examples/service" in links


def test_readme_sections_in_order() -> None:
    headings = re.findall(r"^## (.+)$", README.read_text(encoding="utf-8"), re.MULTILINE)
    expected = [
        "Quick start",
        "Feature guide",
        "The pipeline",
        "Testing with the test client",
        "Running locally",
        "Deploying with SAM",
        "Benchmarks",
    ]
    assert [h for h in headings if h in expected] == expected


# -- the migration guide ------------------------------------------------------------------


def import_lines(prefix: str) -> list[str]:
    """Every ``from <prefix>... import ...`` statement in the guide (table cells and code)."""
    text = MIGRATING.read_text(encoding="utf-8")
    statements = re.findall(rf"`(from {prefix}[\w.]* import [\w, ]+)`", text)
    statements += re.findall(rf"^(from {prefix}[\w.]* import [\w, ]+)$", text, re.MULTILINE)
    return sorted(set(statements))


def test_migration_guide_apiway_imports_work() -> None:
    statements = import_lines("apiway")
    assert len(statements) >= 12
    for statement in statements:
        namespace: dict[str, object] = {}
        exec(statement, namespace)  # the guide's own lines, nothing else
        names = [name.strip() for name in statement.split(" import ")[1].split(",")]
        assert all(namespace.get(name) is not None for name in names), statement


def test_migration_guide_powertools_imports_are_real() -> None:
    pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")
    statements = import_lines("aws_lambda_powertools")
    assert len(statements) >= 12
    for statement in statements:
        exec(statement, {})


def test_migration_guide_maps_every_powertools_import_name() -> None:
    """Each name imported from Powertools in the guide is also imported from apiway."""

    def names(statements: list[str]) -> set[str]:
        return {n.strip() for s in statements for n in s.split(" import ")[1].split(",")}

    assert names(import_lines("aws_lambda_powertools")) <= names(import_lines("apiway"))


@pytest.mark.parametrize(
    "topic",
    [
        "405",
        "HEAD is served by the GET route",
        "OPTIONS is answered",
        "Precedence does not depend on registration order",
        "`/todos` and `/todos/` are the same route for every event source",
        "percent-decoded exactly once",
        "decode_query_parameters=False",
        "propagate_exceptions=True",
        "Debug logs are redacted summaries",
        "q-values",
        "only when it shrinks",
        "Compressed media types are skipped",
        "Vary: Accept-Encoding",
        "Vary: Origin",
        "The `null` origin is refused",
        'allow_origin="*"` with `allow_credentials=True` warns',
        "Preflights are answered only for paths that exist",
        "An `OPTIONS` request without `Access-Control-Request-Method` is not a preflight",
        "A `Cookie` that could add attributes or break the header is refused",
        "A `Response` without a body answers an empty body",
        "Request state is per thread",
        "Invalid `strip_prefixes` raise",
        "applies to that router's routes only",
        "enable_validation",
        "statusDescription",
        "joins repeated header values",
        "A path with a `.` or `..` segment answers 400",
        "A path longer than 8 KiB answers 414",
        "A response no integration can deliver answers a generic 500",
        "enable_response_size_validation",
        "`resolve()` runs async routes",
        "A plain middleware runs in a worker thread only around async code",
        "`async def` exception handlers answer",
        "Concurrent calls keep their own request",
        "Only async handlers are awaited",
    ],
)
def test_migration_guide_lists_the_known_differences(topic: str) -> None:
    assert topic in MIGRATING.read_text(encoding="utf-8")

"""Runs the examples against their stored requests; shared by ``_regenerate.py`` and the tests.

Not part of apiway and never imported by it. The conventions it enforces:

- An example is a folder ``examples/<topic>/`` with an ``app.py`` that defines
  ``lambda_handler(event, context)``. Other modules in the folder (routers, tests, a logo)
  belong to the example and are imported relative to it, as Lambda would.
- Every request an example documents is a pair of files next to its ``app.py``:
  ``<case>.event.json`` (the Lambda event) and ``<case>.response.json`` (exactly what
  ``lambda_handler`` returns for it). An example needs at least one pair, and a file of a
  pair never comes alone.
- Each case runs in a freshly imported copy of the example, so cases never see each
  other's state (a todo created by one case does not exist in the next), whatever the order.

Comparison is exact, except for two values that cannot be stored once and for all; both
sides of the comparison go through :func:`normalize`, which changes only these:

1. A gzip body (``Content-Encoding: gzip``) is compared decompressed: the compressed bytes
   depend on the zlib build, the content does not.
2. The ``dur=`` figure of a ``Server-Timing`` header is a measured time; it is replaced by
   ``<dur>``.
"""

from __future__ import annotations

import base64
import gzip
import importlib.util
import json
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent
APP_FILE = "app.py"
EVENT_SUFFIX = ".event.json"
RESPONSE_SUFFIX = ".response.json"
#: Folders of examples/ that are not examples of the event/response kind.
NOT_EXAMPLES = frozenset(("service", "__pycache__"))
#: Top-level modules allowed beside the example folders.
TOP_LEVEL_MODULES = frozenset(
    (
        "_harness.py",
        "_regenerate.py",
    )
)
_DURATION = re.compile(r"dur=[0-9.]+")


@dataclass(frozen=True)
class Case:
    """One stored request of one example."""

    example: Path
    name: str

    @property
    def event_path(self) -> Path:
        return self.example / f"{self.name}{EVENT_SUFFIX}"

    @property
    def response_path(self) -> Path:
        return self.example / f"{self.name}{RESPONSE_SUFFIX}"

    @property
    def id(self) -> str:
        return f"{self.example.name}/{self.name}"

    def event(self) -> dict[str, Any]:
        return json.loads(self.event_path.read_text(encoding="utf-8"))

    def stored_response(self) -> dict[str, Any]:
        return json.loads(self.response_path.read_text(encoding="utf-8"))


def example_dirs(root: Path = EXAMPLES) -> list[Path]:
    """Every example folder under ``root``, sorted by name."""
    return sorted(
        path
        for path in root.iterdir()
        if path.is_dir() and path.name not in NOT_EXAMPLES and not path.name.startswith((".", "_"))
    )


def _case_names(example: Path, suffix: str) -> set[str]:
    return {path.name[: -len(suffix)] for path in example.glob(f"*{suffix}")}


def cases(root: Path = EXAMPLES) -> list[Case]:
    """Every complete event/response pair, sorted by example and case name."""
    found = []
    for example in example_dirs(root):
        names = _case_names(example, EVENT_SUFFIX) & _case_names(example, RESPONSE_SUFFIX)
        found.extend(Case(example, name) for name in sorted(names))
    return found


def problems(root: Path = EXAMPLES) -> list[str]:
    """What breaks the conventions above, one readable line each (empty when all is well)."""
    found = []
    for path in sorted(root.glob("*.py")):
        if path.name not in TOP_LEVEL_MODULES:
            found.append(
                f"{path.relative_to(root)}: put a new example in its own folder, "
                f"examples/{path.stem}/{APP_FILE}, with its event/response pairs next to it"
            )
    for example in example_dirs(root):
        where = example.relative_to(root)
        if not (example / APP_FILE).is_file():
            found.append(f"{where}/: an example folder needs an {APP_FILE} defining lambda_handler")
            continue
        events = _case_names(example, EVENT_SUFFIX)
        responses = _case_names(example, RESPONSE_SUFFIX)
        if not events and not responses:
            found.append(
                f"{where}/: no requests stored; add <case>{EVENT_SUFFIX} and run "
                f"`python examples/_regenerate.py {example.name}` to write <case>{RESPONSE_SUFFIX}"
            )
        for name in sorted(events - responses):
            found.append(
                f"{where}/{name}{EVENT_SUFFIX} has no {name}{RESPONSE_SUFFIX}; "
                f"run `python examples/_regenerate.py {example.name}` and review the result"
            )
        for name in sorted(responses - events):
            found.append(f"{where}/{name}{RESPONSE_SUFFIX} has no {name}{EVENT_SUFFIX} it answers")
    return found


@contextmanager
def loaded(example: Path):
    """A fresh import of ``example/app.py``; its sibling modules are forgotten afterwards."""
    name = f"_apiway_example_{example.name}"
    spec = importlib.util.spec_from_file_location(name, example / APP_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    before = set(sys.modules)
    sys.path.insert(0, str(example))  # siblings import as they would in Lambda
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(example))
        for added in set(sys.modules) - before:
            origin = getattr(sys.modules[added], "__file__", None) or ""
            if added == name or Path(origin).resolve().is_relative_to(example):
                del sys.modules[added]


def run(case: Case) -> dict[str, Any]:
    """What the example's ``lambda_handler`` returns for the case's event."""
    from apiway.types import LambdaContext

    with loaded(case.example) as module:
        return module.lambda_handler(case.event(), LambdaContext())


def _header(response: dict[str, Any], name: str) -> str | None:
    lowered = name.lower()
    for key, value in (response.get("headers") or {}).items():
        if key.lower() == lowered:
            return value
    for key, values in (response.get("multiValueHeaders") or {}).items():
        if key.lower() == lowered:
            return ", ".join(values)
    return None


def normalize(response: dict[str, Any]) -> dict[str, Any]:
    """``response`` with the two documented non-deterministic values made comparable."""
    out = json.loads(json.dumps(response))  # a deep copy
    if (_header(out, "Content-Encoding") or "").lower() == "gzip" and out.get("isBase64Encoded"):
        data = gzip.decompress(base64.b64decode(out["body"]))
        out["body"] = {"gunzipped": data.decode("utf-8", "backslashreplace")}
    for key in ("headers", "multiValueHeaders"):
        for name, value in (out.get(key) or {}).items():
            if name.lower() == "server-timing":
                if isinstance(value, list):
                    out[key][name] = [_DURATION.sub("dur=<dur>", v) for v in value]
                else:
                    out[key][name] = _DURATION.sub("dur=<dur>", value)
    return out


def dump(response: dict[str, Any]) -> str:
    """The stored form of a response: indented JSON, keys in the order apiway wrote them."""
    return json.dumps(response, indent=2, ensure_ascii=False) + "\n"

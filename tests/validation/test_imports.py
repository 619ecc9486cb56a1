"""Cold start: apiway.validation loads little, never pydantic or msgspec, and only the stdlib
modules the compiled annotations need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import apiway

SRC = str(Path(apiway.__file__).resolve().parent.parent)

PROBE = """
import sys, dataclasses
before = set(sys.modules)
from apiway.validation import compile_type
{extra}
@dataclasses.dataclass
class Body:
    name: str
    price: float
    quantity: int
    tags: list[str]
    available: bool = True
check = compile_type(Body)
errors = []
check.validate({{"name": "a", "price": "1", "quantity": 2, "tags": []}}, ("body",), errors)
check.validate({{"name": 1}}, ("body",), errors)
compile_type(dict[str, list[int]]).validate({{"a": ["1"]}}, (), errors)
print(" ".join(sorted(set(sys.modules) - before)))
"""


def loaded(extra: str = "") -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(extra=extra)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": SRC},
    )
    return set(done.stdout.split())


def test_stdlib_types_load_no_third_party_and_no_unneeded_stdlib_module() -> None:
    modules = loaded()
    assert not {m for m in modules if m.split(".")[0] in ("pydantic", "pydantic_core", "msgspec")}
    for heavy in ("datetime", "decimal", "uuid", "re", "typing", "json", "inspect", "enum"):
        assert heavy not in modules, f"{heavy} loaded for stdlib scalars and a dataclass"
    assert {m for m in modules if m.startswith("apiway.")} <= {
        "apiway.exceptions", "apiway.validation", "apiway.validation.check", "apiway.validation.compiler",
        "apiway.validation.scalars", "apiway.validation.foreign",
        "apiway.validation.dump_any",
    }  # fmt: skip


def test_modules_for_dates_and_decimals_load_only_for_annotations_that_name_them() -> None:
    patterned = loaded(
        "from typing import Annotated\n"
        "from apiway.validation import Constraints\n"
        "compile_type(Annotated[str, Constraints(pattern='^a')]).validate('abc', (), [])"
    )
    assert not {"datetime", "decimal", "uuid", "apiway.validation.temporal"} & patterned
    dated = loaded("import datetime\ncompile_type(datetime.date).validate('2020-01-01', (), [])")
    assert "apiway.validation.temporal" in dated and "decimal" not in dated

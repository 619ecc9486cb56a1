"""Micro-benchmark: validating a 5-field dataclass body from a dict, apiway vs pydantic.

Run by hand: ``python -m tests.validation.bench_body`` (or ``python tests/validation/bench_body.py``).
"""

import dataclasses
import timeit
from typing import Any


@dataclasses.dataclass
class Body:
    name: str
    price: float
    quantity: int
    tags: list[str]
    available: bool = True


INPUT = {"name": "widget", "price": 9.5, "quantity": 3, "tags": ["a", "b"], "available": True}


def per_call(function: Any, number: int = 100_000) -> float:
    """Microseconds per call, the best of five runs."""
    return min(timeit.repeat(function, number=number, repeat=5)) / number * 1e6


def main() -> None:
    from apiway.validation import compile_type

    check = compile_type(Body)
    errors: list[dict[str, Any]] = []
    ours = per_call(lambda: check.validate(INPUT, ("body",), errors))
    print(f"apiway.validation: {ours:.2f} us per call")
    try:
        import pydantic
    except ImportError:  # pragma: no cover - pydantic is a dev dependency
        return
    adapter = pydantic.TypeAdapter(Body)
    theirs = per_call(lambda: adapter.validate_python(INPUT))
    print(f"pydantic TypeAdapter: {theirs:.2f} us per call")


if __name__ == "__main__":
    main()

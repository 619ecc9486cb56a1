"""Interleaved timing on a noisy machine.

Every contender of a scenario is sampled once per round, in an order that rotates from round
to round, so that a slow spell of the machine (another process, a frequency change) hits all
of them alike. A sample runs the call many times in a plain loop and keeps the time per call;
figures are medians over the rounds, and ratios are medians of the per-round ratios (each
pair of samples was taken seconds apart).

The garbage collector stays on: a handler that allocates more also pays for more collections,
as it would on Lambda. What is alive when a measurement starts (both frameworks' modules, the
apps of other scenarios) is frozen out of the collector first, so that a collection only walks
objects made by the code being timed, not whatever else this one benchmark process holds.
"""

from __future__ import annotations

import gc
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from time import perf_counter

Call = Callable[[object, object], object]


def per_call(func: Call, first: object, second: object, number: int) -> float:
    """Seconds per ``func(first, second)``, averaged over ``number`` back-to-back calls."""
    start = perf_counter()
    for _ in range(number):
        func(first, second)
    return (perf_counter() - start) / number


def per_await(func: Call, first: object, second: object, number: int) -> float:
    """Seconds per ``await func(first, second)``, averaged over ``number`` back-to-back awaits
    inside one coroutine on a running event loop (its set-up is not timed)."""
    import asyncio

    async def timed() -> float:
        start = perf_counter()
        for _ in range(number):
            await func(first, second)  # type: ignore[misc]
        return (perf_counter() - start) / number

    return asyncio.run(timed())


def settle() -> None:
    """Collect garbage, then freeze every surviving object out of later collections."""
    gc.collect()
    gc.freeze()


def calibrate(func: Call, first: object, second: object, seconds: float, awaited: bool = False) -> int:
    """How many calls make one sample last at least ``seconds`` (at least one call)."""
    measure = per_await if awaited else per_call
    number = 1
    while True:
        elapsed = measure(func, first, second, number) * number
        if elapsed >= seconds or number >= 10_000_000:
            return number
        grow = seconds / elapsed * 1.2 if elapsed > 0 else 10.0
        number = max(number * 2, int(number * grow))


@dataclass(frozen=True)
class Contender:
    """One callable to time with its two arguments (a handler and its event and context)."""

    name: str
    func: Call
    first: object
    second: object = None
    #: ``func`` is a coroutine function: each call is awaited, on a running loop.
    awaited: bool = False

    def sample(self, number: int) -> float:
        """Seconds per call over ``number`` calls (awaited ones when ``awaited``)."""
        measure = per_await if self.awaited else per_call
        return measure(self.func, self.first, self.second, number)


def interleave(contenders: Sequence[Contender], rounds: int, seconds: float) -> dict[str, list[float]]:
    """Per-call times (seconds) of each contender, one sample per round, rotating the order."""
    settle()
    numbers = {c.name: calibrate(c.func, c.first, c.second, seconds, c.awaited) for c in contenders}
    samples: dict[str, list[float]] = {c.name: [] for c in contenders}
    order = list(contenders)
    for round_index in range(rounds):
        shift = round_index % len(order)
        for contender in order[shift:] + order[:shift]:
            samples[contender.name].append(contender.sample(numbers[contender.name]))
    return samples


def interleave_once(runs: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Like :func:`interleave` for costly one-shot runs that time themselves (seconds each)."""
    settle()
    samples: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for round_index in range(rounds):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(runs[name]())
    return samples


@dataclass(frozen=True)
class Stat:
    """Median and interquartile range of a list of samples."""

    median: float
    low: float
    high: float
    count: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stat:
        if not samples:
            raise ValueError("no samples")
        if len(samples) == 1:
            return cls(samples[0], samples[0], samples[0], 1)
        low, _, high = statistics.quantiles(samples, n=4, method="inclusive")
        return cls(statistics.median(samples), low, high, len(samples))

    @property
    def spread(self) -> float:
        """Half the interquartile range, as a fraction of the median (a noise indicator)."""
        return (self.high - self.low) / 2 / self.median if self.median else 0.0


def paired_ratio(numerator: Sequence[float], denominator: Sequence[float]) -> float:
    """Median of the round-by-round ratios of two contenders sampled in the same rounds."""
    return statistics.median(a / b for a, b in zip(numerator, denominator, strict=True))

"""apiway's benchmark suite: apiway, the Powertools REST event handler and a hand-written
handler side by side, on the same AWS events. Run ``python -m benchmarks`` (see run.py)."""

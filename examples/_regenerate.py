"""Write (or check) the stored responses of the examples.

    python examples/_regenerate.py                  # every example
    python examples/_regenerate.py cors compression # only these examples
    python examples/_regenerate.py --check          # write nothing; exit 1 if a response drifted

Each ``<case>.event.json`` is run through its example's ``lambda_handler`` and the result is
written to ``<case>.response.json``. A stored response that still compares equal (see
``_harness.normalize``) is left untouched, so timings and gzip bytes do not churn. Review
every rewritten file before committing it: the stored responses are the documentation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import _harness


def regenerate(root: Path, names: list[str], check: bool) -> int:
    """Run the cases of ``names`` (all when empty) under ``root``.

    Returns how many responses drifted plus how many convention problems were found.
    """
    problems = _harness.problems(root)
    selected = [p for p in _harness.example_dirs(root) if not names or p.name in names]
    unknown = sorted(set(names) - {p.name for p in selected})
    if unknown:
        raise SystemExit(f"no such example: {', '.join(unknown)}")
    drifted = 0
    for example in selected:
        events = sorted(example.glob(f"*{_harness.EVENT_SUFFIX}"))
        for event_path in events:
            case = _harness.Case(example, event_path.name[: -len(_harness.EVENT_SUFFIX)])
            response = _harness.run(case)
            stored = case.stored_response() if case.response_path.exists() else None
            if stored is not None and _harness.normalize(stored) == _harness.normalize(response):
                print(f"  unchanged  {case.id}")
                continue
            drifted += 1
            if check:
                print(f"  DRIFTED    {case.id}")
            else:
                case.response_path.write_text(_harness.dump(response), encoding="utf-8")
                print(f"  {'written' if stored is None else 'rewritten':<10} {case.id}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return drifted + len(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", help="example folder names (default: all)")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on any drift")
    parser.add_argument("--root", type=Path, default=_harness.EXAMPLES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    drifted = regenerate(args.root.resolve(), args.examples, args.check)
    if args.check and drifted:
        print(f"{drifted} problem(s); run without --check to rewrite drifted responses", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

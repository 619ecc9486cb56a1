"""``python -m benchmarks``: run the whole suite (``--quick`` for a smoke run)."""

from benchmarks.run import main

raise SystemExit(main())

"""``python -m apiway serve APP``: see :mod:`apiway.local.cli`."""

import sys

from apiway.local.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""HTTP reason phrases and status lines (``"404 Not Found"``).

They live in :mod:`apiway.sources`, whose ALB and VPC Lattice writers put them in
``statusDescription``; this module keeps the import path for the local tools.
"""

from apiway.sources import REASONS, reason_phrase, status_line

__all__ = ["REASONS", "reason_phrase", "status_line"]

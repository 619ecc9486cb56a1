"""The /health route, on a ``Router`` whose rules carry their full path (no prefix)."""

from __future__ import annotations

from apiway import Router

router = Router()


@router.get("/health")
def health() -> dict:
    return {"status": "ok"}

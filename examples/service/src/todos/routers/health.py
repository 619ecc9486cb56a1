"""/health routes: a JSON status for monitors and an SVG badge for dashboards.

Rules are relative: main.py includes this router under ``/health``. The badge is
``bytes``, so apiway sends it base64-encoded; the SAM template lists binary media types so
that API Gateway decodes it for the client.
"""

from __future__ import annotations

from todos.store import STORE

from apiway import Response, Router

router = Router()

_BADGE = """\
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20" role="img"
 aria-label="todos: {label}">
<rect width="50" height="20" fill="#555"/><rect x="50" width="70" height="20" fill="{color}"/>
<g fill="#fff" font-family="Verdana,sans-serif" font-size="11">
<text x="6" y="14">todos</text><text x="56" y="14">{label}</text></g></svg>
"""


@router.get("/")
def health() -> dict:
    return {"status": "ok", "todos": len(STORE.list())}


@router.get("/badge.svg", cache_control="max-age=60")
def badge() -> Response:
    open_todos = len(STORE.list(completed=False))
    color = "#4c1" if open_todos == 0 else "#dfb317"
    svg = _BADGE.format(label=f"{open_todos} open", color=color)
    return Response(200, "image/svg+xml", svg.encode("utf-8"))

"""Annotations written for Powertools type-check against apiway under ``mypy --strict``.

Migrated modules annotate ``-> Response[str]``, subclass ``BaseMiddlewareHandler[App]``, read
``router.current_event`` of a typed router and take ``app: BaseRouter``; with only the import
lines changed, the type checker must accept them as it did.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MIGRATED_MODULE = """\
from typing import Any

from apiway import APIGatewayRestResolver, Response
from apiway.api_gateway import BaseRouter
from apiway.events import APIGatewayProxyEvent, APIGatewayProxyEventV2
from apiway.middlewares import BaseMiddlewareHandler, NextMiddleware
from apiway.router import APIGatewayHttpRouter, APIGatewayRouter
from apiway.types import EventHandlerInstance

app = APIGatewayRestResolver()
router = APIGatewayRouter()
http_router = APIGatewayHttpRouter()


@router.get("/hello")
def hello() -> Response[str]:
    event: APIGatewayProxyEvent = router.current_event
    return Response(200, "text/plain", event.path)


def caller_path(app: BaseRouter) -> str:
    app.append_context(seen=True)
    return str(app.current_event.path)


def raw_path() -> str:
    event: APIGatewayProxyEventV2 = http_router.current_event
    return event.raw_path


class Passthrough(BaseMiddlewareHandler[APIGatewayRestResolver]):
    def handler(self, app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response:
        return next_middleware(app)


def same(app: EventHandlerInstance) -> EventHandlerInstance:
    return app


def plain() -> Response:
    return Response[Any](204)
"""

WRONG = """\
from apiway import Response
from apiway.router import ALBRouter

router = ALBRouter()


def body() -> Response[str]:
    return Response(200, "text/plain", 42)


def raw_path() -> str:
    return router.current_event.raw_path
"""


def mypy(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    module = tmp_path / "migrated.py"
    module.write_text(code, encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / ".mypy"),
            str(module),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )


def test_annotations_written_for_powertools_type_check(tmp_path: Path) -> None:
    done = mypy(tmp_path, MIGRATED_MODULE)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_types_are_precise_enough_to_catch_mistakes(tmp_path: Path) -> None:
    done = mypy(tmp_path, WRONG)
    assert done.returncode == 1, done.stdout + done.stderr
    assert 'Argument 3 to "Response" has incompatible type "int"' in done.stdout
    assert '"ALBEvent" has no attribute "raw_path"' in done.stdout

"""The events every framework is fed: real AWS sample events from the shared folder.

``shared/bench-events/`` holds the timing scenarios (REST API behind a greedy ``/{proxy+}``
resource with the CloudFront header set, HTTP API v2, ALB); ``shared/events/`` the AWS sample
events of the test suite. The shared folder sits beside the repository; set
``APIWAY_SHARED_DIR`` to read it from elsewhere.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


class MissingEventsError(RuntimeError):
    """The shared event folders are not where the benchmarks look for them."""


def shared_dir() -> Path:
    configured = os.environ.get("APIWAY_SHARED_DIR")
    folder = Path(configured) if configured else REPO.parent / "shared"
    if not (folder / "bench-events").is_dir() or not (folder / "events").is_dir():
        raise MissingEventsError(
            f"no bench-events/ and events/ under {folder}; set APIWAY_SHARED_DIR to the shared folder"
        )
    return folder


def load(relative: str) -> dict:
    """An event from the shared folder, e.g. ``bench-events/rest_get_static.json``."""
    with open(shared_dir() / relative, encoding="utf-8") as file:
        return json.load(file)


def bench_event(name: str) -> dict:
    return load(f"bench-events/{name}.json")


def sample_event(name: str) -> dict:
    return load(f"events/{name}.json")


def rest_event_for(path: str, method: str = "GET") -> dict:
    """The static REST GET scenario event, re-aimed at another path (for the routing scenarios)."""
    event = copy.deepcopy(bench_event("rest_get_static"))
    event["path"] = path
    event["httpMethod"] = method
    event["pathParameters"] = {"proxy": path.lstrip("/")}
    context = event["requestContext"]
    context["httpMethod"] = method
    context["path"] = "/" + context.get("stage", "prod") + path
    return event


class LambdaContext:
    """The few attributes of the Lambda context object handlers commonly read."""

    function_name = "bench"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:bench"
    memory_limit_in_mb = 1024
    aws_request_id = "c6af9ac6-7b61-11e6-9a41-93e812345678"
    log_group_name = "/aws/lambda/bench"
    log_stream_name = "2024/01/01/[$LATEST]0123456789abcdef"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 30_000


CONTEXT = LambdaContext()

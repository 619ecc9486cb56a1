"""The events every framework is fed: real AWS sample events kept in ``benchmarks/data/``.

The timing scenarios (``rest_get_static.json``, ...) put a REST API behind a greedy
``/{proxy+}`` resource with the CloudFront header set, an HTTP API v2 and an ALB in front of
the function; ``apiGatewayProxyEvent.json`` is the plain AWS sample REST event (the CORS
scenario). The folder's README says where each file comes from.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "benchmarks" / "data"


class MissingEventsError(RuntimeError):
    """A scenario event is not in ``benchmarks/data/``."""


def load(name: str) -> dict:
    """An event of ``benchmarks/data/``, e.g. ``rest_get_static``."""
    path = DATA / f"{name}.json"
    if not path.is_file():
        raise MissingEventsError(f"no event {name}.json in {DATA}")
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def bench_event(name: str) -> dict:
    """A timing scenario's event."""
    return load(name)


def sample_event(name: str) -> dict:
    """An AWS sample event (the same file as in the test suite's fixtures)."""
    return load(name)


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

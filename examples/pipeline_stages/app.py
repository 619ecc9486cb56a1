"""Editing the stage chain: a custom stage, a swapped JSON serializer, a removed stage.

Run: python examples/pipeline_stages/app.py
"""

from __future__ import annotations

import json
import time
from decimal import Decimal

from apiway import APIGatewayRestResolver, Stage


def pretty_json(value: object) -> str:
    """A serializer that sorts keys and writes Decimals as numbers."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=float)


class TimingStage(Stage):
    """Adds a Server-Timing header with the time spent inside the stages it wraps."""

    name = "timing"

    def handle(self, request, call_next):
        started = time.perf_counter()
        response = call_next(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
        return response


def correlation_id(request, call_next):
    """A stage can be a plain function too: echo the caller's correlation id."""
    response = call_next(request)
    response.headers["X-Correlation-Id"] = request.header("x-correlation-id") or "none"
    return response


app = APIGatewayRestResolver(serializer=pretty_json)  # swaps the serialization stage's encoder
app.pipeline.insert_before("serialization", TimingStage())
app.pipeline.insert_after("timing", correlation_id)
app.pipeline.remove("compression")


@app.get("/price")
def price() -> dict:
    return {"sku": "A-1", "amount": Decimal("9.99")}


def lambda_handler(event: dict, context: object) -> dict:
    return app.resolve(event, context)


if __name__ == "__main__":
    print(app.pipeline.names())
    event = {"httpMethod": "GET", "path": "/price", "headers": {"X-Correlation-Id": "abc-123"}}
    print(json.dumps(lambda_handler(event, None), indent=2))
    print(app.describe())
    print(app.describe("GET /price"))

"""The pipeline example from the README: custom stages, swapped serializer, removed stage."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pipeline_stages" / "app.py"


@pytest.fixture
def example():
    spec = importlib.util.spec_from_file_location("pipeline_stages_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


def test_chain_order_after_edits(example):
    event = {"httpMethod": "GET", "path": "/price", "headers": {}}
    example.lambda_handler(event, None)
    assert example.app.pipeline.names() == [
        "binary",
        "timing",
        "correlation_id",
        "serialization",
        "exceptions",
        "router",
    ]


def test_custom_stages_and_serializer_act_on_the_response(example):
    event = {"httpMethod": "GET", "path": "/price", "headers": {"X-Correlation-Id": "abc-123"}}
    response = example.lambda_handler(event, None)
    headers = response["multiValueHeaders"]
    assert response["statusCode"] == 200
    # the swapped serializer sorts keys and writes the Decimal as a number
    assert response["body"] == '{"amount":9.99,"sku":"A-1"}'
    assert headers["X-Correlation-Id"] == ["abc-123"]
    assert headers["Server-Timing"][0].startswith("app;dur=")


def test_custom_stage_sees_error_responses(example):
    response = example.lambda_handler({"httpMethod": "GET", "path": "/missing"}, None)
    assert response["statusCode"] == 404
    assert "Server-Timing" in response["multiValueHeaders"]
    assert response["multiValueHeaders"]["X-Correlation-Id"] == ["none"]


def test_describe_lists_the_custom_stages(example):
    example.lambda_handler({"httpMethod": "GET", "path": "/price"}, None)
    text = example.app.describe()
    assert "timing" in text and "TimingStage" in text
    assert "compression" not in text.split("routes")[0]
    assert (
        "runs through: binary -> timing -> correlation_id -> serialization -> exceptions -> router -> price"
        in (example.app.describe("GET /price"))
    )

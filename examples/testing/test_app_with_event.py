"""Tests with a hand-written proxy event: only ``path`` and ``httpMethod`` are required.

Useful to check exactly what your handler returns to API Gateway, or to replay an event
copied from CloudWatch logs.
"""

from __future__ import annotations

import json

import app as todo_app
import pytest

from apiway.types import LambdaContext


@pytest.fixture
def lambda_context() -> LambdaContext:
    context = LambdaContext()
    context.function_name = "todos-test"
    context.aws_request_id = "52fdfc07-2182-154f-163f-5f0f9a621d72"
    return context


def test_lambda_handler(lambda_context: LambdaContext) -> None:
    minimal_event = {
        "path": "/todos/1",
        "httpMethod": "GET",
        "requestContext": {"requestId": "227b78aa-779d-47d4-a48e-ce62120393b8"},
    }

    response = todo_app.lambda_handler(minimal_event, lambda_context)

    assert response["statusCode"] == 200
    assert response["multiValueHeaders"] == {"Content-Type": ["application/json"]}
    assert response["isBase64Encoded"] is False
    assert json.loads(response["body"]) == {"id": "1", "title": "write the docs", "completed": False}


def test_lambda_handler_not_found(lambda_context: LambdaContext) -> None:
    response = todo_app.lambda_handler({"path": "/nope", "httpMethod": "GET"}, lambda_context)

    assert response["statusCode"] == 404
    assert json.loads(response["body"]) == {"statusCode": 404, "message": "Not found"}

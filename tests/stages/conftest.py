"""Helpers for testing one stage on its own: a request and a fake next stage."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from apiway.registry import Route
from apiway.request import PipelineRequest
from apiway.resolvers import BaseResolver
from apiway.response import Response


class FakeNext:
    """Stands in for the inner stages: returns a prepared response (or raises) and records calls."""

    def __init__(self, answer: Response | BaseException | Callable[[PipelineRequest], Response]):
        self.answer = answer
        self.requests: list[PipelineRequest] = []

    def __call__(self, request: PipelineRequest) -> Response:
        self.requests.append(request)
        answer = self.answer
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, Response):
            return answer
        return answer(request)

    @property
    def called(self) -> bool:
        return bool(self.requests)


@pytest.fixture
def fake_next() -> type[FakeNext]:
    return FakeNext


@pytest.fixture
def make_request() -> Callable[..., PipelineRequest]:
    """``make_request(app, method, path, headers=..., route=...)``: a PipelineRequest as the
    resolver builds it."""

    def make(
        app: BaseResolver,
        method: str = "GET",
        path: str = "/",
        headers: dict[str, str] | None = None,
        route: Route | None = None,
        **event: Any,
    ) -> PipelineRequest:
        raw = {"httpMethod": method, "path": path, "headers": dict(headers or {}), **event}
        request = PipelineRequest(app, raw, None, method, path)
        request.route = route
        return request

    return make

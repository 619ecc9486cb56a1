"""Micro-benchmark: what a route plan adds to a validated POST, next to resolving the route.

The route takes a 5-field dataclass body and 2 constrained query parameters. Printed:

- the route without validation, its handler reading the body and the query itself;
- the same resolve with a handler that reads nothing (what routing and the answer cost);
- the plan's ``arguments(request)`` plus ``result(value)`` for the same request;
- the validated route end to end, estimated as the second plus the third;
- the validated route measured end to end (``enable_validation=True``, through the
  validation stage), and its ratio to the first.

Timings are CPU time (``time.process_time``), the best of nine runs, so that other processes
on a shared machine disturb them less.

Run by hand: ``python -m tests.validation.bench_plan`` (or ``python tests/validation/bench_plan.py``).
"""

import dataclasses
import json
import time
import timeit
from typing import Annotated, Any


@dataclasses.dataclass
class Item:
    name: str
    price: float
    quantity: int
    tags: list[str]
    available: bool = True


BODY = {"name": "widget", "price": 9.5, "quantity": 3, "tags": ["a", "b"], "available": True}


def per_call(function: Any, number: int = 20_000) -> float:
    """CPU microseconds per call, the best of nine runs."""
    timer = timeit.Timer(function, timer=time.process_time)
    return min(timer.repeat(number=number, repeat=9)) / number * 1e6


def event() -> dict[str, Any]:
    """A REST API POST /items?limit=10&offset=5 event with a JSON body."""
    return {
        "resource": "/items",
        "path": "/items",
        "httpMethod": "POST",
        "headers": {"Content-Type": "application/json", "Host": "example.com"},
        "multiValueHeaders": {"Content-Type": ["application/json"], "Host": ["example.com"]},
        "queryStringParameters": {"limit": "10", "offset": "5"},
        "multiValueQueryStringParameters": {"limit": ["10"], "offset": ["5"]},
        "pathParameters": None,
        "requestContext": {"httpMethod": "POST", "path": "/items", "stage": "prod", "requestId": "r"},
        "body": json.dumps(BODY),
        "isBase64Encoded": False,
    }


def main() -> None:
    from apiway import APIGatewayRestResolver
    from apiway.openapi.params import Query
    from apiway.request import PipelineRequest
    from apiway.validation.plan import compile_plan

    def create(
        item: Item,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Item:
        return item

    app = APIGatewayRestResolver()

    @app.post("/items")
    def plain() -> dict[str, Any]:
        data = app.current_event.json_body
        return {**data, "limit": int(app.current_event.get_query_string_value("limit", "20"))}

    bare = APIGatewayRestResolver()

    @bare.post("/items")
    def reads_nothing() -> dict[str, Any]:
        return {**BODY, "limit": 10}

    raw = event()
    plain_us = per_call(lambda: app.resolve(raw, None))
    bare_us = per_call(lambda: bare.resolve(raw, None))
    plan = compile_plan(create, "POST", "/items")

    def new_request() -> PipelineRequest:
        request = PipelineRequest(app, raw, None, "POST", "/items")
        request.route_args = {}
        return request

    def validated() -> Any:
        return plan.result(create(**plan.arguments(new_request())))

    plan_us = per_call(validated) - per_call(new_request)
    total = bare_us + plan_us
    typed = APIGatewayRestResolver(enable_validation=True)
    typed.post("/items")(create)
    assert typed.resolve(raw, None)["statusCode"] == 200
    typed_us = per_call(lambda: typed.resolve(raw, None))
    print(f"route without validation, handler reads body and query: {plain_us:6.2f} us")
    print(f"the same resolve, handler reads nothing:                {bare_us:6.2f} us")
    print(f"plan.arguments() + plan.result():                       {plan_us:6.2f} us")
    print(
        f"validated route, estimated end to end:                  {total:6.2f} us ({total / plain_us:.2f}x)"
    )
    ratio = typed_us / plain_us
    print(f"validated route, through the resolver:                  {typed_us:6.2f} us ({ratio:.2f}x)")


if __name__ == "__main__":
    main()

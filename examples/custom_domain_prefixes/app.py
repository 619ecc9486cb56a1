"""Custom domain API mappings: ``strip_prefixes`` removes a mapping's path before routing.

With a custom domain ``api.example.com`` whose API mapping ``/payment`` points at this API,
requests arrive as ``/payment/subscriptions/123``. ``strip_prefixes=["/payment"]`` routes
them as ``/subscriptions/123``. A string prefix is removed only at a segment boundary
(``/payment`` never strips ``/payments``); a compiled regular expression must match at the
start of the path; prefixes apply in order, for nested mappings. What remains of
``/payment`` or ``/payment/`` is ``/``. A prefix that does not start with ``/`` raises
``ValueError`` when the resolver is created.

Try it: python -m apiway serve examples/custom_domain_prefixes/app.py
        curl -s localhost:3000/payment/v2/subscriptions/123
"""

from __future__ import annotations

import re

from apiway import APIGatewayRestResolver
from apiway.types import LambdaContext

app = APIGatewayRestResolver(strip_prefixes=["/payment", re.compile(r"/v\d+")])


@app.get("/")
def index() -> dict:
    return {"service": "payments", "routes": ["/subscriptions/<subscription>"]}


@app.get("/subscriptions/<subscription>")
def get_subscription(subscription: str) -> dict:
    return {"subscription_id": subscription, "path": app.current_event.path}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""VPC Lattice: ``VPCLatticeV2Resolver`` routes the events of a Lambda target group whose
event structure version is 2 (``VPCLatticeResolver`` reads version 1).

A version 2 event lists every header and query value; ``headers`` joins each list (as for
every source) and ``multi_value_headers`` keeps it. ``request_context`` says which service
network, service and target group the request came through, and who sent it: the source
VPC and, behind an ``AWS_IAM`` auth policy, the caller's IAM principal. Answers carry a
``statusDescription`` and one value per header, as VPC Lattice takes them.

Try it: python -m apiway serve examples/vpc_lattice_resolver/app.py
        curl -s localhost:3000/orders/o-1 -H 'Accept-Language: en' -H 'Accept-Language: fr'
"""

from __future__ import annotations

from apiway import VPCLatticeV2Resolver
from apiway.exceptions import NotFoundError
from apiway.types import LambdaContext

app = VPCLatticeV2Resolver()

ORDERS = {"o-1": {"id": "o-1", "item": "keyboard", "quantity": 1}}


@app.get("/orders/<order_id>")
def get_order(order_id: str) -> dict:
    if order_id not in ORDERS:
        raise NotFoundError(f"no order {order_id}")
    event = app.current_event
    identity = event.request_context.identity
    return {
        "order": ORDERS[order_id],
        "caller": identity.principal,
        "from_vpc": identity.source_vpc_arn,
        "languages": event.multi_value_headers.get("accept-language", []),
    }


@app.post("/orders")
def create_order() -> tuple[dict, int]:
    order = {"id": f"o-{len(ORDERS) + 1}", **app.current_event.json_body}
    ORDERS[order["id"]] = order
    return order, 201


@app.get("/orders")
def list_orders() -> dict:
    # ?item=keyboard&item=mouse: every value of a repeated name
    items = app.current_event.get_multi_value_query_string_values("item")
    return {"orders": [order for order in ORDERS.values() if not items or order["item"] in items]}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

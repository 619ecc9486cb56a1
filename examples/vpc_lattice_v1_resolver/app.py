"""VPC Lattice, event structure version 1: ``VPCLatticeResolver``.

Version 1 events spell their fields in snake_case (``raw_path``, ``query_string_parameters``,
``is_base64_encoded``), join a repeated header into one comma-separated string and keep
the last value of a repeated query name. The routes and the typed event work as for any
source; prefer version 2 for new target groups (see ``examples/vpc_lattice_resolver``).

Try it: python -m apiway serve examples/vpc_lattice_v1_resolver/app.py
        curl -s 'localhost:3000/products?category=tv'
        curl -s localhost:3000/products -d '{"id": 5, "description": "TV"}'
"""

from __future__ import annotations

from apiway import VPCLatticeResolver
from apiway.types import LambdaContext

app = VPCLatticeResolver()

PRODUCTS = [{"id": 1, "description": "radio", "category": "audio"}]


@app.get("/products")
def list_products() -> dict:
    category = app.current_event.get_query_string_value("category")
    return {"products": [p for p in PRODUCTS if category in (None, p["category"])]}


@app.post("/products")
def add_product() -> tuple[dict, int]:
    # A base64 body (is_base64_encoded: true) is decoded before it is parsed.
    product = app.current_event.json_body
    PRODUCTS.append(product)
    return {"added": product, "count": len(PRODUCTS)}, 201


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""apiway: fast, zero-dependency routing of AWS Lambda HTTP events.

``from apiway import APIGatewayRestResolver`` and declare routes with ``@app.get(...)``; a
request flows through a chain of stages (``app.pipeline``) around the router.
"""

from apiway import content_types
from apiway.cookies import Cookie, SameSite
from apiway.cors import CORSConfig
from apiway.pipeline import Pipeline, Stage
from apiway.request import Request
from apiway.resolvers import (
    ALBResolver,
    APIGatewayHttpResolver,
    APIGatewayRestResolver,
    LambdaFunctionUrlResolver,
)
from apiway.response import Response
from apiway.router import Router

__version__ = "0.1.0"

__all__ = [
    "ALBResolver",
    "APIGatewayHttpResolver",
    "APIGatewayRestResolver",
    "CORSConfig",
    "Cookie",
    "LambdaFunctionUrlResolver",
    "Pipeline",
    "Request",
    "Response",
    "Router",
    "SameSite",
    "Stage",
    "__version__",
    "content_types",
]

"""Authorizers, REST API: who called, as the authorizer in front of the route decided.

API Gateway runs the route's authorizer before invoking the function and leaves its verdict
in the request context; the function only reads it:

- a Cognito user pool authorizer: the token's claims, in ``authorizer.claims`` (API Gateway
  sends every claim as text, so ``"email_verified": "true"``);
- a Lambda authorizer: the principal it returned, in ``authorizer.principal_id``, and its
  context, read by key (``authorizer["tenant"]``);
- IAM authorization: the caller who signed the request, in ``request_context.identity``;
- none: the claims are empty and the principal is ``""``.

Try it: python -m apiway serve examples/authorizers_rest_api/app.py
        curl -s localhost:3000/me        # the local server runs no authorizer: 401
"""

from __future__ import annotations

from apiway import APIGatewayRestResolver
from apiway.exceptions import UnauthorizedError
from apiway.types import LambdaContext

app = APIGatewayRestResolver()


@app.get("/me")
def me() -> dict:
    context = app.current_event.request_context
    authorizer = context.authorizer
    if authorizer.claims:
        claims = authorizer.claims
        return {
            "authorizer": "cognito",
            "user": claims["sub"],
            "username": claims["cognito:username"],
            "email": claims.get("email"),
            "email_verified": claims.get("email_verified") == "true",
        }
    if authorizer.principal_id:
        return {
            "authorizer": "lambda",
            "user": authorizer.principal_id,
            "tenant": authorizer.get("tenant"),
            "authorizer_ms": authorizer.integration_latency,
        }
    identity = context.identity
    if identity.user_arn:
        return {
            "authorizer": "iam",
            "user": identity.user_arn,
            "account": identity.account_id,
            "access_key": identity.access_key,
        }
    raise UnauthorizedError("this route expects an authorizer in front of it")


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

"""Authorizers, HTTP API: who called, as the authorizer in front of the route decided.

API Gateway runs the route's authorizer before invoking the function and leaves its verdict
in ``request_context.authorizer``:

- a JWT authorizer (a Cognito user pool or any OpenID provider): the token's claims in
  ``jwt_claim`` and its scopes in ``jwt_scopes``;
- a Lambda authorizer: the context it returned, in ``get_lambda``;
- IAM authorization: the caller who signed the request, in ``iam`` (a Lambda Function URL
  with IAM auth fills the same ``request_context.authorizer.iam``);
- none: every one of them is empty (``{}``, ``[]``, ``""``).

Try it: python -m apiway serve examples/authorizers_http_api/app.py
        curl -s localhost:3000/me        # the local server runs no authorizer: 401
"""

from __future__ import annotations

from apiway import APIGatewayHttpResolver
from apiway.exceptions import ForbiddenError, UnauthorizedError
from apiway.types import LambdaContext

app = APIGatewayHttpResolver()


@app.get("/me")
def me() -> dict:
    authorizer = app.current_event.request_context.authorizer
    if authorizer.jwt_claim:
        if "profile/read" not in authorizer.jwt_scopes:
            raise ForbiddenError("the token lacks the profile/read scope")
        return {"authorizer": "jwt", "user": authorizer.jwt_claim["sub"], "scopes": authorizer.jwt_scopes}
    if authorizer.get_lambda:
        return {
            "authorizer": "lambda",
            "user": authorizer.get_lambda["user"],
            "tenant": authorizer.get_lambda["tenant"],
        }
    iam = authorizer.iam
    if iam.user_arn:
        return {"authorizer": "iam", "user": iam.user_arn, "account": iam.account_id, "caller": iam.caller_id}
    raise UnauthorizedError("this route expects an authorizer in front of it")


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)

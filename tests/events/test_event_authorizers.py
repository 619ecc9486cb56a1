"""What the authorizer decided, as a route reads it, for every authorizer kind and source.

Each test resolves a real sample event (tests/fixtures/events, see its README for which
sample carries which authorizer) and reads ``app.current_event`` inside the route.
"""

from __future__ import annotations

from apiway.events import (
    APIGatewayEventAuthorizer,
    APIGatewayEventIdentity,
    RequestContextV2Authorizer,
    RequestContextV2AuthorizerIam,
)
from support.events import FUNCTION_URL, HTTP, REST, capture_event, load_event


# -- REST APIs (payload 1.0) ----------------------------------------------------------------------
def test_rest_cognito_user_pool_claims() -> None:
    event = capture_event(REST, load_event("apiGatewayProxyEventCognitoUserPool.json"))
    authorizer = event.request_context.authorizer
    assert isinstance(authorizer, APIGatewayEventAuthorizer)
    assert authorizer.claims["sub"] == "7d8ca528-4931-4254-9273-ea5ee853f271"
    assert authorizer.claims["cognito:username"] == "jane.doe"
    assert authorizer.claims["email_verified"] == "true"  # API Gateway sends every claim as text
    assert authorizer.scopes == []
    assert authorizer.principal_id == ""
    assert authorizer.integration_latency is None
    assert authorizer.get_context() == {"claims": authorizer.claims}


def test_rest_lambda_authorizer_principal_and_context() -> None:
    event = capture_event(REST, load_event("apiGatewayProxyEventPrincipalId.json"))
    authorizer = event.request_context.authorizer
    assert authorizer.principal_id == "fake"
    assert authorizer.integration_latency == 451
    # The context's keys sit beside principalId, as API Gateway delivers them.
    assert authorizer["user_id"] == "fake_username"
    assert authorizer.get("user_id") == "fake_username"
    assert authorizer.get("missing", "fallback") == "fallback"
    assert "user_id" in authorizer
    assert authorizer.get_context() == {
        "user_id": "fake_username",
        "principalId": "fake",
        "integrationLatency": 451,
    }
    assert authorizer.claims == {}
    assert authorizer.scopes == []


def test_rest_iam_caller_identity() -> None:
    event = capture_event(REST, load_event("apiGatewayProxyEventIamIdentity.json"))
    identity = event.request_context.identity
    assert isinstance(identity, APIGatewayEventIdentity)
    assert identity.access_key == "ANEXAMPLEOFACCESSKEY"
    assert identity.account_id == "theAccountId"
    assert identity.caller == "theCaller"
    assert identity.user == "theUser"
    assert identity.user_arn == "theUserArn"
    assert identity.api_key == "theApiKey"
    assert identity.api_key_id == "theApiKeyId"
    assert identity.cognito_identity_id == "theCognitoIdentityId"
    assert identity.cognito_identity_pool_id == "theCognitoIdentityPoolId"
    assert identity.cognito_authentication_type == "theCognitoAuthenticationType"
    assert identity.cognito_authentication_provider == "theCognitoAuthenticationProvider"
    assert identity.source_ip == "192.168.196.186"
    assert identity.user_agent == "PostmanRuntime/2.4.5"
    assert identity.principal_org_id is None  # not in the event
    assert identity.client_cert is None
    # The same request also went through a Lambda authorizer whose context holds numbers.
    authorizer = event.request_context.authorizer
    assert authorizer.principal_id == "admin"
    assert authorizer["clientId"] == 1
    assert authorizer["clientName"] == "Exata"


def test_rest_without_an_authorizer() -> None:
    event = capture_event(REST, load_event("apiGatewayProxyEvent.json"))
    authorizer = event.request_context.authorizer
    # API Gateway sends claims and scopes as null when no authorizer ran.
    assert authorizer.claims == {}
    assert authorizer.scopes == []
    assert authorizer.principal_id == ""
    assert authorizer.get_context() == {"claims": None, "scopes": None}
    identity = event.request_context.identity
    assert identity.user_arn is None
    assert identity.cognito_identity_id is None


def test_rest_event_without_authorizer_field() -> None:
    event = capture_event(REST, load_event("apiGatewayProxyEvent_noVersionAuth.json"))
    authorizer = event.request_context.authorizer
    assert len(authorizer) == 0
    assert authorizer.get_context() == {}
    assert authorizer.principal_id == ""


# -- HTTP APIs and Function URLs (payload 2.0) ------------------------------------------------------
def test_http_jwt_claims_and_scopes() -> None:
    event = capture_event(HTTP, load_event("apiGatewayProxyV2Event.json"))
    authorizer = event.request_context.authorizer
    assert isinstance(authorizer, RequestContextV2Authorizer)
    assert authorizer.jwt_claim == {"claim1": "value1", "claim2": "value2"}
    assert authorizer.jwt_claim["claim1"] == "value1"
    assert authorizer.jwt_scopes == ["scope1", "scope2"]
    assert authorizer.get_lambda == {}
    assert authorizer.iam.user_arn == ""


def test_http_lambda_authorizer_context() -> None:
    event = capture_event(HTTP, load_event("apiGatewayProxyV2LambdaAuthorizerEvent.json"))
    authorizer = event.request_context.authorizer
    assert authorizer.get_lambda == {"tenantId": "123-456-789-012"}
    assert authorizer.get_lambda["tenantId"] == "123-456-789-012"
    assert authorizer.get_context() == {"tenantId": "123-456-789-012"}


def test_http_iam_caller_with_cognito_identity() -> None:
    event = capture_event(HTTP, load_event("apiGatewayProxyV2IamEvent.json"))
    iam = event.request_context.authorizer.iam
    assert isinstance(iam, RequestContextV2AuthorizerIam)
    assert iam.access_key == "ARIA2ZJZYVUEREEIHAKY"
    assert iam.account_id == "1234567890"
    assert iam.caller_id == "AROA7ZJZYVRE7C3DUXHH6:CognitoIdentityCredentials"
    assert iam.principal_org_id == "AwsOrgId"
    assert iam.user_arn == "arn:aws:iam::1234567890:user/Admin"
    assert iam.user_id == "AROA2ZJZYVRE7Y3TUXHH6"
    assert iam.cognito_amr == ["foo"]
    assert iam.cognito_identity_id == "us-east-1:3f291106-8703-466b-8f2b-3ecee1ca56ce"
    assert iam.cognito_identity_pool_id == "us-east-1:4f291106-8703-466b-8f2b-3ecee1ca56ce"
    assert event.request_context.authorizer.jwt_claim == {}


def test_function_url_iam_caller_without_cognito_identity() -> None:
    event = capture_event(FUNCTION_URL, load_event("lambdaFunctionUrlIAMEvent.json"))
    iam = event.request_context.authorizer.iam
    assert iam.user_arn == "arn:aws:iam::111122223333:user/example-user"
    assert iam.account_id == "111122223333"
    assert iam.caller_id == "AIDA..."
    # cognitoIdentity and principalOrgId are null: each reads as empty text, like Powertools.
    assert iam.cognito_identity_id == ""
    assert iam.cognito_identity_pool_id == ""
    assert iam.cognito_amr == []
    assert iam.principal_org_id == ""


def test_payload_2_without_an_authorizer() -> None:
    for source, sample in (
        (HTTP, "apiGatewayProxyV2EventNoAuthorizer.json"),
        (FUNCTION_URL, "lambdaFunctionUrlEvent.json"),
    ):
        event = capture_event(source, load_event(sample))
        authorizer = event.request_context.authorizer
        assert len(authorizer) == 0
        assert authorizer.jwt_claim == {}
        assert authorizer.jwt_scopes == []
        assert authorizer.get_lambda == {}
        iam = authorizer.iam
        texts = (
            iam.access_key,
            iam.account_id,
            iam.caller_id,
            iam.principal_org_id,
            iam.user_arn,
            iam.user_id,
        )
        assert texts == ("", "", "", "", "", "")
        assert (iam.cognito_identity_id, iam.cognito_identity_pool_id, iam.cognito_amr) == ("", "", [])

"""``app.current_event`` for VPC Lattice, event structure versions 1 and 2."""

from __future__ import annotations

import base64
import gzip

import pytest

from apiway.events import VPCLatticeEvent, VPCLatticeEventV2
from support.events import LATTICE, LATTICE_V2, capture_event, load_event


# -- version 1 ----------------------------------------------------------------------------------
def test_version_1_sample_event() -> None:
    event = capture_event(LATTICE, load_event("vpcLatticeEvent.json"))
    assert isinstance(event, VPCLatticeEvent)
    assert event.method == event.http_method == "GET"
    assert event.path == event.raw_path == "/testpath"
    # Version 1 hands a repeated header over as one comma-joined string.
    assert event.headers["Header2"] == "value1,value2"
    assert event.get_header_value("USER_AGENT") == "curl/7.64.1"
    assert event.query_string_parameters == {"order-id": "1"}
    assert event.multi_value_query_string_parameters == {"order-id": ["1"]}
    assert event.get_multi_value_query_string_values("order-id") == ["1"]
    assert event.is_base64_encoded is True
    assert event.body == "eyJ0ZXN0IjogImV2ZW50In0="
    assert event.json_body == {"test": "event"}


def test_version_1_post_event() -> None:
    event = capture_event(LATTICE, load_event("vpcLatticeEventPost.json"))
    assert event.http_method == "POST"
    assert event.path == "/api/product"
    assert event.headers["multi"] == "abcd, DEF"
    assert event.headers["authorization"] == "Bearer abc123def456"
    assert event.get_query_string_value("limit") == "10"
    assert event.is_base64_encoded is False
    assert event.json_body == {"id": 5, "description": "TV"}


def test_version_1_path_with_its_query_string() -> None:
    raw = LATTICE.event("GET", "/orders")
    raw["raw_path"] = "/orders?id=1&id=2"
    event = capture_event(LATTICE, raw)
    assert event.raw_path == "/orders?id=1&id=2"
    assert event.path == "/orders"


# -- version 2 ----------------------------------------------------------------------------------
def test_version_2_sample_event() -> None:
    event = capture_event(LATTICE_V2, load_event("vpcLatticeV2EventWithHeaders.json"))
    assert isinstance(event, VPCLatticeEventV2)
    assert event.version == "2.0"
    assert event.method == event.http_method == "GET"
    assert event.path == "/newpath"
    # headers answers text, as for every source; multi_value_headers keeps Lattice's lists.
    assert event.headers["Header2"] == "value1, value2"
    assert event.get_header_value("powertools") == "a, b"
    assert event.get_header_value("powertools", case_sensitive=True) == "a, b"
    assert event.get_header_value("Powertools", "none", case_sensitive=True) == "none"
    assert event.multi_value_headers["HEADER2"] == ["value1", "value2"]
    assert event.multi_value_headers["user-agent"] == ["curl/8.3.0"]
    assert event.query_string_parameters == {"parameter1": "value1,value2", "parameter2": "value"}
    assert event.get_multi_value_query_string_values("parameter1") == ["value1", "value2"]
    assert event.json_body == {"message": "Hello from Lambda!"}
    assert event.is_base64_encoded is False


def test_version_2_request_context() -> None:
    context = capture_event(LATTICE_V2, load_event("vpcLatticeV2EventWithHeaders.json")).request_context
    assert context.service_network_arn.endswith(":servicenetwork/sn-0bf3f2882e9cc805a")
    assert context.service_arn.endswith(":service/svc-0a40eebed65f8d69c")
    assert context.target_group_arn.endswith(":targetgroup/tg-6d0ecf831eec9f09")
    assert context.region == "us-east-2"
    assert context.time_epoch == "1696331543569073"
    identity = context.identity
    assert identity.source_vpc_arn.endswith(":vpc/vpc-0b8276c84697e7339")
    assert identity.get_type == "AWS_IAM"
    assert identity.principal.startswith("arn:aws:sts::123456789012:assumed-role/example-role/")
    assert identity.session_name == "057d00f8b51257ba3c853a0f248943cf"
    assert identity.x509_san_dns == "example.com"
    assert identity.principal_org_id is None
    assert identity.x509_subject_cn is None


def test_version_2_roles_anywhere_identity() -> None:
    event = capture_event(LATTICE_V2, load_event("vpcLatticeV2EventRolesAnywhere.json"))
    identity = event.request_context.identity
    assert identity.principal_org_id == "o-50dc6c495c0c9188"
    assert identity.x509_subject_cn == "external-partner-data-sync.external-company.com"
    assert identity.x509_issuer_ou == "Engineering Department"
    assert identity.x509_san_dns == "partner-system.external-company.com"
    assert identity.x509_san_uri == "https://partner-system.external-company.com/sync"
    assert identity.x509_san_name_cn == "Data Sync Service"


@pytest.mark.parametrize("spelling", ["X509SubjectCn", "x509SubjectCn"])
def test_version_2_x509_fields_in_either_spelling(spelling: str) -> None:
    raw = load_event("vpcLatticeV2EventWithHeaders.json")
    raw["requestContext"]["identity"][spelling] = "client.example"
    assert capture_event(LATTICE_V2, raw).request_context.identity.x509_subject_cn == "client.example"


def test_version_2_repeated_values_and_a_null_body() -> None:
    event = capture_event(LATTICE_V2, load_event("vpcLatticeV2EventMultiValue.json"))
    assert event.headers["multi"] == "x, y"
    assert event.multi_value_headers["multi"] == ["x", "y"]
    assert event.query_string_parameters == {"state": "prod", "multi": "a,DEF,g"}
    assert event.multi_value_query_string_parameters["multi"] == ["a", "DEF", "g"]
    assert event.body is None
    assert event.json_body is None
    assert event.request_context.identity.principal_org_id == "o-50dc6c495c0c9188"


def test_version_2_base64_body() -> None:
    event = capture_event(LATTICE_V2, load_event("vpcLatticeV2EventBase64.json"))
    assert event.is_base64_encoded is True
    assert event.body_bytes == base64.b64decode(load_event("vpcLatticeV2EventBase64.json")["body"])
    assert gzip.decompress(event.body_bytes) == bytes(16384)


def test_version_2_cookies_are_joined_with_semicolons() -> None:
    raw = LATTICE_V2.event("GET", "/x", headers={"Cookie": ["a=1", "b=2; c=3"]})
    event = capture_event(LATTICE_V2, raw)
    assert event.headers["cookie"] == "a=1; b=2; c=3"
    assert event.request_cookies == {"a": "1", "b": "2", "c": "3"}


def test_early_version_2_event_with_one_string_per_header() -> None:
    event = capture_event(LATTICE_V2, load_event("vpcLatticeEventV2PathTrailingSlash.json"))
    assert event.path == "/newpath/"
    assert event.headers["user_agent"] == "curl/7.64.1"
    assert event.multi_value_headers["accept"] == ["*/*"]
    # That sample spells its query field like version 1; version 2 reads only its own.
    assert event.query_string_parameters == {}

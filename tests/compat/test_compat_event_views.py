"""Differential test of the typed event views against the Powertools data classes.

Every sample event in ``tests/fixtures/events`` is wrapped in apiway's event class and in the
Powertools class of the same name, and every property of the Powertools class (found by
introspection, so a property apiway lacks fails here) is read on both, recursively through
the nested views (request context, identity, authorizer, IAM caller, client certificate).
Both must answer the same value of the same type, except:

- where Powertools raises for an absent field (``KeyError``), apiway answers None, ``""``
  for the ``str`` fields of the request line, or an empty view: an absent field never raises
  (docs/migrating.md, "Event views");
- invalid JSON or base64 raises ``InvalidBodyError`` (docs/migrating.md, "Errors");
- the documented query-string, header and VPC Lattice identity differences (``DELIBERATE``
  below).
"""

from __future__ import annotations

import inspect
import json
import warnings
from collections.abc import Callable
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl

import pytest

pytest.importorskip("aws_lambda_powertools", reason="the reference implementation is not installed")

from aws_lambda_powertools.utilities import data_classes as reference_classes
from aws_lambda_powertools.utilities.data_classes.common import DictWrapper as ReferenceView

import apiway.events
from apiway.events.base import DictWrapper
from apiway.exceptions import InvalidBodyError
from support.events import EVENTS_DIR, load_event

#: Properties of the Powertools classes apiway does not provide: inputs of its OpenAPI
#: request validation (docs/migrating.md, "Event views").
NOT_PROVIDED = frozenset(
    ("resolved_query_string_parameters", "resolved_headers_field", "resolved_cookies_field")
)
#: Methods apiway does not provide: Powertools' response building (same section).
NOT_PROVIDED_METHODS = frozenset(("header_serializer",))


def event_class(raw: dict[str, Any]) -> str:
    """The class a sample event is read with, told by its shape."""
    context = raw.get("requestContext") or {}
    if "raw_path" in raw:
        return "VPCLatticeEvent"
    if "serviceNetworkArn" in context:
        return "VPCLatticeEventV2"
    if "rawPath" in raw:
        return (
            "LambdaFunctionUrlEvent"
            if ".lambda-url." in str(context.get("domainName"))
            else "APIGatewayProxyEventV2"
        )
    if "elb" in context:
        return "ALBEvent"
    return "APIGatewayProxyEvent"  # REST APIs, and the request context of WebSocket APIs


SAMPLES = sorted(path.name for path in EVENTS_DIR.glob("*.json"))


def properties(cls: type) -> list[str]:
    return [
        name
        for name in dir(cls)
        if not name.startswith("_") and isinstance(getattr(cls, name), (property, cached_property))
    ]


def public_methods(cls: type) -> list[str]:
    return [
        name
        for name in dir(cls)
        if not name.startswith("_")
        and not isinstance(getattr(cls, name), (property, cached_property))
        and callable(getattr(cls, name))
    ]


def outcome(view: Any, name: str) -> tuple[str, Any]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Powertools deprecates get_header_value
            return "value", getattr(view, name)
    except Exception as error:  # noqa: BLE001 - the test compares what each side raises
        return "raises", error


# -- the documented differences ---------------------------------------------------------------
def _v2_multi_query(raw: dict[str, Any], ours: Any, theirs: Any) -> bool:
    """ "Multi-value query strings work for HTTP APIs and Function URLs": apiway reads them
    from ``rawQueryString``, Powertools answers ``{}``."""
    expected: dict[str, list[str]] = {}
    for name, value in parse_qsl(raw.get("rawQueryString") or "", keep_blank_values=True):
        expected.setdefault(name, []).append(value)
    if not raw.get("rawQueryString"):  # a hand-made event: the comma-joined values split
        expected = {
            name: value.split(",") for name, value in (raw.get("queryStringParameters") or {}).items()
        }
    return theirs == {} and ours == expected


def _alb_single_mode_multi_query(raw: dict[str, Any], ours: Any, theirs: Any) -> bool:
    """ "ALB answers both kinds of query look-up in either mode": single-value mode has no
    multi-value field, and apiway answers each single value as a list of one."""
    single = raw.get("queryStringParameters") or {}
    return (
        "multiValueQueryStringParameters" not in raw
        and theirs == {}
        and ours == {k: [v] for k, v in single.items()}
    )


def _alb_multi_mode_query(raw: dict[str, Any], ours: Any, theirs: Any) -> bool:
    """Same entry: multi-value mode has no single-value field, and apiway answers the last value."""
    multi = raw.get("multiValueQueryStringParameters") or {}
    return (
        "queryStringParameters" not in raw and theirs == {} and ours == {k: v[-1] for k, v in multi.items()}
    )


def _alb_multi_mode_headers(raw: dict[str, Any], ours: Any, theirs: Any) -> bool:
    """ "ALB in multi-value mode answers single-value look-ups": headers joined with ", "."""
    multi = raw.get("multiValueHeaders") or {}
    expected = {name.lower(): ", ".join(values) for name, values in multi.items()}
    return "headers" not in raw and theirs == {} and dict(ours) == expected


def _lattice_v1_multi_query(raw: dict[str, Any], ours: Any, theirs: Any) -> bool:
    """ "VPC Lattice answers multi-value query look-ups": version 1 sends one value per name,
    which apiway answers as a list of one; Powertools answers ``{}``."""
    single = raw.get("query_string_parameters") or {}
    return theirs == {} and ours == {k: [v] for k, v in single.items()}


def _lattice_v2_multi_query(raw: dict[str, Any], ours: Any, theirs: Any) -> bool:
    """Same entry: version 2 sends every value in a list, which apiway answers as it is."""
    return theirs == {} and ours == (raw.get("queryStringParameters") or {})


def _lattice_v2_headers(raw: dict[str, Any], ours: Any, theirs: Any) -> bool:
    """ "VPC Lattice version 2 headers are text": each list of values joined (``"; "`` for
    cookies); Powertools answers the lists as delivered."""
    return dict(ours) == {name: joined(name, values) for name, values in theirs.items()}


def joined(name: str, values: Any) -> Any:
    """A header's list of values as one string, the way apiway joins them."""
    if not isinstance(values, list):
        return values
    return ("; " if name.lower() == "cookie" else ", ").join(values)


def _lattice_x509_field(spelling: str) -> Callable[[dict[str, Any], Any, Any], bool]:
    def check(raw: dict[str, Any], ours: Any, theirs: Any) -> bool:
        """ "VPC Lattice X.509 identity fields": the spelling of AWS's sample events is read;
        Powertools reads only the capitalized one and answers None."""
        identity = raw["requestContext"]["identity"]
        return theirs is None and ours == identity[spelling] and spelling.capitalize() not in identity

    return check


_IDENTITY = "VPCLatticeEventV2.request_context.identity"

DELIBERATE: dict[tuple[str, str], Callable[[dict[str, Any], Any, Any], bool]] = {
    ("APIGatewayProxyEventV2", "multi_value_query_string_parameters"): _v2_multi_query,
    ("LambdaFunctionUrlEvent", "multi_value_query_string_parameters"): _v2_multi_query,
    ("ALBEvent", "multi_value_query_string_parameters"): _alb_single_mode_multi_query,
    ("ALBEvent", "query_string_parameters"): _alb_multi_mode_query,
    ("ALBEvent", "headers"): _alb_multi_mode_headers,
    ("VPCLatticeEvent", "multi_value_query_string_parameters"): _lattice_v1_multi_query,
    ("VPCLatticeEventV2", "multi_value_query_string_parameters"): _lattice_v2_multi_query,
    ("VPCLatticeEventV2", "headers"): _lattice_v2_headers,
    (_IDENTITY, "x509_subject_cn"): _lattice_x509_field("x509SubjectCn"),
    (_IDENTITY, "x509_issuer_ou"): _lattice_x509_field("x509IssuerOu"),
    (_IDENTITY, "x509_san_uri"): _lattice_x509_field("x509SanUri"),
    (_IDENTITY, "x509_san_name_cn"): _lattice_x509_field("x509SanNameCn"),
}


# -- the walk -----------------------------------------------------------------------------
def compare_views(ours: Any, theirs: Any, where: str, raw: dict[str, Any], problems: list[str]) -> None:
    """Read every property of ``theirs`` on both views; record each difference in ``problems``."""
    for name in properties(type(theirs)):
        if name in NOT_PROVIDED:
            continue
        here = f"{where}.{name}"
        if not hasattr(type(ours), name):
            problems.append(f"{here}: apiway has no such property")
            continue
        (their_kind, their_value), (our_kind, our_value) = outcome(theirs, name), outcome(ours, name)
        if their_kind == "raises":
            problem = compare_raised(type(ours), name, their_value, our_kind, our_value)
        elif our_kind == "raises":
            problem = f"apiway raises {our_value!r}, Powertools answers {their_value!r}"
        elif isinstance(their_value, ReferenceView):
            if type(our_value).__name__ != type(their_value).__name__:
                problem = f"a {type(our_value).__name__}, Powertools a {type(their_value).__name__}"
            else:
                compare_views(our_value, their_value, here, raw, problems)
                problem = None
        else:
            problem = compare_values(our_value, their_value)
            deliberate = DELIBERATE.get((where, name))
            if problem and deliberate is not None and deliberate(raw, our_value, their_value):
                problem = None
        if problem:
            problems.append(f"{here}: {problem}")
    for name in public_methods(type(theirs)):
        if name not in NOT_PROVIDED_METHODS and not callable(getattr(ours, name, None)):
            problems.append(f"{where}.{name}(): apiway has no such method")


def empty_value(cls: type, name: str) -> Any:
    """What apiway answers for an absent field: the empty value of the property's declared
    type (``""`` for ``str``, None for ``str | None``, an empty view for a view)."""
    declared = inspect.signature(getattr(cls, name).fget).return_annotation
    declared = declared if isinstance(declared, str) else declared.__name__
    return {"str": "", "int": 0, "bool": False, "Any": None}.get(
        declared, None if "None" in declared else declared
    )


def compare_raised(cls: type, name: str, error: BaseException, our_kind: str, ours: Any) -> str | None:
    if isinstance(error, (KeyError, TypeError)):  # the field is absent (or null)
        if our_kind == "raises":
            return f"apiway raises {ours!r} for an absent field"
        empty = empty_value(cls, name)
        if isinstance(ours, DictWrapper) and type(ours).__name__ == empty and len(ours) == 0:
            return None
        if ours == empty and type(ours) is type(empty):
            return None
        return f"absent: apiway answers {ours!r}, expected {empty!r}"
    if name in ("json_body", "decoded_body"):  # invalid JSON or base64
        return None if isinstance(ours, InvalidBodyError) else f"apiway {ours!r}, Powertools raises {error!r}"
    return f"Powertools raises {error!r}, apiway {'raises' if our_kind == 'raises' else 'answers'} {ours!r}"


def compare_values(ours: Any, theirs: Any) -> str | None:
    if isinstance(theirs, dict):
        # Both frameworks answer headers as their own CaseInsensitiveDict, the rest as dicts.
        if (
            not isinstance(ours, dict)
            or type(ours).__name__ != type(theirs).__name__
            or dict(ours) != dict(theirs)
        ):
            return f"apiway {ours!r} ({type(ours).__name__}), Powertools {theirs!r} ({type(theirs).__name__})"
        return None
    if type(ours) is not type(theirs) or ours != theirs:
        return f"apiway {ours!r} ({type(ours).__name__}), Powertools {theirs!r} ({type(theirs).__name__})"
    return None


def views(sample: str) -> tuple[str, dict[str, Any], Any, Any]:
    raw = load_event(sample)
    name = event_class(raw)
    ours = getattr(apiway.events, name)(load_event(sample))
    theirs = getattr(reference_classes, name)(load_event(sample))
    return name, raw, ours, theirs


# -- the tests ----------------------------------------------------------------------------------
def test_every_authorizer_kind_has_a_sample() -> None:
    kinds = {event_class(load_event(sample)) for sample in SAMPLES}
    assert kinds == {
        "APIGatewayProxyEvent",
        "APIGatewayProxyEventV2",
        "LambdaFunctionUrlEvent",
        "ALBEvent",
        "VPCLatticeEvent",
        "VPCLatticeEventV2",
    }
    contexts = [(load_event(sample).get("requestContext") or {}) for sample in SAMPLES]
    rest_authorizers = [
        c.get("authorizer") or {} for c in contexts if "httpMethod" in c or "connectionId" in c
    ]
    v2_authorizers = [c.get("authorizer") or {} for c in contexts if "http" in c]
    assert any(a.get("claims") for a in rest_authorizers), "a REST sample with Cognito user pool claims"
    assert any(a.get("principalId") for a in rest_authorizers), "a REST sample with a Lambda authorizer"
    assert any((c.get("identity") or {}).get("userArn") for c in contexts), "a REST sample with an IAM caller"
    assert any(not a for a in rest_authorizers), "a REST sample without an authorizer"
    for kind in ("jwt", "iam", "lambda"):
        assert any(a.get(kind) for a in v2_authorizers), f"an HTTP API sample with a {kind} authorizer"
    assert any(not a for a in v2_authorizers), "a payload 2.0 sample without an authorizer"
    assert any(c.get("connectionId") for c in contexts), "a WebSocket sample"


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_property_answers_like_powertools(sample: str) -> None:
    name, raw, ours, theirs = views(sample)
    problems: list[str] = []
    compare_views(ours, theirs, name, raw, problems)
    assert not problems, f"{sample}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("sample", SAMPLES)
def test_look_up_methods_answer_like_powertools(sample: str) -> None:
    name, _, ours, theirs = views(sample)
    # VPC Lattice version 2: apiway answers the list of values joined (see _lattice_v2_headers)
    text = joined if name == "VPCLatticeEventV2" else (lambda _, value: value)
    single = theirs.query_string_parameters
    multi = theirs.multi_value_query_string_parameters
    for key in [*single, "missing"]:
        assert ours.get_query_string_value(key) == theirs.get_query_string_value(key), key
        assert ours.get_query_string_value(key, "fallback") == theirs.get_query_string_value(key, "fallback")
    for key in [*multi, "missing"]:
        assert ours.get_multi_value_query_string_values(key) == theirs.get_multi_value_query_string_values(
            key
        )
        assert ours.get_multi_value_query_string_values(
            key, ["x"]
        ) == theirs.get_multi_value_query_string_values(key, ["x"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Powertools deprecates get_header_value
        for header in [*theirs.headers, "missing"]:
            assert ours.get_header_value(header) == text(header, theirs.get_header_value(header)), header
            assert ours.get_header_value(header.upper(), "d") == text(
                header, theirs.get_header_value(header.upper(), "d")
            )
            assert ours.get_header_value(header, case_sensitive=True) == text(
                header, theirs.get_header_value(header, case_sensitive=True)
            )
    assert ours.raw_event == theirs.raw_event
    assert dict(ours) == dict(theirs)
    assert len(ours) == len(theirs)
    assert list(ours.keys()) == list(theirs.keys())


@pytest.mark.parametrize("sample", SAMPLES)
def test_authorizer_context_answers_like_powertools(sample: str) -> None:
    name, _, ours, theirs = views(sample)
    if name in ("ALBEvent", "VPCLatticeEvent", "VPCLatticeEventV2"):
        return  # no authorizer in these events
    if "requestContext" not in theirs.raw_event:
        pytest.fail(f"{sample} has no request context")
    our_authorizer = ours.request_context.authorizer
    their_authorizer = theirs.request_context.authorizer
    assert our_authorizer.get_context() == their_authorizer.get_context()
    for key in their_authorizer:
        assert our_authorizer[key] == their_authorizer[key]
        assert our_authorizer.get(key) == their_authorizer.get(key)


def test_the_walk_reaches_every_view_class() -> None:
    """The samples exercise every nested view Powertools has for these events."""
    reached: set[str] = set()

    def walk(view: Any) -> None:
        reached.add(type(view).__name__)
        for name in properties(type(view)):
            kind, value = outcome(view, name)
            if kind == "value" and isinstance(value, ReferenceView):
                walk(value)

    for sample in SAMPLES:
        walk(views(sample)[3])
    assert reached >= {
        "APIGatewayProxyEvent",
        "APIGatewayEventRequestContext",
        "APIGatewayEventIdentity",
        "APIGatewayEventAuthorizer",
        "RequestContextClientCert",
        "APIGatewayProxyEventV2",
        "LambdaFunctionUrlEvent",
        "RequestContextV2",
        "RequestContextV2Http",
        "RequestContextV2Authorizer",
        "RequestContextV2AuthorizerIam",
        "ALBEvent",
        "ALBEventRequestContext",
        "VPCLatticeEvent",
        "VPCLatticeEventV2",
        "vpcLatticeEventV2RequestContext",
        "vpcLatticeEventV2Identity",
    }


def test_the_walk_finds_a_missing_property() -> None:
    """The comparison is not vacuous: a view lacking properties, or answering another type,
    is reported."""
    from apiway.events.rest import BaseRequestContext

    _, raw, _, theirs = views("apiGatewayWebSocketApiMessage.json")
    problems: list[str] = []
    compare_views(BaseRequestContext(raw["requestContext"]), theirs.request_context, "ctx", raw, problems)
    missing = ("authorizer", "connected_at", "connection_id", "event_type", "message_direction")
    missing += ("message_id", "operation_name", "route_key")
    assert problems == [f"ctx.{name}: apiway has no such property" for name in missing]
    assert compare_values(None, "") is not None
    assert compare_values({"a": "1"}, {"a": 1}) is not None


# -- module paths ---------------------------------------------------------------------------
_REFERENCE = "aws_lambda_powertools.utilities.data_classes"
REFERENCE_MODULES = {
    f"{_REFERENCE}.{name}": f"apiway.events.{name}"
    for name in ("api_gateway_proxy_event", "alb_event", "lambda_function_url_event", "vpc_lattice", "common")
}


def data_classes_of(module: Any) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if inspect.isclass(value) and value.__module__ in REFERENCE_MODULES and not name.startswith("_")
    }


@pytest.mark.parametrize(("reference", "ours"), REFERENCE_MODULES.items())
def test_each_module_path_exports_the_same_classes(reference: str, ours: str) -> None:
    import importlib

    reference_module = importlib.import_module(reference)
    our_module = importlib.import_module(ours)
    expected = data_classes_of(reference_module)
    assert expected, reference
    missing = sorted(name for name in expected if not hasattr(our_module, name))
    assert not missing, f"{ours} lacks {missing}"
    assert expected <= set(our_module.__all__)


def test_the_package_exports_the_http_event_classes() -> None:
    # The package also exports the other event sources' classes (SQS, S3, ...), which are
    # not HTTP events and not part of apiway.
    expected = {
        name
        for name in reference_classes.__all__
        if inspect.isclass(getattr(reference_classes, name))
        and getattr(reference_classes, name).__module__ in REFERENCE_MODULES
    }
    assert expected == {
        "APIGatewayProxyEvent",
        "APIGatewayProxyEventV2",
        "ALBEvent",
        "LambdaFunctionUrlEvent",
        "VPCLatticeEvent",
        "VPCLatticeEventV2",
    }
    assert expected <= set(apiway.events.__all__)
    # Every class the module paths export is also at the package root.
    for module in REFERENCE_MODULES:
        names = data_classes_of(__import__(module, fromlist=["_"])) - {"CaseInsensitiveDict"}
        assert names <= set(apiway.events.__all__), module


# -- the query string of a repeated key, through both handlers -----------------------------------
@pytest.mark.parametrize(
    ("source", "raw_query", "single", "expected"),
    [
        # HTTP APIs and Function URLs join a repeated key's values with commas.
        ("http", "tag=a&tag=b", {"tag": "a,b"}, "a,b"),
        ("function_url", "tag=a&tag=b", {"tag": "a,b"}, "a,b"),
        # REST APIs keep the last value in the single-value map.
        ("rest", None, {"tag": "b"}, "b"),
    ],
)
def test_repeated_query_key_answers_like_the_powertools_handler(
    source: str, raw_query: str | None, single: dict[str, str], expected: str
) -> None:
    from aws_lambda_powertools import event_handler

    import apiway

    samples = {"http": "apiGatewayProxyV2Event.json", "function_url": "lambdaFunctionUrlEvent.json"}
    raw = load_event(samples.get(source, "apiGatewayProxyEvent.json"))
    raw["queryStringParameters"] = single
    if raw_query is not None:
        raw["rawQueryString"] = raw_query
        raw["rawPath"] = raw["requestContext"]["http"]["path"] = "/my/path"
    else:
        raw["multiValueQueryStringParameters"] = {"tag": ["a", "b"]}
    resolvers = {"http": "APIGatewayHttpResolver", "function_url": "LambdaFunctionUrlResolver"}
    answers = []
    for module in (apiway, event_handler):
        app = getattr(module, resolvers.get(source, "APIGatewayRestResolver"))()

        @app.route("/my/path", method=["GET", "POST"])
        def read(app: Any = app) -> dict[str, Any]:
            return {"tag": app.current_event.get_query_string_value("tag")}

        answers.append(json.loads(app.resolve(json.loads(json.dumps(raw)), None)["body"]))
    assert answers == [{"tag": expected}, {"tag": expected}]

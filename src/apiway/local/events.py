"""Build the Lambda event each HTTP source sends, from a plain HTTP request.

The local server, the WSGI adapter and the test client all call :func:`build_event`, so
what a test sees is what ``apiway serve`` hands the app. What each source does to a request
(checked against AWS's sample events, kept in ``tests/fixtures/events``):

| source           | path                    | query string                      | headers                  |
|------------------|-------------------------|-----------------------------------|--------------------------|
| ``rest``         | percent-encoded         | decoded, last value + multi-value | as sent, last + multi    |
| ``http``         | decoded, stage prefixed | raw + decoded, repeats joined     | lower-cased, joined      |
| ``function-url`` | percent-encoded         | raw + decoded, repeats joined     | lower-cased, joined      |
| ``alb``          | percent-encoded         | still encoded, last value         | lower-cased, last value  |
| ``alb-multi``    | percent-encoded         | still encoded, every value        | lower-cased, every value |
| ``lattice``      | encoded, ``?query`` too | decoded, last value               | lower-cased, joined      |
| ``lattice-v2``   | encoded, ``?query`` too | decoded, every value              | lower-cased, every value |

Payload 2.0 sources move the ``Cookie`` header into a ``cookies`` list. Bodies that are not
UTF-8 text of a textual media type go base64-encoded with ``isBase64Encoded: true``
(``is_base64_encoded`` in VPC Lattice version 1 events).
"""

import time
import uuid
from urllib.parse import unquote, unquote_plus

from apiway.codec import b64encode
from apiway.cookies import MONTHS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

#: Every source name the builder, server and test client accept.
SOURCES = ("rest", "http", "alb", "alb-multi", "function-url", "lattice", "lattice-v2")
DEFAULT_STAGE = "$default"
ACCOUNT_ID = "123456789012"
API_ID = "local"
TARGET_GROUP_ARN = (
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/apiway-local/0123456789abcdef"
)
REGION = "us-east-1"
_LATTICE_ARN = f"arn:aws:vpc-lattice:{REGION}:{ACCOUNT_ID}"

_TEXT_MEDIA = frozenset(
    (
        "application/json",
        "application/x-www-form-urlencoded",
        "application/xml",
        "application/javascript",
        "application/graphql",
        "application/x-ndjson",
    )
)


def check_source(source: str) -> str:
    """``source`` if it is one of :data:`SOURCES`, else a ``ValueError`` listing them."""
    if source not in SOURCES:
        raise ValueError(f"unknown event source {source!r}; choose one of {', '.join(SOURCES)}")
    return source


def is_text_media(content_type: "str | None") -> bool:
    """True for media types the platforms pass as plain text (text/*, JSON, form, XML)."""
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media.startswith("text/") or media in _TEXT_MEDIA or media.endswith(("+json", "+xml"))


def encode_body(body: bytes, content_type: "str | None") -> "tuple[str, bool]":
    """The event ``body`` text and its ``isBase64Encoded`` flag."""
    if not body:
        return "", False
    if is_text_media(content_type):
        try:
            return body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
    return b64encode(body), True


def split_query(query: str) -> "list[tuple[str, str]]":
    """Name/value pairs of a raw query string, in order and still percent-encoded."""
    pairs: list[tuple[str, str]] = []
    for part in query.split("&"):
        if part:
            name, _, value = part.partition("=")
            pairs.append((name, value))
    return pairs


def decode_query(query: str) -> "list[tuple[str, str]]":
    """Name/value pairs of a raw query string, percent- and ``+``-decoded."""
    return [(unquote_plus(name), unquote_plus(value)) for name, value in split_query(query)]


def group(pairs: "Iterable[tuple[str, str]]", lower: bool = False) -> "dict[str, list[str]]":
    """Values grouped by name, in order; names compare without case when ``lower``, and the
    first spelling is kept (or the lower-cased one)."""
    grouped: dict[str, list[str]] = {}
    if lower:
        for name, value in pairs:
            grouped.setdefault(name.lower(), []).append(value)
        return grouped
    spelling: dict[str, str] = {}
    for name, value in pairs:
        key = spelling.setdefault(name.lower(), name)
        grouped.setdefault(key, []).append(value)
    return grouped


def request_time(epoch: float) -> str:
    """``04/Mar/2020:19:15:17 +0000``, the form of ``requestTime`` (locale-independent)."""
    t = time.gmtime(epoch)
    return (
        f"{t.tm_mday:02d}/{MONTHS[t.tm_mon - 1]}/{t.tm_year:04d}:"
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000"
    )


def _header(headers: "list[tuple[str, str]]", name: str) -> "str | None":
    found = None
    for key, value in headers:
        if key.lower() == name:
            found = value
    return found


def build_event(
    source: str,
    method: str,
    path: str,
    query: str = "",
    headers: "Iterable[tuple[str, str]]" = (),
    body: bytes = b"",
    *,
    source_ip: str = "127.0.0.1",
    stage: "str | None" = None,
    request_epoch: "float | None" = None,
    protocol: str = "HTTP/1.1",
    request_id: "str | None" = None,
) -> "dict[str, Any]":
    """The Lambda event ``source`` would send for one HTTP request.

    ``path`` and ``query`` are raw, as on the request line (percent-encoded, no ``?``);
    ``headers`` are ``(name, value)`` pairs in order, repeats allowed; ``stage`` names the
    API Gateway stage (``$default`` when None; only ``rest`` and ``http`` have stages).
    """
    check_source(source)
    stage = DEFAULT_STAGE if stage is None else stage
    if stage != DEFAULT_STAGE and source not in ("rest", "http"):
        raise ValueError(f"the {source} source has no stages; leave the stage unset")
    request = _Request(
        method.upper(),
        path or "/",
        query,
        list(headers),
        bytes(body),
        source_ip,
        stage,
        time.time() if request_epoch is None else request_epoch,
        protocol,
        request_id or str(uuid.uuid4()),
    )
    return _BUILDERS[source](request)


class _Request:
    __slots__ = (
        "body",
        "epoch",
        "headers",
        "method",
        "path",
        "protocol",
        "query",
        "request_id",
        "source_ip",
        "stage",
    )

    def __init__(
        self,
        method: str,
        path: str,
        query: str,
        headers: "list[tuple[str, str]]",
        body: bytes,
        source_ip: str,
        stage: str,
        epoch: float,
        protocol: str,
        request_id: str,
    ):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.source_ip = source_ip
        self.stage = stage
        self.epoch = epoch
        self.protocol = protocol
        self.request_id = request_id

    def header(self, name: str) -> "str | None":
        return _header(self.headers, name)

    def domain(self) -> "tuple[str, str]":
        host = self.header("host") or "localhost"
        return host, host.split(".", 1)[0].split(":", 1)[0]

    def encoded_body(self) -> "tuple[str, bool]":
        return encode_body(self.body, self.header("content-type"))


def _rest(request: "_Request") -> "dict[str, Any]":
    """API Gateway REST API, payload 1.0."""
    headers = group(request.headers)
    pairs = decode_query(request.query)
    multi_query = group(pairs) if pairs else None
    path = request.path
    resource = "/" if path == "/" else "/{proxy+}"
    path_parameters = None if path == "/" else {"proxy": unquote(path[1:])}
    body, encoded = request.encoded_body()
    domain, prefix = request.domain()
    user_agent = request.header("user-agent")
    return {
        "version": "1.0",
        "resource": resource,
        "path": path,
        "httpMethod": request.method,
        "headers": {name: values[-1] for name, values in headers.items()},
        "multiValueHeaders": headers,
        "queryStringParameters": dict(pairs) if pairs else None,
        "multiValueQueryStringParameters": multi_query,
        "requestContext": {
            "accountId": ACCOUNT_ID,
            "apiId": API_ID,
            "domainName": domain,
            "domainPrefix": prefix,
            "extendedRequestId": request.request_id,
            "httpMethod": request.method,
            "identity": {
                "accessKey": None,
                "accountId": None,
                "caller": None,
                "cognitoAuthenticationProvider": None,
                "cognitoAuthenticationType": None,
                "cognitoIdentityId": None,
                "cognitoIdentityPoolId": None,
                "principalOrgId": None,
                "sourceIp": request.source_ip,
                "user": None,
                "userAgent": user_agent,
                "userArn": None,
            },
            "path": path if request.stage == DEFAULT_STAGE else f"/{request.stage}{path}",
            "protocol": request.protocol,
            "requestId": request.request_id,
            "requestTime": request_time(request.epoch),
            "requestTimeEpoch": int(request.epoch * 1000),
            "resourceId": API_ID,
            "resourcePath": resource,
            "stage": request.stage,
        },
        "pathParameters": path_parameters,
        "stageVariables": None,
        "body": body or None,
        "isBase64Encoded": encoded,
    }


def _v2(request: "_Request", raw_path: str, account_id: str) -> "dict[str, Any]":
    """Payload 2.0 (HTTP APIs and Function URLs) around an already-shaped ``raw_path``."""
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for name, values in group(request.headers, lower=True).items():
        if name == "cookie":
            cookies.extend(c.strip() for value in values for c in value.split(";") if c.strip())
        else:
            headers[name] = ",".join(values)
    query = {name: ",".join(values) for name, values in group(decode_query(request.query)).items()}
    domain, prefix = request.domain()
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": raw_path,
        "rawQueryString": request.query,
    }
    if cookies:
        event["cookies"] = cookies
    event["headers"] = headers
    if query:
        event["queryStringParameters"] = query
    event["requestContext"] = {
        "accountId": account_id,
        "apiId": API_ID,
        "domainName": domain,
        "domainPrefix": prefix,
        "http": {
            "method": request.method,
            "path": raw_path,
            "protocol": request.protocol,
            "sourceIp": request.source_ip,
            "userAgent": headers.get("user-agent", ""),
        },
        "requestId": request.request_id,
        "routeKey": "$default",
        "stage": request.stage,
        "time": request_time(request.epoch),
        "timeEpoch": int(request.epoch * 1000),
    }
    body, encoded = request.encoded_body()
    if body:
        event["body"] = body
    event["isBase64Encoded"] = encoded
    return event


def _http(request: "_Request") -> "dict[str, Any]":
    """API Gateway HTTP API, payload 2.0: the path arrives percent-decoded."""
    path = unquote(request.path)
    if request.stage != DEFAULT_STAGE:
        path = f"/{request.stage}{path}"
    return _v2(request, path, ACCOUNT_ID)


def _function_url(request: "_Request") -> "dict[str, Any]":
    """Lambda Function URL: payload 2.0 with the path still percent-encoded."""
    return _v2(request, request.path, "anonymous")


def _alb(request: "_Request", multi: bool) -> "dict[str, Any]":
    """Application Load Balancer: header names lower-cased, query string left encoded."""
    headers = group(request.headers, lower=True)
    query = group(split_query(request.query))
    body, encoded = request.encoded_body()
    event: dict[str, Any] = {
        "requestContext": {"elb": {"targetGroupArn": TARGET_GROUP_ARN}},
        "httpMethod": request.method,
        "path": request.path,
    }
    if multi:
        event["multiValueQueryStringParameters"] = query
        event["multiValueHeaders"] = headers
    else:
        event["queryStringParameters"] = {name: values[-1] for name, values in query.items()}
        event["headers"] = {name: values[-1] for name, values in headers.items()}
    event["body"] = body
    event["isBase64Encoded"] = encoded
    return event


def _alb_single(request: "_Request") -> "dict[str, Any]":
    return _alb(request, multi=False)


def _alb_multi(request: "_Request") -> "dict[str, Any]":
    return _alb(request, multi=True)


def _lattice_path(request: "_Request") -> str:
    # The path field may carry the query string after "?", besides the query field.
    return f"{request.path}?{request.query}" if request.query else request.path


def _lattice_headers(request: "_Request") -> "dict[str, list[str]]":
    return group(request.headers, lower=True)


def _lattice(request: "_Request") -> "dict[str, Any]":
    """VPC Lattice, event structure version 1: snake_case fields, one string per header."""
    headers = {
        name: ("; " if name == "cookie" else ", ").join(values)
        for name, values in _lattice_headers(request).items()
    }
    body, encoded = request.encoded_body()
    return {
        "raw_path": _lattice_path(request),
        "method": request.method,
        "headers": headers,
        "query_string_parameters": dict(decode_query(request.query)),
        "body": body,
        "is_base64_encoded": encoded,
    }


def _lattice_v2(request: "_Request") -> "dict[str, Any]":
    """VPC Lattice, event structure version 2: every header and query value in a list."""
    body, encoded = request.encoded_body()
    return {
        "version": "2.0",
        "path": _lattice_path(request),
        "method": request.method,
        "headers": _lattice_headers(request),
        "queryStringParameters": group(decode_query(request.query)),
        "body": body or None,
        "isBase64Encoded": encoded,
        "requestContext": {
            "serviceNetworkArn": f"{_LATTICE_ARN}:servicenetwork/sn-apiwaylocal0000",
            "serviceArn": f"{_LATTICE_ARN}:service/svc-apiwaylocal0000",
            "targetGroupArn": f"{_LATTICE_ARN}:targetgroup/tg-apiwaylocal0000",
            "identity": {"sourceVpcArn": f"arn:aws:ec2:{REGION}:{ACCOUNT_ID}:vpc/vpc-apiwaylocal0000"},
            "region": REGION,
            "timeEpoch": str(int(request.epoch * 1_000_000)),
        },
    }


_BUILDERS = {
    "rest": _rest,
    "http": _http,
    "function-url": _function_url,
    "alb": _alb_single,
    "alb-multi": _alb_multi,
    "lattice": _lattice,
    "lattice-v2": _lattice_v2,
}

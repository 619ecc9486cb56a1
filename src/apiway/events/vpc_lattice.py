"""VPC Lattice events, event structure versions 1 and 2.

Version 1 spells its fields in snake_case (``raw_path``, ``query_string_parameters``,
``is_base64_encoded``) and joins a repeated header into one comma-separated string; version
2 spells them in camelCase, lists every header and query value, and adds ``version`` and a
``requestContext`` (service network, service, target group, caller identity, region).
Both deliver the method as ``method``, and the path may carry the query string after ``?``.

This module is also the path Powertools users import these views from
(``aws_lambda_powertools.utilities.data_classes.vpc_lattice``).
"""

from apiway.events.base import (
    BaseProxyEvent,
    DictWrapper,
    as_dict,
    as_text,
    as_text_list,
    join_header_values,
)
from apiway.headers import CaseInsensitiveDict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = [
    "BaseProxyEvent",
    "CaseInsensitiveDict",
    "DictWrapper",
    "VPCLatticeEvent",
    "VPCLatticeEventBase",
    "VPCLatticeEventV2",
    "vpcLatticeEventV2Identity",
    "vpcLatticeEventV2RequestContext",
]


class VPCLatticeEventBase(BaseProxyEvent):
    """What both VPC Lattice event versions share: the method in ``method``, and a path field
    that may end with the query string."""

    __slots__ = ()
    #: The event field holding the path: ``raw_path`` (version 1) or ``path`` (version 2).
    _path_field = "path"

    @property
    def method(self) -> str:
        """The HTTP method, as delivered."""
        return self.get("method", "")

    @property
    def http_method(self) -> str:
        return self.get("method", "")

    @property
    def path(self) -> str:
        """The request path, without the query string VPC Lattice may leave on it."""
        path = self.get(self._path_field, "")
        return path.partition("?")[0] if isinstance(path, str) else path


class VPCLatticeEvent(VPCLatticeEventBase):
    """A request from a VPC Lattice target group with event structure version 1."""

    __slots__ = ()
    _path_field = "raw_path"

    @property
    def raw_path(self) -> str:
        """The path as delivered, query string included when VPC Lattice left it there."""
        return self.get("raw_path", "")

    @property
    def is_base64_encoded(self) -> "bool | None":
        flag = self._data.get("is_base64_encoded")
        return None if flag is None else flag is True

    def _build_query(self) -> "dict[str, str]":
        # Version 1 keeps one value per name (the last one of a repeated name).
        query: dict[str, str] = {}
        for name, value in as_dict(self._data.get("query_string_parameters")).items():
            text = as_text(value)
            if text is not None:
                query[str(name)] = text
        return query

    def _build_multi_value_query(self) -> "dict[str, list[str]]":
        return {name: [value] for name, value in self.query_string_parameters.items()}


class vpcLatticeEventV2Identity(DictWrapper):  # lower-case v: the name Powertools users import
    """``requestContext.identity``: the caller (VPC, IAM principal, X.509 certificate fields)."""

    __slots__ = ()

    def _either(self, spelling: str, other: str) -> "str | None":
        # The X.509 fields have been published with both capitalizations of their first letter.
        value = self.get(spelling)
        return self.get(other) if value is None else value

    @property
    def source_vpc_arn(self) -> "str | None":
        """The VPC the request came from."""
        return self.get("sourceVpcArn")

    @property
    def get_type(self) -> "str | None":
        """How the caller authenticated: ``AWS_IAM``, or None for an unauthenticated request."""
        return self.get("type")

    @property
    def principal(self) -> "str | None":
        """The authenticated IAM principal's ARN."""
        return self.get("principal")

    @property
    def principal_org_id(self) -> "str | None":
        """The AWS organization of the principal."""
        return self.get("principalOrgID")

    @property
    def session_name(self) -> "str | None":
        return self.get("sessionName")

    @property
    def x509_subject_cn(self) -> "str | None":
        """Subject common name of an IAM Roles Anywhere caller's certificate."""
        return self._either("x509SubjectCn", "X509SubjectCn")

    @property
    def x509_issuer_ou(self) -> "str | None":
        return self._either("x509IssuerOu", "X509IssuerOu")

    @property
    def x509_san_dns(self) -> "str | None":
        return self._either("x509SanDns", "X509SanDns")

    @property
    def x509_san_uri(self) -> "str | None":
        return self._either("x509SanUri", "X509SanUri")

    @property
    def x509_san_name_cn(self) -> "str | None":
        return self._either("x509SanNameCn", "X509SanNameCn")


class vpcLatticeEventV2RequestContext(DictWrapper):  # the name Powertools users import
    """``requestContext`` of a version 2 event: where the request went and who sent it."""

    __slots__ = ()

    @property
    def service_network_arn(self) -> str:
        return self.get("serviceNetworkArn", "")

    @property
    def service_arn(self) -> str:
        return self.get("serviceArn", "")

    @property
    def target_group_arn(self) -> str:
        return self.get("targetGroupArn", "")

    @property
    def identity(self) -> "vpcLatticeEventV2Identity":
        return vpcLatticeEventV2Identity(self.get("identity"))

    @property
    def region(self) -> str:
        return self.get("region", "")

    @property
    def time_epoch(self) -> "str | None":
        """When the request arrived, in microseconds since the epoch (a string of digits)."""
        return self.get("timeEpoch")


class VPCLatticeEventV2(VPCLatticeEventBase):
    """A request from a VPC Lattice target group with event structure version 2.

    Lattice lists every header value: ``multi_value_headers`` keeps the lists, and ``headers``
    joins each into one string (``", "``; ``"; "`` for cookies), as for every other source.
    ``query_string_parameters`` joins a repeated name's values with commas, and
    ``multi_value_query_string_parameters`` keeps them as lists.
    """

    __slots__ = ("_mvh",)

    def __init__(self, data: "Any", json_deserializer: "Callable[..., Any] | None" = None):
        super().__init__(data, json_deserializer)
        self._mvh: CaseInsensitiveDict | None = None

    @property
    def version(self) -> str:
        """The event structure version, ``"2.0"``."""
        return self.get("version", "")

    @property
    def request_context(self) -> "vpcLatticeEventV2RequestContext":
        return vpcLatticeEventV2RequestContext(self.get("requestContext"))

    @property
    def multi_value_headers(self) -> "CaseInsensitiveDict":
        """Request headers with every value, in order; look-ups ignore case."""
        if self._mvh is None:
            mvh = CaseInsensitiveDict()
            for name, values in as_dict(self._data.get("headers")).items():
                # as_text_list also takes the one string per header of early version 2 events
                texts = as_text_list(values)
                if texts:
                    mvh[str(name)] = texts
            self._mvh = mvh
        return self._mvh

    def _build_headers(self) -> "CaseInsensitiveDict":
        return CaseInsensitiveDict(
            (name, join_header_values(name, values)) for name, values in self.multi_value_headers.items()
        )

    def get_header_value(
        self, name: str, default_value: "str | None" = None, case_sensitive: bool = False
    ) -> "str | None":
        if case_sensitive:
            if name not in as_dict(self._data.get("headers")):
                return default_value
            values = as_text_list(self._data["headers"][name])
            return join_header_values(name, values) if values else default_value
        return super().get_header_value(name, default_value)

    def _build_query(self) -> "dict[str, str]":
        return {name: ",".join(values) for name, values in self.multi_value_query_string_parameters.items()}

    def _build_multi_value_query(self) -> "dict[str, list[str]]":
        multi: dict[str, list[str]] = {}
        for name, values in as_dict(self._data.get("queryStringParameters")).items():
            texts = as_text_list(values)
            if texts:
                multi[str(name)] = texts
        return multi

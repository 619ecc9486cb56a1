"""Application Load Balancer events (single- and multi-value header modes)."""

from apiway.events.base import DictWrapper, MultiValueProxyEvent, as_dict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class ALBEventRequestContext(DictWrapper):
    """``requestContext`` of an ALB event: the target group."""

    __slots__ = ()

    @property
    def elb_target_group_arn(self) -> "str | None":
        return as_dict(self.get("elb")).get("targetGroupArn")


def _unquote_plus(text: str) -> str:
    if "%" not in text and "+" not in text:
        return text
    from urllib.parse import unquote_plus

    return unquote_plus(text)


class ALBEvent(MultiValueProxyEvent):
    """An ALB request. ALB forwards the query string still percent-encoded; apiway decodes it
    once (``decode_query_parameters=False`` keeps it raw)."""

    __slots__ = ("decode_query_parameters",)

    def __init__(self, data: "Any", json_deserializer: "Any" = None, decode_query_parameters: bool = True):
        super().__init__(data, json_deserializer)
        self.decode_query_parameters = decode_query_parameters

    @property
    def multi_value_mode(self) -> bool:
        """True when the target group delivers multi-value headers and query strings."""
        return "multiValueHeaders" in self._data

    @property
    def request_context(self) -> "ALBEventRequestContext":
        return ALBEventRequestContext(self.get("requestContext"))

    def _build_query(self) -> "dict[str, str]":
        query = super()._build_query()
        if not self.decode_query_parameters:
            return query
        return {_unquote_plus(k): _unquote_plus(v) for k, v in query.items()}

    def _build_multi_value_query(self) -> "dict[str, list[str]]":
        multi = super()._build_multi_value_query()
        if not self.decode_query_parameters:
            return multi
        return {_unquote_plus(k): [_unquote_plus(v) for v in vs] for k, vs in multi.items()}

"""``Request``: the request as handlers, dependencies and middlewares read it.

Importable as ``apiway.request.Request`` (and ``apiway.Request``); see :mod:`apiway.request`.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.events.base import BaseProxyEvent


def openapi_path(rule: str) -> str:
    """A rule in OpenAPI form: ``/todos/<todo_id>`` becomes ``/todos/{todo_id}``."""
    # perf: str.find, not a regular expression (re is not loaded on the common path)
    start = rule.find("<")
    if start < 0:
        return rule
    parts = []
    done = 0
    while start >= 0:
        end = rule.find(">", start + 1)
        if end < 0:
            break
        parts.append(rule[done:start] + "{" + rule[start + 1 : end] + "}")
        done = end + 1
        start = rule.find("<", done)
    parts.append(rule[done:])
    return "".join(parts)


class Request:
    """The request a handler, dependency or middleware reads: the matched route, its path
    parameters, the method, headers, query, body and the typed event.

    ``app.request`` gives it, and a handler or ``Depends`` function parameter annotated
    ``Request`` receives it. Same constructor, names and meanings as the Powertools
    ``Request``.
    """

    __slots__ = ("_context", "_current_event", "_path_parameters", "_route_path")

    def __init__(
        self,
        route_path: "str | None",
        path_parameters: "dict[str, Any]",
        current_event: "BaseProxyEvent",
        context: "dict[str, Any] | None" = None,
    ) -> None:
        self._route_path = route_path
        self._path_parameters = path_parameters
        self._current_event = current_event
        self._context = context if context is not None else {}

    @property
    def route(self) -> "str | None":
        """The matched rule as an OpenAPI path (``/todos/{todo_id}``); None when no route matched."""
        return self._route_path

    @property
    def path_parameters(self) -> "dict[str, Any]":
        """The path's parameters as routing found them (``{"todo_id": "42"}``)."""
        return self._path_parameters

    @property
    def method(self) -> str:
        """The HTTP method, upper-case."""
        return self._current_event.http_method.upper()

    @property
    def headers(self) -> "dict[str, str]":
        """The request headers (look-ups ignore case)."""
        return self._current_event.headers

    @property
    def query_parameters(self) -> "dict[str, str]":
        """The query parameters, one value each."""
        return self._current_event.query_string_parameters

    @property
    def body(self) -> "str | None":
        """The body as the event carries it (base64 when the event says so), or None."""
        return self._current_event.body

    @property
    def json_body(self) -> "Any":
        """The body decoded as JSON."""
        return self._current_event.json_body

    @property
    def resolved_event(self) -> "BaseProxyEvent":
        """The typed event of this invocation (``app.current_event``)."""
        return self._current_event

    @property
    def context(self) -> "dict[str, Any]":
        """The dict behind ``app.context`` for this invocation."""
        return self._context

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.route}>"


# Its documented home (the Powertools module layout): apiway.request.
Request.__module__ = "apiway.request"

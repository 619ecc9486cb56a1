"""The response object handlers return and stages pass outwards."""

# perf: the literal, not an import of apiway.content_types (one module less at cold start);
# it is the same interned string as content_types.APPLICATION_JSON.
JSON = "application/json"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, Generic

    from typing_extensions import TypeVar

    from apiway.cookies import Cookie

    #: The body's type, for annotations such as ``-> Response[str]`` (``Any`` when left out).
    BodyT = TypeVar("BodyT", default=Any)

    class GenericBody(Generic[BodyT]):
        """Type checkers see ``Response`` as generic in its body."""

else:
    # perf: at run time the base type checkers see is plain ``object`` (one class less at cold
    # start); ``Response[str]`` works through ``Response.__class_getitem__``.
    GenericBody = {"BodyT": object}


class Response(GenericBody["BodyT"]):
    """Full control over status, body, headers and cookies of a response.

    ``headers`` values are a string or a list of strings; ``content_type`` is merged into them
    unless they already name a ``Content-Type``. ``bytes`` bodies are sent base64-encoded,
    and any body other than text or bytes is sent as JSON (``Content-Type: application/json``
    when none is given). A response without a body answers an empty one, on every source.
    ``compress`` asks for gzip (when the client accepts it) or, with ``False``, forbids it.
    """

    if not TYPE_CHECKING:
        # ``Response[str]`` at run time, without importing ``typing``: a types.GenericAlias.
        __class_getitem__ = classmethod(type(list[int]))

    # Defaults shared by every instance until set (responses made by apiway set only the rest).
    base64_encoded = False
    compress: "bool | None" = None
    content_type: "str | None" = None

    def __init__(
        self,
        status_code: int,
        content_type: "str | None" = None,
        body: "BodyT | None" = None,
        headers: "Mapping[str, str | list[str]] | None" = None,
        cookies: "list[Cookie] | None" = None,
        compress: "bool | None" = None,
    ):
        self.status_code = status_code
        # No body is an empty one, whatever the content type: never JSON's "null".
        self.body: Any = "" if body is None else body
        self.base64_encoded = False
        self.headers: dict[str, str | list[str]] = dict(headers) if headers else {}
        self.cookies: list[Cookie] = cookies or []
        self.compress = compress
        self.content_type = content_type
        if content_type:
            self.headers.setdefault("Content-Type", content_type)

    def is_json(self) -> bool:
        """True when the Content-Type header is JSON (``application/json`` or ``+json``)."""
        headers = self.headers
        value = headers.get("Content-Type")
        if value is JSON:
            return True  # perf: set by json_response / content_types.APPLICATION_JSON
        if value is None:
            for key in headers:
                if key.lower() == "content-type":
                    value = headers[key]
                    break
            else:
                return False
        if isinstance(value, list):
            value = value[0] if value else ""
        media = value.split(";", 1)[0].strip().lower()
        return media == JSON or media.endswith("+json")

    def __repr__(self) -> str:
        return f"<Response {self.status_code} headers={self.headers!r}>"


def json_response(status_code: int, body: "Any") -> "Response":
    """A JSON response (the body is serialized later by the serialization stage)."""
    response = Response.__new__(Response)
    # perf: skips __init__'s generic merging; this is the common path for dict results, and
    # base64_encoded / compress fall back to the class defaults.
    response.status_code = status_code
    response.body = body
    response.headers = {"Content-Type": JSON}
    response.cookies = []
    response.content_type = JSON
    return response


OCTET_STREAM = "application/octet-stream"


def to_response(result: "Any", status_code: int = 200) -> "Response":
    """Turn what a handler returned into a :class:`Response`.

    ``Response`` passes through; ``(body, status)`` and ``(body, status, headers)`` set the
    status (and headers); ``bytes`` become ``application/octet-stream``; anything else
    (dict, list, str, None, ...) is a JSON response, serialized later by the serialization
    stage (a ``str`` is taken as already-serialized JSON text).
    """
    if type(result) is dict:
        return json_response(status_code, result)
    if isinstance(result, Response):
        return result
    headers = None
    if isinstance(result, tuple) and len(result) in (2, 3):
        if len(result) == 3:
            result, status_code, headers = result
        else:
            result, status_code = result
        if isinstance(result, Response):
            result.status_code = status_code
            if headers:
                result.headers.update(headers)
            return result
    if isinstance(result, (bytes, bytearray)):
        return Response(status_code, OCTET_STREAM, bytes(result), headers)
    response = json_response(status_code, result)
    if headers:
        response.headers.update(headers)
    return response

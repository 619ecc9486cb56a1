"""CORS configuration: which origins may call the API and what the browser is told.

Every header value is computed once here, when the config is built; the CORS stage only
looks them up per request.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


def normalize_origin(origin: str) -> str:
    """Lower-case an origin and drop a trailing slash, for comparison."""
    return origin.strip().rstrip("/").lower()


class CORSConfig:
    """Cross-origin settings for a resolver (``cors=CORSConfig(...)``) and its routes."""

    # A list, like the API users migrate from: code extends it with `+ [...]`.
    _REQUIRED_HEADERS = ["Authorization", "Content-Type", "X-Amz-Date", "X-Api-Key", "X-Amz-Security-Token"]

    def __init__(
        self,
        allow_origin: str = "*",
        extra_origins: "list[str] | None" = None,
        allow_headers: "list[str] | None" = None,
        expose_headers: "list[str] | None" = None,
        max_age: "int | None" = None,
        allow_credentials: bool = False,
    ):
        origins = [allow_origin, *(extra_origins or [])]
        for origin in origins:
            if not isinstance(origin, str) or not origin.strip() or not origin.isprintable():
                raise ValueError(f"CORSConfig: invalid origin {origin!r}; use '*' or 'https://host[:port]'")
        for name in [*(allow_headers or []), *(expose_headers or [])]:
            if not isinstance(name, str) or not name.strip() or not name.isprintable() or "," in name:
                raise ValueError(f"CORSConfig: invalid header name {name!r}")
        self._allowed_origins = origins
        self.allow_any_origin = "*" in origins
        if self.allow_any_origin and allow_credentials:
            import warnings

            # Browsers refuse credentialed answers for '*', so none is ever sent with it; said
            # once, here, rather than left for the browser console to reveal.
            warnings.warn(
                "CORSConfig: allow_credentials=True has no effect for origins answered with '*' "
                "(browsers refuse credentials for '*'); list the allowed origins to send "
                "Access-Control-Allow-Credentials",
                UserWarning,
                stacklevel=2,
            )
        if max_age is not None and (not isinstance(max_age, int) or max_age < 0):
            raise ValueError(f"CORSConfig: max_age must be a non-negative int of seconds, not {max_age!r}")
        self.allow_headers = set(self._REQUIRED_HEADERS) | set(allow_headers or [])
        self.expose_headers = list(expose_headers or [])
        self.max_age = max_age
        self.allow_credentials = allow_credentials
        # Canonical spelling of each allowed origin, keyed by its normalized form.
        self._origin_map = {normalize_origin(o): o.strip().rstrip("/") for o in origins if o != "*"}
        self.allow_headers_value = ",".join(sorted(self.allow_headers))
        self.expose_headers_value = ",".join(self.expose_headers)
        self.max_age_value = None if max_age is None else str(max_age)

    def match_origin(self, origin: "str | None", relaxed: bool = False) -> "str | None":
        """The ``Access-Control-Allow-Origin`` value for a request ``Origin``, or None if not allowed.

        ``null`` is only allowed when listed explicitly; ``relaxed`` (debug mode) echoes any other
        printable origin back.
        """
        if not origin:
            return None
        key = normalize_origin(origin)
        listed = self._origin_map.get(key)
        if listed is not None:
            return listed
        if key == "null":
            return None
        if relaxed:
            # Echoed into a header: never text that would corrupt it (CR, LF, ...).
            echoed = origin.strip()
            return echoed if echoed.isprintable() and len(echoed) <= 1024 else None
        if self.allow_any_origin:
            return "*"
        return None

    def headers_for(self, allowed_origin: str) -> "dict[str, str]":
        """CORS headers for an actual (non-preflight) response to an allowed origin."""
        headers = {
            "Access-Control-Allow-Origin": allowed_origin,
            "Access-Control-Allow-Headers": self.allow_headers_value,
        }
        if self.expose_headers_value:
            headers["Access-Control-Expose-Headers"] = self.expose_headers_value
        if self.max_age_value is not None:
            headers["Access-Control-Max-Age"] = self.max_age_value
        if self.allow_credentials and allowed_origin != "*":
            headers["Access-Control-Allow-Credentials"] = "true"
        return headers

    # Compatibility helpers: same names and results as the API users migrate from.
    def to_dict(self, origin: "str | None") -> "dict[str, str]":
        """Headers for ``origin`` if it is allowed, else an empty dict."""
        allowed = self.match_origin(origin)
        return self.headers_for(allowed) if allowed else {}

    def allowed_origin(self, extracted_origin: "str | None") -> "str | None":
        """The value to send as ``Access-Control-Allow-Origin`` for ``extracted_origin``, if any."""
        return self.match_origin(extracted_origin)

    @staticmethod
    def build_allow_methods(methods: "Iterable[str]") -> str:
        """Sorted, comma-separated method list for ``Access-Control-Allow-Methods``."""
        return ",".join(sorted(methods))

    def describe(self) -> "dict[str, object]":
        """The configuration, for pipeline introspection."""
        return {
            "allow_origin": self._allowed_origins,
            "allow_headers": sorted(self.allow_headers),
            "expose_headers": self.expose_headers,
            "max_age": self.max_age,
            "allow_credentials": self.allow_credentials,
        }

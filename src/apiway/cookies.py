"""Response cookies (``Set-Cookie``).

A cookie's name, value and attributes are checked when it is made (and again when it is
written, in case they were changed since), so that no value can end the cookie early and
add attributes of its own (``Cookie("sid", "x; Domain=evil.example")``) or break the
header: names are HTTP tokens (RFC 6265 / RFC 9110); values and attributes hold no ``;``,
``,`` or control character; attributes are ASCII.
"""

from apiway.sources import is_token

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime


class SameSite:
    """Values of the ``SameSite`` cookie attribute (``SameSite.LAX_MODE.value == "Lax"``)."""

    __slots__ = ("value",)

    DEFAULT_MODE: "SameSite"
    LAX_MODE: "SameSite"
    STRICT_MODE: "SameSite"
    NONE_MODE: "SameSite"

    def __init__(self, value: str):
        self.value = value

    def __repr__(self) -> str:
        return f"SameSite({self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SameSite) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)


# perf: plain class constants instead of an Enum keep `enum` out of the import path.
SameSite.DEFAULT_MODE = SameSite("")
SameSite.LAX_MODE = SameSite("Lax")
SameSite.STRICT_MODE = SameSite("Strict")
SameSite.NONE_MODE = SameSite("None")

_SEPARATORS = (";", ",")


def _refuse(what: str, text: object, problem: str) -> ValueError:
    return ValueError(f"Cookie {what} {text!r} {problem}")


def check_name(name: object) -> str:
    """``name`` if it is a valid cookie name (a non-empty HTTP token), else a ValueError."""
    # A cookie name is an HTTP token (RFC 9110, 5.6.2), as a header name is.
    if not isinstance(name, str) or not is_token(name):
        raise _refuse(
            "name",
            name,
            "is not a token: use letters, digits and !#$%&'*+-.^_`|~ only (no spaces, '=', ';' or ',')",
        )
    return name


def check_value(name: str, value: object) -> str:
    """``value`` if no character of it could end the cookie or break the header."""
    if not isinstance(value, str):
        raise TypeError(f"Cookie {name!r}: the value must be a str, not {type(value).__name__}")
    for position, char in enumerate(value):
        if char in _SEPARATORS or char < " " or char == "\x7f":
            # The value itself is not repeated: it may be a secret, and this may be logged.
            raise ValueError(
                f"Cookie value of {name!r} contains {char!r} (at {position}), which would end or "
                "break the cookie; encode the value first (urllib.parse.quote or base64)"
            )
    return value


def check_attribute(name: str, attribute: str, text: object) -> str:
    """``text`` if it is a safe attribute value: ASCII, no ``;``, ``,`` or control character."""
    if not isinstance(text, str):
        raise TypeError(f"Cookie {name!r}: {attribute} must be a str, not {type(text).__name__}")
    for char in text:
        if char in _SEPARATORS or not " " <= char < "\x7f":
            raise _refuse(
                attribute,
                text,
                f"of {name!r} contains {char!r}: cookie attributes are ASCII, without ';', ',' "
                "or control characters",
            )
    return text


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Month names as HTTP dates and API Gateway's ``requestTime`` write them (never the locale's).
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def http_date(moment: "datetime") -> str:
    """Format a datetime as an IMF-fixdate (``Wed, 21 Oct 2015 07:28:00 GMT``); naive means UTC."""
    offset = moment.utcoffset()
    if offset:
        moment = moment - offset
    return (
        f"{_DAYS[moment.weekday()]}, {moment.day:02d} {MONTHS[moment.month - 1]} {moment.year:04d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} GMT"
    )


class Cookie:
    """A cookie to set on the response; ``str(cookie)`` is its ``Set-Cookie`` value.

    Raises ``ValueError`` for a name that is not a token, a value with ``;``, ``,`` or a
    control character, and attributes that are not plain ASCII text.
    """

    def __init__(
        self,
        name: str,
        value: str,
        path: str = "",
        domain: str = "",
        secure: bool = True,
        http_only: bool = False,
        max_age: "int | None" = None,
        expires: "datetime | None" = None,
        same_site: "SameSite | None" = None,
        custom_attributes: "list[str] | None" = None,
    ):
        self.name = name
        self.value = value
        self.path = path
        self.domain = domain
        self.secure = secure
        self.http_only = http_only
        self.max_age = max_age
        self.expires = expires
        self.same_site = same_site
        self.custom_attributes = custom_attributes
        self.check()

    def check(self) -> None:
        """Refuse (``ValueError``) a name, value or attribute that could break the header."""
        name = check_name(self.name)
        check_value(name, self.value)
        if self.path:
            check_attribute(name, "path", self.path)
        if self.domain:
            check_attribute(name, "domain", self.domain)
        if self.same_site is not None:
            check_attribute(name, "same_site", getattr(self.same_site, "value", self.same_site))
        for custom in self.custom_attributes or ():
            check_attribute(name, "custom attribute", custom)

    def __str__(self) -> str:
        self.check()  # again: attributes may have been changed since the cookie was made
        parts = [f"{self.name}={self.value}"]
        if self.path:
            parts.append(f"Path={self.path}")
        if self.domain:
            parts.append(f"Domain={self.domain}")
        if self.expires:
            parts.append(f"Expires={http_date(self.expires)}")
        if self.max_age is not None:
            parts.append(f"Max-Age={max(int(self.max_age), 0)}")
        if self.http_only:
            parts.append("HttpOnly")
        if self.secure:
            parts.append("Secure")
        if self.same_site and self.same_site.value:
            parts.append(f"SameSite={self.same_site.value}")
        if self.custom_attributes:
            parts.extend(self.custom_attributes)
        return "; ".join(parts)

    def __repr__(self) -> str:
        return f"Cookie({self.name!r})"

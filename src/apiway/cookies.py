"""Response cookies (``Set-Cookie``)."""

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

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def http_date(moment: "datetime") -> str:
    """Format a datetime as an IMF-fixdate (``Wed, 21 Oct 2015 07:28:00 GMT``); naive means UTC."""
    offset = moment.utcoffset()
    if offset:
        moment = moment - offset
    return (
        f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} {moment.year:04d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} GMT"
    )


class Cookie:
    """A cookie to set on the response; ``str(cookie)`` is its ``Set-Cookie`` value."""

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

    def __str__(self) -> str:
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

"""Header containers and helpers.

Request headers are exposed as a :class:`CaseInsensitiveDict` (keys stored lower-cased).
Response headers stay a plain ``dict`` (users build and compare them as such); the helpers
below find, set and merge entries in them without regard to case.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

    HeaderValue = str | list[str]


class CaseInsensitiveDict(dict):  # type: ignore[type-arg]
    """A dict of string keys looked up without regard to case; keys are stored lower-cased."""

    def __init__(self, data: "Mapping[str, Any] | Iterable[tuple[str, Any]] | None" = None, **kwargs: "Any"):
        super().__init__()
        if data is not None:
            self.update(data)
        if kwargs:
            self.update(kwargs)

    def __getitem__(self, key: str) -> "Any":
        return super().__getitem__(key.lower())

    def __setitem__(self, key: str, value: "Any") -> None:
        super().__setitem__(key.lower(), value)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())

    def get(self, key: str, default: "Any" = None) -> "Any":
        return super().get(key.lower(), default)

    def pop(self, key: str, *default: "Any") -> "Any":
        return super().pop(key.lower(), *default)

    def setdefault(self, key: str, default: "Any" = None) -> "Any":
        return super().setdefault(key.lower(), default)

    def update(self, data: "Any" = None, **kwargs: "Any") -> None:  # type: ignore[override]
        if data is not None:
            items = data.items() if hasattr(data, "items") else data
            for key, value in items:
                super().__setitem__(str(key).lower(), value)
        for key, value in kwargs.items():
            super().__setitem__(key.lower(), value)

    def copy(self) -> "CaseInsensitiveDict":
        return CaseInsensitiveDict(self)

    def __eq__(self, other: object) -> bool:
        if not hasattr(other, "items"):
            return False
        if not isinstance(other, CaseInsensitiveDict):
            other = CaseInsensitiveDict(other)  # type: ignore[arg-type]
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None

    def __or__(self, other: "Any") -> "CaseInsensitiveDict":
        merged = self.copy()
        merged.update(other)
        return merged

    def __ior__(self, other: "Any") -> "CaseInsensitiveDict":
        self.update(other)
        return self


def find_header(headers: "Mapping[str, Any]", name: str) -> "str | None":
    """Return the key under which ``name`` is stored in ``headers`` (any case), or None."""
    if name in headers:
        return name
    lowered = name.lower()
    for key in headers:
        if key.lower() == lowered:
            return key
    return None


def header_tokens(value: "Any") -> "list[str]":
    """Split a comma-separated header value (or a list of them) into trimmed, non-empty tokens."""
    if value is None:
        return []
    parts = value if isinstance(value, list) else [value]
    return [token.strip() for part in parts for token in str(part).split(",") if token.strip()]


def merge_headers(headers: "dict[str, Any]", items: "tuple[tuple[str, str, str], ...]", vary: str) -> None:
    """Set ``(name, lower-case name, value)`` items and add ``vary`` to ``Vary``, in one pass.

    Entries already stored under another case are replaced, never duplicated; an existing
    ``Vary`` keeps its values.
    """
    lowered = {key.lower(): key for key in headers}
    for name, lower, value in items:
        key = lowered.get(lower)
        if key is not None and key != name:
            del headers[key]
        headers[name] = value
    key = lowered.get("vary")
    if key is None:
        headers["Vary"] = vary
    else:
        add_vary(headers, vary)


def add_vary(headers: "dict[str, Any]", *names: str) -> None:
    """Merge ``names`` into the ``Vary`` header, keeping existing entries and never duplicating one."""
    key = find_header(headers, "Vary")
    existing = header_tokens(headers[key]) if key is not None else []
    if "*" in existing:
        return
    seen = {token.lower() for token in existing}
    for name in names:
        if name.lower() not in seen:
            existing.append(name)
            seen.add(name.lower())
    if key is not None and key != "Vary":
        del headers[key]
    headers["Vary"] = ", ".join(existing)


def allow_header(methods: "Iterable[str]") -> str:
    """The ``Allow`` value for a path: its methods, plus HEAD with GET, plus OPTIONS."""
    allowed = set(methods)
    if "GET" in allowed:
        allowed.add("HEAD")
    allowed.add("OPTIONS")
    return ", ".join(sorted(allowed))


def cors_headers(headers: "Mapping[str, Any]") -> "dict[str, Any]":
    """The ``Access-Control-*`` and ``Vary`` entries of a response's headers."""
    found: dict[str, Any] = {}
    for name, value in headers.items():
        lowered = name.lower()
        if lowered.startswith("access-control-") or lowered == "vary":
            found[name] = value
    return found

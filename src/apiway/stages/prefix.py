"""The prefix stage: removes custom-domain mapping prefixes (``strip_prefixes``)."""

from apiway.routing import MAX_PATH_LENGTH, has_dot_segment
from apiway.stages import Stage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from re import Pattern
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver


def strip_prefix(path: str, prefixes: "list[str | Pattern[str]]") -> str:
    """Remove the configured prefixes, in order, each where it matches at a segment boundary.

    A string prefix ``/pay`` strips ``/pay`` and ``/pay/x`` but not ``/payment``; a regex
    prefix must match at the start of what is left and end at a segment boundary. Applying
    them in turn handles nested mappings (``/pay`` then ``/v2``). What is left of ``/pay`` or
    ``/pay/`` is ``/``.
    """
    for prefix in prefixes:
        if isinstance(prefix, str):
            if path == prefix or path.startswith(prefix + "/"):
                path = path[len(prefix) :] or "/"
            continue
        match = prefix.match(path)
        if match is not None and match.end() > 0:
            rest = path[match.end() :]
            if not rest or rest.startswith("/"):
                path = rest or "/"
    return path


_EXAMPLE = "strip_prefixes=['/foo']"


def checked_prefixes(prefixes: "Any") -> "list[str | Pattern[str]]":
    """``strip_prefixes`` as a list of ``/``-led strings (trailing slash dropped) and compiled
    regular expressions, or a ``TypeError`` / ``ValueError`` saying what to write instead.

    Any iterable works; a set has no order, so its strings are tried longest first (then its
    regular expressions), the same on every cold start.
    """
    if isinstance(prefixes, str):
        raise TypeError(
            f"strip_prefixes takes a list of prefixes, not the string {prefixes!r}: "
            f"write strip_prefixes=[{suggestion(prefixes)!r}]"
        )
    if isinstance(prefixes, (dict, bytes)) or is_pattern(prefixes) or not hasattr(prefixes, "__iter__"):
        instead = f", e.g., {_EXAMPLE}"
        if is_pattern(prefixes):
            instead = f" strip_prefixes=[{prefixes!r}]"
        elif isinstance(prefixes, dict) and prefixes and all(isinstance(key, str) for key in prefixes):
            instead = f" strip_prefixes={[suggestion(key) for key in prefixes]!r}"
        raise TypeError(
            f"strip_prefixes takes a list of prefixes (strings starting with '/' or compiled "
            f"regular expressions), not {type(prefixes).__name__} {prefixes!r}: write{instead}"
        )
    entries = list(prefixes)
    if isinstance(prefixes, (set, frozenset)):
        entries.sort(key=lambda p: (1, 0, "") if is_pattern(p) else (0, -len(str(p)), str(p)))
    cleaned: list[str | Pattern[str]] = []
    for prefix in entries:
        if isinstance(prefix, str):
            text = prefix.rstrip("/")
            if not text.startswith("/"):
                if not prefix:
                    raise ValueError(
                        f"strip_prefixes: an empty prefix strips nothing; remove it, or write {_EXAMPLE}"
                    )
                if not text:
                    raise ValueError(
                        "strip_prefixes: '/' strips nothing (every path starts with it); remove it"
                    )
                raise ValueError(
                    f"strip_prefixes: {prefix!r} must start with '/': "
                    f"write strip_prefixes=[{suggestion(prefix)!r}]"
                )
            cleaned.append(text)
        elif is_pattern(prefix):
            cleaned.append(prefix)
        else:
            raise TypeError(
                "strip_prefixes entries are strings starting with '/' or compiled regular "
                f"expressions, not {type(prefix).__name__} {prefix!r}: write, e.g., {_EXAMPLE}"
            )
    return cleaned


def suggestion(text: str) -> str:
    """The prefix ``text`` was probably meant to be (``foo/`` -> ``/foo``)."""
    core = text.strip().strip("/")
    return "/" + core if core else "/foo"


def is_pattern(value: "Any") -> bool:
    """Whether ``value`` is a compiled regular expression (without importing ``re``)."""
    return hasattr(value, "match") and hasattr(value, "pattern") and not isinstance(value, type)


class PrefixStage(Stage):
    """Strips the configured prefixes from the routing path (``request.route_path``)."""

    name = "prefix"

    def __init__(self, prefixes: "Iterable[str | Pattern[str]] | None" = None):
        self.prefixes = checked_prefixes(prefixes) if prefixes is not None else []

    def enabled(self, app: "BaseResolver") -> bool:
        return bool(self.prefixes)  # configured on the stage itself, whatever the resolver says

    def before(self, request: "PipelineRequest") -> None:
        path = request.route_path
        # A path the router refuses (too long, dot segments) is left whole, so that no prefix
        # can strip the part that makes it refused.
        if len(path) <= MAX_PATH_LENGTH and not has_dot_segment(path, request.path_decoded):
            request.route_path = strip_prefix(path, self.prefixes)

    def describe(self) -> "dict[str, Any]":
        return {"prefixes": [p if isinstance(p, str) else f"re:{p.pattern}" for p in self.prefixes]}

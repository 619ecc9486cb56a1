"""Route matching: rules are parsed once into a segment trie; requests walk it.

Precedence (independent of registration order), at every path segment:

1. a literal segment (``/todos/done``),
2. a segment mixing text and parameters (``/files/<name>.json``), most literal text first,
3. a whole-segment parameter (``/todos/<todo_id>``),
4. a catch-all regex anchored at that point (``/proxy/.+``), most literal text first.

A deeper literal match never loses to a shallower catch-all. Static rules are also kept in
a dict, so most requests are answered by one lookup.

This module holds what every app needs: the :class:`RouteTable` (routes by rule and
method), rule parsing and request-path checks. ``apiway.routing.trie`` holds the trie of
dynamic rules, loaded by the first one. (Not to be confused with ``apiway.router``, the
``Router`` users split routes with, or ``apiway.stages.router``, the stage that calls
``RouteTable`` for each request.)
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from apiway.registry import Route
    from apiway.routing.trie import Match as Match
    from apiway.routing.trie import Trie

    #: What ``find`` answers: ``(route, args)``, or ``NOT_FOUND``.
    Found = tuple[Route | None, dict[str, str] | None]


def __getattr__(name: str) -> object:
    if name == "Match":  # perf: made only by the trie, and defined there
        from apiway.routing.trie import Match

        return Match
    raise AttributeError(f"module 'apiway.routing' has no attribute {name!r}")


#: What :meth:`RouteTable.find` answers when no route can match the path: a 404.
NOT_FOUND: "tuple[None, None]" = (None, None)


class RouteTable:
    """All routes of a resolver, indexed for matching in time independent of their number.

    Static rules live in a dictionary: one look-up, and the most specific match there is.
    Dynamic rules live in a trie (``apiway.routing.trie``), which loads when the first one is
    registered or a path needs more than the dictionary. perf: an app of static routes never
    imports it.
    """

    def __init__(self) -> None:
        self.static: dict[str, dict[str, Route]] = {}
        self.routes: list[Route] = []
        self._trie: Trie | None = None
        #: The router's composed answers for requests no route serves (404, 405, ...), by
        #: kind; kept here as each route keeps its own in ``route.chain``, and cleared with
        #: them when the global middlewares change.
        self.answers: dict[str, Callable[..., Any]] = {}

    @property
    def trie(self) -> "Trie":
        """The trie of dynamic rules (created on first use)."""
        if self._trie is None:
            from apiway.routing.trie import Trie

            self._trie = Trie(self.static, self.routes)
        return self._trie

    @property
    def root(self) -> "Any":
        return self.trie.root

    def add(self, route: "Route") -> bool:
        """Register a route; returns False (and keeps the first) if method and rule are taken."""
        parsed = route.parsed
        if not parsed.is_static:
            return (self._trie or self.trie).add(route)
        methods = self.static.get(parsed.rule)
        if methods is None:
            methods = self.static[parsed.rule] = {}
        if route.method in methods:
            return False
        methods[route.method] = route
        self.routes.append(route)
        return True

    def match(self, method: str, path: str, decoded: bool) -> "Match":
        """Find the route for ``method`` and ``path`` (see :meth:`Trie.match`)."""
        return self.trie.match(method, path, decoded)

    def find(
        self, method: str, path: str, decoded: bool
    ) -> "tuple[Route | None, dict[str, str] | None] | None":
        """The common case of :meth:`match` (see :meth:`Trie.find`): the match as a
        ``(route, args)`` pair, ``NOT_FOUND`` for a 404, or None when only ``match`` can tell.
        The router calls it only for paths the static dictionary does not know, so without
        dynamic rules it is a 404."""
        trie = self._trie
        if trie is None:
            return NOT_FOUND
        return trie.find(method, path, decoded)

    def remove(self, route: "Route") -> None:
        """Take a registered route out again (a late registration the chain refused)."""
        if route.parsed.is_static:
            methods = self.static.get(route.rule)
            if methods is not None and methods.get(route.method) is route:
                del methods[route.method]
                if not methods:
                    del self.static[route.rule]
        elif self._trie is not None:
            self._trie.remove(route)
        if route in self.routes:
            self.routes.remove(route)

    def routes_for(self, path: str, decoded: bool) -> "dict[str, Route]":
        """The route serving each method at ``path`` (see :meth:`Trie.routes_for`)."""
        return self.trie.routes_for(path, decoded)

    def __iter__(self) -> "Iterator[Route]":
        return iter(self.routes)

    def __len__(self) -> int:
        return len(self.routes)


def _route_error(message: str) -> Exception:
    from apiway.exceptions import RouteError

    return RouteError(message)


# Characters that make a segment a regular expression rather than literal text. A lone "."
# stays literal so that ``/robots.txt`` means what it says.
REGEX_CHARS = frozenset("*+?()[]{}|^$\\")

#: Dot segments: a request path with one answers 400, a rule with one is refused.
_DOTS = (".", "..")

LITERAL = 0
PARAM = 1
PATTERN = 2


def normalize_rule(rule: str) -> str:
    """Strip a trailing slash (but keep ``/``), so ``/todos`` and ``/todos/`` are one rule."""
    if type(rule) is not str:
        if not isinstance(rule, str):
            raise _route_error(f"route rule must be a string, not {type(rule).__name__}")
        rule = str(rule)
    while len(rule) > 1 and rule[-1] == "/" and rule[-2] != "\\":
        rule = rule[:-1]
    return rule


def is_regex(segment: str) -> bool:
    """True when a rule segment uses regular-expression syntax."""
    return not REGEX_CHARS.isdisjoint(segment)


def parse_segment(segment: str, rule: str) -> "tuple[int, object]":
    """Classify one rule segment.

    Returns ``(LITERAL, text)``, ``(PARAM, name)`` or ``(PATTERN, parts)`` where ``parts``
    alternates literal text and parameter names: ``["", "name", ".json"]``.
    """
    if "<" not in segment and ">" not in segment:
        return LITERAL, segment
    parts: list[str] = []
    rest = segment
    while True:
        start = rest.find("<")
        if start < 0:
            if ">" in rest:
                raise _route_error(f"route {rule!r}: unbalanced '>' in segment {segment!r}")
            parts.append(rest)
            break
        end = rest.find(">", start)
        if end < 0:
            raise _route_error(f"route {rule!r}: unbalanced '<' in segment {segment!r}")
        text, name = rest[:start], rest[start + 1 : end]
        if ">" in text:
            raise _route_error(f"route {rule!r}: unbalanced '>' in segment {segment!r}")
        if not name.isidentifier():
            raise _route_error(f"route {rule!r}: parameter name {name!r} must be a Python identifier")
        if parts and not text:
            raise _route_error(
                f"route {rule!r}: parameters in segment {segment!r} need literal text between them"
            )
        parts.append(text)
        parts.append(name)
        rest = rest[end + 1 :]
    if len(parts) == 3 and not parts[0] and not parts[2]:
        return PARAM, parts[1]
    return PATTERN, parts


_PARAM_CHARS = frozenset("<>")
#: Segments of plain dynamic rules by their text, shared between rules (bounded: rules are
#: code, but an app may make many).
_SHARED_SEGMENTS: "dict[str, tuple[int, object]]" = {}
_SHARED_LIMIT = 4096
_SPECIAL = REGEX_CHARS | _PARAM_CHARS


class ParsedRule:
    """A rule split into trie segments and an optional regex remainder."""

    __slots__ = ("_segments", "catch_all", "is_static", "param_names", "rule")

    def __init__(self, rule: str):
        if type(rule) is not str or (rule[-1:] == "/" and len(rule) > 1):
            rule = normalize_rule(rule)
        self.rule = rule
        self.catch_all: str | None = None
        plain = rule[:1] == "/" and "//" not in rule and "/." not in rule
        if plain and _SPECIAL.isdisjoint(rule):
            # perf: a plain static rule (most rules): every segment is literal text, and the
            # route table keeps it in its dictionary only, so the segments are not even split.
            self._segments: list[tuple[int, object]] | None = None
            self.param_names: tuple[str, ...] = ()
            self.is_static = True
            return
        segments: list[tuple[int, object]] = []
        self._segments = segments
        names: list[str] = []
        has_regex = not REGEX_CHARS.isdisjoint(rule)
        if plain and not has_regex and self._parse_simple(segments, names):
            pass  # perf: the usual dynamic rule, parsed in one light pass
        elif not rule.startswith("/"):
            if not is_regex(rule):
                raise _route_error(f"route rule {rule!r} must start with '/'")
            self.catch_all = rule
        elif rule != "/":
            consumed = 0  # characters of `rule` covered by trie segments
            for piece in rule[1:].split("/"):
                if not piece:
                    raise _route_error(f"route {rule!r} has an empty segment ('//')")
                if has_regex and is_regex(piece):
                    self.catch_all = rule[consumed:]
                    break
                if "<" not in piece and ">" not in piece:
                    if piece in _DOTS:
                        raise _route_error(
                            f"route {rule!r} has a {piece!r} segment; requests with one answer 400"
                        )
                    segments.append((LITERAL, piece))
                elif piece[0] == "<" and piece[-1] == ">" and piece.count("<") == 1 and piece.count(">") == 1:
                    name = piece[1:-1]  # perf: the usual whole-segment parameter, parsed directly
                    if not name.isidentifier():
                        raise _route_error(
                            f"route {rule!r}: parameter name {name!r} must be a Python identifier"
                        )
                    segments.append((PARAM, name))
                    names.append(name)
                else:
                    kind, value = parse_segment(piece, rule)
                    segments.append((kind, value))
                    if kind == PATTERN:
                        names.extend(value[1::2])  # type: ignore[index]
                consumed += len(piece) + 1
        if len(names) > 1 and len(set(names)) != len(names):
            raise _route_error(f"route {rule!r} uses a parameter name twice")
        self.param_names = tuple(names)
        # Only rules with regex or "<" ">" reach here; a '<' or '>' that is not a parameter
        # raised above, so a rule without parameters or catch-all is static.
        self.is_static = self.catch_all is None and not names

    def _parse_simple(self, segments: "list[tuple[int, object]]", names: "list[str]") -> bool:
        """Fill ``segments`` and ``names`` for a rule of literal segments and whole-segment
        parameters only (no regex, no empty or dot segments). False, with nothing recorded,
        for anything else (the full parser then explains what is wrong)."""
        shared = _SHARED_SEGMENTS
        for piece in self.rule[1:].split("/"):
            segment = shared.get(piece)
            if segment is not None:
                # perf: the same segment in many rules (``api``, ``<id>``) is one tuple, not
                # one per route: fewer objects for the garbage collector to track.
                segments.append(segment)
                if segment[0] == PARAM:
                    names.append(segment[1])  # type: ignore[arg-type]
                continue
            if piece[0] == "<":
                name = piece[1:-1]
                if piece[-1] != ">" or not name.isidentifier():
                    del segments[:], names[:]
                    return False
                segment = (PARAM, name)
                names.append(name)
            elif "<" in piece or ">" in piece:
                del segments[:], names[:]
                return False
            else:
                segment = (LITERAL, piece)
            segments.append(segment)
            if len(shared) < _SHARED_LIMIT:
                shared[piece] = segment
        return True

    @property
    def segments(self) -> "list[tuple[int, object]]":
        """``(kind, value)`` per trie segment: LITERAL text, PARAM name or PATTERN parts."""
        if self._segments is None:
            pieces = self.rule[1:].split("/") if self.rule != "/" else []
            self._segments = [(LITERAL, piece) for piece in pieces]
        return self._segments


#: Longest request path routed, in characters (as the event delivers it); longer ones answer
#: 414. It bounds the work of matching, whatever the route set.
MAX_PATH_LENGTH = 8192

_unquote: "Callable[[str], str] | None" = None


def unquote(segment: str) -> str:
    """Percent-decode one path segment (``+`` stays a plus sign)."""
    global _unquote
    if _unquote is None:
        # perf: urllib.parse is only needed for paths that carry a '%'.
        from urllib.parse import unquote as _impl

        _unquote = _impl
    return _unquote(segment)


def split_path(path: str, decoded: bool) -> "tuple[list[str], bool] | None":
    """Split a request path into segments; decode each one unless the platform already did.

    Returns ``(segments, trailing_slash)``, or None for a path that does not start with '/'.
    Splitting happens before decoding, so ``%2F`` inside a segment never splits it.
    """
    if not path.startswith("/"):
        return None
    segments = path.split("/")
    del segments[0]
    trailing = False
    if segments and not segments[-1]:
        segments.pop()
        trailing = True
    if not decoded and "%" in path:
        segments = [unquote(segment) if "%" in segment else segment for segment in segments]
    return segments, trailing


def has_dot_segment(path: str, decoded: bool) -> bool:
    """Whether ``path`` has a ``.`` or ``..`` segment, percent-encoded ones included unless the
    platform already decoded the path (then ``%2e`` is literal text, decoded exactly once)."""
    if "/." not in path and (decoded or "/%2" not in path):
        return False  # perf: most paths
    for segment in path.split("/"):
        if segment in _DOTS:
            return True
        # "%2e%2e" is the longest spelling of a dot segment.
        if not decoded and 2 < len(segment) <= 6 and "%" in segment and unquote(segment) in _DOTS:
            return True
    return False


def strip_stage(raw_path: str, stage: object) -> str:
    """Remove an HTTP API stage name that prefixes the path (never ``$default``)."""
    if isinstance(stage, str) and stage and stage != "$default":
        prefix = "/" + stage
        if raw_path == prefix:
            return "/"
        if raw_path.startswith(prefix + "/"):
            return raw_path[len(prefix) :]
    return raw_path


def check_path(path: str, decoded: bool) -> None:
    """Refuse a request path that is too long (414) or has dot segments (400)."""
    if len(path) > MAX_PATH_LENGTH:
        from apiway.exceptions import URITooLongError

        raise URITooLongError()
    if has_dot_segment(path, decoded):
        from apiway.exceptions import BadRequestError

        raise BadRequestError("Invalid path: '.' and '..' segments are not allowed")

"""The trie of dynamic rules (parameters, mixed segments, catch-alls): its nodes,
registration and matching. The :class:`~apiway.routing.RouteTable` creates it with its first
dynamic rule; apps of static routes never load this module."""

from apiway.routing import LITERAL, MAX_PATH_LENGTH, NOT_FOUND, PARAM, has_dot_segment, split_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from re import Pattern
    from typing import Any

    from apiway.registry import Route
    from apiway.routing import Found


class Match:
    """Outcome of a lookup: the route and its arguments, or the methods the path does have."""

    __slots__ = ("allowed", "args", "route")

    def __init__(self, route: "Route | None", args: "dict[str, str] | None", allowed: "frozenset[str]"):
        self.route = route
        self.args = args
        self.allowed = allowed


class SegmentPattern:
    """One segment mixing literal text and parameters, e.g. ``<name>.<ext>`` or ``v<version>``.

    Matching is linear in the segment length: every parameter but the last ends at the first
    occurrence of the literal text that follows it (earlier parameters take the shortest
    match); the last one ends where the trailing literal begins. Each parameter needs at
    least one character.
    """

    __slots__ = ("head", "key", "literal_length", "middles", "tail")

    def __init__(self, parts: "list[str]"):
        self.key = tuple(parts)
        self.head = parts[0]
        self.tail = parts[-1]
        self.middles = parts[2:-1:2]  # literal text between consecutive parameters
        self.literal_length = sum(len(text) for text in parts[0::2])

    def match(self, segment: str) -> "list[str] | None":
        head, tail = self.head, self.tail
        if len(segment) <= self.literal_length:
            return None
        if not segment.startswith(head) or not segment.endswith(tail):
            return None
        end = len(segment) - len(tail)
        position = len(head)
        values = []
        for literal in self.middles:
            found = segment.find(literal, position + 1, end)
            if found < 0:
                return None
            values.append(segment[position:found])
            position = found + len(literal)
        if position >= end:
            return None
        values.append(segment[position:end])
        return values


def _plain(char: str) -> bool:
    return char.isalnum() or char in "/-_~"


def literal_ends(source: str) -> "tuple[str, str]":
    """Text every match of the regex ``source`` must start and end with (``("", "")`` when
    unsure). Checking them first spares the regex engine most paths that cannot match:
    ``/proxy/.+/items`` against a long path that does not end in ``/items`` costs one
    ``endswith``, not a backtracking scan."""
    if "|" in source or "(?" in source.replace("(?P<", "").replace("(?:", ""):
        return "", ""  # alternatives or inline flags ((?i) ...): no fixed text at either end
    head = 0
    while head < len(source) and _plain(source[head]):
        head += 1
    if head < len(source) and source[head] in "*+?{":
        head -= 1  # the last character is quantified: not fixed
    tail = len(source)
    while tail > 0 and _plain(source[tail - 1]):
        tail -= 1
    if tail > 0 and source[tail - 1] == "\\":
        tail += 1  # an escape such as \d: its letter is not literal text
    return source[: max(head, 0)], source[tail:] if tail < len(source) else ""


class CatchAll:
    """A regex rule anchored at a trie node; it must match the rest of the path entirely."""

    __slots__ = ("literal_length", "methods", "pattern", "prefix", "regex", "suffix")

    def __init__(self, pattern: str, regex: "Pattern[str]"):
        self.pattern = pattern
        self.regex = regex
        self.methods: dict[str, Route] = {}
        # More literal text means a more specific rule; used to order catch-alls at a node.
        self.literal_length = sum(1 for char in pattern if char.isalnum() or char in "/-_~")
        self.prefix, self.suffix = literal_ends(regex.pattern)


_NONE: "tuple[()]" = ()
_NO_CHILDREN: "dict[str, Any]" = {}  # never written to


def _rest_of_path(segments: "list[str]", index: int, tails: "list[Any]") -> str:
    """``"/" + "/".join(segments[index:])`` ("" at the end), as a slice of the path joined once
    per match (``tails`` caches it): catch-alls at many depths cost no join each."""
    if index == len(segments):
        return ""
    if not tails:
        offsets = [0]
        total = 0
        for segment in segments:
            total += len(segment) + 1
            offsets.append(total)
        tails.append("/" + "/".join(segments))
        tails.append(offsets)
    return tails[0][tails[1][index] :]  # type: ignore[no-any-return]


class Node:
    """A trie node: one path segment deep."""

    __slots__ = ("alternatives", "catch_alls", "literal", "methods", "param", "patterns")

    def __init__(self) -> None:
        # perf: a shared empty dict until a child is added (leaves never get one).
        self.literal: dict[str, Node] = _NO_CHILDREN
        # perf: shared empty tuples until something is added (most nodes never get any).
        self.patterns: list[tuple[SegmentPattern, Node]] = _NONE  # type: ignore[assignment]
        self.param: Node | None = None
        self.catch_alls: list[CatchAll] = _NONE  # type: ignore[assignment]
        self.methods: dict[str, Route] | None = None
        #: Whether mixed segments or catch-alls hang here (kept up to date by Trie.add).
        self.alternatives = False


_NO_METHODS: "frozenset[str]" = frozenset()


def _pick(methods: "dict[str, Route]", method: str) -> "Route | None":
    route = methods.get(method)
    if route is None and method == "HEAD":
        route = methods.get("GET")
    return route


class Trie:
    """The dynamic rules of a :class:`~apiway.routing.RouteTable` (parameters, mixed segments,
    catch-alls) and matching over them, consulting the table's static dictionary too."""

    def __init__(self, static: "dict[str, dict[str, Route]]", routes: "list[Route]"):
        self.static = static  # shared with the RouteTable
        self.routes = routes
        self.root = Node()

    # -- registration -------------------------------------------------------------------
    def add(self, route: "Route") -> bool:
        """Register a dynamic route; False (keeping the first) if method and rule are taken."""
        parsed = route.parsed
        node = self.root
        for kind, value in parsed.segments:
            if kind == LITERAL:
                child = node.literal.get(value)  # type: ignore[call-overload]
                if child is None:
                    if node.literal is _NO_CHILDREN:
                        node.literal = {}
                    child = node.literal[value] = Node()  # type: ignore[index]
                node = child
            elif kind == PARAM:
                if node.param is None:
                    node.param = Node()
                node = node.param
            else:
                node = self._pattern_child(node, value)  # type: ignore[arg-type]
        if parsed.catch_all is not None:
            methods = self._catch_all(node, parsed.catch_all, route.rule).methods
        else:
            if node.methods is None:
                node.methods = {}
            methods = node.methods
        if route.method in methods:
            return False
        methods[route.method] = route
        self.routes.append(route)
        return True

    def remove(self, route: "Route") -> None:
        """Take a registered dynamic route out (nodes stay: an empty node matches nothing)."""
        parsed = route.parsed
        node: Node | None = self.root
        for kind, value in parsed.segments:
            if node is None:
                return
            if kind == LITERAL:
                node = node.literal.get(value)  # type: ignore[call-overload]
            elif kind == PARAM:
                node = node.param
            else:
                key: tuple[str, ...] = tuple(value)  # type: ignore[arg-type]
                node = next((child for pattern, child in node.patterns if pattern.key == key), None)
        if node is None:
            return
        if parsed.catch_all is not None:
            found = [c.methods for c in node.catch_alls if c.pattern == parsed.catch_all]
            methods = found[0] if found else None
        else:
            methods = node.methods
        if methods is not None and methods.get(route.method) is route:
            del methods[route.method]
        if route in self.routes:
            self.routes.remove(route)

    @staticmethod
    def _pattern_child(node: "Node", parts: "list[str]") -> "Node":
        key = tuple(parts)
        for pattern, child in node.patterns:
            if pattern.key == key:
                return child
        child = Node()
        if not node.patterns:
            node.patterns = []
        node.patterns.append((SegmentPattern(parts), child))
        node.alternatives = True
        # Most literal text first; ties broken by the text itself, never by registration order.
        node.patterns.sort(key=lambda item: (-item[0].literal_length, item[0].key))
        return child

    @staticmethod
    def _catch_all(node: "Node", pattern: str, rule: str) -> "CatchAll":
        for existing in node.catch_alls:
            if existing.pattern == pattern:
                return existing
        import re

        source = re.sub(r"(?<!\?P)<(\w+)>", r"(?P<\1>[^/]+)", pattern)
        try:
            regex = re.compile(source)
        except re.error as error:
            from apiway.exceptions import RouteError

            raise RouteError(f"route {rule!r} is not a valid regular expression: {error}") from None
        catch_all = CatchAll(pattern, regex)
        if not node.catch_alls:
            node.catch_alls = []
        node.catch_alls.append(catch_all)
        node.alternatives = True
        node.catch_alls.sort(key=lambda item: (-item.literal_length, item.pattern))
        return catch_all

    # -- matching -----------------------------------------------------------------------
    def match(self, method: str, path: str, decoded: bool) -> "Match":
        """Find the route for ``method`` and ``path``.

        ``decoded`` says whether the platform already percent-decoded the path.
        """
        split = split_path(path, decoded)
        if split is None:
            return Match(None, None, _NO_METHODS)
        segments, trailing = split
        allowed: dict[str, Route] = {}
        static = self._static_methods(segments)
        if static is not None:
            route = _pick(static, method)
            if route is not None:
                return Match(route, {}, _NO_METHODS)
            allowed.update(static)
        found = self._walk(self.root, segments, 0, [], method, allowed, trailing, [])
        if found is None:
            return Match(None, None, frozenset(allowed))
        route, values, extra = found
        args = dict(zip(route.parsed.param_names, values, strict=False))
        if extra:
            args.update(extra)
        return Match(route, args, _NO_METHODS)

    def find(self, method: str, path: str, decoded: bool) -> "Found | None":
        """The common case of :meth:`match`, without its bookkeeping: follow the first choice
        at every segment (literal child, else parameter child) and take the route at the end.

        A ``(route, args)`` pair is the answer :meth:`match` gives, because ``match`` tries the
        same choices first. ``NOT_FOUND`` (``(None, None)``) means no route can match the path
        at all (no segment on the way had another choice to try): a 404. None means "ask
        :meth:`match`": it backtracks, tries mixed segments and catch-alls, and tells 404 from
        405. perf: a plain pair, not a :class:`Match`, for the most common dynamic request.
        """
        if not decoded and "%" in path:
            return None
        segments = path.split("/")
        if segments[0] or len(segments) < 2:
            return None
        del segments[0]
        if not segments[-1] and len(segments) > 1:
            segments.pop()  # a trailing slash
        node = self.root
        values: list[str] = []
        choices = False  # did any node on the way offer something else to try?
        for segment in segments:
            if node.alternatives:
                choices = True
            child = node.literal.get(segment)
            if child is None:
                if node.patterns:
                    return None  # mixed segments come before a parameter: let match() decide
                child = node.param
                if child is None or not segment:
                    return None if choices else NOT_FOUND
                values.append(segment)
            elif node.param is not None:
                choices = True
            node = child
        methods = node.methods
        route = methods.get(method) if methods is not None else None
        if route is None:
            return None if methods or choices or node.catch_alls else NOT_FOUND
        names = route.param_names
        if len(names) == 1 and len(values) == 1:
            return route, {names[0]: values[0]}
        return route, dict(zip(names, values, strict=False))

    def routes_for(self, path: str, decoded: bool) -> "dict[str, Route]":
        """The route serving each method at ``path``, most specific first (empty when unknown,
        and for paths the router refuses: too long, or with dot segments)."""
        found: dict[str, Route] = {}
        if len(path) > MAX_PATH_LENGTH or has_dot_segment(path, decoded):
            return found
        split = split_path(path, decoded)
        if split is not None:
            static = self._static_methods(split[0])
            if static is not None:
                found.update(static)
            self._walk(self.root, split[0], 0, [], "\x00", found, split[1], [])
        return found

    def _static_methods(self, segments: "list[str]") -> "dict[str, Route] | None":
        """The static routes at the path made of ``segments`` (already decoded)."""
        for segment in segments:
            if not segment or "/" in segment:
                return None  # an empty segment, or a decoded %2F: no static rule has those
        return self.static.get("/" + "/".join(segments))

    def _walk(
        self,
        node: "Node",
        segments: "list[str]",
        index: int,
        values: "list[str]",
        method: str,
        allowed: "dict[str, Route]",
        trailing: bool,
        tails: "list[Any]",
    ) -> "tuple[Route, list[str], dict[str, str] | None] | None":
        if index == len(segments):
            if node.methods:
                route = _pick(node.methods, method)
                if route is not None:
                    return route, values, None
                for name, other in node.methods.items():
                    allowed.setdefault(name, other)
        else:
            segment = segments[index]
            child = node.literal.get(segment)
            if child is not None:
                found = self._walk(child, segments, index + 1, values, method, allowed, trailing, tails)
                if found is not None:
                    return found
            for pattern, child in node.patterns:
                captured = pattern.match(segment)
                if captured is not None:
                    values.extend(captured)
                    found = self._walk(child, segments, index + 1, values, method, allowed, trailing, tails)
                    if found is not None:
                        return found
                    del values[-len(captured) :]
            if node.param is not None and segment:
                values.append(segment)
                found = self._walk(node.param, segments, index + 1, values, method, allowed, trailing, tails)
                if found is not None:
                    return found
                values.pop()
        if node.catch_alls:
            rest = _rest_of_path(segments, index, tails)
            candidates = (rest, rest + "/") if trailing or (not rest and index == 0) else (rest,)
            for catch_all in node.catch_alls:
                prefix, suffix = catch_all.prefix, catch_all.suffix
                for text in candidates:
                    if not (text.startswith(prefix) and text.endswith(suffix)):
                        continue
                    regex_match = catch_all.regex.fullmatch(text)
                    if regex_match is not None:
                        route = _pick(catch_all.methods, method)
                        if route is not None:
                            return route, values, regex_match.groupdict()
                        for name, other in catch_all.methods.items():
                            allowed.setdefault(name, other)
                        break
        return None

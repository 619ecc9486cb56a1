"""Parsing of route rules (``/todos/<todo_id>``, ``/files/<name>.json``, ``/proxy/.+``)."""

from __future__ import annotations

from apiway.exceptions import RouteError

# Characters that make a segment a regular expression rather than literal text. A lone "."
# stays literal so that ``/robots.txt`` means what it says.
REGEX_CHARS = frozenset("*+?()[]{}|^$\\")

LITERAL = 0
PARAM = 1
PATTERN = 2


def normalize_rule(rule: str) -> str:
    """Strip a trailing slash (but keep ``/``), so ``/todos`` and ``/todos/`` are one rule."""
    if not isinstance(rule, str):
        raise RouteError(f"route rule must be a string, not {type(rule).__name__}")
    while len(rule) > 1 and rule.endswith("/") and not rule.endswith("\\/"):
        rule = rule[:-1]
    return rule


def is_regex(segment: str) -> bool:
    """True when a rule segment uses regular-expression syntax."""
    return not REGEX_CHARS.isdisjoint(segment)


def parse_segment(segment: str, rule: str) -> tuple[int, object]:
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
                raise RouteError(f"route {rule!r}: unbalanced '>' in segment {segment!r}")
            parts.append(rest)
            break
        end = rest.find(">", start)
        if end < 0:
            raise RouteError(f"route {rule!r}: unbalanced '<' in segment {segment!r}")
        text, name = rest[:start], rest[start + 1 : end]
        if ">" in text:
            raise RouteError(f"route {rule!r}: unbalanced '>' in segment {segment!r}")
        if not name.isidentifier():
            raise RouteError(f"route {rule!r}: parameter name {name!r} must be a Python identifier")
        if parts and not text:
            raise RouteError(
                f"route {rule!r}: parameters in segment {segment!r} need literal text between them"
            )
        parts.append(text)
        parts.append(name)
        rest = rest[end + 1 :]
    if len(parts) == 3 and not parts[0] and not parts[2]:
        return PARAM, parts[1]
    return PATTERN, parts


class ParsedRule:
    """A rule split into trie segments and an optional regex remainder."""

    __slots__ = ("catch_all", "param_names", "rule", "segments")

    def __init__(self, rule: str):
        rule = normalize_rule(rule)
        self.rule = rule
        self.segments: list[tuple[int, object]] = []
        self.catch_all: str | None = None
        names: list[str] = []
        if not rule.startswith("/"):
            if not is_regex(rule):
                raise RouteError(f"route rule {rule!r} must start with '/'")
            self.catch_all = rule
        else:
            pieces = rule.split("/")[1:] if rule != "/" else []
            consumed = 0  # characters of `rule` covered by trie segments
            for piece in pieces:
                if is_regex(piece):
                    self.catch_all = rule[consumed:]
                    break
                if not piece:
                    raise RouteError(f"route {rule!r} has an empty segment ('//')")
                kind, value = parse_segment(piece, rule)
                if kind == PARAM:
                    names.append(value)  # type: ignore[arg-type]
                elif kind == PATTERN:
                    names.extend(value[1::2])  # type: ignore[index]
                self.segments.append((kind, value))
                consumed += len(piece) + 1
        if len(set(names)) != len(names):
            raise RouteError(f"route {rule!r} uses a parameter name twice")
        self.param_names = tuple(names)

    @property
    def is_static(self) -> bool:
        return self.catch_all is None and all(kind == LITERAL for kind, _ in self.segments)

"""Trie nodes and the matchers hanging off them."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from re import Pattern

    from apiway.route import Route


class SegmentPattern:
    """One segment mixing literal text and parameters, e.g. ``<name>.<ext>`` or ``v<version>``.

    Matching is linear in the segment length: every parameter but the last ends at the first
    occurrence of the literal text that follows it (earlier parameters take the shortest
    match); the last one ends where the trailing literal begins. Each parameter needs at
    least one character.
    """

    __slots__ = ("head", "key", "literal_length", "middles", "tail")

    def __init__(self, parts: list[str]):
        self.key = tuple(parts)
        self.head = parts[0]
        self.tail = parts[-1]
        self.middles = parts[2:-1:2]  # literal text between consecutive parameters
        self.literal_length = sum(len(text) for text in parts[0::2])

    def match(self, segment: str) -> list[str] | None:
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


class CatchAll:
    """A regex rule anchored at a trie node; it must match the rest of the path entirely."""

    __slots__ = ("literal_length", "methods", "pattern", "regex")

    def __init__(self, pattern: str, regex: Pattern[str]):
        self.pattern = pattern
        self.regex = regex
        self.methods: dict[str, Route] = {}
        # More literal text means a more specific rule; used to order catch-alls at a node.
        self.literal_length = sum(1 for char in pattern if char.isalnum() or char in "/-_~")


class Node:
    """A trie node: one path segment deep."""

    __slots__ = ("catch_alls", "literal", "methods", "param", "patterns")

    def __init__(self) -> None:
        self.literal: dict[str, Node] = {}
        self.patterns: list[tuple[SegmentPattern, Node]] = []
        self.param: Node | None = None
        self.catch_alls: list[CatchAll] = []
        self.methods: dict[str, Route] | None = None

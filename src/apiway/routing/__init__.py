"""Route matching: rules are parsed once into a segment trie; requests walk it.

Precedence (independent of registration order), at every path segment:

1. a literal segment (``/todos/done``),
2. a segment mixing text and parameters (``/files/<name>.json``), most literal text first,
3. a whole-segment parameter (``/todos/<todo_id>``),
4. a catch-all regex anchored at that point (``/proxy/.+``), most literal text first.

A deeper literal match never loses to a shallower catch-all. Static rules are also kept in
a dict, so most requests are answered by one lookup.
"""

from apiway.routing.table import Match, RouteTable

__all__ = ["Match", "RouteTable"]

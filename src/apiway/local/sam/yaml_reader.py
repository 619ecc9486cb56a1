"""A small YAML reader for AWS SAM and CloudFormation templates (``apiway check``).

Standard library only, and loaded only by that command. It reads what templates use: block
mappings and sequences, flow ``[...]`` and ``{...}``, plain, quoted and block scalars,
comments, anchors and aliases, and CloudFormation's short-form tags (see
:mod:`~apiway.local.sam.yaml_values` for how values and tags are read).

What it does not read raises :class:`YAMLError` with the line and column: complex keys
(``?``), merge keys (``<<``), a second document, ``%TAG`` directives, tags other than
``!Name`` and the core ``!!str``-style ones. Duplicate keys are refused too, as
CloudFormation refuses them. Tabs may separate but not indent, and only ``\\n`` breaks lines
(YAML 1.1 also broke them at U+0085, U+2028 and U+2029).
"""

from apiway.local.sam.yaml_scanner import FLOW_INDICATORS, Scanner
from apiway.local.sam.yaml_values import YAMLError, core_tag, intrinsic, resolve_plain

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["YAMLError", "load_yaml"]

_MAX_DEPTH = 200


def load_yaml(text: str) -> "Any":
    """The value of the one YAML document in ``text`` (None when it is empty)."""
    return _Reader(text).document()


class _Reader(Scanner):
    """A recursive-descent reader of block and flow nodes over a :class:`Scanner`."""

    def __init__(self, text: str):
        super().__init__(text)
        self.anchors: dict[str, Any] = {}
        self.depth = 0
        #: The column of the block collection that ended last (for indentation errors).
        self.closed = -1

    # -- the document ------------------------------------------------------------------------
    def document(self) -> "Any":
        self.skip_to_content()
        while self.column() == 0 and self.peek() == "%":
            if not self.text.startswith("%YAML", self.pos):
                raise self.error("directives other than %YAML are not supported")
            self.pos = self.text.find("\n", self.pos) if "\n" in self.text[self.pos :] else len(self.text)
            self.skip_to_content()
        if self.at_marker() and self.peek() == "-":
            self.pos += 3
            value = self.node(-1, block_ok=True)
        elif self.at_marker():
            value = None
        else:
            value = self.node(-1, block_ok=True)
        self.skip_to_content()
        if self.at_marker() and self.peek() == ".":
            self.pos += 3
            self.skip_to_content()
        if self.at_marker() and self.peek() == "-":
            raise self.error("a second document starts here; a template is one document")
        if self.peek():
            raise self.error("unexpected content; is it indented as far as the block it belongs to?")
        return value

    # -- nodes -------------------------------------------------------------------------------
    def node(self, parent: int, block_ok: bool, seq_at_parent: bool = False) -> "Any":
        """The node after a ``key:``, a ``- `` or at the document start.

        Its lines must be indented more than ``parent`` (a mapping value's block sequence may
        sit at the key's own indentation: ``seq_at_parent``). A block collection may start on
        the same line only where ``block_ok`` (after ``- `` and at the document start).
        """
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise self.error("the document is nested too deeply")
        tag: str | None = None
        anchor: str | None = None
        pending = False  # a tag or anchor on the line the content starts on
        self.skip_spaces()
        start = self.pos
        while True:
            if self.at_line_end():
                mark = self.pos
                column = self.content_column()
                if column > parent or (seq_at_parent and column == parent and self.seq_entry_here()):
                    block_ok, pending = True, False
                    continue
                self.pos = mark  # an empty node: what follows belongs to the parent
                self.depth -= 1
                return self.finish(None, None, tag, anchor, start)
            char = self.peek()
            if char == "!":
                if tag is not None:
                    raise self.error("a node has one tag")
                tag = self.read_tag()
            elif char == "&":
                if anchor is not None:
                    raise self.error("a node has one anchor")
                anchor = self.read_name("&")
            else:
                break
            pending = True
            self.skip_spaces()
        value, plain = self.content(parent, block_ok, pending)
        self.depth -= 1
        return self.finish(value, plain, tag, anchor, start)

    def content(self, parent: int, block_ok: bool, properties: bool) -> "tuple[Any, str | None]":
        """``(value, plain text)``: the text is set for a plain scalar, still unresolved."""
        char = self.peek()
        column = self.column()
        start = self.pos
        if char == "*":
            if properties:
                raise self.error("an alias cannot have a tag or an anchor")
            return self.alias(), None
        if char in "|>":
            return self.block_scalar(parent), None
        if char in "[{":
            value = self.flow_collection()
            self.skip_spaces()
            if self.peek() == ":" and self.is_blank(1):
                raise self.error("flow collections as mapping keys are not supported", start)
            return value, None
        if char == "-" and self.is_blank(1):
            if not block_ok:
                raise self.error(
                    "a block sequence cannot start on the line of its key; start it on the next line"
                )
            return self.block_sequence(column), None
        if char == "?" and self.is_blank(1):
            raise self.error("complex mapping keys ('? key') are not supported")
        multiline = False
        if char in "\"'":
            text = self.quoted()
            plain = None
            key: Any = text
        else:
            text, multiline = self.plain(parent, flow=False)
            plain = text
            key = resolve_plain(text)
        self.skip_spaces()
        if self.peek() == ":" and self.is_blank(1):
            if multiline:
                raise self.error("a value cannot go on with 'key: value'; is this line indented too far?")
            if not block_ok:
                raise self.error("a mapping cannot start on the line of its key; start it on the next line")
            if properties:
                raise self.error("a tag or anchor before a mapping key is not supported", start)
            return self.block_mapping(column, key, plain, start), None
        return text, plain

    def finish(
        self, value: "Any", plain: "str | None", tag: "str | None", anchor: "str | None", pos: int
    ) -> "Any":
        """Apply the node's tag (or resolve its plain text) and record its anchor."""
        if tag is None:
            if plain is not None:
                value = resolve_plain(plain)
        elif tag.startswith("!!"):
            try:
                value = core_tag(tag[2:], value)
            except ValueError as problem:
                raise self.error(str(problem), pos) from None
        else:
            value = intrinsic(tag[1:], "" if value is None else value)
        if anchor is not None:
            self.anchors[anchor] = value
        return value

    def read_tag(self) -> str:
        start = self.pos
        if self.peek(1) == "<":
            raise self.error("verbatim tags (!<...>) are not supported")
        while not self.is_blank() and self.peek() not in FLOW_INDICATORS:
            self.pos += 1
        tag = self.text[start : self.pos]
        name = tag[2:] if tag.startswith("!!") else tag[1:]
        if not name or not all(c.isalnum() or c in "-_:." for c in name):
            raise self.error(f"tag {tag!r} is not supported; use a CloudFormation tag such as !Ref", start)
        return tag

    def read_name(self, indicator: str) -> str:
        start = self.pos
        self.pos += 1
        while not self.is_blank() and self.peek() not in FLOW_INDICATORS:
            self.pos += 1
        name = self.text[start + 1 : self.pos]
        if not name:
            raise self.error(f"{indicator} needs a name", start)
        return name

    def alias(self) -> "Any":
        start = self.pos
        name = self.read_name("*")
        if name not in self.anchors:
            raise self.error(f"alias *{name} names no anchor defined before it", start)
        return self.anchors[name]

    # -- block collections -------------------------------------------------------------------
    def block_mapping(self, column: int, key: "Any", plain: "str | None", key_pos: int) -> "dict[Any, Any]":
        mapping: dict[Any, Any] = {}
        while True:
            self.pos += 1  # the ':'
            if plain == "<<":
                raise self.error("merge keys (<<) are not supported", key_pos)
            if key in mapping:
                raise self.error(f"duplicate key {key!r} in this mapping", key_pos)
            self.closed = -1
            mapping[key] = self.node(column, block_ok=False, seq_at_parent=True)
            self.expect_line_end()
            found = self.content_column()
            if found < column:
                self.closed = column
                return mapping
            if found > column:
                raise self.misaligned(column, found)
            key, plain, key_pos = self.mapping_key()

    def mapping_key(self) -> "tuple[Any, str | None, int]":
        start = self.pos
        char = self.peek()
        if char == "-" and self.is_blank(1):
            raise self.error("expected a mapping key, found a sequence entry ('- ')")
        if char == "?" and self.is_blank(1):
            raise self.error("complex mapping keys ('? key') are not supported")
        if char in "\"'":
            key: Any = self.quoted()
            plain = None
        elif char in "!&*[{|>":
            raise self.error(f"a mapping key starting with {char!r} is not supported")
        else:
            plain, _ = self.plain(-1, flow=False, multiline=False)
            key = resolve_plain(plain)
        self.skip_spaces()
        if not (self.peek() == ":" and self.is_blank(1)):
            raise self.error("expected ': ' after this mapping key", start)
        return key, plain, start

    def block_sequence(self, column: int) -> "list[Any]":
        items: list[Any] = []
        while True:
            self.pos += 1  # the '-'
            self.closed = -1
            items.append(self.node(column, block_ok=True))
            self.expect_line_end()
            found = self.content_column()
            if found < column or (found == column and not self.seq_entry_here()):
                self.closed = column
                return items
            if found > column:
                raise self.misaligned(column, found)

    def misaligned(self, column: int, found: int) -> "YAMLError":
        """The error for a line indented deeper than its block but not as deep as the one it
        follows (a key or entry that lines up with nothing above it)."""
        if self.closed < 0:
            where = f"the block it is in starts at column {column + 1}"
        else:
            where = f"the blocks here start at columns {column + 1} and {self.closed + 1}"
        return self.error(
            f"this line starts at column {found + 1}, which lines up with no block above it ({where})"
        )

    # -- flow collections --------------------------------------------------------------------
    def flow_collection(self) -> "Any":
        start = self.pos
        closing = "]" if self.peek() == "[" else "}"
        self.pos += 1
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise self.error("the document is nested too deeply")
        items: list[Any] = []
        mapping: dict[Any, Any] = {}
        while True:
            self.skip_to_content(flow=True)
            char = self.peek()
            if not char:
                raise self.error(f"this {'[' if closing == ']' else '{'} is never closed", start)
            if char == closing:
                break
            if char in ",]}":
                raise self.error(f"unexpected {char!r}")
            item_pos = self.pos
            item = self.flow_node()
            self.skip_to_content(flow=True)
            if closing == "}":
                value = None
                if self.peek() == ":":
                    self.pos += 1
                    self.skip_to_content(flow=True)
                    if self.peek() not in (",", "}"):
                        value = self.flow_node()
                        self.skip_to_content(flow=True)
                if isinstance(item, (dict, list)):
                    raise self.error("flow collections as mapping keys are not supported", item_pos)
                if item in mapping:
                    raise self.error(f"duplicate key {item!r} in this mapping", item_pos)
                mapping[item] = value
            elif self.peek() == ":":
                raise self.error("single-pair mappings inside [...] are not supported; write {key: value}")
            else:
                items.append(item)
            if self.peek() == ",":
                self.pos += 1
            elif not self.peek():
                raise self.error(f"this {'[' if closing == ']' else '{'} is never closed", start)
            elif self.peek() != closing:
                raise self.error(f"expected ',' or {closing!r}, found {self.peek()!r}")
        self.pos += 1
        self.depth -= 1
        return items if closing == "]" else mapping

    def flow_node(self) -> "Any":
        start = self.pos
        tag: str | None = None
        anchor: str | None = None
        while self.peek() in ("!", "&"):
            if self.peek() == "!":
                if tag is not None:
                    raise self.error("a node has one tag")
                tag = self.read_tag()
            else:
                anchor = self.read_name("&")
            self.skip_to_content(flow=True)
        char = self.peek()
        if char in (",", "]", "}", ":", ""):
            return self.finish(None, None, tag, anchor, start)
        if char == "*":
            return self.alias()
        if char in "[{":
            return self.finish(self.flow_collection(), None, tag, anchor, start)
        if char in "\"'":
            return self.finish(self.quoted(), None, tag, anchor, start)
        if char in "|>" or (char in "-?" and self.is_blank(1)):
            raise self.error(f"{char!r} cannot start a value inside [...] or {{...}}")
        text, _ = self.plain(-1, flow=True)
        return self.finish(text, text, tag, anchor, start)

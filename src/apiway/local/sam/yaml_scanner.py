"""The character-level half of the YAML reader: positions, errors, comments, and scalars
(plain, single- and double-quoted, block ``|`` and ``>``)."""

from apiway.local.sam.yaml_values import YAMLError

_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
FLOW_INDICATORS = ",[]{}"


class Scanner:
    """A position in a YAML text, and the scalars and blanks that start there."""

    def __init__(self, text: str):
        self.text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.pos = 0

    # -- positions and errors ----------------------------------------------------------------
    def error(self, message: str, pos: "int | None" = None) -> "YAMLError":
        pos = self.pos if pos is None else pos
        line_start = self.text.rfind("\n", 0, pos) + 1
        return YAMLError(message, self.text.count("\n", 0, pos) + 1, pos - line_start + 1)

    def column(self, pos: "int | None" = None) -> int:
        pos = self.pos if pos is None else pos
        return pos - (self.text.rfind("\n", 0, pos) + 1)

    def peek(self, offset: int = 0) -> str:
        return self.text[self.pos + offset : self.pos + offset + 1]

    def is_blank(self, offset: int = 0) -> bool:
        """True at a space, tab, line break or the end of the text."""
        return self.peek(offset) in ("", " ", "\t", "\n")

    def at_marker(self, pos: "int | None" = None) -> bool:
        """True at a ``---`` or ``...`` document marker."""
        pos = self.pos if pos is None else pos
        return (
            self.column(pos) == 0
            and self.text[pos : pos + 3] in ("---", "...")
            and self.text[pos + 3 : pos + 4] in ("", " ", "\t", "\n")
        )

    def at_line_end(self) -> bool:
        return self.peek() in ("", "\n", "#")

    # -- skipping ----------------------------------------------------------------------------
    def skip_spaces(self) -> None:
        while self.peek() in (" ", "\t") and self.peek():
            self.pos += 1

    def skip_to_content(self, flow: bool = False) -> None:
        """Skip spaces, comments and line breaks up to the next content (or the end)."""
        line_start = -1
        while True:
            self.skip_spaces()
            char = self.peek()
            if char == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            elif char == "\n":
                self.pos += 1
                line_start = self.pos
            else:
                break
        if not flow and line_start >= 0 and char and "\t" in self.text[line_start : self.pos]:
            raise self.error("a tab indents this line; YAML indents with spaces only")

    def content_column(self) -> int:
        """The column of the next content, or -1 at the end or at a document marker."""
        self.skip_to_content()
        if not self.peek() or self.at_marker():
            return -1
        return self.column()

    def seq_entry_here(self) -> bool:
        return self.peek() == "-" and self.is_blank(1)

    def expect_line_end(self) -> None:
        """Only a comment may follow a value on its line (a block collection ends at the first
        content of a later line, which is fine)."""
        self.skip_spaces()
        line_start = self.text.rfind("\n", 0, self.pos) + 1
        if not self.at_line_end() and self.text[line_start : self.pos].strip(" \t"):
            raise self.error(f"unexpected {self.peek()!r} after the value; expected the end of the line")

    # -- scalars -----------------------------------------------------------------------------
    def plain_line(self, flow: bool) -> str:
        """The rest of a plain scalar on this line, without trailing spaces."""
        start = self.pos
        text = self.text
        while True:
            char = self.peek()
            if char in ("", "\n"):
                break
            if char == "#" and self.pos > start and text[self.pos - 1] in " \t":
                break
            if char == ":" and (self.is_blank(1) or (flow and self.peek(1) in FLOW_INDICATORS)):
                break
            if flow and char in FLOW_INDICATORS:
                break
            self.pos += 1
        line = text[start : self.pos]
        stripped = line.rstrip(" \t")
        self.pos = start + len(stripped)
        return stripped

    def plain(self, parent: int, flow: bool, multiline: bool = True) -> "tuple[str, bool]":
        """A plain scalar's text, folded across lines, and whether it took several lines."""
        start = self.pos
        char = self.peek()
        if char in "#&*!|>'\"%@`,[]{}" or (char in "-?:" and self.is_blank(1)):
            raise self.error(f"a plain value cannot start with {char!r}; quote it")
        text = self.plain_line(flow)
        folded = False
        while multiline:
            mark = self.pos
            self.skip_spaces()
            if self.peek() != "\n":
                self.pos = mark
                break
            breaks = 0
            probe = self.pos
            while probe < len(self.text) and self.text[probe] == "\n":
                breaks += 1
                probe += 1
                while probe < len(self.text) and self.text[probe] in " \t":
                    probe += 1
            char = self.text[probe : probe + 1]
            stops = ",[]{}#" if flow else "#"
            if not char or char in stops or self.column(probe) <= parent or self.at_marker(probe):
                self.pos = mark
                break
            if not flow and "\t" in self.text[self.text.rfind("\n", 0, probe) + 1 : probe]:
                self.pos = probe
                raise self.error("a tab indents this line; YAML indents with spaces only")
            self.pos = probe
            line = self.plain_line(flow)
            if not line:
                self.pos = mark
                break
            text += (" " if breaks == 1 else "\n" * (breaks - 1)) + line
            folded = True
        if not text:
            raise self.error("expected a value", start)
        return text, folded

    def quoted(self) -> str:
        start = self.pos
        quote = self.peek()
        self.pos += 1
        parts: list[str] = []
        text = self.text
        while True:
            char = self.peek()
            if not char:
                raise self.error("this quoted value is never closed", start)
            if char == quote:
                if quote == "'" and self.peek(1) == "'":
                    parts.append("'")
                    self.pos += 2
                    continue
                self.pos += 1
                return "".join(parts)
            if char in " \t\n":
                end = self.pos
                while text[end : end + 1] in (" ", "\t"):
                    end += 1
                if text[end : end + 1] != "\n":
                    parts.append(text[self.pos : end])
                    self.pos = end
                    continue
                breaks = 0
                while text[end : end + 1] == "\n":
                    breaks += 1
                    end += 1
                    if self.at_marker(end):
                        raise self.error("a document marker inside a quoted value", end)
                    while text[end : end + 1] in (" ", "\t"):
                        end += 1
                parts.append(" " if breaks == 1 else "\n" * (breaks - 1))
                self.pos = end
                continue
            if char == "\\" and quote == '"':
                parts.append(self.escape())
                continue
            parts.append(char)
            self.pos += 1

    def escape(self) -> str:
        start = self.pos
        code = self.peek(1)
        if code == "\n":  # an escaped line break: the value goes on without a space
            self.pos += 2
            while self.peek() in (" ", "\t") and self.peek():
                self.pos += 1
            return ""
        if code in _ESCAPES:
            self.pos += 2
            return _ESCAPES[code]
        size = _HEX_ESCAPES.get(code)
        if size is None:
            raise self.error(f"unknown escape \\{code}", start)
        digits = self.text[self.pos + 2 : self.pos + 2 + size]
        if len(digits) != size or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise self.error(f"\\{code} needs {size} hexadecimal digits", start)
        self.pos += 2 + size
        return chr(int(digits, 16))

    def block_scalar(self, parent: int) -> str:
        start = self.pos
        folded = self.peek() == ">"
        self.pos += 1
        chomp = ""
        increment = 0
        for _ in range(2):
            char = self.peek()
            if char in ("+", "-") and not chomp:
                chomp = char
            elif char in "123456789" and char and not increment:
                increment = int(char)
            else:
                break
            self.pos += 1
        self.skip_spaces()
        if not self.at_line_end():
            raise self.error(f"unexpected {self.peek()!r} after the block scalar indicator", start)
        end = self.text.find("\n", self.pos)
        if end < 0:
            self.pos = len(self.text)
            return ""
        self.pos = end + 1
        base = max(parent + 1, 1)
        lines = self.block_lines(base + increment - 1 if increment else 0, base)
        value = self.join_block(lines, folded, chomp)
        if (
            chomp != "+"
            and value.endswith("\n")
            and not self.text.endswith("\n")
            and self.pos >= len(self.text)
        ):
            return value[:-1]  # the last line has no line break to keep
        return value

    def block_lines(self, indent: int, base: int) -> "list[str | None]":
        """The block scalar's lines, indentation removed; None for an empty line."""
        text = self.text
        if not indent:
            probe = self.pos
            while True:  # the first line with content sets the indentation
                end = text.find("\n", probe)
                line = text[probe : len(text) if end < 0 else end]
                if line.strip(" "):
                    indent = max(base, len(line) - len(line.lstrip(" ")))
                    break
                if end < 0:
                    indent = base
                    break
                probe = end + 1
        lines: list[str | None] = []
        while self.pos < len(text):
            if self.at_marker():
                break
            end = text.find("\n", self.pos)
            end = len(text) if end < 0 else end
            line = text[self.pos : end]
            spaces = len(line) - len(line.lstrip(" "))
            if len(line) > spaces and spaces < indent:
                break  # a line with content, less indented: the scalar is over
            lines.append(line[indent:] if len(line) > indent else None)
            self.pos = min(end + 1, len(text))
        return lines

    @staticmethod
    def join_block(lines: "list[str | None]", folded: bool, chomp: str) -> str:
        trailing = 0
        while lines and lines[-1] is None:
            lines.pop()
            trailing += 1
        if not lines:
            return "\n" * trailing if chomp == "+" else ""
        parts: list[str] = []
        breaks = 0
        previous: str | None = None
        for line in lines:
            if line is None:
                breaks += 1
                continue
            if previous is None:
                parts.append("\n" * breaks)
            elif folded and previous[:1] not in (" ", "\t") and line[:1] not in (" ", "\t"):
                parts.append(" " if not breaks else "\n" * breaks)
            else:
                parts.append("\n" * (breaks + 1))
            parts.append(line)
            previous, breaks = line, 0
        body = "".join(parts)
        if chomp == "-":
            return body
        return body + "\n" * (trailing + 1 if chomp == "+" else 1)

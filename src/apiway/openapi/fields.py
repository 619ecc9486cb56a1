"""The settings every typed handler parameter shares: default, alias, documentation, constraints.

``Param`` (path, query, header, cookie) and ``Body`` (and ``Form``, ``File``) subclass
:class:`FieldInfo`. Each setting is a plain attribute; bad settings are refused when the
parameter is declared, naming the parameter class and the setting.
"""

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class _UndefinedType:
    """The type of :data:`Undefined`: one instance, falsy, same object after copying."""

    _instance: "_UndefinedType | None" = None

    def __new__(cls) -> "_UndefinedType":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "Undefined"

    def __bool__(self) -> bool:
        return False

    def __copy__(self) -> "_UndefinedType":
        return self

    def __deepcopy__(self, memo: "dict[int, Any]") -> "_UndefinedType":
        return self

    def __reduce__(self) -> str:
        return "Undefined"


#: "Not given": a parameter whose ``default`` is ``Undefined`` (or ``...``) is required.
Undefined: "Any" = _UndefinedType()

#: The constraint keywords the validation engine applies, in the order they are reported.
CONSTRAINT_NAMES = (
    "gt",
    "ge",
    "lt",
    "le",
    "multiple_of",
    "min_length",
    "max_length",
    "pattern",
    "max_digits",
    "decimal_places",
    "allow_inf_nan",
    "strict",
)


# Groups of settings checked together (see FieldInfo._check).
_TEXTS = frozenset(("alias", "validation_alias", "serialization_alias", "title", "description"))
_FLAGS = frozenset(("deprecated", "strict", "allow_inf_nan"))
_BOUNDS = frozenset(("gt", "ge", "lt", "le", "multiple_of"))
_SIZES = frozenset(("min_length", "max_length", "max_digits", "decimal_places"))


def python_pattern(pattern: str) -> str:
    """``pattern`` for Python's ``re``, read as pydantic reads a ``pattern=`` (Rust's regex
    dialect): ``$`` ends the text (Python's ``$`` also matches before a final newline, so
    ``^[a-z]+$`` would let ``"ab\\n"`` through), and so does ``\\z``, which ``re`` spells
    ``\\Z``. In multi-line mode (a ``(?m)`` flag) ``$`` ends each line in both, and stays."""
    if "$" not in pattern and "\\z" not in pattern:
        return pattern
    multiline = _sets_multiline(pattern)
    out = []
    index, end, in_class = 0, len(pattern), False
    while index < end:
        char = pattern[index]
        index += 1
        if char == "\\" and index < end:
            escaped = pattern[index]
            index += 1
            out.append("(?:\\Z)" if escaped == "z" and not in_class else char + escaped)
        elif in_class:
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            for literal in "^]":  # "[^]...]" and "[]...]": a "]" there is text
                if pattern.startswith(literal, index):
                    out.append(literal)
                    index += 1
        elif char == "$" and not multiline:
            out.append("(?:\\Z)")  # (a group: "$?" stays valid)
        else:
            out.append(char)
    return "".join(out)


def _sets_multiline(pattern: str) -> bool:
    """Whether an inline flag group turns multi-line mode on: ``(?m)``, ``(?im)``, ``(?m:...)``."""
    start = pattern.find("(?")
    while start != -1:
        if pattern[start - 1 : start] != "\\":  # "\\(?" is an optional "(", not a group
            for char in pattern[start + 2 :]:
                if char == "m":
                    return True
                if not char.isalpha():
                    break
        start = pattern.find("(?", start + 2)
    return False


def keyword_settings(frame_locals: "dict[str, Any]") -> "dict[str, Any]":
    """A constructor's own keywords, from its ``locals()``, to hand to :class:`FieldInfo`.

    The parameter classes repeat the full keyword list in each signature (so editors and type
    checkers see every keyword) and pass it on whole with this.
    """
    settings = dict(frame_locals)  # perf: copied in C, then the three that are not settings dropped
    del settings["self"], settings["extra"]
    settings.pop("__class__", None)
    return settings


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return value - value == 0  # NaN and infinities bound nothing
    # perf: a Decimal bound means the user loaded decimal; never import it to find out.
    decimal = sys.modules.get("decimal")
    return decimal is not None and isinstance(value, decimal.Decimal) and not value.is_nan()


class FieldInfo:
    """Where a handler parameter's value comes from and what it must look like."""

    default: "Any"
    default_factory: "Callable[[], Any] | None"
    annotation: "Any"
    alias: "str | None"
    alias_priority: "int | None"
    validation_alias: "str | None"
    serialization_alias: "str | None"
    title: "str | None"
    description: "str | None"
    gt: "float | None"
    ge: "float | None"
    lt: "float | None"
    le: "float | None"
    min_length: "int | None"
    max_length: "int | None"
    pattern: "str | None"
    discriminator: "str | None"
    strict: "bool | None"
    multiple_of: "float | None"
    allow_inf_nan: "bool | None"
    max_digits: "int | None"
    decimal_places: "int | None"
    examples: "list[Any] | None"
    openapi_examples: "dict[str, Any] | None"
    deprecated: "bool | None"
    include_in_schema: bool
    json_schema_extra: "dict[str, Any]"

    def __init__(self, owner: str, settings: "dict[str, Any]", extra: "dict[str, Any]") -> None:
        self._owner = owner
        default = settings.pop("default")
        factory = settings.pop("default_factory")
        if default is ...:
            default = Undefined
        if factory is Undefined:
            factory = None
        if factory is not None:
            if default is not Undefined:
                raise TypeError(f"{owner}(): give either a default or a default_factory, not both")
            if not callable(factory):
                raise TypeError(f"{owner}(default_factory=...) must be callable, not {factory!r}")
        self.default = default
        self.default_factory = factory
        given = set()  # the settings that hold something: only those can be wrong
        for name, value in settings.items():
            if value is not None:
                if value is Undefined:
                    settings[name] = None  # the "not given" of keywords whose default is not None
                else:
                    given.add(name)
        self._check(settings, given)
        alias, validation_alias = settings["alias"], settings["validation_alias"]
        # One given means both: the name looked up in the request is the name documented.
        if validation_alias is None and alias is not None:
            settings["validation_alias"] = alias
        elif alias is None and validation_alias is not None:
            settings["alias"] = validation_alias
        extra_schema = settings["json_schema_extra"]
        settings["json_schema_extra"] = dict(extra_schema) if extra_schema else dict(extra)
        if settings["examples"] is not None:
            settings["examples"] = list(settings["examples"])
        vars(self).update(settings)  # perf: plain attributes, set at once

    def _check(self, s: "dict[str, Any]", given: "set[str]") -> None:
        # perf: each group of checks runs only when one of its settings is given (not None)
        owner = self._owner
        if not given.isdisjoint(_TEXTS):
            for name in ("alias", "validation_alias", "serialization_alias"):
                value = s[name]
                if value is not None and (not isinstance(value, str) or not value):
                    raise TypeError(f"{owner}({name}=...) must be a non-empty string, not {value!r}")
            for name in ("title", "description"):
                if s[name] is not None and not isinstance(s[name], str):
                    raise TypeError(f"{owner}({name}=...) must be a string, not {s[name]!r}")
        if not given.isdisjoint(_FLAGS):
            for name in ("deprecated", "strict", "allow_inf_nan"):
                if s[name] is not None and not isinstance(s[name], bool):
                    raise TypeError(f"{owner}({name}=...) must be True, False or None, not {s[name]!r}")
        if not isinstance(s["include_in_schema"], bool):
            raise TypeError(
                f"{owner}(include_in_schema=...) must be True or False, not {s['include_in_schema']!r}"
            )
        if s["alias_priority"] is not None and (type(s["alias_priority"]) is not int):
            raise TypeError(f"{owner}(alias_priority=...) must be an int, not {s['alias_priority']!r}")
        if not given.isdisjoint(_BOUNDS):
            self._check_bounds(s)
        if not given.isdisjoint(_SIZES):
            self._check_sizes(s)
        pattern = s["pattern"]
        if pattern is not None:
            if not isinstance(pattern, str):
                raise TypeError(f"{owner}(pattern=...) must be a regular expression string, not {pattern!r}")
            import re

            try:
                re.compile(python_pattern(pattern))
            except re.error as error:
                raise ValueError(
                    f"{owner}(pattern={pattern!r}) is not a valid regular expression: {error}"
                ) from None
        examples = s["examples"]
        if examples is not None and not isinstance(examples, (list, tuple)):
            raise TypeError(f"{owner}(examples=...) must be a list of example values, not {examples!r}")
        extra_schema = s["json_schema_extra"]
        if extra_schema is not None and not isinstance(extra_schema, dict):
            raise TypeError(f"{owner}(json_schema_extra=...) must be a dict, not {extra_schema!r}")
        self._check_openapi_examples(s.get("openapi_examples"))

    def _check_sizes(self, s: "dict[str, Any]") -> None:
        owner = self._owner
        for name in ("min_length", "max_length", "max_digits", "decimal_places"):
            value = s[name]
            if value is not None and (type(value) is not int or value < 0):
                raise ValueError(f"{owner}({name}=...) must be an int >= 0, not {value!r}")
        if s["min_length"] is not None and s["max_length"] is not None and s["min_length"] > s["max_length"]:
            raise ValueError(
                f"{owner}(): min_length={s['min_length']} is greater than max_length={s['max_length']}; "
                "no value could pass"
            )

    def _check_bounds(self, s: "dict[str, Any]") -> None:
        owner = self._owner
        for name in ("gt", "ge", "lt", "le", "multiple_of"):
            if s[name] is not None and not _is_number(s[name]):
                raise TypeError(f"{owner}({name}=...) must be a number, not {s[name]!r}")
        if s["multiple_of"] is not None and s["multiple_of"] <= 0:
            raise ValueError(f"{owner}(multiple_of=...) must be greater than 0, not {s['multiple_of']!r}")
        if s["lt"] is None and s["le"] is None:
            return  # perf: no upper bound, no empty range
        for low in ("gt", "ge"):
            for high in ("lt", "le"):
                if s[low] is None or s[high] is None:
                    continue
                empty = s[low] > s[high] or (s[low] == s[high] and (low, high) != ("ge", "le"))
                if empty:
                    raise ValueError(
                        f"{owner}(): {low}={s[low]!r} and {high}={s[high]!r} leave no value that passes"
                    )

    def _check_openapi_examples(self, examples: object) -> None:
        if examples is None:
            return
        owner = self._owner
        if not isinstance(examples, dict):
            raise TypeError(
                f"{owner}(openapi_examples=...) must be a dict of name to Example, not {examples!r}"
            )
        for name, example in examples.items():
            if not isinstance(name, str):
                raise TypeError(f"{owner}(openapi_examples=...): example names must be strings, not {name!r}")
            # An Example model or its dict form ({"summary": ..., "value": ...}).
            if not isinstance(example, dict) and not hasattr(example, "model_dump"):
                raise TypeError(
                    f"{owner}(openapi_examples=...): {name!r} must be an Example or a dict, not {example!r}"
                )

    @property
    def constraints(self) -> "dict[str, Any]":
        """The constraint keywords that were set (``{"gt": 0, "max_length": 10}``), for the validator.

        Besides the bounds, lengths and ``pattern``, it holds ``strict``, ``allow_inf_nan``,
        ``max_digits`` and ``decimal_places`` when they were set, so that a validator that does
        not apply them can refuse them rather than ignore them.
        """
        found = {}
        for name in CONSTRAINT_NAMES:
            value = getattr(self, name)
            if value is not None:
                found[name] = value
        return found

    def is_required(self) -> bool:
        """True when the request must carry a value: no default and no default factory."""
        return self.default is Undefined and self.default_factory is None

    def get_default(self, *, call_default_factory: bool = True) -> "Any":
        """The default value (a fresh one from ``default_factory``); ``Undefined`` if required."""
        if self.default_factory is not None:
            return self.default_factory() if call_default_factory else self.default_factory
        return self.default

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.default!r})"

"""Rule parsing against a plain model of it, on generated rules.

The parser has a light pass for the usual dynamic rule (literal segments and whole-segment
parameters) and a general one for everything else; whichever runs, the result must be the
one the model gives, and a rule the model finds malformed must be refused.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apiway.exceptions import RouteError
from apiway.routing import LITERAL, PARAM, PATTERN, ParsedRule

NAMES = st.sampled_from(["id", "item_id", "name", "x", "version"])
WORDS = st.sampled_from(["api", "v1", "todos", "files", "a-b", "file.json", "x_y", "42"])


@st.composite
def segments(draw: st.DrawFn) -> tuple[str, tuple[int, object]]:
    """One rule segment and what it parses into."""
    kind = draw(st.sampled_from(["literal", "param", "mixed"]))
    if kind == "literal":
        word = draw(WORDS)
        return word, (LITERAL, word)
    name = draw(NAMES)
    if kind == "param":
        return f"<{name}>", (PARAM, name)
    before, after = draw(WORDS), draw(st.sampled_from([".json", "-raw", ""]))
    return f"{before}<{name}>{after}", (PATTERN, [before, name, after])


@given(st.lists(segments(), min_size=1, max_size=6))
def test_generated_rules_parse_as_the_model_says(pieces: list[tuple[str, tuple[int, object]]]) -> None:
    rule = "/" + "/".join(text for text, _ in pieces)
    names = [name for _, (kind, value) in pieces for name in _names(kind, value)]
    if len(set(names)) != len(names):
        with pytest.raises(RouteError, match="parameter name twice"):
            ParsedRule(rule)
        return
    parsed = ParsedRule(rule)
    assert parsed.segments == [expected for _, expected in pieces]
    assert parsed.param_names == tuple(names)
    assert parsed.is_static == (not names)
    assert parsed.catch_all is None


def _names(kind: int, value: object) -> list[str]:
    if kind == PARAM:
        return [value]  # type: ignore[list-item]
    if kind == PATTERN:
        return list(value[1::2])  # type: ignore[index]
    return []


@given(st.text(alphabet="/<>ab_1.", min_size=1, max_size=24).map(lambda text: "/" + text.lstrip("/")))
def test_any_bracketed_rule_is_parsed_faithfully_or_refused(rule: str) -> None:
    try:
        parsed = ParsedRule(rule)
    except RouteError:
        return
    # What was accepted spells the (normalized) rule back, segment by segment.
    spelled = []
    for kind, value in parsed.segments:
        if kind == LITERAL:
            spelled.append(value)
        elif kind == PARAM:
            spelled.append(f"<{value}>")
        else:
            parts: list[str] = value  # type: ignore[assignment]
            spelled.append("".join(f"<{part}>" if index % 2 else part for index, part in enumerate(parts)))
    assert "/" + "/".join(spelled) == (parsed.rule if parsed.rule != "/" else "/")
    for name in parsed.param_names:
        assert name.isidentifier()

"""The YAML reader of ``apiway check``: values, scalar styles, CloudFormation tags, errors,
and agreement with PyYAML (a differential check, when it is installed)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apiway.local.sam.yaml_reader import YAMLError, load_yaml

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = [
    *sorted((ROOT / "tests" / "fixtures" / "templates").glob("*.yaml")),
    ROOT / "examples" / "service" / "template.yaml",
    ROOT / "examples" / "command_line" / "template.yaml",
]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: 1\nb: -2\nc: +3\nd: 0x1F\ne: 012\nf: 0b101\ng: 1_000\nh: 1:30", (1, -2, 3, 31, 10, 5, 1000, 90)),
        (
            "a: 1.5\nb: .5\nc: 1.\nd: -.inf\ne: 1.0e+3\nf: 1e3\ng: 08",
            (1.5, 0.5, 1.0, -math.inf, 1000.0, "1e3", "08"),
        ),
        (
            "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\ng: y",
            (True, False, True, False, True, False, "y"),
        ),
        ("a:\nb: ~\nc: null\nd: NULL\ne: ''", (None, None, None, None, "")),
        ("a: 2010-09-09\nb: '2010-09-09'\nc: 12:30:00", ("2010-09-09", "2010-09-09", 45000)),
        (
            "a: http://x.example/y\nb: a#b\nc: x # comment\nd: 'x # not a comment'",
            ("http://x.example/y", "a#b", "x", "x # not a comment"),
        ),
        ("a: -1\nb: -x\nc: :x\nd: '-'\ne: [-]", (-1, "-x", ":x", "-", ["-"])),
    ],
)
def test_plain_values_resolve_as_yaml_1_1(text: str, value: tuple[Any, ...]) -> None:
    loaded = load_yaml(text)
    assert tuple(loaded.values()) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("- a\n- b:\n    c\n- - d\n  - e\n-\n  f: g\n-", ["a", {"b": "c"}, ["d", "e"], {"f": "g"}, None]),
        ("key:\n- a\n- b\nnext: c", {"key": ["a", "b"], "next": "c"}),
        ("- k: v\n  k2:\n  - x\n- y", [{"k": "v", "k2": ["x"]}, "y"]),
        ("a: # comment\n  b: 1\n\n  # between\n  c: 2\n", {"a": {"b": 1, "c": 2}}),
        ("a: [1, [2, 3], {b: c}, 'q', \"d\"]", {"a": [1, [2, 3], {"b": "c"}, "q", "d"]}),
        ("a: {b: 1,\n  c: [x,\n      y], d}", {"a": {"b": 1, "c": ["x", "y"], "d": None}}),
        ('{"json": [1, 2.5, true, null, "s"]}', {"json": [1, 2.5, True, None, "s"]}),
        ("a: plain\n  text on\n\n  lines", {"a": "plain text on\nlines"}),
        ("a: &x {k: v}\nb: *x\nc: &y [1]\nd: *y", {"a": {"k": "v"}, "b": {"k": "v"}, "c": [1], "d": [1]}),
        ("--- # doc\na: 1\n...\n# after\n", {"a": 1}),
        ("%YAML 1.1\n---\n- 1", [1]),
        ("a: 1\r\nb:\r\n  - 2\r\n", {"a": 1, "b": [2]}),
        ("\ufeffa: 1", {"a": 1}),
        ("", None),
        ("# nothing\n", None),
        ("just text", "just text"),
        ("2: one\ntrue: two\n~: three", {2: "one", True: "two", None: "three"}),
        (
            "a: !!str 10\nb: !!int '12'\nc: !!float 1\nd: !!bool yes\ne: !!null ''",
            {"a": "10", "b": 12, "c": 1.0, "d": True, "e": None},
        ),
    ],
)
def test_collections(text: str, value: Any) -> None:
    assert load_yaml(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: 'it''s'", "it's"),
        ('a: "t\\tn\\n \\u00e9 \\x41 \\U0001F600 \\\\ \\" \\/"', 't\tn\n é A \U0001f600 \\ " /'),
        ('a: "folded\n  line\n\n  para"', "folded line\npara"),
        ('a: "no \\\n   space"', "no space"),
        ("a: 'single\n   folded'", "single folded"),
        ("a: |\n  one\n  two\n\n  three\n", "one\ntwo\n\nthree\n"),
        ("a: |-\n  strip\n\n", "strip"),
        ("a: |+\n  keep\n\n\nb: 1", "keep\n\n\n"),
        (
            "a: >\n  folded\n  text\n\n  para\n    more\n    indented\n  back\n",
            "folded text\npara\n  more\n  indented\nback\n",
        ),
        ("a: >-\n\n  leading blank\n", "\nleading blank"),
        ("a: |2\n   three spaces\n  two\n", " three spaces\ntwo\n"),
        ("a: | # comment\n  x\n", "x\n"),
        ("a: |\n  no final newline", "no final newline"),
        ("- |\n  in a list\n- >\n  b\n  c\n", None),
    ],
)
def test_scalar_styles(text: str, value: Any) -> None:
    loaded = load_yaml(text)
    if value is None:
        assert loaded == ["in a list\n", "b c\n"]
    else:
        assert loaded["a"] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("!Ref Bucket", {"Ref": "Bucket"}),
        ("!Condition IsProd", {"Condition": "IsProd"}),
        ("!GetAtt Function.Arn", {"Fn::GetAtt": ["Function", "Arn"]}),
        (
            "!GetAtt Table.StreamSpecification.StreamArn",
            {"Fn::GetAtt": ["Table", "StreamSpecification.StreamArn"]},
        ),
        ("!GetAtt [Function, Arn]", {"Fn::GetAtt": ["Function", "Arn"]}),
        (
            "!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'",
            {"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*"},
        ),
        ("!Sub\n  - '${A}-x'\n  - {A: !Ref B}", {"Fn::Sub": ["${A}-x", {"A": {"Ref": "B"}}]}),
        (
            "!If [IsProd, !Ref A, !Ref 'AWS::NoValue']",
            {"Fn::If": ["IsProd", {"Ref": "A"}, {"Ref": "AWS::NoValue"}]},
        ),
        ("!Join\n  - ''\n  - - a\n    - !Ref B", {"Fn::Join": ["", ["a", {"Ref": "B"}]]}),
        ("!Select [0, !GetAZs '']", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}),
        ("!Base64 |\n  #!/bin/bash\n  echo ${X}\n", {"Fn::Base64": "#!/bin/bash\necho ${X}\n"}),
        ("!Ref", {"Ref": ""}),
    ],
)
def test_cloudformation_short_form_tags(text: str, value: Any) -> None:
    assert load_yaml(text) == value


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: b: c", 1, 5, "a mapping cannot start on the line of its key"),
        ("a: - b", 1, 4, "a block sequence cannot start on the line of its key"),
        ("a: [1, 2\n", 1, 4, "this [ is never closed"),
        ("a: {x: 1", 1, 4, "this { is never closed"),
        ("a: 'open\n", 1, 4, "this quoted value is never closed"),
        ("a:\n\t- b", 2, 2, "a tab indents this line"),
        ("a: 1\n---\nb: 2", 2, 1, "a second document starts here"),
        ("a: *nope", 1, 4, "alias *nope names no anchor"),
        ('a: "\\q"', 1, 5, "unknown escape \\q"),
        ('a: "\\u12"', 1, 5, "\\u needs 4 hexadecimal digits"),
        ("Resources:\n  F:\n    Type: X\n   Properties: {}\n", 4, 4, "lines up with no block above it"),
        ("a:\n  b: 1\n  c\n", 3, 3, "expected ': ' after this mapping key"),
        ("a: b\n- c", 2, 1, "expected a mapping key, found a sequence entry"),
        ("a: 'b' c", 1, 8, "unexpected 'c' after the value"),
        ("a: [b]]", 1, 7, "unexpected ']' after the value"),
        ("a: 1\na: 2", 2, 1, "duplicate key 'a'"),
        ("a: {b: 1, b: 2}", 1, 11, "duplicate key 'b'"),
        ("? a\n: b", 1, 1, "complex mapping keys ('? key') are not supported"),
        ("<<: {a: 1}", 1, 1, "merge keys (<<) are not supported"),
        ("%TAG ! tag:x,2000:\n---\na: 1", 1, 1, "directives other than %YAML are not supported"),
        ("a: !!binary aGk=", 1, 4, "the tag !!binary is not supported"),
        ("a: !<tag:x> v", 1, 4, "verbatim tags"),
        ("a: !!int x", 1, 4, "'x' is not a valid !!int"),
        ("a: @x", 1, 4, "a plain value cannot start with '@'"),
        ("[a, b]: c", 1, 1, "flow collections as mapping keys are not supported"),
        ("a: [b: c]", 1, 6, "single-pair mappings inside [...] are not supported"),
        ("a:\n  b: 1\n   c: 2", 3, 5, "a value cannot go on with 'key: value'"),
        ("- ]", 1, 3, "a plain value cannot start with ']'"),
    ],
)
def test_errors_name_line_and_column(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(YAMLError) as caught:
        load_yaml(text)
    error = caught.value
    assert message in error.message
    assert (error.line, error.column) == (line, column), str(error)
    assert str(error) == f"line {line}, column {column}: {error.message}"


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(YAMLError, match="nested too deeply"):
        load_yaml("[" * 5000)
    with pytest.raises(YAMLError, match="nested too deeply"):
        load_yaml("".join(f"{'  ' * depth}k:\n" for depth in range(300)))


# -- the same answers as PyYAML -----------------------------------------------------------------


def pyyaml_loader() -> Any:
    """PyYAML's SafeLoader, reading dates as text and short-form tags as CloudFormation does."""
    yaml = pytest.importorskip("yaml", reason="PyYAML (installed with cfn-lint) is not installed")

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def short_form(loader: Any, name: str, node: Any) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        if name in ("Ref", "Condition"):
            return {name: value}
        if name == "GetAtt" and isinstance(value, str):
            value = value.split(".", 1)
        return {f"Fn::{name}": value}

    Loader.add_multi_constructor("!", short_form)
    return lambda text: yaml.load(text, Loader=Loader)


def same(ours: Any, theirs: Any) -> bool:
    """Equal, with the same types and key order (NaN equal to NaN)."""
    if isinstance(ours, float) and isinstance(theirs, float) and math.isnan(ours):
        return math.isnan(theirs)
    if type(ours) is not type(theirs):
        return False
    if isinstance(ours, dict):
        return list(ours) == list(theirs) and all(same(ours[key], theirs[key]) for key in ours)
    if isinstance(ours, list):
        return len(ours) == len(theirs) and all(map(same, ours, theirs))
    return bool(ours == theirs)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_templates_read_as_pyyaml_reads_them(path: Path) -> None:
    load = pyyaml_loader()
    text = path.read_text(encoding="utf-8")
    assert same(load_yaml(text), load(text))


def test_the_cases_above_read_as_pyyaml_reads_them() -> None:
    """Every text this module reads successfully, PyYAML reads to the same value (the
    deliberate refusals aside: duplicate keys, '?' keys, merge keys, !!binary, %TAG)."""
    load = pyyaml_loader()
    texts = [case[0] for case in _cases(test_collections) + _cases(test_scalar_styles)]
    texts += [case[0] for case in _cases(test_plain_values_resolve_as_yaml_1_1)]
    texts += [case[0] for case in _cases(test_cloudformation_short_form_tags)]
    for text in texts:
        assert same(load_yaml(text), load(text)), text


def _cases(test: Any) -> list[tuple[Any, ...]]:
    marks = [mark for mark in test.pytestmark if mark.name == "parametrize"]
    return [tuple(case) for case in marks[0].args[1]]


# U+0085, U+2028 and U+2029 broke lines in YAML 1.1 (PyYAML) and do not in 1.2 (this reader).
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Zl", "Zp"), exclude_characters="\x85"),
    max_size=12,
)
_TRICKY = ["yes", "0x1F", "012", "1:30", "2010-09-09", "- x", "a: b", "#c", "!Ref", "  pad  ", "a\n\nb"]
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32), _TEXT,
    st.sampled_from(_TRICKY),
)  # fmt: skip
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8).filter(lambda k: "\n" not in k), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=_VALUES,
    flow=st.sampled_from([None, False, True]),
    style=st.sampled_from([None, None, "'", '"', "|", ">"]),
    width=st.sampled_from([20, 80, 1000]),
    indent=st.sampled_from([2, 4]),
)
def test_whatever_pyyaml_writes_reads_back_the_same(
    value: Any, flow: Any, style: Any, width: int, indent: int
) -> None:
    yaml = pytest.importorskip("yaml")
    text = yaml.safe_dump(
        value, default_flow_style=flow, default_style=style, width=width, indent=indent, allow_unicode=True
    )
    try:
        ours = load_yaml(text)
    except YAMLError as error:  # what PyYAML writes for long or odd keys, which we refuse
        assert "not supported" in error.message or "'?'" in error.message, (text, error)
        return
    assert same(ours, pyyaml_loader()(text)), text

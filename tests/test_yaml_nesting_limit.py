"""perfdx's own nesting limit holds whatever the YAML library does (issue 10).

PyYAML 6.0.4 bundles libyaml 0.2.6, which refuses 1,000 levels itself; its scanner reads ahead of
the parser's events, so a limit counted on events came too late. perfdx now counts on the text
first (``_nesting_prescan``). That scan must agree with the parser's events on every file it can
meet, and must never count deeper than they do (a file YAML accepts must not be refused).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import InputError
from engine.yamlio import MAX_DEPTH, parse
from engine.yamlio.nesting import nesting_prescan as _nesting_prescan
from tests.conftest import ROOT

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def event_depths(text: str) -> tuple[int, dict[int, tuple[int, int]]]:
    """The deepest nesting the parser's events show, and where each depth is first reached."""
    depth, deepest, first = 0, 0, {}
    for event in yaml.parse(io.StringIO(text), Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > deepest:
                deepest = depth
                first[depth] = (event.start_mark.line + 1, event.start_mark.column + 1)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest, first


def assert_scan_agrees(text: str) -> None:
    deepest, first = event_depths(text)
    assert _nesting_prescan(text, deepest) is None, "the text scan counts deeper than the parser"
    if deepest:
        assert _nesting_prescan(text, deepest - 1) == first[deepest]
        assert _nesting_prescan(text, 0) == first[1]


YAML_FILES = sorted(
    path for folder in ("rules", "knowledge_base", "examples", "tests/data")
    for path in (ROOT / folder).rglob("*.yaml"))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_text_scan_agrees_with_the_parser_on_every_yaml_file_here(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        event_depths(text)
    except yaml.YAMLError:
        assert _nesting_prescan(text, MAX_DEPTH) is None  # malformed on purpose: the parser says
        return
    assert_scan_agrees(text)


TRICKY_TEXT = st.sampled_from([
    "plain", "a[1]", "[not a list]", "{not: a map}", "x: y", "- dash", "? q", "#hash", "a #b",
    "it's", 'say "hi"', "'quoted'", "|", ">", "&anchor", "!tag", "*star", "---", "...", "%",
    "multi\nline", "tab\there", "a,b", "", " lead", "trail ", "\\", "ünï", "line\n\n  gap",
]) | st.text(alphabet="[]{}:#-?'\" ,\n|>&!*ab", max_size=12)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TRICKY_TEXT
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TRICKY_TEXT, inner, max_size=4),
    max_leaves=30)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=DATA, flow=st.sampled_from([None, True, False]), indent=st.integers(2, 5),
       width=st.sampled_from([20, 80, 10_000]), start=st.booleans(),
       style=st.sampled_from([None, "'", '"', "|", ">"]))
def test_the_text_scan_agrees_with_the_parser_on_dumped_data(
        data: Any, flow: bool | None, indent: int, width: int, start: bool,
        style: str | None) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, indent=indent, width=width,
                          explicit_start=start, default_style=style, allow_unicode=True)
    assert_scan_agrees(text)


YAML_PIECES = ["[", "]", "{", "}", ":", " ", "  ", "\n", "\n  ", "-", "?", "#", "'", '"', "|", ">",
               ",", "a", "x y", "&a", "!t", "!!str", "---", "\r\n", "\t", "\\", "|-", "|2", ">+"]


@settings(max_examples=600, deadline=None, database=None, derandomize=True)
@given(pieces=st.lists(st.sampled_from(YAML_PIECES), min_size=1, max_size=40))
def test_the_text_scan_agrees_with_the_parser_on_yaml_soup(pieces: list[str]) -> None:
    """Random runs of YAML's indicators: the scan agrees wherever the parser accepts the text."""
    text = "".join(pieces)
    try:
        event_depths(text)
    except yaml.YAMLError:
        assert _nesting_prescan(text, MAX_DEPTH) is None
        return
    assert_scan_agrees(text)


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(path=st.sampled_from(YAML_FILES), edits=st.lists(
    st.tuples(st.floats(0, 1), st.sampled_from(YAML_PIECES + [""])), min_size=1, max_size=4))
def test_the_text_scan_agrees_with_the_parser_on_edited_files(
        path: Path, edits: list[tuple[float, str]]) -> None:
    """The files here with a few pieces put in or taken out, as an editor's slip would."""
    text = path.read_text(encoding="utf-8")[:3_000]
    for where, piece in edits:
        i = int(where * len(text))
        text = text[:i] + piece + text[i + (0 if piece else 3):]
    try:
        event_depths(text)
    except yaml.YAMLError:
        return
    assert_scan_agrees(text)


@pytest.mark.parametrize("text", [
    # shapes written by hand: indentless sequences, compact nesting, comments, block scalars,
    # multi-line plain and quoted scalars, flow collections over several lines, properties
    "a:\n- 1\n- b:\n  - 2\n  c: 3\nd: 4\n",
    "- - - x\n  - y\n- z\n",
    "- a: 1\n  b:\n    - c: [1, {d: [2]}]\n",
    "a: |\n  [[[[[[\n  {{{{\nb: >-\n    - x\n    y: z\nc: 1\n",
    "a: |2\n    [[[\n  b\nc: [1]\n",
    "key: a long plain\n  - that goes on\n  [and on]\nnext: [1]\n",
    "a: 'it''s [\n  still: quoted'\nb: \"esc \\\" [\n {\"\nc: {d: 1}\n",
    "a: [1, 2,\n  [3, 4],   # a comment with [ and {\n  {b: 5}]\nc: 1\n",
    "# [[[[\na: 1 # {{{{\nb: x#[[[\n",
    "a: &anchor [1, [2]]\nb: !!seq [3]\nc: !!map {d: [4]}\n",
    "--- [1, [2]]\n",
    "---\na: 1\n...\n",
    "a:\n  b:\n    c:\n      - - d\n        - e\n",
    "a:\r\n  - 1\r\n  - [2]\r\n",
    "a:\n   \n  b: [1]\n",
    "? [1, 2]\n: 3\n",
    "[[a]: b, {c: [d]}: e, &x [f]: g]\n",
    "!t\n&a\nkey: [1]\n",
    "a: [b]\n[c, [d]]: e\n",
])
def test_the_text_scan_agrees_on_shapes_written_by_hand(text: str) -> None:
    assert_scan_agrees(text)


def deep_flow(levels: int) -> str:
    return "case_id: " + "[" * levels + "]" * levels + "\n"


@pytest.mark.parametrize("levels", [63, 64, 65, 999, 1000, 1001, 30_000])
def test_deep_flow_nesting_is_refused_at_perfdxs_limit(levels: int) -> None:
    text = deep_flow(levels)
    if levels + 1 <= MAX_DEPTH:
        assert parse(text, "case.yaml")["case_id"]
        return
    with pytest.raises(InputError) as err:
        parse(text, "case.yaml")
    assert str(err.value).startswith("case.yaml:1:73: nesting is deeper than 64 levels")


SHAPES = {
    "flow sequences": lambda n: "[" * n + "]" * n,
    "flow mappings": lambda n: "{a: " * n + "}" * n,
    "both, under a key": lambda n: "x: " + "[{b: " * (n // 2) + "}]" * (n // 2),
    "compact block sequences": lambda n: "- " * n + "x\n",
    "block mappings": lambda n: "".join(" " * i + "k:\n" for i in range(n)),
    "flow with an anchor and a tag": lambda n: "a: &x !!seq " + "[" * n + "]" * n,
    "flow after a block scalar": lambda n: "a:\n  - b: |\n      text\n    c: " + "[" * n + "]" * n,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_deep_nesting_of_every_kind_is_refused_where_the_parser_would_see_it(shape: str) -> None:
    make = SHAPES[shape]
    deepest, first = event_depths(make(MAX_DEPTH + 6))  # shallow enough for the library
    assert deepest > MAX_DEPTH
    line, col = first[MAX_DEPTH + 1]
    with pytest.raises(InputError) as err:
        parse(make(3_000), "case.yaml")  # deep enough for the library's own limit
    assert str(err.value).startswith(
        f"case.yaml:{line}:{col}: nesting is deeper than {MAX_DEPTH} levels")


@pytest.mark.parametrize("text", [
    "a: '" + "[" * 5_000 + "'\n",
    'a: "' + "{" * 5_000 + '"\n',
    "a: |\n  " + "[" * 5_000 + "\n",
    "# " + "[" * 5_000 + "\na: 1\n",
    "a: x" + "[" * 5_000 + "\n",
])
def test_brackets_that_open_nothing_are_not_counted(text: str) -> None:
    assert _nesting_prescan(text, MAX_DEPTH) is None
    assert parse(text, "case.yaml")["a"]

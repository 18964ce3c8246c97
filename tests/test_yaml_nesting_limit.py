"""perfdx's own nesting limit holds whatever the YAML library does (issue 10).

PyYAML 6.0.4 bundles libyaml 0.2.6, which refuses 1,000 levels itself; its scanner reads ahead of
the parser's events, so a limit counted on events came too late.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
import yaml

from engine.errors import InputError
from engine.yamlio import MAX_DEPTH, parse

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
    assert parse(text, "case.yaml")["a"]

"""The YAML library's parse errors, worded for the person editing the file (issue 16).

PyYAML (and libyaml under it) says "while parsing a block collection: did not find expected '-'
indicator"; an HR editor needs to hear which line is out of line and what to check. Each slip
below is recognised by the library's own problem text; anything else keeps the library's words.
"""

from __future__ import annotations

import re

import yaml

_LINE_UP = ("this line is not lined up with the lines above it: the keys of one entry start in "
            "the same column, and every `- ` item of one list starts in the same column (check "
            "its indentation against the line above)")


def _flow(closer: str, opened: int | None) -> str:
    example = "[a, b]" if closer == "]" else "{a: 1, b: 2}"
    kind = "list" if closer == "]" else "mapping"
    where = f" opened on line {opened}" if opened else ""
    return (f"the {kind} in brackets{where} is not closed, or two of its items have no comma "
            f"between them: write it as `{example}` (check for a missing `{closer}` or `,`, or "
            "a `: ` inside the brackets: put such text in quotes)")


def worded(err: yaml.YAMLError) -> tuple[str, bool] | None:
    """(the words, whether they are about the context mark's line) for a known slip, or None."""
    problem = " ".join(str(getattr(err, "problem", "") or "").split())
    context = " ".join(str(getattr(err, "context", "") or "").split())
    cmark = getattr(err, "context_mark", None)
    opened = cmark.line + 1 if cmark is not None else None
    # Both loaders: PyYAML's own ("expected <block end>, but found ...", "... '\\t' that cannot
    # start any token") and libyaml's ("did not find expected key", "found a tab character
    # that violates indentation"), which perfdx uses when it is there.
    if problem.startswith("expected <block end>, but found") or problem in (
            "did not find expected '-' indicator", "did not find expected key"):
        return _LINE_UP, False
    if problem.startswith("mapping values are not allowed"):
        return ("a `key:` where none can stand: this line is indented further than the key "
                "above it, or a text value contains `: ` (line it up with its neighbours, or put "
                "the text in quotes)"), False
    if "tab character" in problem or "'\\t'" in problem:
        return "a tab character: YAML indents with spaces only (replace the tab with spaces)", False
    found = re.match(r"found character '(.+)' that cannot start any token", problem)
    if found or problem == "found character that cannot start any token":
        char = f"`{found.group(1)}`" if found else "a character"
        return (f"a value starts with {char} that YAML reserves, such as `@` or a backquote "
                "(put the value in quotes)"), False
    if problem == "could not find expected ':'":
        return ("a line without `key: value`: a key needs a colon and a space after it (check "
                "for a missing `:` here, or text that belongs to the value above: indent it "
                "further or put the text in quotes)"), cmark is not None
    for closer in ("]", "}"):
        if f"',' or '{closer}'" in problem:
            return _flow(closer, opened), False
    if problem == "found unexpected end of stream" and "quoted scalar" in context:
        return "a quote opened here is never closed (add the closing quote)", cmark is not None
    return None

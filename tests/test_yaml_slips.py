"""Indentation and other layout slips in YAML, worded for the person editing the file, with the
line and what to check (issue 16, point 12): the YAML library's own words ("while parsing a
block collection: did not find expected '-' indicator") told an HR editor nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import edit

RULE = "rules/skill_shortfall.yaml"
KEYS = "    stage: evidence\n    title: {en: Could not do it"
SLIPS = [
    ("a key indented less than its neighbours",
     KEYS, "    stage: evidence\n   title: {en: Could not do it",
     "malformed YAML: this line is not lined up with the lines above it: the keys of one entry "
     "start in the same column, and every `- ` item of one list starts in the same column (check "
     "its indentation against the line above)"),
    ("a key indented further than its neighbours",
     KEYS, "    stage: evidence\n      title: {en: Could not do it",
     "malformed YAML: a `key:` where none can stand: this line is indented further than the key "
     "above it, or a text value contains `: ` (line it up with its neighbours, or put the text in "
     "quotes)"),
    ("a list item out of line",
     "  - id: SKILL-03\n", " - id: SKILL-03\n",
     "malformed YAML: this line is not lined up with the lines above it: the keys of one entry "
     "start in the same column, and every `- ` item of one list starts in the same column (check "
     "its indentation against the line above)"),
    ("a tab",
     KEYS, "    stage: evidence\n\ttitle: {en: Could not do it",
     "malformed YAML: a tab character: YAML indents with spaces only (replace the tab with "
     "spaces)"),
    ("a key without its colon",
     KEYS, "    stage evidence\n    title: {en: Could not do it",
     "malformed YAML: a line without `key: value`: a key needs a colon and a space after it "
     "(check for a missing `:` here, or text that belongs to the value above: indent it further "
     "or put the text in quotes)"),
]


@pytest.mark.parametrize(("note", "old", "new", "says"), SLIPS, ids=[s[0] for s in SLIPS])
def test_kb_check_words_the_slip(run, kb_copy: Path, note: str, old: str, new: str,
                                 says: str) -> None:
    path = kb_copy / RULE
    text = path.read_text(encoding="utf-8")
    anchor = text.index("id: SKILL-02")
    at = text.index(old, anchor)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    result = run("kb", "check", "--kb", str(kb_copy))
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if " E100 " in line]
    assert len(lines) == 1, result.stdout
    # the line that slipped: the item's own line, `stage` without its colon, else the next one
    slipped = text[:at].count("\n") + 1 + (0 if new.startswith((" - ", "    stage evidence"))
                                            else 1)
    assert f"/{RULE}:{slipped}:" in lines[0], lines[0]
    assert lines[0].endswith("error E100 " + says)


def test_an_unclosed_bracket_says_where_it_opened(run, kb_copy: Path) -> None:
    edit(kb_copy / RULE, "      evidence: {pattern: skill_shortfall, certainty: 0.7}\n",
         "      evidence: {pattern: skill_shortfall, certainty: 0.7\n")
    out = run("kb", "check", "--kb", str(kb_copy)).stdout
    line = next(x for x in out.splitlines() if " E100 " in x)
    assert line.endswith(
        "error E100 malformed YAML: the mapping in brackets opened on line 41 is not closed, or "
        "two of its items have no comma between them: write it as `{a: 1, b: 2}` (check for a "
        "missing `}` or `,`, or a `: ` inside the brackets: put such text in quotes)"), line


def test_an_unclosed_quote_points_at_where_it_opened(run, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text('case_id: "C-1\nas_of: 2026-10-31\n', encoding="utf-8")
    result = run("diagnose", str(case))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {case}:1:10: malformed YAML: a quote opened here "
                             "is never closed (add the closing quote)\n")

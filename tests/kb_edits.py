"""Seeded mistakes as data: edits applied to a copy of the default KB (issue 5 tests).

An edit is a mapping read from tests/data/*.yaml:
- `file`, `old`, `new`: replace the first `old` (at or after the text `after`, when given) by
  `new`; with `regex: true`, `old` is a regular expression and `new` may use \\1;
- `file`, `duplicate_rule: ID`, `as: NEW-ID`: append a copy of rule ID, as written, to its file.
Expectations name a text (`at`) in the edited file: the problem must point at its first
character (searched from `after`, when given). So the fixtures survive most changes to the KB's
content: they break only when the anchors they name disappear.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from engine.kb.load import default_kb_dir

ROOT = Path(__file__).resolve().parent.parent


def copy_kb(dest: Path) -> Path:
    """A writable copy of the default KB with the example cases its scenarios refer to."""
    source = default_kb_dir()
    for sub in ("rules", "knowledge_base"):
        shutil.copytree(source / sub, dest / sub)
    shutil.copytree(ROOT / "examples" / "cases", dest / "examples" / "cases")
    return dest


def apply(root: Path, edit: dict[str, Any]) -> None:
    """Apply one edit to the KB copy at `root`."""
    path = root / edit["file"]
    text = path.read_text(encoding="utf-8")
    if "duplicate_rule" in edit:
        block = rule_block(text, edit["duplicate_rule"])
        copy = block.replace(f"id: {edit['duplicate_rule']}", f"id: {edit['as']}", 1)
        path.write_text(text.rstrip("\n") + "\n\n" + copy, encoding="utf-8")
        return
    start = text.index(edit["after"]) if edit.get("after") else 0
    if edit.get("regex"):
        found = re.compile(edit["old"], re.M).search(text, start)
        assert found, f"{edit['old']!r} not found in {edit['file']} after {start}"
        text = text[:found.start()] + found.expand(edit["new"]) + text[found.end():]
    else:
        offset = text.index(edit["old"], start)
        text = text[:offset] + edit["new"] + text[offset + len(edit["old"]):]
    path.write_text(text, encoding="utf-8")


def rule_block(text: str, rule_id: str) -> str:
    """The text of one rule, from its `- id:` line to the next rule (or the end of the file)."""
    match = re.search(rf"^([ \t]*)- id: {re.escape(rule_id)}[ \t]*$", text, re.M)
    assert match, f"rule {rule_id} not found"
    indent = match.group(1)
    end = re.compile(rf"^{re.escape(indent)}- id: ", re.M).search(text, match.end())
    return text[match.start():end.start() if end else len(text)].rstrip("\n") + "\n"


def position(root: Path, file: str, at: str, after: str | None = None) -> tuple[int, int]:
    """1-based line and column of the first `at` in `file` (after the text `after`)."""
    text = (root / file).read_text(encoding="utf-8")
    offset = text.index(at, text.index(after) if after else 0)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def start_of(root: Path, expect: dict[str, Any], shown: str) -> str:
    """How the compiler line of an expected problem starts: `file:line:col: error CODE `.

    `expect` names `file`, `code`, `at` and optionally `after`; `shown` is how the KB root
    appears in perfdx's output (the copy's path)."""
    line, col = position(root, expect["file"], expect["at"], expect.get("after"))
    severity = "warning" if expect["code"].startswith("W") else "error"
    return f"{shown}/{expect['file']}:{line}:{col}: {severity} {expect['code']} "


def expected_start(root: Path, edit: dict[str, Any], shown: str) -> str:
    """`start_of` for a seeded mistake: its expectation is in the edited file, after the edit's
    anchor unless it names its own."""
    expect = dict(edit["expect"])
    expect.setdefault("file", edit["file"])
    if expect["file"] == edit["file"]:
        expect.setdefault("after", edit.get("after"))
    return start_of(root, expect, shown)

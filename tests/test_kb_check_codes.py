"""Each check of `perfdx kb check`, seeded alone into a copy of the default KB (issue 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.authoring.check import check_kb
from tests.conftest import DATA
from tests.kb_edits import apply, copy_kb, start_of

CASES = yaml.safe_load((DATA / "kb_check_codes.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """What an unedited copy reports, by (code, message): edits are judged by what they add."""
    root = copy_kb(tmp_path_factory.mktemp("baseline") / "kb")
    return {(p.code, p.message) for p in check_kb(root).problems}


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_check(case, tmp_path: Path, baseline: set[tuple[str, str]]) -> None:
    root = copy_kb(tmp_path / "kb")
    for edit in case["edits"]:
        apply(root, edit)
    report = check_kb(root)
    new = [p.compiler_line() for p in report.problems if (p.code, p.message) not in baseline]
    matched = []
    for expect in case["expect"]:
        start = start_of(root, expect, str(root))
        found = [line for line in new if line.startswith(start)]
        assert len(found) == 1, f"no new problem starts with {start!r}; new: {new}"
        says = expect["says"] if isinstance(expect["says"], list) else [expect["says"]]
        at = 0
        for words in says:  # in this order
            at = found[0].index(words, at) + len(words)
        matched.extend(found)
    for absent in case.get("absent", []):
        start = start_of(root, absent, str(root))
        assert not [line for line in new if line.startswith(start)]
    if case.get("only", True):
        assert sorted(new) == sorted(matched)

"""Every bad check-in and plan change of tests/data/tracking/ is refused in Chinese under
PERFDX_LANG=zh, and --lang zh (issue 16, point 11): no line is English only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA
from tests.english_left import english_left

CHECKINS = yaml.safe_load((DATA / "tracking" / "checkin_errors.yaml").read_text(encoding="utf-8"))
ADJUSTS = yaml.safe_load((DATA / "tracking" / "adjust_errors.yaml").read_text(encoding="utf-8"))
CJK = re.compile("[\u4e00-\u9fff]")


def _english_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if english_left(line) or not CJK.search(line.split("：", 1)[-1])]


@pytest.mark.parametrize("case", CHECKINS, ids=[c["note"] for c in CHECKINS])
def test_a_bad_checkin_is_refused_in_chinese(track, plan_id: str, case: dict,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFDX_LANG", "zh")
    result = track("checkin", case.get("plan", plan_id), *case["args"])
    assert result.exit_code == 1
    assert result.stderr and _english_lines(result.stderr) == []


@pytest.mark.parametrize("case", ADJUSTS, ids=[c["note"] for c in ADJUSTS])
def test_a_bad_plan_change_is_refused_in_chinese(track, plan_id: str, case: dict,
                                                 db: Path) -> None:
    result = track("adjust", case.get("plan", plan_id), *case["args"], "--lang", "zh")
    assert result.exit_code == 1
    assert result.stderr and _english_lines(result.stderr) == []

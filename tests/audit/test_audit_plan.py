"""`perfdx plan` records its plan like `diagnose` records its diagnosis, and replays identically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.audit import tamper
from tests.audit.conftest import SALES

PLAN_RUNS = [("en", []), ("zh", ["--start", "2026-10-19"]), ("en", ["--interview"])]


@pytest.mark.parametrize(("lang", "extra"), PLAN_RUNS, ids=["en", "zh-start", "interview"])
def test_a_recorded_plan_replays_identically(run, audit, db: Path, lang: str,
                                              extra: list[str]) -> None:
    result = run("plan", str(SALES), "--lang", lang, *extra)
    assert result.exit_code == 0
    row = tamper.rows(db)[-1]
    assert row["kind"] == "plan"
    assert row["id"] in result.stderr
    replay = audit("replay", row["id"])
    assert replay.exit_code == 0, replay.stdout
    assert replay.stdout.startswith(f"identical: record {row['id']} replays to the same result")


def test_recording_leaves_the_plan_output_unchanged(run) -> None:
    recorded = run("plan", str(SALES), "--format", "json")
    unrecorded = run("plan", str(SALES), "--format", "json", "--no-record")
    assert recorded.stdout == unrecorded.stdout
    assert unrecorded.stderr == ""
    assert json.loads(recorded.stdout)["case_id"] == "C-2026-031"


def test_a_plan_record_shows_its_cause_and_how(run, audit, db: Path) -> None:
    assert run("plan", str(SALES)).exit_code == 0
    row = tamper.rows(db)[-1]
    listed = audit("list", "--pattern", "skill_shortfall").stdout
    assert row["id"] in listed and "skill_shortfall 0.93" in listed
    shown = audit("show", row["id"]).stdout
    assert "# Performance improvement plan: E1187, Sales representative" in shown
    assert "How perfdx concluded: Skill shortfall" in shown

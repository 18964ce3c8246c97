"""What worked feeds the next recommendation (issue 13, point 6): closing three plans with
different outcomes changes `library stats` and, for a new case with the same pattern, the order
of two equal-priority interventions, visibly in HOW; a replay with the recorded snapshot is
identical even after the library has changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.audit import tamper
from tests.conftest import EXAMPLES

# Three plans whose causes include skill_shortfall, all with coaching, one with mentoring.
CLOSED = [("cs_billing_agent_drifted", "not_met"), ("engineer_back_from_management", "partly"),
          ("sales_rep_new_crm", "met")]
NEW = EXAMPLES / "support_agent_concern_only.yaml"  # coaching and mentoring: both priority 3


@pytest.fixture
def three_closed(run, track) -> None:
    for name, outcome in CLOSED:
        result = run("plan", str(EXAMPLES / f"{name}.yaml"), "--format", "json")
        assert result.exit_code == 0, result.stderr
        plan_id = re.search(r"recorded as ([0-9a-f]{12})", result.stderr).group(1)
        assert track("close", plan_id, "--outcome", outcome).exit_code == 0


def _order(run, *args: str) -> list[str]:
    out = run("diagnose", str(NEW), "--format", "json", *args)
    assert out.exit_code == 0, out.stderr
    return [r["intervention"] for r in json.loads(out.stdout)["recommendations"]]


def test_three_closings_change_the_stats(run, three_closed: None, db: Path) -> None:
    stats = json.loads(run("library", "stats", "--format", "json", "--db", str(db)).stdout)
    got = {(s["pattern"], s["intervention"]): (s["n"], s["met"]) for s in stats}
    assert got[("skill_shortfall", "coaching")] == (3, 1)
    assert got[("skill_shortfall", "mentoring")] == (1, 1)


def test_the_track_record_reorders_equal_priorities_visibly(run, three_closed: None,
                                                            db: Path) -> None:
    assert _order(run, "--no-record") == ["formal_training", "coaching", "mentoring"]
    assert _order(run, "--no-record", "--library") == ["formal_training", "mentoring",
                                                        "coaching"]
    how = run("explain", str(NEW), "--how", "skill_shortfall", "--library", "--db", str(db))
    assert how.stdout.endswith(
        "  Mentoring by an experienced colleague ranked above Coaching (equal priority 3), by "
        "the case library's track record: fewer than 3 closed cases, counted as even chances "
        "(50%); Coaching: 1 of 3 past cases met their goal\n")
    zh = run("explain", str(NEW), "--how", "skill_shortfall", "--library", "--db", str(db),
             "--lang", "zh")
    assert zh.stdout.endswith(
        "  资深同事带教排在在岗辅导之前(同为优先级 3),依据案例库的实施记录:已结束案例少于 3 个,"
        "按对半机会计(50%);在岗辅导:过去 3 个案例中有 1 个达成目标\n")
    plain = run("explain", str(NEW), "--how", "skill_shortfall")
    assert "ranked above" not in plain.stdout
    trace = json.loads(run("diagnose", str(NEW), "--format", "json", "--no-record",
                           "--library").stdout)["trace"]["steps"]
    ranked = [s for s in trace if s["kind"] == "rank"]
    assert [(s["asserted"]["intervention"], s["asserted"]["position"]) for s in ranked] == [
        ("mentoring", 2), ("coaching", 3)]


@pytest.mark.parametrize("command", ["diagnose", "plan"])
def test_a_replay_uses_the_recorded_snapshot(run, track, three_closed: None, db: Path,
                                             command: str) -> None:
    """The record names the snapshot it was drafted with, and a replay after the library has
    changed is identical; `plan --library` as `diagnose --library` (issue 13, left over)."""
    first = run(command, str(NEW), "--format", "json", "--library")
    assert first.exit_code == 0, first.stderr
    rid = re.search(r"recorded as ([0-9a-f]{12})", first.stderr).group(1)
    snapshot = [r for r in tamper.rows(db) if r["kind"] == "track_record"]
    assert len(snapshot) == 1
    assert json.loads(next(r for r in tamper.rows(db) if r["id"] == rid)["content"])[
        "track_record"] == snapshot[0]["content_hash"]
    # the library changes: another plan with mentoring closes as not met
    result = run("plan", str(EXAMPLES / "finance_new_project_controller.yaml"), "--format",
                 "json")
    plan_id = re.search(r"recorded as ([0-9a-f]{12})", result.stderr).group(1)
    assert track("close", plan_id, "--outcome", "not_met").exit_code == 0
    replayed = run("audit", "replay", rid, "--db", str(db))
    assert replayed.exit_code == 0, replayed.stdout
    assert replayed.stdout.startswith(f"identical: record {rid} replays")
    assert run("audit", "verify", "--db", str(db)).exit_code == 0

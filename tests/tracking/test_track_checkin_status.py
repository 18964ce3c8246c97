"""`perfdx track checkin` and `perfdx track status` (issue 13, point 1): check-ins are chained
records of the decision log; status judges each goal against its milestone path by a stated
rule, training against the schedule, and counts the check-ins missed."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
import yaml

from engine.audit.retention import purge
from engine.audit.reviewers import os_identity
from engine.audit.store import AuditLog
from engine.tracking.checkin import record_checkin
from tests.audit import tamper
from tests.conftest import DATA, ROOT
from tests.tracking.conftest import normalised

WEEK4 = yaml.safe_load((DATA / "tracking" / "checkins_week4.yaml").read_text(encoding="utf-8"))
SCENARIOS = yaml.safe_load((DATA / "tracking" / "status_scenarios.yaml").read_text(
    encoding="utf-8"))
ERRORS = yaml.safe_load((DATA / "tracking" / "checkin_errors.yaml").read_text(encoding="utf-8"))
GOLDEN = ROOT / "tests" / "golden" / "tracking"


def _checkins(track, plan_id: str, checkins: list[list[str]]) -> None:
    for args in checkins:
        result = track("checkin", plan_id, *args)
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("case", SCENARIOS, ids=[s["note"] for s in SCENARIOS])
def test_status_scenarios(track, plan_id: str, case: dict) -> None:
    _checkins(track, plan_id, case["checkins"])
    extra = ["--as-of", case["as_of"]] if case.get("as_of") else []
    result = track("status", plan_id, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    st = json.loads(result.stdout)
    want = case["expect"]
    assert st["as_of"] == want["as_of"]
    assert {g["goal"]: g["state"] for g in st["goals"]} == want["goals"]
    for key in ("closed", "expected"):
        got = {g["goal"]: g[key] for g in st["goals"] if g[key] is not None}
        assert got == want.get(key, {}), key
    assert (st["training"]["hours_done"], st["training"]["hours_due"]) == (
        want["training"]["done"], want["training"]["due"])
    assert st["checkins_missed"] == want["missed"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_status_at_week_4_exactly(track, plan_id: str, lang: str, fmt: str) -> None:
    _checkins(track, plan_id, WEEK4)
    result = track("status", plan_id, "--format", fmt, "--lang", lang)
    assert result.exit_code == 0
    assert result.stderr == ""
    ext = {"text": "txt", "markdown": "md", "json": "json"}[fmt]
    golden = GOLDEN / f"status_week4.{lang}.{ext}"
    got = normalised(result.stdout, plan_id)
    if os.environ.get("PERFDX_UPDATE_GOLDEN") == "1":
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with PERFDX_UPDATE_GOLDEN=1"
    assert got == golden.read_text(encoding="utf-8")


def test_status_is_the_same_every_time(track, plan_id: str) -> None:
    _checkins(track, plan_id, WEEK4)
    first = track("status", plan_id, "--format", "json").stdout
    assert track("status", plan_id, "--format", "json").stdout == first


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_status_html_has_a_trend_chart_per_goal(track, plan_id: str, lang: str) -> None:
    _checkins(track, plan_id, WEEK4)
    html = track("status", plan_id, "--format", "html", "--lang", lang).stdout
    assert html.count('<figure class="chart" data-chart="goal-') == 2
    assert html.count("<svg") == 2
    assert "http://" not in html.replace("http://www.w3.org/", "")  # nothing fetched
    assert ("goal-1 Sales growth: behind" if lang == "en" else "goal-1 销售额增长率: 落后") in html
    assert html == track("status", plan_id, "--format", "html", "--lang", lang).stdout


def test_a_checkin_is_a_chained_record_of_the_plan(track, run, plan_id: str, db: Path) -> None:
    result = track("checkin", plan_id, "--date", "2026-10-15", "--kpi", "sales_growth=6.5",
                   "--note", "first week")
    assert result.exit_code == 0
    row = tamper.rows(db)[-1]
    assert row["kind"] == "checkin" and row["subject"] == plan_id
    assert result.stdout == f"perfdx: check-in {row['id']} recorded for plan {plan_id} " \
                            "(2026-10-15)\n"
    assert result.stderr == f"perfdx: warning: plan {plan_id} is a draft that requires human " \
                            "review: tracking it does not make it a reviewed plan\n"
    content = json.loads(row["content"])
    assert content["kpis"] == {"sales_growth": 6.5} and content["note"] == "first week"
    assert content["entered_by"]["account"] is not None
    assert content["entered_by"]["registered_as"] == []
    listed = run("audit", "list", "--all", "--db", str(db)).stdout
    assert f"{row['id']}" in listed and "check-in" in listed
    shown = run("audit", "show", row["id"], "--db", str(db))
    assert shown.exit_code == 0 and "first week" in shown.stdout


def test_the_registered_name_of_the_account_is_recorded(track, plan_id: str, db: Path) -> None:
    path = Path(os.environ["PERFDX_AUDIT_KEY"]).parent / "reviewers.yaml"
    path.write_text(f"reviewers:\n  - name: Chen Li\n    role: HRBP\n    account: "
                    f"{os_identity()['account']}\n", encoding="utf-8")
    assert track("checkin", plan_id, "--date", "2026-10-15", "--note", "x").exit_code == 0
    content = json.loads(tamper.rows(db)[-1]["content"])
    assert content["entered_by"]["registered_as"] == ["Chen Li"]


def test_zh_checkin_says_so_in_chinese(track, plan_id: str, db: Path) -> None:
    result = track("checkin", plan_id, "--date", "2026-10-15", "--note", "x", "--lang", "zh")
    rid = tamper.rows(db)[-1]["id"]
    assert result.stdout == f"perfdx:已为改进计划 {plan_id} 记录周检 {rid}(2026-10-15)\n"


@pytest.mark.parametrize("case", ERRORS, ids=[c["note"] for c in ERRORS])
def test_a_bad_checkin_is_one_line_and_writes_nothing(track, plan_id: str, db: Path,
                                                      case: dict) -> None:
    before = tamper.rows(db)
    result = track("checkin", case.get("plan", plan_id), *case["args"])
    assert result.exit_code == 1
    assert result.stdout == ""
    want = case["error"].replace("<PLAN>", plan_id).replace("<DB>", str(db))
    assert result.stderr == want + "\n"
    assert tamper.rows(db) == before


def test_a_checkin_on_a_diagnosis_is_refused(track, run, db: Path) -> None:
    assert run("diagnose", str(ROOT / "examples" / "cases" / "sales_rep_new_crm.yaml")
               ).exit_code == 0
    rid = tamper.rows(db)[-1]["id"]
    result = track("checkin", rid, "--date", "2026-10-15", "--note", "x")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: record {rid} is a diagnose record, not a plan "
                             "('perfdx audit list' shows the plans' record ids)\n")


def test_status_before_the_start_is_refused(track, plan_id: str) -> None:
    result = track("status", plan_id, "--as-of", "2026-10-01")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: --as-of 2026-10-01 is before plan {plan_id} "
                             "started (2026-10-12)\n")


def test_verify_passes_then_fails_after_a_checkin_is_altered(track, run, plan_id: str,
                                                              db: Path) -> None:
    _checkins(track, plan_id, WEEK4)
    assert run("audit", "verify", "--db", str(db)).exit_code == 0
    rows = tamper.rows(db)
    target = next(r for r in rows if r["kind"] == "checkin")
    conn = tamper.connect(db)
    conn.execute("UPDATE records SET content = ? WHERE id = ?",
                 (target["content"].replace("6.5", "9.5"), target["id"]))
    conn.close()
    result = run("audit", "verify", "--db", str(db))
    assert result.exit_code == 1
    assert target["id"] in result.stdout
    refused = track("status", plan_id)
    assert refused.exit_code == 1
    assert refused.stderr == (f"perfdx: error: tracking record {target['id']} of plan {plan_id} "
                              "no longer matches its hashes in the decision log ('perfdx audit "
                              "verify' names what was altered)\n")


def test_due_lists_the_week_across_open_plans(track, plan_id: str) -> None:
    _checkins(track, plan_id, WEEK4[:2])  # 2026-10-15 and 2026-10-22 held
    result = track("due", "--week", "2026-11-11")
    assert result.exit_code == 0
    assert normalised(result.stdout, plan_id) == (
        "date        plan          employee  what              state\n"
        "2026-10-29  <PLAN>  E1187     check-in 3        overdue\n"
        "2026-11-05  <PLAN>  E1187     check-in 4        overdue\n"
        "2026-11-12  <PLAN>  E1187     monthly review 1  due this week\n"
        "Week of 2026-11-09: 1 due, 2 overdue.\n")
    assert track("monthly", plan_id, "--as-of", "2026-11-12").exit_code == 0
    assert track("close", plan_id, "--outcome", "withdrawn", "--date", "2026-11-12"
                 ).exit_code == 0
    empty = track("due", "--week", "2026-11-11", "--lang", "zh")
    assert empty.stdout == "2026-11-09 这一周,所有进行中的计划均无到期事项。\n"


def test_a_purged_checkin_is_left_out_not_a_crash(track, plan_id: str, db: Path) -> None:
    old = dt.datetime(2024, 3, 1, tzinfo=dt.timezone.utc)
    with AuditLog.open(db) as log:
        record_checkin(log, plan_id, dt.date(2026, 10, 15), kpis=["sales_growth=6.5"],
                       operator="t", entered_by={}, now=old)
        assert purge(log, dt.date(2025, 1, 1), operator="t").rows[0].kind == "checkin"
    _checkins(track, plan_id, WEEK4[1:])
    st = json.loads(track("status", plan_id, "--format", "json").stdout)
    assert [c["date"] for c in st["checkins"]] == ["2026-10-22", "2026-11-05"]

"""Issue 14: one decision per content; a recorded decision rendered again in any format and
language; a contested diagnosis makes its plans contested; a schema-1 log migrates."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from engine.audit.chain import Header, canonical, sha256
from engine.audit.redact import token
from engine.audit.schema import MIGRATIONS
from engine.audit.store import AuditLog, _statements
from tests.audit import tamper
from tests.audit.conftest import SALES


def test_three_diagnose_runs_of_one_case_leave_one_record(run, db: Path) -> None:
    first = run("diagnose", str(SALES))
    rid = tamper.rows(db)[0]["id"]
    again = run("diagnose", str(SALES), "--format", "json")
    third = run("diagnose", str(SALES), "--format", "markdown", "--lang", "zh")
    assert [r["id"] for r in tamper.rows(db)] == [rid]
    assert first.stderr.startswith(f"perfdx: recorded as {rid} in {db}")
    assert again.stderr == (f"perfdx: already recorded as {rid} in {db} (the same case, "
                            "knowledge base, perfdx version and options): not recorded again\n")
    assert third.stderr == (f"perfdx:该决定已记录为 {rid}(位于 {db};案例、知识库、perfdx 版本和"
                            "选项均相同),不再重复记录\n")


def test_what_shapes_a_decision_makes_a_new_record(run, db: Path) -> None:
    run("diagnose", str(SALES))
    run("diagnose", str(SALES), "--redact", "employee.id")
    run("plan", str(SALES))
    run("plan", str(SALES), "--start", "2026-11-02")
    run("plan", str(SALES), "--lang", "zh")  # language is presentation: the same plan
    assert [r["kind"] for r in tamper.rows(db)] == ["diagnose", "diagnose", "plan", "plan"]


@pytest.mark.parametrize("fmt, lang", [("markdown", "zh"), ("markdown", "en"), ("text", "en"),
                                       ("text", "zh"), ("json", "en")])
def test_show_renders_a_decision_byte_for_byte_as_diagnose(run, audit, db: Path, fmt: str,
                                                           lang: str) -> None:
    made = run("diagnose", str(SALES), "--format", fmt, "--lang", lang)
    rid = tamper.rows(db)[0]["id"]
    shown = audit("show", rid, "--format", fmt, "--lang", lang)
    assert shown.exit_code == 0
    assert shown.stdout == made.stdout
    assert shown.stderr.splitlines()[0] == (f"perfdx: Record {rid}: DRAFT: requires human review"
                                            if lang == "en" else
                                            f"perfdx: 记录 {rid}: 草稿:须经人工审核")


def test_show_renders_a_plan_in_another_language_and_as_html(run, audit, db: Path) -> None:
    run("plan", str(SALES))
    rid = tamper.rows(db)[-1]["id"]
    zh = run("plan", str(SALES), "--lang", "zh", "--no-record").stdout
    assert audit("show", rid, "--format", "markdown", "--lang", "zh").stdout == zh
    html = run("plan", str(SALES), "--format", "html", "--no-record").stdout
    assert audit("show", rid, "--format", "html").stdout == html


def test_a_contested_diagnosis_makes_its_plan_contested(run, audit, db: Path) -> None:
    run("diagnose", str(SALES))
    run("plan", str(SALES))
    diagnosis, plan = (r["id"] for r in tamper.rows(db))
    audit("contest", diagnosis, "--by", "E1187", "--note", "I was never trained on the CRM")
    listed = json.loads(audit("list", "--format", "json").stdout)
    assert [(e["id"], e["review_state"]) for e in listed] == [(diagnosis, "contested"),
                                                             (plan, "contested")]
    shown = audit("show", plan).stdout.splitlines()
    assert shown[3] == "  review state: contested: requires human review"
    assert (f"The diagnosis this plan is built on ({diagnosis}) was contested: the plan requires "
            "human review again.") in shown
    html = audit("show", plan, "--format", "html").stdout
    assert (f'<p class="draft contested">The diagnosis this plan is built on ({diagnosis}) was '
            "contested: the plan requires human review again.</p>") in html
    assert audit("review", plan, "--by", "Chen Li", "--decision", "amend", "--note",
                 "Training added first").exit_code == 0
    states = [e["review_state"] for e in json.loads(audit("list", "--format", "json").stdout)]
    assert states == ["contested", "amended"]


# -- a log written by schema 1 --------------------------------------------------------------------

def _v1_log(path: Path, case: dict, key: str) -> str:
    """A decision log as perfdx wrote it before issue 14 (schema 1, key inside)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA application_id = 1885763684")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO meta VALUES ('created', '2026-10-01T08:00:00.000000Z'), "
                 "('redaction_key', ?)", (key,))
    redacted = json.loads(json.dumps(case))
    redacted["employee"]["id"] = token(key, case["employee"]["id"])
    body = canonical({"case": redacted, "result": {}, "redacted": ["employee.id"],
                      "params": {}}).decode()
    h = Header("0123456789ab", "diagnose", "2026-10-01T08:00:00.000000Z", "old", "0.1.0", None,
               None, sha256(body.encode()), "0" * 64)
    conn.execute("INSERT INTO records VALUES (1, ?, 'diagnose', ?, 'old', '0.1.0', NULL, NULL, "
                 "?, ?, ?, ?)", (h.id, h.created, h.content, h.prev, h.hash(), body))
    conn.close()
    return h.id


def test_a_schema_1_log_opens_migrates_and_moves_its_redaction_key_out(audit, db: Path) -> None:
    key = "ab" * 32
    rid = _v1_log(db, {"case_id": "C-1", "employee": {"id": "E1187"}}, key)
    with AuditLog.open(db) as log:
        log_id = log.log_id
        assert log.conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert log.meta("redaction_key") is None
    moved = Path(os.environ["PERFDX_AUDIT_KEY"]).parent / f"redaction-{log_id}.key"
    assert moved.read_text() == key + "\n"
    assert oct(moved.stat().st_mode & 0o777) == "0o600"
    assert b"ab" * 32 not in b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    listed = json.loads(audit("list", "--employee", "E1187", "--format", "json").stdout)
    assert [e["id"] for e in listed] == [rid]
    result = audit("verify")
    assert result.exit_code == 0, result.stdout
    assert audit("checkpoint").exit_code == 0
    assert audit("verify", "--strict").exit_code == 0
    assert dt.date.fromisoformat(log_id and "2026-10-01")  # the old record is kept as it was
    assert tamper.rows(db)[0]["id"] == rid

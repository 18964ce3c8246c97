"""Human oversight and the auditor's views: review, contest, list, show, export."""

from __future__ import annotations

import json
from pathlib import Path

from engine.audit.chain import GENESIS, Header, sha256
from engine.audit.reviewers import os_identity
from tests.audit import tamper
from tests.audit.conftest import FINANCE, SALES

DRAFT = "DRAFT: requires human review"


def _review(audit, rid: str, decision: str = "approve", note: str = "Checked with the manager"):
    return audit("review", rid, "--by", "Chen Li", "--decision", decision, "--note", note,
                 "--operator", "hrbp")


def test_a_review_is_a_chained_record(audit, db: Path, record) -> None:
    rid = record()
    result = _review(audit, rid)
    rows = tamper.rows(db)
    assert result.exit_code == 0
    assert result.stdout == (f"recorded the review of {rid} by Chen Li: approved, as record "
                             f"{rows[1]['id']}\n")
    assert rows[1]["kind"] == "review" and rows[1]["subject"] == rid
    assert rows[1]["prev_hash"] == rows[0]["record_hash"]
    assert rows[1]["operator"] == "hrbp"
    # issue 14: a review also records the reviewer's registered role and the OS identity
    assert json.loads(rows[1]["content"]) == {"by": "Chen Li", "decision": "approve",
                                              "note": "Checked with the manager",
                                              "role": "HRBP", "entered_by": os_identity(),
                                              "signature": None}
    assert audit("verify").exit_code == 0


def test_review_states_move_with_reviews_and_objections(audit, record) -> None:
    rid = record()

    def state() -> str:
        return json.loads(audit("list", "--format", "json").stdout)[0]["review_state"]

    assert state() == "draft"
    _review(audit, rid, "amend", "Add the CRM outage to the gap description")
    assert state() == "amended"
    assert audit("contest", rid, "--note", "The CRM training was cancelled twice").exit_code == 0
    assert state() == "contested"
    _review(audit, rid, "reject", "Training never happened; the cause is not shown")
    assert state() == "rejected"


def test_a_contest_says_the_decision_needs_review_again(audit, db: Path, record) -> None:
    rid = record()
    result = audit("contest", rid, "--note", "My targets changed mid-quarter", "--by", "E1187")
    cid = tamper.rows(db)[1]["id"]
    assert result.stdout == (f"recorded the objection to {rid} as record {cid}; the decision "
                             "requires human review again\n")
    # issue 14: an objection also records the OS identity that entered it
    assert json.loads(tamper.rows(db)[1]["content"]) == {"by": "E1187",
                                                          "note": "My targets changed mid-quarter",
                                                          "entered_by": os_identity()}


def test_only_decisions_can_be_reviewed(audit, record) -> None:
    rid = record()
    review_id = _review(audit, rid).stdout.split()[-1]
    result = _review(audit, review_id)
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: record {review_id} is a review record, not a "
                             f"decision (it is about {rid}) (review the decision it refers to)\n")


def test_review_options_are_required_and_checked(audit, record) -> None:
    rid = record()
    assert audit("review", rid, "--by", "Chen Li", "--decision", "approve").exit_code == 2
    bad = audit("review", rid, "--by", "X", "--decision", "maybe", "--note", "n")
    assert bad.exit_code == 2
    assert "Invalid value for '--decision': 'maybe' is not one of 'approve', 'reject', " \
           "'amend'." in bad.stderr
    blank = audit("review", rid, "--by", " ", "--decision", "approve", "--note", "n")
    assert blank.exit_code == 1
    assert blank.stderr == ("perfdx: error: a review names the reviewer (--by) and says why "
                            "(--note)\n")


def test_list_shows_drafts_and_filters(audit, record) -> None:
    sales, finance = record(SALES), record(FINANCE)
    _review(audit, finance)
    out = audit("list").stdout.splitlines()
    assert out[0].split() == ["id", "time", "(UTC)", "kind", "case", "employee", "primary",
                              "cause", "state"]
    assert out[1].startswith(sales) and out[1].endswith(DRAFT)
    assert "C-2026-031" in out[1] and "E1187" in out[1] and "skill_shortfall 0.93" in out[1]
    assert out[2].startswith(finance) and out[2].endswith("approved")
    assert out[-1] == "records: 2; requiring human review: 1"

    def ids(*args: str) -> list[str]:
        return [e["id"] for e in json.loads(audit("list", "--format", "json", *args).stdout)]

    assert ids("--employee", "E1187") == [sales]
    assert ids("--pattern", "process_blockage") == [finance]
    assert ids("--state", "draft") == [sales]
    assert ids("--state", "approved") == [finance]
    assert ids("--since", "2000-01-01", "--until", "2999-12-31") == [sales, finance]
    assert ids("--until", "2000-01-01") == []
    assert len(ids("--all")) == 3
    assert audit("list", "--employee", "nobody").stdout == "No records match.\n"


def test_list_json_says_who_must_review(audit, record) -> None:
    record()
    entry = json.loads(audit("list", "--format", "json").stdout)[0]
    assert entry["review_state"] == "draft"
    assert entry["requires_human_review"] is True
    assert entry["primary_cause"] == {"pattern": "skill_shortfall", "certainty": 0.925}


def test_show_gives_the_decision_its_how_and_the_draft_notice(audit, db: Path, record) -> None:
    rid = record()
    out = audit("show", rid).stdout
    row = tamper.rows(db)[0]
    lines = out.splitlines()
    assert lines[0] == f"Record {rid} · diagnosis · {row['created'][:19].replace('T', ' ')} UTC"
    assert lines[1] == f"  operator: auditor-test · perfdx 0.1.0 · knowledge base " \
                       f"{row['kb_hash'][:12]}"
    assert lines[2] == f"  chain: #1 {row['record_hash']}"
    assert lines[3] == f"  review state: {DRAFT}"
    assert "How perfdx concluded: Skill shortfall" in lines
    assert ("        - Sales growth: target 15%, actual 6.2%, attainment 41%  [metric-1; audit "
            f"record {rid}; measured with knowledge_base/kpis.yaml:9]") in lines
    assert lines[-1] == (f"This decision is a draft that requires human review: nothing may be "
                         f"done on it until a named person reviews it (perfdx audit review {rid} "
                         "--by NAME --decision approve|reject|amend --note TEXT).")


def test_show_of_a_redacted_decision_explains_from_the_record(run, audit, db: Path) -> None:
    run("diagnose", str(FINANCE), "--redact", "employee.id")
    rid = tamper.rows(db)[0]["id"]
    lines = audit("show", rid).stdout.splitlines()
    assert "  redacted fields (stored as keyed hashes): employee.id" in lines
    assert "(from the recorded diagnosis: the case was redacted, so it is not re-run)" in lines
    assert "How perfdx concluded: Process blockage" in lines
    assert "      - approvals a typical piece of work needs: 5  [observation-2; recorded trace]" \
        in lines


def test_show_lists_reviews_and_objections(audit, record) -> None:
    rid = record()
    _review(audit, rid)
    audit("contest", rid, "--note", "Training was cancelled")
    lines = audit("show", rid).stdout.splitlines()
    assert lines[3] == "  review state: contested: requires human review"
    assert lines[-5] == "Reviews and objections"
    assert lines[-4].endswith("review by Chen Li: approved: Checked with the manager  ["
                              + lines[-4].split("[")[-1])
    assert "objection by the employee: Training was cancelled" in lines[-3]
    assert lines[-1] == ("The employee contested this decision after its last review; it "
                         "requires human review again.")


def test_show_in_chinese(audit, record) -> None:
    rid = record()
    lines = audit("show", rid, "--lang", "zh").stdout.splitlines()
    assert lines[0].startswith(f"记录 {rid} · 诊断 · ")
    assert lines[3] == "  审核状态: 草稿:须经人工审核"


def test_export_can_be_verified_without_perfdx(audit, record) -> None:
    rid = record()
    _review(audit, rid)
    record(FINANCE)
    lines = audit("export").stdout.splitlines()
    assert len(lines) == 3
    prev = GENESIS
    for line in lines:
        doc = json.loads(line)
        body = json.dumps(doc["content"], sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False).encode()
        assert sha256(body) == doc["content_hash"]
        header = Header(doc["id"], doc["kind"], doc["created"], doc["operator"], doc["perfdx"],
                        doc["kb"], doc["subject"], doc["content_hash"], doc["prev"])
        assert doc["prev"] == prev
        assert header.hash() == doc["hash"]
        prev = doc["hash"]
    first = json.loads(lines[0])
    assert first["review_state"] == "approved" and first["requires_human_review"] is False
    assert json.loads(lines[2])["review_state"] == "draft"
    assert "review_state" not in json.loads(lines[1])


def test_export_to_a_file_is_the_same_as_to_stdout(audit, record, tmp_path: Path) -> None:
    record()
    record(FINANCE)
    out = tmp_path / "log.jsonl"
    assert audit("export", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == audit("export").stdout
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".log.jsonl")] == []

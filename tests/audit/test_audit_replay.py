"""`audit replay`: the stored KB and case give the recorded result again; another KB, a diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.audit import tamper
from tests.audit.conftest import FINANCE, SALES
from tests.conftest import EXAMPLES

CASES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_example_case_replays_identically(run, audit, db: Path, case: Path) -> None:
    assert run("diagnose", str(case)).exit_code == 0
    row = tamper.rows(db)[-1]
    result = audit("replay", row["id"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines() == [
        f"identical: record {row['id']} replays to the same result with knowledge base "
        f"{row['kb_hash'][:12]} (recorded by perfdx 0.1.0).",
        f"This decision is a draft that requires human review: nothing may be done on it until "
        f"a named person reviews it (perfdx audit review {row['id']} --by NAME --decision "
        "approve|reject|amend --note TEXT)."]


def test_a_reviewed_decision_replays_without_the_draft_notice(audit, record) -> None:
    rid = record()
    audit("review", rid, "--by", "Chen Li", "--decision", "approve", "--note", "ok")
    result = audit("replay", rid)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1


def test_a_replay_uses_the_stored_kb_not_the_current_one(run, audit, db: Path,
                                                         kb_copy: Path) -> None:
    run("diagnose", str(SALES), "--kb", str(kb_copy))
    row = tamper.rows(db)[0]
    for path in kb_copy.rglob("*.yaml"):
        path.unlink()  # the KB directory is gone; the log still has it
    assert audit("replay", row["id"]).exit_code == 0


def test_a_changed_result_is_shown_as_the_difference(audit, db: Path, record) -> None:
    rid = record()
    row = tamper.rows(db)[0]
    content = json.loads(row["content"])
    content["result"]["causes"][0]["certainty"] = 0.5
    content["result"]["not_reported"].append({"pattern": "x", "gap": "y", "certainty": 0.1})
    conn = tamper.connect(db)
    conn.execute("UPDATE records SET content = ? WHERE id = ?", (json.dumps(content), rid))
    conn.close()
    result = audit("replay", rid)
    assert result.exit_code == 1
    assert result.stderr == ("WARNING: this record's content no longer matches its hash in the "
                             "chain: it was altered after it was recorded (run 'perfdx audit "
                             "verify')\n")
    assert result.stdout.splitlines()[:3] == [
        f"different: record {rid} replays to another result with knowledge base "
        f"{row['kb_hash'][:12]} (2 differences):",
        "  causes[0].certainty: 0.5 -> 0.925",
        '  not_reported[0]: {"pattern": "x", "gap": "y", "certainty": 0.1} -> (absent)']


def test_a_redacted_record_cannot_be_replayed(run, audit, db: Path) -> None:
    run("diagnose", str(SALES), "--redact", "employee.id")
    rid = tamper.rows(db)[0]["id"]
    result = audit("replay", rid)
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: record {rid} cannot be replayed: it was recorded "
                             "with case fields hashed (--redact employee.id)\n")


def test_a_review_is_not_a_decision_to_replay(audit, record) -> None:
    rid = record()
    review = audit("review", rid, "--by", "Chen Li", "--decision", "approve", "--note", "ok")
    review_id = review.stdout.split()[-1]
    result = audit("replay", review_id)
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: record {review_id} is a review record about {rid},"
                             " not a decision (replay the decision it refers to)\n")


def test_another_kb_shows_what_it_would_conclude(audit, db: Path, record,
                                                 kb_copy: Path) -> None:
    rid = record(FINANCE)
    rules = kb_copy / "rules" / "process_blockage.yaml"
    text = rules.read_text(encoding="utf-8")
    assert text.count("certainty: 0.7") == 1
    rules.write_text(text.replace("certainty: 0.7", "certainty: 0.2"), encoding="utf-8")
    result = audit("replay", rid, "--kb", str(kb_copy))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    recorded = tamper.rows(db)[0]["kb_hash"][:12]
    assert lines[0].startswith(f"Record {rid} (case C-2026-044) with knowledge base {kb_copy} (")
    assert lines[0].endswith(f") instead of the recorded {recorded}:")
    assert "Causes (certainty)" in lines
    assert "  ~ process_blockage · close_cycle_days: 0.95 -> 0.87" in lines
    assert "  = process_blockage · report_accuracy: 0.90" in lines
    assert "Recommendations (priority)" in lines


def test_the_same_kb_elsewhere_concludes_the_same(audit, record, kb_copy: Path) -> None:
    rid = record()
    result = audit("replay", rid, "--kb", str(kb_copy))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-3] == ("The other knowledge base reaches the same causes "
                                              "and recommendations.")


def test_replay_speaks_chinese(audit, record) -> None:
    rid = record()
    assert audit("replay", rid, "--lang", "zh").stdout.startswith(f"一致:记录 {rid} 使用知识库")

"""`diagnose` records by default: what a record holds, where the log lives, how it is protected."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from engine.audit.paths import default_db_path, resolve_db_path
from engine.audit.redact import REDACTABLE, TOKEN_PREFIX
from engine.audit.snapshots import restore_kb
from engine.audit.store import AuditLog
from engine.case import Case
from engine.kb.load import load_kb
from tests.audit import tamper
from tests.audit.conftest import FINANCE, SALES


def test_stdout_is_the_same_with_and_without_recording(run, db: Path) -> None:
    for fmt in ("text", "json", "markdown"):
        recorded = run("diagnose", str(SALES), "--format", fmt)
        plain = run("diagnose", str(SALES), "--format", fmt, "--no-record")
        assert recorded.exit_code == plain.exit_code == 0
        assert recorded.stdout == plain.stdout
        assert plain.stderr == ""
    assert len(tamper.rows(db)) == 1  # issue 14: one decision per content, whatever the format


def test_the_record_id_goes_to_stderr(run, db: Path) -> None:
    result = run("diagnose", str(SALES), "--operator", "Chen Li")
    row = tamper.rows(db)[0]
    assert result.stderr == (
        f"perfdx: recorded as {row['id']} in {db}; a draft until reviewed: perfdx audit review "
        f"{row['id']} --by NAME --decision approve|reject|amend --note TEXT\n")
    assert row["operator"] == "Chen Li"
    assert row["kind"] == "diagnose"


def test_a_record_holds_the_validated_case_and_the_diagnosis_json(run, db: Path, kb) -> None:
    out = run("diagnose", str(SALES), "--format", "json").stdout
    row = tamper.rows(db)[0]
    content = json.loads(row["content"])
    assert content["result"] == json.loads(out)
    assert content["case"]["employee"]["id"] == "E1187"
    assert Case.model_validate(content["case"]).case_id == "C-2026-031"
    assert content["redacted"] == [] and content["params"] == {}
    assert row["kb_hash"] == kb.hash
    assert row["perfdx"] == "0.1.0"
    assert row["created"].endswith("Z") and len(row["created"]) == 27


def test_the_operator_defaults_to_the_os_user(run, db: Path, monkeypatch) -> None:
    monkeypatch.delenv("PERFDX_OPERATOR", raising=False)
    monkeypatch.setenv("USER", "hr-specialist")
    monkeypatch.setenv("LOGNAME", "hr-specialist")
    run("diagnose", str(SALES))
    assert tamper.rows(db)[0]["operator"] == "hr-specialist"


def test_each_knowledge_base_is_stored_once_and_restores_exactly(run, db: Path, kb,
                                                                 kb_copy: Path) -> None:
    run("diagnose", str(SALES))
    run("diagnose", str(FINANCE))
    gaps = kb_copy / "rules" / "gaps.yaml"
    gaps.write_bytes(gaps.read_bytes() + b"\n# an HR editor's comment\n")
    run("diagnose", str(SALES), "--kb", str(kb_copy))
    other = load_kb(kb_copy)
    with AuditLog.open(db) as log:
        assert log.snapshot_hashes() == sorted([kb.hash, other.hash])
        assert restore_kb(log, kb.hash).hash == kb.hash
        assert restore_kb(log, other.hash).hash == other.hash
        assert [p for p, _ in log.snapshot_files(kb.hash)] == [f.path for f in kb.files]


def test_the_log_is_readable_by_its_owner_only(run, tmp_path: Path) -> None:
    db = tmp_path / "new" / "deeper" / "decisions.db"
    old = os.umask(0o022)
    try:
        run("diagnose", str(SALES), "--db", str(db))
        with AuditLog.open(db) as log:  # the -wal and -shm files exist while it is open
            log.append("contest", {"note": "x"}, operator="t")
            for suffix in ("-wal", "-shm"):
                assert stat.S_IMODE(Path(str(db) + suffix).stat().st_mode) == 0o600
    finally:
        os.umask(old)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.parent.parent.stat().st_mode) == 0o700


def test_the_log_is_in_wal_mode(run, db: Path) -> None:
    run("diagnose", str(SALES))
    conn = sqlite3.connect(str(db))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_default_log_is_in_the_users_data_directory(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PERFDX_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "perfdx" / "decisions.db"
    assert resolve_db_path(None) == default_db_path()
    monkeypatch.setenv("PERFDX_DB", "/srv/log.db")
    assert resolve_db_path(None) == Path("/srv/log.db")
    assert resolve_db_path("other.db") == Path("other.db")


def test_redacted_fields_are_hashed_in_the_case_and_the_result(run, db: Path) -> None:
    result = run("diagnose", str(SALES), "--redact", "employee.id,employee.reviewer",
                 "--redact", "employee.name")
    assert result.exit_code == 0
    content = json.loads(tamper.rows(db)[0]["content"])
    assert content["redacted"] == ["employee.id", "employee.reviewer", "employee.name"]
    emp = content["case"]["employee"]
    assert emp["id"].startswith(TOKEN_PREFIX) and len(emp["id"]) == len(TOKEN_PREFIX) + 64
    assert emp["name"] is None  # nothing to hide
    assert content["result"]["employee"]["id"] == emp["id"]
    assert content["result"]["review"]["reviewer"] == emp["reviewer"]
    assert "E1187" not in tamper.rows(db)[0]["content"]
    assert "Chen Li" not in tamper.rows(db)[0]["content"]


def test_the_same_id_gives_the_same_token_within_a_log(run, audit, db: Path) -> None:
    run("diagnose", str(SALES), "--redact", "employee.id")
    run("diagnose", str(SALES), "--redact", "employee.id,employee.name")  # another decision
    tokens = {json.loads(r["content"])["case"]["employee"]["id"] for r in tamper.rows(db)}
    assert len(tokens) == 1
    listed = json.loads(audit("list", "--employee", "E1187", "--format", "json").stdout)
    assert len(listed) == 2


def test_an_unknown_redact_field_is_a_usage_error(run, db: Path) -> None:
    result = run("diagnose", str(SALES), "--redact", "employee.nmae")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--redact': 'employee.nmae' is not a case field that can be "
        "redacted (did you mean 'employee.name' or 'employee.manager'?)")
    assert not db.exists()


@pytest.mark.parametrize("field", REDACTABLE)
def test_every_redactable_field_is_in_the_case_model(field: str) -> None:
    model: type = Case
    for part in field.split("."):
        assert part in model.model_fields, f"{field}: no {part!r} in {model.__name__}"  # type: ignore[attr-defined]
        info = model.model_fields[part]  # type: ignore[attr-defined]
        args = getattr(info.annotation, "__args__", ())
        model = next((a for a in args if isinstance(a, type) and hasattr(a, "model_fields")),
                     info.annotation)


def test_no_record_touches_no_log(run, db: Path) -> None:
    assert run("diagnose", str(SALES), "--no-record").exit_code == 0
    assert not db.exists()


def test_a_bad_case_records_nothing(run, db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "case.yaml"
    bad.write_text("case_id: X\n", encoding="utf-8")
    assert run("diagnose", str(bad)).exit_code == 1
    assert not db.exists()



def test_a_log_others_can_read_is_reported(run, db: Path) -> None:
    run("diagnose", str(SALES))
    db.chmod(0o644)
    result = run("diagnose", str(SALES))
    assert result.stderr.splitlines()[-1] == (f"perfdx: warning: {db} can be read by other "
                                              f"users (mode 644); run: chmod 600 {db}")


def test_group_attributes_and_free_text_can_be_redacted(run, db: Path, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(SALES.read_text(encoding="utf-8") + "concerns:\n  - kpi: sales_growth\n"
                    "    severity: moderate\n    description: Missed two client calls after "
                    "the move\n", encoding="utf-8")
    assert run("diagnose", str(case), "--redact", "employee.group,concerns.description"
               ).exit_code == 0
    stored = tamper.rows(db)[0]["content"]
    content = json.loads(stored)
    assert content["case"]["employee"]["group"].startswith(TOKEN_PREFIX)
    assert content["case"]["concerns"][0]["description"].startswith(TOKEN_PREFIX)
    assert "female" not in stored and "Missed two client calls" not in stored

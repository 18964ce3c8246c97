"""Bad input to the audit commands: one clear line, the right exit code, nothing written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from engine.audit.store import AuditLog
from tests.audit import tamper
from tests.audit.conftest import SALES


def test_a_missing_log(audit, db: Path) -> None:
    for command in (["list"], ["show", "3f9a1c2b7d4e"], ["verify"], ["head"], ["export"],
                    ["replay", "3f9a1c2b7d4e"], ["purge", "--before", "2020-01-01"],
                    ["contest", "3f9a1c2b7d4e", "--note", "x"]):
        result = audit(*command)
        assert result.exit_code == 1, command
        assert result.stderr == (
            f"perfdx: error: {db}: no decision log here (decisions are recorded by 'perfdx "
            "diagnose'; give --db PATH or set $PERFDX_DB to use another log)\n")
        assert not db.exists()


def test_a_file_that_is_not_a_database(run, audit, db: Path) -> None:
    db.write_bytes(b"these are not the records you are looking for\n" * 100)
    result = audit("verify")
    assert result.exit_code == 1
    assert result.stderr == f"perfdx: error: {db}: not a perfdx decision log: file is not a " \
                            "database\n"
    recorded = run("diagnose", str(SALES))
    assert recorded.exit_code == 1
    assert recorded.stdout == ""  # nothing shown that was not logged
    assert recorded.stderr == result.stderr


def test_a_damaged_database(audit, db: Path, record) -> None:
    record()
    with AuditLog.open(db) as log:
        log.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db.read_bytes()
    db.write_bytes(data[:8192])
    result = audit("verify")
    assert result.exit_code == 1
    assert result.stderr == (
        f"perfdx: error: {db}: the decision log is damaged: database disk image is malformed "
        "(restore it from a backup, then run 'perfdx audit verify' on it)\n")


def test_an_sqlite_database_of_another_program(audit, db: Path) -> None:
    sqlite3.connect(str(db)).execute("CREATE TABLE orders (id)")
    result = audit("list")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {db}: not a perfdx decision log (an SQLite "
                             "database of another program) (give --db the path of a perfdx "
                             "log)\n")


def test_a_log_from_a_newer_perfdx(audit, db: Path, record) -> None:
    record()
    conn = sqlite3.connect(str(db))
    conn.execute("PRAGMA user_version = 9")
    conn.close()
    result = audit("list")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {db}: this decision log was written by a newer "
                             "perfdx (schema 9; this perfdx reads up to 2) (upgrade perfdx)\n")


def test_a_folder_given_as_the_log(audit, db: Path, run, tmp_path: Path) -> None:
    result = run("audit", "list", "--db", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {tmp_path}: is a folder, not a decision log "
                             "(give the path of the .db file)\n")


@pytest.mark.parametrize("bad", ["zzz", "ab", "3f9a1c2b7d4e9", "'; DROP TABLE records; --"])
def test_text_that_is_not_a_record_id(audit, record, bad: str) -> None:
    record()
    for command in ("show", "replay"):
        result = audit(command, bad)
        assert result.exit_code == 1
        assert result.stderr == (f"perfdx: error: {bad!r} is not a record id (record ids are 12 "
                                 "hexadecimal digits, e.g. 3f9a1c2b7d4e; 'perfdx audit list' "
                                 "shows them)\n")


def test_an_id_that_is_not_in_the_log(audit, db: Path, record) -> None:
    record()
    missing = "0000" if not tamper.rows(db)[0]["id"].startswith("0000") else "ffff"
    result = audit("show", missing)
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {db}: no record {missing} ('perfdx audit list' "
                             "shows the record ids)\n")


def test_an_ambiguous_id_prefix(audit, db: Path, record) -> None:
    record()
    record()
    rows = tamper.rows(db)
    conn = tamper.connect(db)
    for i, row in enumerate(rows):  # give both ids the same first digits
        conn.execute("UPDATE records SET id = ? WHERE seq = ?", (f"abcd{i}0000000", row["seq"]))
    conn.close()
    result = audit("show", "abcd")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {db}: record id abcd is ambiguous: it begins 2 "
                             "records (abcd00000000, abcd10000000) (give more digits)\n")
    assert audit("show", "abcd1", "--format", "json").exit_code == 0


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("bad", ["2026-02-30", "2026/01/01", "yesterday", "2026-1-5"])
def test_bad_dates_are_usage_errors(audit, record, option: str, bad: str) -> None:
    record()
    result = audit("list", option, bad)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (f"Error: Invalid value for '{option}': {bad!r} is "
                                              "not a date; write YYYY-MM-DD, e.g. 2026-01-31")


def test_a_bad_purge_date_is_a_usage_error(audit, record) -> None:
    record()
    result = audit("purge", "--before", "31.01.2026")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: Invalid value for '--before': "
                                              "'31.01.2026' is not a date; write YYYY-MM-DD, "
                                              "e.g. 2026-01-31")


def test_the_log_is_append_only_by_accident_too(db: Path, record) -> None:
    record()
    conn = sqlite3.connect(str(db))
    with pytest.raises(sqlite3.IntegrityError, match="the decision log is append-only"):
        conn.execute("DELETE FROM records")
    with pytest.raises(sqlite3.IntegrityError, match="only a purge may clear content"):
        conn.execute("UPDATE records SET operator = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="stored knowledge bases never change"):
        conn.execute("UPDATE kb_files SET data = x'00'")

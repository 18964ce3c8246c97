"""`audit verify` catches altered, deleted, inserted and reordered records and names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.audit.chain import GENESIS
from tests.audit import tamper
from tests.audit.conftest import FINANCE, SALES


@pytest.fixture
def five(record) -> list[str]:
    """Five records and no signed checkpoint: what the hash chain alone catches (the
    checkpoints are tested in test_audit_checkpoints.py)."""
    return [record(SALES if i % 2 == 0 else FINANCE, checkpoint=False) for i in range(5)]


def _unsigned(n: int) -> str:
    return (f"no signed checkpoint: nothing outside the log vouches for its {n} records "
            "(perfdx audit checkpoint)")


def _when(row: dict) -> str:
    return row["created"][:19].replace("T", " ")


def _problem(row: dict, seq: int, message: str) -> str:
    return f"  #{seq} {row['id']} ({row['kind']}, {_when(row)}): {message}"


def test_an_intact_chain_verifies(audit, db: Path, five) -> None:
    head = tamper.rows(db)[-1]["record_hash"]
    result = audit("verify")
    assert result.exit_code == 0
    assert result.stdout == (f"{db}\nchain intact: 5 records; stored knowledge bases "
                             f"rehashed: 1; head {head}\n{_unsigned(5)}\n")
    assert audit("head").stdout == head + "\n"


def test_one_altered_byte_of_a_stored_result_is_caught(audit, db: Path, five) -> None:
    row = tamper.rows(db)[2]
    content = row["content"]
    at = content.index('"certainty":0.') + len('"certainty":0.')
    digit = "1" if content[at] != "1" else "2"
    conn = tamper.connect(db)
    conn.execute("UPDATE records SET content = ? WHERE id = ?",
                 (content[:at] + digit + content[at + 1:], row["id"]))
    conn.close()
    result = audit("verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"chain broken: 1 problem(s); the first at #3 {row['id']}",
        _problem(row, 3, "content altered: it no longer matches the content hash in the chain"),
        _unsigned(5)]


def test_an_altered_header_field_is_caught(audit, db: Path, five) -> None:
    row = tamper.rows(db)[1]
    conn = tamper.connect(db)
    conn.execute("UPDATE records SET operator = 'someone else' WHERE id = ?", (row["id"],))
    conn.close()
    result = audit("verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2] == _problem(
        row, 2, "altered: its fields no longer match its record hash")


def test_a_deleted_record_is_caught_at_the_record_after_it(audit, db: Path, five) -> None:
    rows = tamper.rows(db)
    conn = tamper.connect(db)
    conn.execute("DELETE FROM records WHERE id = ?", (rows[2]["id"],))
    conn.close()
    result = audit("verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"chain broken: 1 problem(s); the first at #4 {rows[3]['id']}",
        _problem(rows[3], 4, f"broken link: it should follow #2 {rows[1]['id']} but links to a "
                 f"record that is not in the log (a record before it was deleted, or "
                 f"#2 {rows[1]['id']} was replaced); #3 is missing from the log"), _unsigned(4)]


def test_an_inserted_record_is_caught_and_named(audit, db: Path, five) -> None:
    rows = tamper.rows(db)
    fake = tamper.forged(after=rows[1])
    tamper.rewrite(db, rows[:2] + [fake] + rows[2:])
    result = audit("verify")
    assert result.exit_code == 1
    # the forged record shares its predecessor with #4, which the table's UNIQUE constraint
    # forbids: the attacker had to rebuild the table without it, and that shows too (issue 14)
    assert result.stdout.splitlines()[1:] == [
        f"chain broken: 2 problem(s); the first at #3 {fake['id']}",
        _problem(fake, 3, "inserted: it is not part of the chain (another record follows its "
                 "predecessor, and none follows it)"),
        "  the log: table records differs from perfdx's schema: the table was rebuilt or altered",
        _unsigned(6)]


def test_two_swapped_records_are_caught(audit, db: Path, five) -> None:
    r = tamper.rows(db)
    tamper.rewrite(db, [r[0], r[3], r[2], r[1], r[4]])
    result = audit("verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"chain broken: 1 problem(s); the first at #2 {r[3]['id']}",
        _problem(r[3], 2, f"out of order: it is stored where {r[1]['id']} belongs; in the chain "
                 f"it follows #3 {r[2]['id']} (records swapped or reordered)"), _unsigned(5)]


def test_swapping_the_first_record_is_caught(audit, db: Path, five) -> None:
    r = tamper.rows(db)
    tamper.rewrite(db, [r[1], r[0]] + r[2:])
    result = audit("verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2] == _problem(
        r[1], 1, f"out of order: it is stored where {r[0]['id']} belongs; in the chain it "
        f"follows #2 {r[0]['id']} (records swapped or reordered)")


def test_content_cleared_without_a_purge_record_is_caught(audit, db: Path, five) -> None:
    row = tamper.rows(db)[4]
    conn = tamper.connect(db)
    conn.execute("UPDATE records SET content = NULL WHERE id = ?", (row["id"],))
    conn.close()
    assert audit("verify").stdout.splitlines()[2] == _problem(
        row, 5, "content removed without a purge record")


def test_an_altered_knowledge_base_snapshot_is_caught(audit, db: Path, five) -> None:
    conn = tamper.connect(db)
    kb_hash = conn.execute("SELECT hash FROM kb_snapshots").fetchone()[0]
    conn.execute("UPDATE kb_files SET data = data || x'0a' WHERE path = 'rules/gaps.yaml'")
    conn.close()
    result = audit("verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        "chain broken: 1 problem(s); the first at the log",
        f"  the log: knowledge base snapshot {kb_hash[:12]} altered: its files no longer hash "
        "to its name", _unsigned(5)]


def test_records_cut_off_the_end_are_caught_only_with_the_head_kept(audit, db: Path,
                                                                     five) -> None:
    kept = audit("head").stdout.strip()
    rows = tamper.rows(db)
    conn = tamper.connect(db)
    conn.execute("DELETE FROM records WHERE id = ?", (rows[4]["id"],))
    conn.close()
    assert audit("verify").exit_code == 0  # a shorter chain is still a chain
    result = audit("verify", "--expect-head", kept)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        "chain broken: 1 problem(s); the first at the log",
        f"  the log: the head you kept ({kept[:12]}) is not in the chain: records were cut off "
        "the end, or the log was rewritten", _unsigned(4)]


def test_a_head_kept_earlier_still_verifies_a_longer_chain(audit, db: Path, five,
                                                           record) -> None:
    kept = audit("head").stdout.strip()
    record()
    result = audit("verify", "--expect-head", kept[:16])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "records recorded after the head you kept: 1"


def test_the_head_of_an_empty_chain_is_genesis(audit, db: Path, five) -> None:
    tamper.rewrite(db, [])
    assert audit("head").stdout == GENESIS + "\n"


def test_verify_json_names_the_problem(audit, db: Path, five) -> None:
    rows = tamper.rows(db)
    conn = tamper.connect(db)
    conn.execute("DELETE FROM records WHERE id = ?", (rows[0]["id"],))
    conn.close()
    result = audit("verify", "--format", "json")
    assert result.exit_code == 1
    assert '"code": "broken_first"' in result.stdout
    assert f'"id": "{rows[1]["id"]}"' in result.stdout


def test_verify_speaks_chinese(audit, db: Path, five) -> None:
    assert audit("verify", "--lang", "zh").stdout.splitlines()[1].startswith(
        "哈希链完好:5 条记录;")

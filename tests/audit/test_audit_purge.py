"""Retention: purging old case data leaves tombstones that verify; young records are refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from engine.audit.retention import purge
from engine.audit.review import review
from engine.audit.store import AuditLog
from tests.audit import tamper
from tests.audit.conftest import FINANCE, SALES

OLD = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone.utc)
TODAY = dt.datetime.now(dt.timezone.utc).date()
LATEST = TODAY - dt.timedelta(days=184)


@pytest.fixture
def aged(record, db: Path) -> list[str]:
    """Two decisions and a review from March 2024, and one decision from today."""
    old = [record(FINANCE, now=OLD), record(FINANCE, now=OLD + dt.timedelta(days=1))]
    with AuditLog.open(db) as log:
        review(log, old[0], by="Liu Yang", decision="approve", note="Agreed with E0542",
               operator="hrbp", now=OLD + dt.timedelta(days=2))
    return old + [record(SALES)]


def test_a_purge_inside_the_retention_floor_is_refused(audit, aged) -> None:
    later = LATEST + dt.timedelta(days=1)
    result = audit("purge", "--before", later.isoformat(), "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        f"perfdx: error: refusing to purge records from before {later}: records younger than "
        f"184 days are kept (the latest date allowed today is {LATEST}) (decision logs are kept "
        "at least six months)\n")


def test_a_longer_floor_is_allowed_a_shorter_one_is_not(audit, aged) -> None:
    result = audit("purge", "--before", "2024-06-01", "--retention-days", "30", "--yes")
    assert result.exit_code == 1
    assert result.stderr == ("perfdx: error: --retention-days 30 is below the minimum of 184 "
                             "days (decision logs are kept at least six months (EU AI Act); a "
                             "longer floor is allowed)\n")
    longer = audit("purge", "--before", LATEST.isoformat(), "--retention-days", "3650", "--yes")
    assert longer.exit_code == 1
    assert "records younger than 3650 days are kept" in longer.stderr


def test_a_dry_run_lists_and_changes_nothing(audit, db: Path, aged) -> None:
    before = tamper.rows(db)
    result = audit("purge", "--before", "2024-06-01", "--dry-run")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "would purge 3 records created before 2024-06-01 (dry run: nothing changed)"
    assert lines[1] == f"  {aged[0]}  2024-03-01 09:30:00  diagnosis"
    assert lines[3].endswith("  review")
    assert tamper.rows(db) == before


def test_purging_without_yes_asks_for_it(audit, db: Path, aged) -> None:
    result = audit("purge", "--before", "2024-06-01")
    assert result.exit_code == 1
    assert result.stderr == ("perfdx: error: purging removes case data for good: run again "
                             "with --yes (or --dry-run to only list)\n")
    assert all(r["content"] is not None for r in tamper.rows(db))


def test_a_purge_leaves_tombstones_that_verify(audit, db: Path, aged) -> None:
    result = audit("purge", "--before", "2024-06-01", "--yes", "--operator", "dpo")
    rows = tamper.rows(db)
    purge_row = rows[-1]
    assert result.exit_code == 0
    assert result.stdout == (f"purged 3 records created before 2024-06-01 (purge record "
                             f"{purge_row['id']}); their hashes are kept, so the chain still "
                             "verifies\n")
    assert [r["content"] is None for r in rows] == [True, True, True, False, False]
    assert purge_row["kind"] == "purge" and purge_row["operator"] == "dpo"
    assert json.loads(purge_row["content"]) == {
        "before": "2024-06-01", "retention_days": 184,
        "purged": [aged[0], aged[1], rows[2]["id"]]}
    verified = audit("verify")
    assert verified.exit_code == 0
    assert verified.stdout.splitlines()[2] == ("3 purged records are tombstones covered by "
                                                "purge records")
    again = audit("purge", "--before", "2024-06-01", "--yes")
    assert again.stdout == ("nothing to purge: no record with case data was created before "
                            "2024-06-01\n")


def test_purged_text_does_not_linger_in_the_file(audit, db: Path, aged) -> None:
    audit("purge", "--before", "2024-06-01", "--yes")
    raw = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    assert b"E0542" not in raw
    assert b"Liu Yang" not in raw
    assert b"E1187" in raw  # today's record is kept


def test_a_purged_record_says_so(audit, db: Path, aged) -> None:
    audit("purge", "--before", "2024-06-01", "--yes")
    purge_id = tamper.rows(db)[-1]["id"]
    shown = audit("show", aged[0]).stdout.splitlines()
    assert (f"Its case and result were purged under the retention policy ({purge_id}); the "
            "record's hashes are kept, so the chain still verifies.") in shown
    replayed = audit("replay", aged[0])
    assert replayed.exit_code == 1
    assert replayed.stderr == (f"perfdx: error: record {aged[0]} cannot be replayed: its case "
                               f"was purged under the retention policy (purge record "
                               f"{purge_id})\n")
    listed = json.loads(audit("list", "--format", "json").stdout)
    assert [e["purged"] for e in listed] == [True, True, False]
    assert listed[0]["review_state"] == "reviewed"  # the review's own note was purged too
    assert listed[0]["requires_human_review"] is False
    reviewed = audit("review", aged[1], "--by", "X", "--decision", "approve", "--note", "late")
    assert reviewed.stderr == (f"perfdx: error: decision {aged[1]} was purged under the "
                               "retention policy; there is nothing left to review\n")


def test_verify_catches_a_purge_that_broke_the_floor(db: Path, aged, audit) -> None:
    with AuditLog.open(db) as log:  # a purge run on a machine whose clock was years ahead
        purge(log, dt.date(2030, 1, 1), operator="clock-skew", today=dt.date(2031, 1, 1))
    rows = tamper.rows(db)
    result = audit("verify")
    assert result.exit_code == 1
    assert (f"  #5 {rows[4]['id']} (purge, {rows[4]['created'][:19].replace('T', ' ')}): a purge "
            f"inside the retention floor: on {TODAY} it purged records from before 2030-01-01"
            ) in result.stdout.splitlines()
    assert f"purged by {rows[4]['id']} while younger than the retention floor (184 days)" \
        in result.stdout

"""Retention: purge the case data of old records, keeping tombstones that still verify.

A purge clears the content (case, result, notes) of every record created before a date and keeps
its hashes; a `purge` record, chained like any other, lists what was purged and under which
floor. Records younger than the retention floor (at least six months) are never purged.
Overwritten pages are zeroed (secure_delete) and the write-ahead log is checkpointed, so the
purged text does not linger in the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .errors import AuditError
from .store import AuditLog, Row
from .verify import MIN_RETENTION_DAYS


@dataclass
class Purge:
    before: dt.date
    retention_days: int
    rows: list[Row]  # the records purged (or that would be, in a dry run)
    record: str | None = None  # the purge record's id; None in a dry run or with nothing to do
    scrubbed: bool = True  # False: another process held the WAL; old pages leave it later


def floor_date(retention_days: int, today: dt.date | None = None) -> dt.date:
    """The latest --before allowed today: records must be older than the retention floor."""
    if retention_days < MIN_RETENTION_DAYS:
        raise AuditError(f"--retention-days {retention_days} is below the minimum of "
                         f"{MIN_RETENTION_DAYS} days",
                         hint="decision logs are kept at least six months (EU AI Act); a "
                              "longer floor is allowed")
    return (today or dt.datetime.now(dt.timezone.utc).date()) - dt.timedelta(days=retention_days)


def _candidates(log: AuditLog, before: dt.date) -> list[Row]:
    return log.rows("content IS NOT NULL AND kind != 'purge' AND created < ?",
                    (before.isoformat(),))


def purge(log: AuditLog, before: dt.date, *, retention_days: int = MIN_RETENTION_DAYS,
          operator: str, dry_run: bool = False, today: dt.date | None = None,
          now: dt.datetime | None = None) -> Purge:
    """Purge the content of records created before `before` (UTC), if the floor allows."""
    latest = floor_date(retention_days, today)
    if before > latest:
        raise AuditError(f"refusing to purge records from before {before}: records younger "
                         f"than {retention_days} days are kept (the latest date allowed today "
                         f"is {latest})", hint="decision logs are kept at least six months")
    if dry_run:
        return Purge(before, retention_days, _candidates(log, before))
    with log.guard():
        log.conn.execute("PRAGMA secure_delete = ON")
    with log.write() as conn:
        rows = _candidates(log, before)
        if not rows:
            return Purge(before, retention_days, [])
        conn.executemany("UPDATE records SET content = NULL WHERE id = ?", [(r.id,) for r in rows])
        rid = log.append_locked("purge", {"before": before.isoformat(),
                                          "retention_days": retention_days,
                                          "purged": [r.id for r in rows]},
                                operator=operator, now=now)
    with log.guard():
        busy = log.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    return Purge(before, retention_days, rows, rid, scrubbed=not busy)

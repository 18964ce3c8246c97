"""Finding records for auditors: filters over the log, with each decision's review state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .chain import canonical
from .record import DECISION_KINDS, redaction_key
from .redact import token
from .review import Oversight, oversight
from .store import AuditLog, Row


@dataclass
class Entry:
    """One record as `audit list` and `audit export` show it."""

    row: Row
    data: dict[str, Any] | None
    oversight: Oversight | None  # decisions only

    @property
    def case(self) -> dict[str, Any]:
        return dict((self.data or {}).get("case") or {})

    @property
    def case_id(self) -> str | None:
        return self.case.get("case_id")

    @property
    def employee(self) -> str | None:
        emp = self.case.get("employee") or {}
        return emp.get("id") if isinstance(emp, dict) else None

    def _causes(self) -> list[Any]:
        """A diagnosis keeps its causes at the top; a plan in the diagnosis it rests on."""
        result = (self.data or {}).get("result") or {}
        causes = result.get("causes")
        if causes is None and isinstance(result.get("basis"), dict):
            causes = result["basis"].get("causes")
        return causes if isinstance(causes, list) else []

    @property
    def primary_cause(self) -> tuple[str, float] | None:
        causes = self._causes()
        if not causes or not isinstance(causes[0], dict):
            return None
        return str(causes[0].get("pattern")), float(causes[0].get("certainty", 0))

    @property
    def patterns(self) -> set[str]:
        causes = self._causes()
        return {str(c.get("pattern")) for c in causes if isinstance(c, dict)}

    @property
    def state(self) -> str | None:
        return self.oversight.state if self.oversight is not None else None

    @property
    def redacted(self) -> list[str]:
        return list((self.data or {}).get("redacted") or [])


@dataclass
class Filters:
    employee: str | None = None
    since: dt.date | None = None  # UTC dates, inclusive
    until: dt.date | None = None
    pattern: str | None = None
    state: str | None = None
    kinds: tuple[str, ...] = DECISION_KINDS
    extra: list[str] = field(default_factory=list)


def entries(log: AuditLog, filters: Filters | None = None) -> list[Entry]:
    """The records that pass the filters, in chain order (storage order)."""
    f = filters or Filters()
    where, params = [f"kind IN ({', '.join('?' * len(f.kinds))})"], list(f.kinds)
    if f.since:
        where.append("created >= ?")
        params.append(f.since.isoformat())
    if f.until:
        where.append("created < ?")
        params.append((f.until + dt.timedelta(days=1)).isoformat())
    rows = log.rows(" AND ".join(where), params)
    reviews = oversight(log, [r for r in rows if r.kind in DECISION_KINDS])
    out = [Entry(r, r.data(), reviews.get(r.id)) for r in rows]
    if f.employee:
        key = redaction_key(log, create=False)
        names = {f.employee} | ({token(key, f.employee)} if key else set())
        out = [e for e in out if e.employee in names]
    if f.pattern:
        out = [e for e in out if f.pattern in e.patterns]
    if f.state:
        out = [e for e in out if e.state == f.state]
    return out


def export_line(entry: Entry) -> dict[str, Any]:
    """One record for other systems: the hashed header, the content, and the derived state."""
    r = entry.row
    line: dict[str, Any] = {
        "seq": r.seq, "id": r.id, "kind": r.kind, "created": r.created,
        "operator": r.operator, "perfdx": r.perfdx, "kb": r.kb_hash, "subject": r.subject,
        "content_hash": r.content_hash, "prev": r.prev_hash, "hash": r.record_hash,
        "content": entry.data, "purged": r.purged,
    }
    if entry.oversight is not None:
        line["review_state"] = entry.state
        line["requires_human_review"] = entry.oversight.needs_review
    return line


def entry(log: AuditLog, row: Row) -> Entry:
    """One record with its review state (decisions only)."""
    reviews = oversight(log, [row]) if row.kind in DECISION_KINDS else {}
    return Entry(row, row.data(), reviews.get(row.id))


def export_lines(log: AuditLog) -> Iterator[str]:
    """Every record as one canonical JSON line, in storage order, streamed."""
    events: dict[str, Oversight] = {}
    for row in log.rows("kind IN ('review', 'contest') AND subject IS NOT NULL"):
        events.setdefault(str(row.subject), Oversight()).events.append(row)
    for row in log.iter_rows():
        seen = events.get(row.id, Oversight()) if row.kind in DECISION_KINDS else None
        yield canonical(export_line(Entry(row, row.data(), seen))).decode("utf-8") + "\n"

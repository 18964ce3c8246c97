"""A plan and its follow-through, as the decision log holds them.

The plan is the `plan` record as issued; every tracking record names it as its `subject` and
is read back in chain order (the order they were entered), never by the dates they carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..audit.record import TRACKING_KINDS
from ..audit.review import oversight
from ..audit.store import AuditLog, Row
from ..plan import Plan
from .errors import TrackingError


@dataclass(frozen=True)
class Entry:
    """One tracking record: its header fields and content."""

    id: str
    kind: str
    created: str
    operator: str
    data: dict[str, Any]


@dataclass
class Tracked:
    """A plan as issued, its review state, and its tracking records in chain order."""

    id: str
    plan: Plan
    review_state: str
    kb_hash: str | None  # the knowledge base the plan was made with (stored in the log)
    records: list[Entry] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Entry]:
        return [r for r in self.records if r.kind == kind]

    @property
    def closing(self) -> Entry | None:
        found = self.of_kind("closing")
        return found[-1] if found else None


def _plan_of(row: Row) -> Plan:
    data = row.data()
    if data is None:
        raise TrackingError(f"plan {row.id} was purged under the retention policy: there is "
                            "nothing left to track")
    if not row.intact:
        raise TrackingError(f"plan {row.id} no longer matches its hashes in the decision log",
                            hint="'perfdx audit verify' names what was altered")
    try:
        return Plan.model_validate(data.get("result"))
    except ValidationError:
        raise TrackingError(f"record {row.id} does not hold a plan this perfdx can read",
                            hint="it was written by another version of perfdx") from None


def load_tracked(log: AuditLog, ref: str) -> Tracked:
    """The plan with record id (or unique prefix) `ref` and everything tracked about it."""
    row = log.find(ref)
    if row.kind != "plan":
        about = f" (it is about {row.subject})" if row.subject else ""
        raise TrackingError(f"record {row.id} is a {row.kind} record, not a plan{about}",
                            hint="'perfdx audit list' shows the plans' record ids")
    plan = _plan_of(row)
    if plan.kind != "pip":
        raise TrackingError(f"record {row.id} is a monitoring note, not an improvement plan: "
                            "it has no goals to track")
    state = oversight(log, [row])[row.id].state
    names = ", ".join("?" * len(TRACKING_KINDS))
    records = []
    for r in log.rows(f"subject = ? AND kind IN ({names})", (row.id, *TRACKING_KINDS)):
        if r.purged:  # purged under the retention policy: its figures are gone
            continue
        if not r.intact:
            raise TrackingError(f"tracking record {r.id} of plan {row.id} no longer matches "
                                "its hashes in the decision log",
                                hint="'perfdx audit verify' names what was altered")
        records.append(Entry(r.id, r.kind, r.created, r.operator, r.data() or {}))
    return Tracked(row.id, plan, state, row.kb_hash, records)

"""Human oversight: reviews and objections are chained records about a decision.

A decision is a draft that requires human review until someone reviews it (approve, reject or
amend). An objection (contest) recorded after the latest review puts it back in front of a
human: its state is then `contested` until the next review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AuditError
from .keys import reviewers_path
from .note import Signer
from .record import DECISION_KINDS
from .reviewers import authorise, os_identity
from .store import AuditLog, Row

DECISIONS = ("approve", "reject", "amend")
STATES = ("draft", "approved", "rejected", "amended", "contested", "reviewed")
_STATE_OF = {"approve": "approved", "reject": "rejected", "amend": "amended"}


@dataclass
class Oversight:
    """The reviews and objections of one decision, oldest first, and where that leaves it."""

    events: list[Row] = field(default_factory=list)
    # A plan built on a diagnosis contested since the plan's last review: that diagnosis's id.
    basis_contested: str | None = None

    @property
    def own_state(self) -> str:
        if not self.events:
            return "draft"
        last = self.events[-1]
        if last.kind == "contest":
            return "contested"
        if last.purged:  # a review whose note was purged: reviewed, how is no longer known
            return "reviewed"
        data = last.data() or {}
        return _STATE_OF.get(str(data.get("decision")), "draft")

    @property
    def state(self) -> str:
        return "contested" if self.basis_contested else self.own_state

    @property
    def needs_review(self) -> bool:
        return self.state in ("draft", "contested")

    @property
    def tampered(self) -> list[Row]:
        """Reviews and objections whose content or fields no longer match their hashes."""
        return [e for e in self.events if not e.intact]


def oversight(log: AuditLog, decisions: Iterable[Row]) -> dict[str, Oversight]:
    """Oversight for each decision, by id; a plan is contested when its diagnosis is."""
    rows = list(decisions)
    wanted = {r.id: Oversight() for r in rows}
    if not wanted:
        return {}
    events: dict[str, list[Row]] = {}
    for row in log.rows("kind IN ('review', 'contest') AND subject IS NOT NULL"):
        events.setdefault(str(row.subject), []).append(row)
    for rid, seen in wanted.items():
        seen.events = events.get(rid, [])
    for row in rows:
        if row.kind != "plan":
            continue
        basis = (row.data() or {}).get("basis")
        found = log.decision_for(str(basis)) if basis else None
        if found is None or found.kind != "diagnose":
            continue
        theirs = events.get(found.id, [])
        if theirs and theirs[-1].kind == "contest":
            mine = wanted[row.id].events
            if not mine or mine[-1].seq < theirs[-1].seq:
                wanted[row.id].basis_contested = found.id
    return wanted


def decision_row(log: AuditLog, ref: str, action: str) -> Row:
    row = log.find(ref)
    if row.kind not in DECISION_KINDS:
        target = f" (it is about {row.subject})" if row.subject else ""
        raise AuditError(f"record {row.id} is a {row.kind} record, not a decision{target}",
                         hint=f"{action} the decision it refers to")
    if row.purged:
        raise AuditError(f"decision {row.id} was purged under the retention policy; "
                         f"there is nothing left to {action}")
    return row


def review(log: AuditLog, ref: str, *, by: str, decision: str, note: str, operator: str,
           reviewers: Path | None = None, sign_key: Signer | None = None,
           now: dt.datetime | None = None) -> Row:
    """Record a human review of a decision by a registered reviewer (see reviewers.py)."""
    if decision not in DECISIONS:
        raise AuditError(f"unknown review decision {decision!r}",
                         hint="one of " + ", ".join(DECISIONS))
    if not by.strip() or not note.strip():
        raise AuditError("a review names the reviewer (--by) and says why (--note)")
    row = decision_row(log, ref, "review")
    who = authorise(reviewers or reviewers_path(), by.strip(), row.record_hash, decision,
                    note.strip(), sign_key)
    content = {"by": by.strip(), "decision": decision, "note": note.strip(),
               "role": who["reviewer"]["role"], "entered_by": who["entered_by"],
               "signature": who["signature"]}
    return log.append("review", content, operator=operator, subject=row.id, now=now)


def contest(log: AuditLog, ref: str, *, note: str, by: str | None, operator: str,
            now: dt.datetime | None = None) -> Row:
    """Record the employee's objection to a decision: never refused for want of registration;
    it records the employee id stated and the OS account that entered it."""
    if not note.strip():
        raise AuditError("an objection says what is contested (--note)")
    row = decision_row(log, ref, "contest")
    return log.append("contest", {"by": by.strip() if by else None, "note": note.strip(),
                                  "entered_by": os_identity()},
                      operator=operator, subject=row.id, now=now)

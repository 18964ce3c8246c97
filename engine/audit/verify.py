"""Verification: recompute every hash, rebuild the chain from its links, name what is wrong.

The chain is rebuilt from the links alone (each record names its predecessor's hash), starting at
GENESIS, and compared with what is stored:

- a record whose content or fields no longer match its hashes was *altered*;
- a record that links to a hash no stored record has follows a *deleted* (or replaced) record;
- a record nobody follows, that shares its predecessor with the genuine continuation, was
  *inserted*;
- records stored in an order other than the chain's were *swapped or reordered*;
- content cleared without a purge record, a purge inside the retention floor, a review of a
  record that is gone, and KB snapshots whose files no longer hash to their name are reported too.

Records cut off the end leave a shorter but intact chain: only the head kept elsewhere
(`audit head`, then `verify --expect-head`) can show that.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .attest import Attestation, attest
from .chain import GENESIS
from .findings import Finding
from .integrity import schema_findings
from .note import Verifier
from .reviewers import signature_ok
from .snapshots import snapshot_hash_ok
from .store import AuditLog, Row

MIN_RETENTION_DAYS = 184  # six months at the least (EU AI Act: logs kept at least six months)


@dataclass
class Report:
    records: int
    kinds: dict[str, int]
    snapshots: int
    purged: int
    head: Row | None
    findings: list[Finding] = field(default_factory=list)
    after_expected: int | None = None  # records recorded after the expected head
    attestation: Attestation | None = None
    uncovered: Finding | None = None  # records no signed checkpoint covers (fails --strict)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def head_hash(self) -> str:
        return self.head.record_hash if self.head else GENESIS


def _ref(row: Row) -> str:
    return f"#{row.seq} {row.id}"


def _hashes(row: Row) -> tuple[str, ...]:
    """The hashes a successor may link to: the stored one and, if it differs, the recomputed."""
    own = row.computed_hash
    return (row.record_hash,) if own == row.record_hash else (row.record_hash, own)


def _next(succ: dict[str, list[Row]], row: Row) -> list[Row]:
    return [n for h in _hashes(row) for n in succ.get(h, []) if n.id != row.id]


def _continuation(succ: dict[str, list[Row]], rows: list[Row]) -> dict[str, int]:
    """For each record, how many records follow it along the longest run of links."""
    length: dict[str, int] = {}
    pending = list(reversed(rows))  # storage order is nearly chain order: one pass, usually
    while pending:
        rest = []
        for row in pending:
            nxt = _next(succ, row)
            if all(n.id in length for n in nxt):
                length[row.id] = 1 + max((length[n.id] for n in nxt), default=0)
            else:
                rest.append(row)
        if len(rest) == len(pending):  # a cycle (only a forged log has one): cut it
            for row in rest:
                length.setdefault(row.id, 1)
            break
        pending = rest
    return length


def _chain(rows: list[Row]) -> tuple[list[Row], list[Finding]]:
    """The records in chain order (segments after a deletion included) and link findings."""
    known: dict[str, Row] = {h: row for row in rows for h in _hashes(row)}
    succ: dict[str, list[Row]] = {}
    for row in rows:
        succ.setdefault(row.prev_hash, []).append(row)
    length = _continuation(succ, rows)
    position = {row.id: i for i, row in enumerate(rows)}
    findings: list[Finding] = []
    order: list[Row] = []
    placed: set[str] = set()

    def walk(start: Row) -> None:
        row: Row | None = start
        while row is not None and row.id not in placed:
            order.append(row)
            placed.add(row.id)
            nxt = [n for n in _next(succ, row) if n.id not in placed]
            nxt.sort(key=lambda n: (-length.get(n.id, 0), position[n.id]))
            row = nxt[0] if nxt else None

    firsts = sorted(succ.get(GENESIS, []), key=lambda n: (-length.get(n.id, 0), position[n.id]))
    if firsts:
        walk(firsts[0])
    for row in rows:  # segments cut off by a deletion: they start at an unknown link
        if row.id in placed or row.prev_hash == GENESIS or row.prev_hash in known:
            continue
        before = rows[position[row.id] - 1] if position[row.id] else None
        if before is None:
            findings.append(Finding("broken_first", row))
        else:
            gap = str(before.seq + 1) if row.seq - before.seq > 1 else ""
            findings.append(Finding("broken", row, {"before": _ref(before), "missing": gap}))
        walk(row)
    for row in rows:  # reached by nothing: inserted beside the genuine continuation
        if row.id not in placed:
            findings.append(Finding("inserted", row))
    stored = [r for r in rows if r.id in placed]
    for got, want in zip(stored, order, strict=False):
        if got.id != want.id:
            prev = known.get(got.prev_hash)
            if prev is None:
                findings.append(Finding("order_first", got, {"want": want.id}))
            else:
                findings.append(Finding("order", got, {"want": want.id, "prev": _ref(prev)}))
            break
    return order, findings


def verify(log: AuditLog, expect_head: str | None = None, *, verifier: Verifier | None = None,
           key_from_log: bool = False, witness: Path | None = None,
           strict: bool = False) -> Report:
    """Check the whole log; the report lists every problem found, in storage order.

    `verifier`: the public key checkpoints must be signed with (from outside the log);
    `witness`: the witness file; `strict`: records no checkpoint covers are a problem too.
    """
    if verifier is None and log.meta("checkpoint_key"):  # no key from outside: the log's own
        verifier, key_from_log = Verifier.parse(str(log.meta("checkpoint_key"))), True
    findings: list[Finding] = schema_findings(log)
    rows: list[Row] = []  # contents are hashed as they stream by; only purge records keep theirs
    hashes: dict[str, str] = {}
    for full in log.iter_rows():
        if not full.content_intact:
            findings.append(Finding("content_altered", full))
        elif full.kind == "review" and full.content is not None:
            subject = hashes.get(str(full.subject), "")
            if signature_ok(full.data() or {}, subject) is False:
                findings.append(Finding("review_signature", full))
        hashes[full.id] = full.record_hash
        keep = full.kind == "purge" or full.content is None
        rows.append(full if keep else dataclasses.replace(full, content=""))
    purged_by: dict[str, Row] = {}
    for row in rows:
        data = row.data() if row.kind == "purge" and row.content is not None else None
        for rid in (data or {}).get("purged", []):
            purged_by[str(rid)] = row
    by_id = {r.id: r for r in rows}
    for row in rows:
        if row.computed_hash != row.record_hash:
            findings.append(Finding("altered", row))
        if row.content is None and row.id not in purged_by:
            findings.append(Finding("unpurged", row))
        if row.subject is not None and row.subject not in by_id:
            findings.append(Finding("orphan", row, {"subject": row.subject}))
        if row.kind == "purge" and row.content is not None:
            findings.extend(_check_purge(row, by_id))
    _order, link_findings = _chain(rows)
    findings.extend(link_findings)
    snapshots = log.snapshot_hashes()
    for kb_hash in snapshots:
        if not snapshot_hash_ok(log, kb_hash):
            findings.append(Finding("kb_altered", None, {"kb": kb_hash[:12]}))
    stored = set(snapshots)
    for row in rows:
        if row.kb_hash is not None and row.kb_hash not in stored:
            findings.append(Finding("kb_missing", row, {"kb": row.kb_hash[:12]}))
    seen = attest(log, rows, verifier, key_from_log, witness)
    findings.extend(seen.findings)
    findings.sort(key=lambda f: f.order)
    report = Report(records=len(rows), kinds=dict(Counter(r.kind for r in rows)),
                    snapshots=len(snapshots), purged=sum(1 for r in rows if r.purged),
                    head=rows[-1] if rows else None, findings=findings, attestation=seen)
    if rows and seen.latest_size is None:
        report.uncovered = Finding("no_checkpoint", None, {"n": str(len(rows))}, "the log")
    elif rows and seen.latest_size is not None and seen.latest_size < len(rows):
        report.uncovered = Finding("uncovered", None, {"n": str(len(rows) - seen.latest_size),
                                                       "size": str(seen.latest_size)}, "the log")
    if strict and report.uncovered is not None:
        report.findings.append(report.uncovered)
    if expect_head is not None:
        _check_head(report, rows, expect_head.strip().lower())
    return report


def _check_purge(purge: Row, by_id: dict[str, Row]) -> list[Finding]:
    data = purge.data() or {}
    out = []
    try:
        before = dt.date.fromisoformat(str(data.get("before")))
        days = int(data.get("retention_days", 0))
    except (TypeError, ValueError):
        return [Finding("bad_purge", purge)]
    done = dt.date.fromisoformat(purge.created[:10])
    if days < MIN_RETENTION_DAYS or before > done - dt.timedelta(days=days):
        out.append(Finding("purge_floor", purge, {"done": str(done), "before": str(before)}))
    for rid in data.get("purged", []):
        target = by_id.get(str(rid))
        if target is None:
            continue
        made = dt.date.fromisoformat(target.created[:10])
        if made >= before or made > done - dt.timedelta(days=max(days, MIN_RETENTION_DAYS)):
            out.append(Finding("purged_young", target, {"purge": purge.id, "days": str(days)}))
    return out


def _check_head(report: Report, rows: list[Row], expected: str) -> None:
    if expected == GENESIS:
        report.after_expected = len(rows)
        return
    for i, row in enumerate(rows):
        if len(expected) >= 12 and row.record_hash.startswith(expected):
            report.after_expected = len(rows) - 1 - i
            return
    report.findings.append(Finding("head", None, {"head": expected[:12]}))

"""The case library: every closed plan becomes a case (the diagnosis it rested on, the
interventions used, the outcome and the before/after figures), plus cases imported from other
offices. It is built from the decision log each time (closing and `library_import` records), so
it needs no store of its own and is as tamper-evident as the log; text search runs on SQLite's
FTS5 in memory.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..audit.store import AuditLog, Row
from ..errors import Problem
from .errors import TrackingError
from .history import load_tracked

Outcome = Literal["met", "partly", "not_met", "withdrawn"]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Figure(_M):
    kpi: str
    before: float
    after: float | None
    target: float | None
    closed: float | None  # share of the shortfall closed
    relative: float | None


class LibraryCase(_M):
    id: str  # a stable id: sha256 over the log's id and the closing record's id, 12 digits
    source: str  # "local", or the office it was imported from
    plan: str | None = None  # the plan's record id (None once redacted)
    case_id: str | None = None
    employee: str | None = None
    role: str
    department: str | None = None
    patterns: list[str]  # the causes the plan answered
    interventions: list[str]  # the KB interventions its actions carried out
    kpis: list[str]
    outcome: Outcome
    closed: str  # YYYY-MM-DD
    days: int  # plan length
    figures: list[Figure]
    text: str = Field(default="")  # searchable words: causes, interventions, notes, reasons


def _case_of(log: AuditLog, closing: Row) -> LibraryCase | None:
    tracked = load_tracked(log, str(closing.subject))
    c = closing.data() or {}
    if c.get("outcome") == "withdrawn":
        return None  # nothing was tried to the end: no evidence of what works
    plan = tracked.plan
    notes = [str(r.data.get(k)) for r in tracked.records for k in ("note", "reason")
             if r.data.get(k)]
    words = [x.name for x in plan.basis.causes] + [a.title for a in plan.actions
                                                   if a.intervention] + notes
    figures = [Figure(kpi=e["kpi"], before=e["before"], after=e.get("after"),
                      target=e.get("target"), closed=e.get("closed"),
                      relative=e.get("relative")) for e in c.get("evaluation") or []]
    rid = hashlib.sha256(f"{log.log_id}:{closing.id}".encode()).hexdigest()[:12]
    return LibraryCase(
        id=rid, source="local", plan=tracked.id, case_id=plan.case_id,
        employee=plan.employee.id, role=plan.employee.role, department=plan.employee.department,
        patterns=sorted({x.pattern for x in plan.basis.causes}),
        interventions=sorted({a.intervention for a in plan.actions if a.intervention}),
        kpis=[g.metric for g in plan.goals if g.kind == "result"], outcome=c["outcome"],
        closed=str(c["date"]), days=(plan.end - plan.start).days, figures=figures,
        text=" ".join(words))


def library_cases(log: AuditLog) -> list[LibraryCase]:
    """Every case: closed plans of this log, then imported ones, in chain order, each once."""
    out: dict[str, LibraryCase] = {}
    for row in log.rows("kind IN ('closing', 'library_import') AND content IS NOT NULL"):
        if not row.intact:
            raise TrackingError(f"record {row.id} no longer matches its hashes in the decision "
                                "log", hint="'perfdx audit verify' names what was altered")
        if row.kind == "closing":
            case = _case_of(log, row)
            if case is not None:
                out.setdefault(case.id, case)
        else:
            for item in (row.data() or {}).get("cases") or []:
                case = LibraryCase.model_validate(item)
                out.setdefault(case.id, case)
    return list(out.values())


@dataclass(frozen=True)
class Query:
    pattern: str | None = None
    kpi: str | None = None
    role: str | None = None
    text: str | None = None


def search(cases: Sequence[LibraryCase], q: Query) -> list[LibraryCase]:
    """Cases matching every filter given; --text is an FTS5 query over the case's words."""
    found = [c for c in cases
             if (q.pattern is None or q.pattern in c.patterns)
             and (q.kpi is None or q.kpi in c.kpis)
             and (q.role is None or q.role.casefold() in c.role.casefold())]
    if not q.text:
        return found
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, body)")
        db.executemany("INSERT INTO t VALUES (?, ?)", [(c.id, c.text + " " + c.role)
                                                       for c in found])
        try:
            hits = {r[0] for r in db.execute("SELECT id FROM t WHERE t MATCH ?", (q.text,))}
        except sqlite3.OperationalError as err:
            raise TrackingError(f"--text {q.text!r} is not a search the library understands: "
                                f"{err}", hint="words, \"a phrase\", OR, NOT, prefix*") from None
    finally:
        db.close()
    return [c for c in found if c.id in hits]


def _improvement(c: LibraryCase) -> float | None:
    shares = [f.closed for f in c.figures if f.closed is not None]
    return statistics.median(shares) if shares else None


@dataclass(frozen=True)
class Stat:
    pattern: str
    intervention: str
    n: int
    met: int
    median_closed: float | None  # median share of the shortfall closed
    enough: bool  # n >= the minimum


def stats(cases: Iterable[LibraryCase], minimum: int) -> list[Stat]:
    """Per pattern and intervention: cases, how many met their goal, the median improvement."""
    groups: dict[tuple[str, str], list[LibraryCase]] = {}
    for c in cases:
        for p in c.patterns:
            for i in c.interventions:
                groups.setdefault((p, i), []).append(c)
    out = []
    for (p, i), members in sorted(groups.items()):
        shares = [x for x in (_improvement(c) for c in members) if x is not None]
        out.append(Stat(p, i, len(members), sum(c.outcome == "met" for c in members),
                        round(statistics.median(shares), 4) if shares else None,
                        len(members) >= minimum))
    return out


def export_case(c: LibraryCase, redact: bool) -> dict[str, Any]:
    """A case for another office: without plan, case and employee ids, and without the free
    text (notes may name people), unless `redact` is False."""
    data = c.model_dump(mode="json")
    if redact:
        data.update(plan=None, case_id=None, employee=None, department=None,
                    text=" ".join(sorted(set(c.patterns) | set(c.interventions))))
    return data


def parse_import(lines: Iterable[str], name: str, source: str) -> list[LibraryCase]:
    """Cases from JSON lines; every bad line reported at once (file:line), none taken."""
    cases: list[LibraryCase] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError("a line holds one case, a JSON object")
            data["source"] = source if data.get("source") in (None, "local") else data["source"]
            cases.append(LibraryCase.model_validate(data))
        except json.JSONDecodeError as err:
            problems.append(Problem(f"not JSON: {err.msg}", name, number, err.colno))
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            problems.append(Problem(f"{first['msg']}", name, number, field=where))
        except ValueError as err:
            problems.append(Problem(str(err), name, number))
    if problems:
        more = len(problems) - 1
        raise TrackingError(problems[0].message, file=name, line=problems[0].line,
                            col=problems[0].col, field=problems[0].field,
                            hint=(f"and {more} more bad line{'s' if more > 1 else ''}; "
                                  if more else "") + "nothing was imported")
    return cases


def record_import(log: AuditLog, cases: list[LibraryCase], *, source: str, operator: str
                  ) -> tuple[Row | None, int]:
    """Append the cases not yet in the library as one `library_import` record."""
    with log.write():
        known = {c.id for c in library_cases(log)}
        new = [c for c in cases if c.id not in known]
        if not new:
            return None, 0
        rid = log.append_locked("library_import", {"source": source, "cases": [
            c.model_dump(mode="json") for c in new]}, operator=operator)
    return log.get(rid), len(new)

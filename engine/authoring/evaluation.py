"""The evaluation set from the literature (issue 11): run every published case in a folder and
score perfdx's diagnosis against the analyst's verdict.

Definitions (the issue's):
- top-1: the cause with the highest certainty over all the case's gaps (the diagnosis' first
  cause) is the analyst's primary cause;
- secondary recall: of the analyst's secondary causes, how many perfdx reports anywhere in the
  diagnosis (any gap, at or above the reporting threshold);
- no cause: the diagnosis reports no cause at all;
- contraindicated: a recommended intervention that the analyst advised against
  (`verdict.advised_against_interventions`), or that a contraindication declared in the
  intervention catalog matches (the engine withholds those, listing them as `suppressed`).
Figures are counts, overall and by the analyst's primary cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api import analyse
from ..case import parse_case
from ..kb.base import KnowledgeBase
from ..yamlio import load_file

PATTERN_ORDER = ("skill_shortfall", "resource_shortage", "process_blockage", "goal_misfit",
                 "motivation", "team_collaboration")


@dataclass(frozen=True)
class CaseResult:
    id: str
    primary: str
    secondary: tuple[str, ...]
    obtained: str | None  # perfdx's first cause, None when there is none
    certainty: float | None
    found: tuple[str, ...]  # every pattern reported, any gap
    contraindicated: tuple[str, ...]  # recommended interventions the verdict or catalog rules out
    expected_to_fail: str | None

    @property
    def top1(self) -> bool:
        return self.obtained == self.primary

    @property
    def secondary_found(self) -> int:
        return sum(1 for s in self.secondary if s in self.found)


@dataclass
class Tally:
    cases: int = 0
    top1: int = 0
    secondary: int = 0
    secondary_found: int = 0
    no_cause: int = 0
    contraindicated: int = 0

    def add(self, r: CaseResult) -> None:
        self.cases += 1
        self.top1 += r.top1
        self.secondary += len(r.secondary)
        self.secondary_found += r.secondary_found
        self.no_cause += r.obtained is None
        self.contraindicated += len(r.contraindicated)

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class Evaluation:
    results: list[CaseResult]
    overall: Tally = field(default_factory=Tally)
    by_pattern: dict[str, Tally] = field(default_factory=dict)

    def unexpected_failures(self) -> list[CaseResult]:
        return [r for r in self.results if not r.top1 and not r.expected_to_fail]

    def unexpected_passes(self) -> list[CaseResult]:
        return [r for r in self.results if r.top1 and r.expected_to_fail]


def _contraindications(diagnosis: Any) -> set[str]:
    """Recommended interventions a contraindication of the catalog holds for. The engine withholds
    those (they go to `suppressed`), so this stays empty unless that guard fails; it is counted
    so that a failure would show."""
    held = {(s.intervention, g) for s in diagnosis.suppressed for g in s.gaps}
    return {r.intervention for r in diagnosis.recommendations
            if any((r.intervention, g) in held for g in r.gaps)}


def run_case(path: Path, kb: KnowledgeBase) -> CaseResult:
    name, doc = load_file(path)
    verdict = doc["verdict"]
    diagnosis = analyse(parse_case(doc["case"], name), kb).diagnosis
    first = diagnosis.primary_cause()
    recommended = {r.intervention for r in diagnosis.recommendations}
    ruled_out = set(verdict.get("advised_against_interventions") or []) | _contraindications(
        diagnosis)
    return CaseResult(
        id=str(doc["id"]), primary=str(verdict["primary"]),
        secondary=tuple(str(s) for s in verdict.get("secondary") or []),
        obtained=first.pattern if first else None,
        certainty=first.certainty if first else None,
        found=tuple(sorted({c.pattern for c in diagnosis.causes})),
        contraindicated=tuple(sorted(recommended & ruled_out)),
        expected_to_fail=doc.get("expected_to_fail") or None)


def evaluate(folder: Path, kb: KnowledgeBase) -> Evaluation:
    ev = Evaluation([run_case(p, kb) for p in sorted(folder.glob("*.yaml"))])
    for r in ev.results:
        ev.overall.add(r)
        ev.by_pattern.setdefault(r.primary, Tally()).add(r)
    return ev


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "-"


def table(ev: Evaluation) -> str:
    head = (f"{'analyst primary':<20} {'cases':>5}  {'top-1':>11}  {'secondary recall':>16}  "
            f"{'no cause':>10}  {'contraind.':>10}")
    lines = [head, "-" * len(head)]

    def row(label: str, t: Tally) -> str:
        return (f"{label:<20} {t.cases:>5}  {t.top1:>3}/{t.cases:<2} {_pct(t.top1, t.cases):>4}  "
                f"{t.secondary_found:>3}/{t.secondary:<3} {_pct(t.secondary_found, t.secondary):>8}  "
                f"{t.no_cause:>3} {_pct(t.no_cause, t.cases):>6}  {t.contraindicated:>10}")
    for p in [p for p in PATTERN_ORDER if p in ev.by_pattern] + sorted(
            set(ev.by_pattern) - set(PATTERN_ORDER)):
        lines.append(row(p, ev.by_pattern[p]))
    lines.append("-" * len(head))
    lines.append(row("overall", ev.overall))
    return "\n".join(lines)


def details(ev: Evaluation) -> str:
    out = []
    for r in ev.results:
        mark = "ok  " if r.top1 else ("xfail" if r.expected_to_fail else "FAIL")
        got = f"{r.obtained} {r.certainty:.2f}" if r.obtained else "no cause"
        extra = f"  contraindicated: {', '.join(r.contraindicated)}" if r.contraindicated else ""
        miss = [s for s in r.secondary if s not in r.found]
        sec = f"  secondary missed: {', '.join(miss)}" if miss else ""
        out.append(f"{mark:<5} {r.id:<44} expected {r.primary:<18} got {got}{sec}{extra}")
    return "\n".join(out)

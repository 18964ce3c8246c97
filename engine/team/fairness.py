"""The fairness check: for each group attribute and each adverse outcome, the rate per group,
the impact ratio (the four-fifths rule applied to an adverse outcome), counts and Fisher's exact
test. It reads `employee.group`, which no rule can see; nothing here feeds back into a rule.

Impact ratio of a group = (the lowest rate among the groups compared) / (this group's rate). A
group whose adverse rate is more than 1.25 times the lowest has a ratio under 0.8 and is flagged.
Groups of fewer than MIN_GROUP people are shown, never flagged, and never the reference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..kb.base import KnowledgeBase
from .members import Member

MIN_GROUP = 10
FOUR_FIFTHS = 0.8
NOT_RECORDED = "(not recorded)"


@dataclass(frozen=True)
class GroupRate:
    value: str
    n: int
    adverse: int
    rate: float
    impact_ratio: float | None  # None: not compared (a small group, or no reference)
    p_value: float | None  # Fisher's exact test, two-sided: this group against the others
    flagged: bool
    note: str | None = None  # why not compared or not flagged


@dataclass(frozen=True)
class FairnessRow:
    attribute: str
    outcome: str  # plan_advised, or a pattern id
    groups: list[GroupRate]
    not_recorded: int


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p of the 2x2 table [[a, b], [c, d]]: the probability, with the margins fixed,
    of a table as likely as this one or less (hypergeometric)."""
    row1, col1, n = a + b, a + c, a + b + c + d
    low, high = max(0, col1 - (n - row1)), min(row1, col1)

    def logp(x: int) -> float:
        return _log_choose(col1, x) + _log_choose(n - col1, row1 - x) - _log_choose(n, row1)

    observed = logp(a)
    total = sum(math.exp(logp(x)) for x in range(low, high + 1)
                if logp(x) <= observed + 1e-7)
    return min(1.0, total)


def outcomes(kb: KnowledgeBase) -> list[str]:
    """An improvement plan advised, then each person-level (not environmental) cause."""
    return ["plan_advised"] + [p for p, spec in kb.patterns.items() if not spec.environmental]


def _adverse(m: Member, outcome: str) -> bool:
    return m.plan_advised if outcome == "plan_advised" else outcome in m.causes


def fairness(members: list[Member], kb: KnowledgeBase) -> list[FairnessRow]:
    ok = [m for m in members if m.error is None]
    attributes = sorted({a for m in ok for a in m.group})
    rows = []
    for attr in attributes:
        recorded = [m for m in ok if attr in m.group]
        values = sorted({m.group[attr] for m in recorded})
        for outcome in outcomes(kb):
            counts = {v: (sum(1 for m in recorded if m.group[attr] == v),
                          sum(1 for m in recorded if m.group[attr] == v and _adverse(m, outcome)))
                      for v in values}
            total_n = sum(n for n, _a in counts.values())
            total_a = sum(a for _n, a in counts.values())
            eligible = [v for v, (n, _a) in counts.items() if n >= MIN_GROUP]
            lowest = min((counts[v][1] / counts[v][0] for v in eligible), default=None) \
                if len(eligible) >= 2 else None
            groups = []
            for v in values:
                n, a = counts[v]
                rate = round(a / n, 4) if n else 0.0
                p = round(fisher_exact(a, n - a, total_a - a, (total_n - n) - (total_a - a)),
                          4) if total_n > n else None
                if n < MIN_GROUP:
                    groups.append(GroupRate(v, n, a, rate, None, p, False,
                                            f"fewer than {MIN_GROUP} people: shown, not flagged"))
                    continue
                if lowest is None:
                    groups.append(GroupRate(v, n, a, rate, None, p, False,
                                            f"no other group of {MIN_GROUP} or more to compare "
                                            "with"))
                    continue
                ratio = 1.0 if rate == 0 else round(lowest / rate, 4)
                flagged = ratio < FOUR_FIFTHS
                note = None
                if flagged and p is not None and p >= 0.05:
                    note = "under four-fifths, but not significant at 0.05 (Fisher's exact)"
                groups.append(GroupRate(v, n, a, rate, ratio, p, flagged, note))
            rows.append(FairnessRow(attr, outcome, groups, len(ok) - len(recorded)))
    return rows

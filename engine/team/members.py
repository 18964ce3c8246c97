"""What a department run keeps about each person: enough for team facts, fairness and the report.

Built from the diagnosis (gaps, causes) and the case (team, manager, group attributes); the
group attributes stay here, in the team wing, and never reach a rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SIGNIFICANT = ("moderate", "severe")


@dataclass(frozen=True)
class MemberGap:
    kpi: str | None
    area: str | None
    severity: str
    attainment: float | None
    gap_id: str


@dataclass
class Member:
    index: int
    employee: str
    name: str | None
    team: str
    role: str
    manager: str | None
    case_id: str
    group: dict[str, str] = field(default_factory=dict)  # fairness statistics only
    plan_advised: bool = False
    gaps: list[MemberGap] = field(default_factory=list)
    causes: dict[str, float] = field(default_factory=dict)  # pattern -> highest certainty
    cause_gaps: dict[str, list[str]] = field(default_factory=dict)  # pattern -> KPIs/areas
    cause_rules: dict[str, list[str]] = field(default_factory=dict)  # pattern -> person rules
    attainment: dict[str, float] = field(default_factory=dict)  # kpi -> attainment
    page: str | None = None  # the person's diagnosis page, relative to the report
    error: str | None = None  # no diagnosis: why

    @property
    def primary(self) -> tuple[str, float] | None:
        if not self.causes:
            return None
        pattern = max(self.causes, key=lambda p: (self.causes[p], p))
        return pattern, self.causes[pattern]

    def worst_severity(self) -> str:
        order = ["none", "minor", "moderate", "severe"]
        return max((g.severity for g in self.gaps), key=order.index, default="none")

    def has_gap(self, kpi: str) -> bool:
        return any(g.kpi == kpi and g.severity in SIGNIFICANT for g in self.gaps)


def member_from(index: int, case: dict[str, Any], diagnosis_json: str | None,
                plan_advised: bool, error: str | None = None) -> Member:
    emp = case["employee"]
    m = Member(index=index, employee=str(emp["id"]), name=emp.get("name"),
               team=str(emp["department"]), role=str(emp["role"]), manager=emp.get("manager"),
               case_id=str(case["case_id"]),
               group={k: str(v) for k, v in (emp.get("group") or {}).items()},
               plan_advised=plan_advised, error=error)
    if diagnosis_json is None:
        return m
    d = json.loads(diagnosis_json)
    by_id: dict[str, MemberGap] = {}
    for g in d["gaps"]:
        gap = MemberGap(g.get("kpi"), g.get("area"), g["severity"], g.get("attainment"), g["id"])
        by_id[g["id"]] = gap
        m.gaps.append(gap)
    for metric_gap in m.gaps:
        if metric_gap.kpi and metric_gap.attainment is not None:
            m.attainment[metric_gap.kpi] = metric_gap.attainment
    for c in d["causes"]:
        m.causes[c["pattern"]] = max(m.causes.get(c["pattern"], -1.0), c["certainty"])
        found = by_id.get(c["gap"])
        what = (found.kpi or found.area) if found else c["gap"]
        m.cause_gaps.setdefault(c["pattern"], [])
        rules = m.cause_rules.setdefault(c["pattern"], [])
        rules += [r for r in c["rules"] if r not in rules]
        if what and what not in m.cause_gaps[c["pattern"]]:
            m.cause_gaps[c["pattern"]].append(what)
    # every KPI's attainment as measured from the KPI catalog (the trace's enrichment steps),
    # gap or not, for the heatmap
    for step in d["trace"]["steps"]:
        if step["kind"] == "enrich" and step.get("asserted"):
            kpi, value = step["asserted"].get("kpi"), step["asserted"].get("attainment")
            if kpi and value is not None:
                m.attainment[kpi] = value
    return m

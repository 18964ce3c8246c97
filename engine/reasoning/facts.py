"""Working-memory facts built from a case: typed, with stable ids and their provenance.

A fact is a plain dict: `id` (stable: its type and position in the case, e.g. `metric-2`), `t`
(its type) and the fields declared in `vocabulary.FACT_TYPES`. Fields without a value are left
out, so `exists`/`missing` mean what they say. Group attributes never become facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..case import UNKNOWN, LoadedCase
from ..errors import InputError
from ..kb.base import KnowledgeBase
from ..kb.operators import unknown_flag
from .enrich import UngradableMetric, enrich_metric
from .ratings import summarise_ratings

Fact = dict[str, Any]


@dataclass(frozen=True)
class Origin:
    """Where an input fact came from: the case file line and, for metrics, the KPI catalog."""

    case_location: str
    catalog_location: str | None = None
    index: int = 0  # position in its list in the case file (metrics[index], ...)
    entries: tuple[int, ...] = ()  # a rating: the positions of the ratings it summarises


@dataclass
class InputFacts:
    facts: list[Fact] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)

    def add(self, fact: Fact, origin: Origin) -> None:
        self.facts.append(fact)
        self.origins[fact["id"]] = origin


def build_facts(loaded: LoadedCase, kb: KnowledgeBase) -> InputFacts:
    case = loaded.case
    out = InputFacts()
    emp = case.employee
    employee: Fact = {"id": "employee", "t": "employee", "role": emp.role,
                      "department": emp.department}
    if isinstance(emp.tenure_months, (int, float)):
        employee["tenure_months"] = emp.tenure_months
    else:  # omitted or answered `unknown`: tests on it neither hold nor fail
        employee[unknown_flag("tenure_months")] = True
    if emp.level is not None:
        employee["level"] = emp.level
    out.add(employee, Origin(loaded.where("employee")))

    for i, m in enumerate(case.metrics):
        kpi = kb.kpis[m.kpi]
        try:
            enriched = enrich_metric(m, kpi, kb.settings, case.period)
        except UngradableMetric:
            raise InputError(
                f"KPI {m.kpi!r} has a target of {m.target:g}, which its catalog entry "
                f"({kb.location('kpis', m.kpi)}) can only grade with `shortfall` bands",
                file=loaded.source, line=loaded.line_of("metrics", i, "target"),
                field=f"metrics[{i}].target",
                hint="ask the knowledge-base owner to add shortfall bands to this KPI") from None
        fact: Fact = {"id": f"metric-{i + 1}", "t": "metric", **enriched.fields}
        out.add(fact, Origin(loaded.where("metrics", i), kb.location("kpis", m.kpi), i))

    # one fact per (source, dimension), named after its first rating (ratings.py says why)
    for summary in summarise_ratings(case.ratings, kb.settings.rating_scale):
        i = summary.first
        fact = {"id": f"rating-{i + 1}", "t": "rating", **summary.fields}
        out.add(fact, Origin(loaded.where("ratings", i), index=i, entries=summary.entries))

    for i, o in enumerate(case.observations):
        fact = {"id": f"observation-{i + 1}", "t": "observation", "name": o.name,
                "source": o.source}
        if o.value == UNKNOWN:
            fact[unknown_flag("value")] = True
        else:
            fact["value"] = o.value
        if o.about is not None:
            fact["about"] = o.about
        out.add(fact, Origin(loaded.where("observations", i), index=i))

    for i, c in enumerate(case.concerns):
        fact = {"id": f"concern-{i + 1}", "t": "concern", "severity": c.severity}
        if c.kpi is not None:
            fact["kpi"] = c.kpi
        if c.area is not None:
            fact["area"] = c.area
        out.add(fact, Origin(loaded.where("concerns", i), index=i))
    return out

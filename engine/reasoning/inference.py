"""Forward chaining in stages: gaps -> evidence -> causes -> recommend.

durable_rules matches and fires; this module runs each stage to quiescence, turns the recorded
firings into conclusions, combines them (severity for gaps, MYCIN for certainty), records every
step in the trace, and asserts the combined facts for the next stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..kb.base import KnowledgeBase
from ..kb.conclusions import resolve_target
from ..kb.conditions import Ref
from ..kb.contraindications import Contraindication
from ..kb.rules import Conclusion, Rule
from ..kb.scope import SCOPED_TYPES
from ..kb.vocabulary import STAGES
from . import certainty as cf
from .enrich import SEVERITY_ORDER
from .evaluate import FactIndex, bindings, index_by_type
from .facts import Fact, InputFacts, Origin
from .numbers import safe_fact
from .ratings import summary_note
from .scope import Scoping, input_id, scope_observations
from .session import Firing, engine
from .trace import Trace, TraceBuilder

Key = tuple[str, str]  # (pattern, gap id)


@dataclass(frozen=True)
class Fired:
    """One rule firing: which rule and alternative, and the facts it matched."""

    rule: Rule
    branch: int
    binding: dict[str, str]  # alias -> fact id

    @property
    def engine_name(self) -> str:
        return f"{self.rule.id}#{self.branch}"


@dataclass(frozen=True)
class Support:
    """A rule's counted contribution to a derived fact."""

    rule: Rule
    stage: str
    binding: dict[str, str]
    value: float | None = None  # certainty contribution (evidence, cause)
    factor: float | None = None  # off the gap's usual drivers: the factor the value was scaled by


@dataclass
class InferenceResult:
    facts: dict[str, Fact]  # every fact by id: from the case and derived
    origins: dict[str, Origin]  # input facts -> where they came from
    support: dict[str, list[Support]]  # derived fact id -> the firings that made it
    cause_support: dict[Key, list[Support]]  # (pattern, gap) -> all counted contributions
    combined: dict[Key, float]  # final certainty per (pattern, gap), reported or not
    fired: list[Fired]
    trace: Trace
    working_memory: list[dict[str, Any]] = field(default_factory=list)
    scoping: Scoping = field(default_factory=Scoping)  # which gaps each finding counted for
    # recommendations withheld: (the recommendation, the contraindication, the rules behind it)
    suppressed: list[tuple[Fact, Contraindication, list[Support]]] = field(default_factory=list)

    def reported(self, threshold: float) -> dict[Key, float]:
        return {k: v for k, v in self.combined.items() if v >= threshold}


def _r(x: float) -> float:
    return round(x, 4)


class _Run:
    def __init__(self, kb: KnowledgeBase, inputs: InputFacts) -> None:
        self.kb = kb
        self.facts: dict[str, Fact] = {f["id"]: f for f in inputs.facts}
        self.origins = dict(inputs.origins)
        self.trace = TraceBuilder()
        self.support: dict[str, list[Support]] = {}
        self.cause_support: dict[Key, list[Support]] = {}
        self.combined: dict[Key, float] = {}
        self.fired: list[Fired] = []
        self.rules = {r.id: r for r in kb.rules}
        self.scoping = Scoping()
        self.suppressed: list[tuple[Fact, Contraindication, list[Support]]] = []
        self._place: dict[str, int] = {}
        self._pattern_place = {p: i for i, p in enumerate(kb.patterns)}
        self._by_type: FactIndex | None = None  # the facts by type, while recommending

    # -- firings -> conclusions ----------------------------------------------------------------

    def canonical(self, raw: list[Firing]) -> list[Fired]:
        """Firings in a stable order (rule order in the KB, then matched fact ids)."""
        fired = []
        for name, binding in raw:
            rule_id, _, branch = name.rpartition("#")
            fired.append(Fired(self.rules[rule_id], int(branch), binding))
        fired.sort(key=lambda f: (f.rule.order, f.branch, sorted(f.binding.items())))
        return fired

    def premise(self, fired: Fired) -> float:
        values = [self.facts[fid]["certainty"] for fid in fired.binding.values()
                  if "certainty" in self.facts[fid]]
        return cf.premise(values)

    def target(self, fired: Fired, c: Conclusion) -> Fact:
        alias = resolve_target(fired.rule.branches[fired.branch], c)
        assert alias is not None  # checked when the KB was loaded
        return self.facts[fired.binding[alias]]

    def gap_of(self, fact: Fact) -> str:
        return str(fact["id"] if fact["t"] == "gap" else fact["gap"])

    # -- stages ----------------------------------------------------------------------------------

    def stage(self, stage: str, raw: list[Firing]) -> list[Fact]:
        fired = self.canonical(raw)
        self.fired.extend(fired)
        handler = getattr(self, "_" + stage)
        return handler(fired)  # type: ignore[no-any-return]

    def _fire_step(self, stage: str, fired: Fired, conclusion: dict[str, Any]) -> None:
        self.trace.add(stage=stage, kind="fire", rule=fired.rule.id,
                       location=fired.rule.location, matched=dict(fired.binding),
                       asserted=conclusion)

    def _gaps(self, fired: list[Fired]) -> list[Fact]:
        proposals: dict[str, list[tuple[Fired, str]]] = {}
        for f in fired:
            for c in f.rule.conclusions:
                source = self.target(f, c)
                severity = c.severity or source.get("severity", "none")
                proposals.setdefault(source["id"], []).append((f, severity))
                self._fire_step("gaps", f, {"t": "gap", "source": source["id"],
                                            "severity": severity})
        new = []
        for source_id in sorted(proposals, key=self._input_order):
            items = proposals[source_id]
            severity = max((s for _f, s in items), key=SEVERITY_ORDER.index)
            inputs = [{"rule": f.rule.id, "stage": "gaps"} for f, _s in items]
            if severity == "none":
                self.trace.add(stage="gaps", kind="drop", matched={"source": source_id},
                               inputs=inputs, note="severity none: not a gap")
                continue
            gap = self._gap_fact(self.facts[source_id], severity)
            self.support[gap["id"]] = [Support(f.rule, "gaps", f.binding) for f, _s in items]
            self.trace.add(stage="gaps", kind="combine", asserted=gap, inputs=inputs,
                           note="most severe proposal")
            new.append(gap)
        return new

    def scope(self, observations: list[Fact], gaps: list[Fact]) -> list[Fact]:
        """Copies of the findings per gap they count for, each step in the trace."""
        scoping = scope_observations(observations, gaps)
        for o in observations:
            gaps_for = scoping.counts_for[o["id"]]
            asserted: dict[str, Any] = {"gaps": gaps_for}
            if "about" in o:
                note = "about one KPI or area: counts only for its gap" if gaps_for else \
                    "about a KPI or area without a gap in this case: counts for none"
                asserted["about"] = o["about"]
            else:
                note = "case-wide: counts for every gap" if gaps_for else \
                    "case-wide, but the case has no gap"
            replaced = scoping.overridden.get(o["id"])
            if replaced:
                asserted["replaced"] = {gap: by for gap, by in replaced}
                note += "; a finding about the gap itself takes its place where it exists"
            self.trace.add(stage="evidence", kind="scope", matched={"observation": o["id"]},
                           asserted=asserted, note=note)
        for copy in scoping.copies:
            self.facts[copy["id"]] = copy
            self.origins[copy["id"]] = self.origins[input_id(copy["id"])]
        self.scoping = scoping
        return scoping.copies

    def _contraindicated(self, rec: Fact) -> Contraindication | None:
        """The first declared contraindication that holds for a recommendation, if any."""
        if rec["t"] != "recommendation":
            return None
        declared = self.kb.contraindications.get(str(rec["intervention"]), ())
        if not declared:
            return None
        cause = self.facts[f"cause-{rec['pattern']}-{rec['gap']}"]
        start = {"cause": cause, "gap": self.facts[str(rec["gap"])]}
        by_type = self._by_type
        if by_type is None:  # no fact is added while the recommend stage is judged
            by_type = self._by_type = index_by_type(self.facts.values())
        for contra in declared:
            if any(next(bindings(b, by_type, start), None) is not None for b in contra.branches):
                return contra
        return None

    def _positions(self) -> dict[str, int]:
        """Each fact's place in `facts` (facts are only ever added, so places never change)."""
        if len(self._place) != len(self.facts):
            self._place = {fid: i for i, fid in enumerate(self.facts)}
        return self._place

    def _input_order(self, fact_id: str) -> tuple[int, str]:
        return (self._positions()[fact_id], fact_id)

    def _gap_fact(self, source: Fact, severity: str) -> Fact:
        gap: Fact = {"id": f"gap-{source['id']}", "t": "gap", "source": source["id"],
                     "measured": source["t"] == "metric", "severity": severity,
                     "certainty": 1.0}
        if source["t"] == "metric":
            for name in ("kpi", "attainment", "shortfall", "trend", "vs_team", "team_attainment",
                         "team_meeting_target", "drivers"):
                if name in source:
                    gap[name] = source[name]
        else:
            if "kpi" in source:
                gap["kpi"] = source["kpi"]
                gap["drivers"] = list(self.kb.kpis[source["kpi"]].category)
            if "area" in source:
                gap["area"] = source["area"]
                drivers = gap.get("drivers", []) + [
                    d for d in self.kb.areas[source["area"]].drivers
                    if d not in gap.get("drivers", [])]
                gap["drivers"] = drivers
        return gap

    def _contributions(self, stage: str, fired: list[Fired]) -> dict[Key, dict[str, Support]]:
        """Per (pattern, gap) and rule: the strongest binding's contribution."""
        out: dict[Key, dict[str, Support]] = {}
        factor = self.kb.settings.off_driver_factor
        for f in fired:
            premise = self.premise(f)
            gates = f.rule.soft_gates(f.branch)
            for c in f.rule.conclusions:
                assert c.pattern is not None and c.certainty is not None
                gap = self.gap_of(self.target(f, c))
                value = _r(c.certainty * premise)
                self._fire_step(stage, f, {"t": c.kind, "pattern": c.pattern, "gap": gap,
                                           "certainty": value})
                scaled = None
                off = [g for g in gates if g.pattern == c.pattern and g.pattern not in
                       self.facts[f.binding[g.alias]].get("drivers", [])]
                if off:  # the usual-drivers gate, made soft (kb/scope.py)
                    scaled = factor
                    value = _r(value * factor)
                    self.trace.add(stage=stage, kind="scale", rule=f.rule.id,
                                   location=f.rule.location, matched=dict(f.binding),
                                   asserted={"t": c.kind, "pattern": c.pattern, "gap": gap,
                                             "certainty": value, "factor": factor},
                                   note="outside the gap's usual drivers")
                per_rule = out.setdefault((c.pattern, gap), {})
                best = per_rule.get(f.rule.id)
                if best is None or abs(value) > abs(best.value or 0):
                    per_rule[f.rule.id] = Support(f.rule, stage, f.binding, value, scaled)
        return out

    def _combined_fact(self, kind: str, key: Key, supports: list[Support], note: str) -> Fact:
        value = _r(cf.combine(s.value or 0 for s in supports))
        pattern, gap = key
        fact: Fact = {"id": f"{kind}-{pattern}-{gap}", "t": kind, "pattern": pattern,
                      "gap": gap, "certainty": value}
        self.trace.add(stage="evidence" if kind == "evidence" else "causes", kind="combine",
                       asserted=fact, note=note,
                       inputs=[{"rule": s.rule.id, "certainty": s.value, "stage": s.stage}
                               for s in supports])
        return fact

    def _key_order(self, key: Key) -> tuple[int, int, str]:
        patterns = self._pattern_place
        pattern, gap = key
        return (self._positions()[gap], patterns.get(pattern, len(patterns)), pattern)

    def _evidence(self, fired: list[Fired]) -> list[Fact]:
        contributions = self._contributions("evidence", fired)
        new = []
        for key in sorted(contributions, key=self._key_order):
            supports = sorted(contributions[key].values(), key=lambda s: s.rule.order)
            self.cause_support[key] = list(supports)
            fact = self._combined_fact("evidence", key, supports, "MYCIN combination")
            self.support[fact["id"]] = supports
            new.append(fact)
        return new

    def _causes(self, fired: list[Fired]) -> list[Fact]:
        for key, per_rule in self._contributions("causes", fired).items():
            self.cause_support.setdefault(key, []).extend(
                sorted(per_rule.values(), key=lambda s: s.rule.order))
        threshold = self.kb.settings.report_threshold
        new = []
        for key in sorted(self.cause_support, key=self._key_order):
            supports = self.cause_support[key]
            value = _r(cf.combine(s.value or 0 for s in supports))
            self.combined[key] = value
            if value < threshold:
                self.trace.add(stage="causes", kind="drop", matched={"gap": key[1]},
                               asserted={"t": "cause", "pattern": key[0], "gap": key[1],
                                         "certainty": value},
                               inputs=[{"rule": s.rule.id, "certainty": s.value,
                                        "stage": s.stage} for s in supports],
                               note=f"below the reporting threshold {threshold:g}")
                continue
            fact = self._combined_fact("cause", key, supports,
                                       "MYCIN combination of evidence and cause rules")
            self.support[fact["id"]] = supports
            new.append(fact)
        return new

    def _recommend(self, fired: list[Fired]) -> list[Fact]:
        found: dict[str, tuple[Fact, list[Support]]] = {}
        for f in fired:
            for c in f.rule.conclusions:
                cause = self.target(f, c)
                if c.kind == "recommend":
                    fid = f"recommendation-{c.intervention}-{cause['pattern']}-{cause['gap']}"
                    fact: Fact = {"id": fid, "t": "recommendation",
                                  "intervention": c.intervention, "pattern": cause["pattern"],
                                  "gap": cause["gap"], "priority": c.priority,
                                  "certainty": cause["certainty"]}
                else:
                    competency = c.competency
                    if isinstance(competency, Ref):
                        competency = self.facts[f.binding[competency.alias]][competency.field]
                    fid = f"training-{competency}-{cause['pattern']}-{cause['gap']}"
                    fact = {"id": fid, "t": "training", "competency": competency,
                            "pattern": cause["pattern"], "gap": cause["gap"],
                            "certainty": cause["certainty"]}
                self._fire_step("recommend", f, {k: v for k, v in fact.items() if k != "id"})
                if fid in found:
                    old, supports = found[fid]
                    if "priority" in fact:
                        old["priority"] = min(old["priority"], fact["priority"])
                    supports.append(Support(f.rule, "recommend", f.binding))
                else:
                    found[fid] = (fact, [Support(f.rule, "recommend", f.binding)])
        new = []
        for fid in sorted(found):
            fact, supports = found[fid]
            contra = self._contraindicated(fact)
            if contra is not None:  # declared knowledge: this intervention does not help here
                self.suppressed.append((fact, contra, supports))
                self.trace.add(stage="recommend", kind="suppress", location=contra.location,
                               asserted={k: v for k, v in fact.items() if k != "id"},
                               inputs=[{"rule": s.rule.id, "stage": "recommend"}
                                       for s in supports],
                               matched={"contraindication": contra.id},
                               note="withheld: a declared contraindication holds")
                continue
            self.support[fid] = supports
            self.trace.add(stage="recommend", kind="combine", asserted=fact,
                           inputs=[{"rule": s.rule.id, "stage": "recommend"}
                                   for s in supports],
                           note="first priority of the rules that recommend it")
            new.append(fact)
        return new


def infer(kb: KnowledgeBase, inputs: InputFacts) -> InferenceResult:
    """Run the stages for one case on durable_rules and return everything concluded."""
    for fact in inputs.facts:
        safe_fact(fact)
    run = _Run(kb, inputs)
    for fact in inputs.facts:
        if fact["t"] == "metric":
            run.trace.add(stage="input", kind="enrich", location=inputs.origins[fact["id"]]
                          .catalog_location, matched={"metric": fact["id"]},
                          asserted={k: v for k, v in fact.items() if k not in ("id", "t")},
                          note="measured from the KPI catalog")
        elif fact["t"] == "rating" and len(inputs.origins[fact["id"]].entries) > 1:
            origin = inputs.origins[fact["id"]]
            run.trace.add(stage="input", kind="summarise", location=origin.case_location,
                          matched={"rating": fact["id"]},
                          asserted={k: v for k, v in fact.items() if k not in ("id", "t")},
                          note=summary_note(origin.entries))
    scoped = [f for f in inputs.facts if f["t"] in SCOPED_TYPES]
    with engine().session(kb) as session:
        # each stage's facts go to durable_rules in one call, before the stage's gate
        pending = [f for f in inputs.facts if f["t"] not in SCOPED_TYPES]
        for stage in STAGES:
            if stage == "evidence":  # the gaps are known: each gets its own findings
                gaps = [f for f in run.facts.values() if f["t"] == "gap"]
                pending.extend(run.scope(scoped, gaps))
            session.assert_facts(pending)
            pending = []
            for fact in run.stage(stage, session.run_stage(stage)):
                pending.append(safe_fact(fact))
                run.facts[fact["id"]] = fact
        session.assert_facts(pending)
        memory = session.working_memory()
    return InferenceResult(
        facts=run.facts, origins=run.origins, support=run.support,
        cause_support=run.cause_support, combined=run.combined, fired=run.fired,
        trace=run.trace.build(), working_memory=memory, scoping=run.scoping,
        suppressed=run.suppressed)

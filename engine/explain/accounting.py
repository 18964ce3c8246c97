"""Nothing silent: what each gap's causes are, and what every recorded finding did.

Per gap: the primary cause, the contributing ones (above the reporting threshold), and every other
pattern of the KB as considered but not supported (below the threshold, argued against, or with no
evidence at all); and whether any evidence rule fired for the gap at all, so that silence is
reported as silence.

Per finding (observation, rating, concern): used by a rule that fired for a gap, a reported cause
or a recommendation, or listed as recorded but not used, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..case import LoadedCase
from ..kb.base import KnowledgeBase
from ..kb.conditions import Branch, Pattern, Test
from ..kb.rules import Rule
from ..reasoning.evaluate import (
    FactIndex,
    bindings,
    compiled_blocks,
    compiled_holds,
    holding,
    index_by_type,
)
from ..reasoning.inference import InferenceResult
from ..reasoning.matcher import kept
from ..reasoning.scope import input_id
from .diagnosis import GapVerdictOut, UnusedOut
from .missing import Wanted, pinned_names

Fact = Mapping[str, Any]


def evidence_found(result: InferenceResult, gap: str) -> bool:
    """Whether any evidence rule fired for the gap (for or against a cause)."""
    return any(s.stage == "evidence" for (_p, g), ss in result.cause_support.items()
               if g == gap for s in ss)


def gap_verdicts(kb: KnowledgeBase, result: InferenceResult,
                 questions: Mapping[str, list[str]]) -> list[GapVerdictOut]:
    threshold = kb.settings.report_threshold
    out = []
    for gap in (fid for fid, f in result.facts.items() if f["t"] == "gap"):
        values = {p: v for (p, g), v in result.combined.items() if g == gap}
        reported = sorted((p for p, v in values.items() if v >= threshold),
                          key=lambda p: (-values[p], list(kb.patterns).index(p)))
        # plain data, validated once with the verdict
        not_supported: list[dict[str, Any]] = []
        for p in kb.patterns:
            if p in reported:
                continue
            if p not in values or not result.cause_support.get((p, gap)):
                not_supported.append({"pattern": p, "certainty": None, "reason": "no_evidence"})
            else:
                v = values[p]
                not_supported.append({"pattern": p, "certainty": v,
                                      "reason": "below_threshold" if v > 0 else "against"})
        out.append(GapVerdictOut.model_validate(dict(
            gap=gap, primary=reported[0] if reported else None,
            primary_certainty=values[reported[0]] if reported else None,
            contributing=reported[1:], not_supported=not_supported,
            evidence_found=evidence_found(result, gap), questions=questions.get(gap, []))))
    return out


def separating_questions(kb: KnowledgeBase, gap: Fact, wanted: list[Wanted]) -> list[str]:
    """The missing questions that best separate the patterns this gap could have, best first.

    Greedy cover: each next question is the one whose rules bear on the most patterns among the
    gap's usual drivers (all patterns when it lists none) not yet covered by an earlier question;
    ties go to the question more rules wait for, then to the vocabulary's order. It stops when
    every pattern has a question."""
    candidates = list(gap.get("drivers") or kb.patterns)
    order = list(kb.observations)
    left = [w for w in wanted if set(w.patterns) & set(candidates)]
    uncovered = set(candidates)
    chosen: list[str] = []
    def gain(w: Wanted, open_: set[str]) -> tuple[int, int, int]:
        return (len(open_ & set(w.patterns)), len(w.rules),
                -(order.index(w.observation) if w.observation in order else len(order)))

    while left and uncovered:
        best = max(left, key=lambda w: gain(w, uncovered))
        if not uncovered & set(best.patterns):
            break
        chosen.append(best.observation)
        uncovered -= set(best.patterns)
        left.remove(best)
    return chosen


# -- recorded but not used ---------------------------------------------------------------------

def _used(kb: KnowledgeBase, result: InferenceResult, memory: FactIndex | None = None
          ) -> tuple[set[str], dict[str, UnusedOut]]:
    """Findings used by a counted firing, and those only behind causes below the threshold.
    `memory`: the final working memory by type, if the caller has it."""
    threshold = kb.settings.report_threshold
    used: set[str] = set()
    below: dict[str, UnusedOut] = {}
    if memory is None:
        memory = index_by_type(result.working_memory or result.facts.values())
    for f in result.fired:
        if f.rule.stage in ("gaps", "recommend"):
            used.update(input_id(fid) for fid in f.binding.values())
        used.update(_read_by_not(f.rule.engine_branches[f.branch],
                                 {a: result.facts[fid] for a, fid in f.binding.items()}, memory))
    factor = kb.settings.off_driver_factor
    for f in result.fired:  # every firing, not only each rule's strongest binding
        if f.rule.stage not in ("evidence", "causes"):
            continue
        facts = [result.facts[fid] for fid in f.binding.values()]
        gap = next((str(x["id"]) for x in facts if x["t"] == "gap"), None) or next(
            (str(x["gap"]) for x in facts if "gap" in x and x["t"] != "observation"), None)
        if gap is None:
            continue
        ids = {input_id(fid) for fid in f.binding.values()}
        for c in f.rule.conclusions:
            if c.pattern is None:
                continue
            value = result.combined.get((c.pattern, gap), 0.0)
            off = factor == 0 and any(
                g.pattern == c.pattern and c.pattern not in result.facts[f.binding[g.alias]]
                .get("drivers", []) for g in f.rule.soft_gates(f.branch))
            if off:
                for fid in ids:
                    below.setdefault(fid, UnusedOut(
                        fact=fid, reason="outside_drivers", rule=f.rule.id, gap=gap,
                        pattern=c.pattern))
            elif value >= threshold or (c.certainty or 0) < 0:
                used.update(ids)  # it supports a reported cause, or argues against one
            else:
                for fid in ids:
                    below.setdefault(fid, UnusedOut(
                        fact=fid, reason="below_threshold", rule=f.rule.id, gap=gap,
                        pattern=c.pattern, certainty=value))
    return used, below


def _about(p: Pattern) -> Pattern:
    """A negated pattern's tests on what it is about (its `value` tests left aside), as a
    positive pattern; worked out once per pattern."""
    about: Pattern = kept(p, "_about", lambda: Pattern(
        p.fact, p.alias, tuple(e for e in p.tests if isinstance(e, Test) and e.field != "value"),
        False, p.path, p.line, p.col))
    return about


def _read_by_not(branch: Branch, binding: Mapping[str, Fact],
                 by_type: Mapping[str, list[Fact]]) -> set[str]:
    """Findings a fired rule checked in a `not` and found not standing in its way: the rule read
    them (`not {performed_well_before: true}` read the answer `false`)."""
    read: set[str] = set()
    for p in branch.patterns:
        if not p.negated:
            continue
        about = _about(p)
        read.update(input_id(str(f["id"])) for f in holding(about, by_type, binding))
    return read


def _reads(p: Pattern, fact_type: str, name: Any) -> bool:
    return p.fact == fact_type and (fact_type != "observation" or not pinned_names(p)
                                    or name in pinned_names(p))


def _readers(kb: KnowledgeBase, fact: Fact) -> list[Rule]:
    """Rules with a pattern that could read this finding (its type, and its name if pinned);
    worked out once per KB, type and name."""
    known: dict[tuple[str, Any], list[Rule]] | None = kb.__dict__.get("_readers")
    if known is None:
        known = {}
        object.__setattr__(kb, "_readers", known)  # not a field: eq and hash are unchanged
    t = fact["t"]
    key = (t, fact.get("name") if t == "observation" else None)
    out = known.get(key)
    if out is None:
        out = known[key] = [rule for rule in kb.rules if any(
            any(_reads(p, t, key[1]) for p in branch.patterns) for branch in rule.engine_branches)]
    return out


def _why_not_used(kb: KnowledgeBase, result: InferenceResult, fid: str,
                  copies: list[Fact], by_type: Mapping[str, list[Fact]]) -> UnusedOut:
    """For a finding some rule reads: contradicted by a fact that blocks a `not`, or a condition
    of the first rule that reads it is not met."""
    fact = result.facts[fid]
    readers = _readers(kb, fact)
    if not readers:
        return UnusedOut(fact=fid, reason="no_rule_reads_it")
    for rule in readers:
        for branch in rule.engine_branches:
            for p in branch.positive:
                for copy in copies:
                    if p.fact != copy["t"] or not _holds_alone(p, copy):
                        continue
                    blocker = _blocker(branch, p.alias, copy, by_type)
                    if blocker is not None:
                        return UnusedOut(fact=fid, reason="contradicted", rule=rule.id,
                                         by=input_id(str(blocker["id"])),
                                         gap=copy.get("gap"))
    return UnusedOut(fact=fid, reason="condition_not_met", rule=readers[0].id)


def _holds_alone(p: Pattern, fact: Fact) -> bool:
    """The pattern's own tests hold on the fact (joins to other facts left aside)."""
    alone = kept(p, "_alone", lambda: Pattern(
        p.fact, p.alias, tuple(e for e in p.tests if not (isinstance(e, Test) and e.op == "same_as")),
        False, p.path, p.line, p.col))
    return compiled_holds(alone, fact, {})


def _blocker(branch: Branch, alias: str, fact: Fact, by_type: Mapping[str, list[Fact]]
             ) -> Fact | None:
    """With `fact` bound to `alias`, the fact that stops a `not` of the branch, if the positive
    patterns match and only a `not` stands in the way."""
    positive = Branch(tuple(p for p in branch.patterns if not p.negated))
    narrowed = dict(by_type)
    narrowed[fact["t"]] = [fact]
    for binding in bindings(positive, narrowed):
        if binding.get(alias) is not fact:
            continue
        for p in branch.patterns:
            if p.negated:
                found = next((f for f in by_type.get(p.fact, [])
                              if compiled_blocks(p, f, binding)), None)
                if found is not None:
                    return found
    return None


def unused_findings(kb: KnowledgeBase, loaded: LoadedCase, result: InferenceResult
                    ) -> list[UnusedOut]:
    memory = list(result.working_memory) or list(result.facts.values())
    by_type = index_by_type(memory)
    used, below = _used(kb, result, by_type)
    copies_of: dict[str, list[Fact]] = {}
    for f in memory:
        copies_of.setdefault(input_id(str(f["id"])), []).append(f)
    out: list[UnusedOut] = []
    inputs: Iterable[str] = (fid for fid, f in result.facts.items()
                             if f["t"] in ("observation", "rating", "concern") and "@" not in fid)
    scoping = result.scoping
    for fid in inputs:
        if fid in used:
            continue
        fact = result.facts[fid]
        name = str(fact.get("name") or fact.get("dimension") or fact.get("area")
                   or fact.get("kpi") or "")
        if fact["t"] == "observation" and "value" not in fact:
            entry = UnusedOut(fact=fid, reason="unknown")
        elif fact["t"] == "observation" and not scoping.counts_for.get(fid):
            if scoping.overridden.get(fid):
                gap, by = scoping.overridden[fid][0]
                entry = UnusedOut(fact=fid, reason="replaced", by=by, gap=gap)
            elif "about" in fact:
                entry = UnusedOut(fact=fid, reason="no_gap", about=str(fact["about"]))
            else:
                entry = UnusedOut(fact=fid, reason="no_gap")
        elif fid in below:
            entry = below[fid]
        else:
            entry = _why_not_used(kb, result, fid, copies_of.get(fid, [fact]), by_type)
        out.append(entry.model_copy(update={"kind": fact["t"], "name": name}))
    return out

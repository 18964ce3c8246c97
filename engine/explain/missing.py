"""Missing evidence: observations the case lacks that would decide whether a rule fires.

A rule counts when everything else it needs is present: drop its conditions on absent
observations and it would match. Then each absent observation is worth asking about; the KB
gives the question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..kb.base import KnowledgeBase
from ..kb.conditions import Branch, Pattern, Test
from ..kb.rules import Rule
from ..reasoning.evaluate import bindings


@dataclass
class Wanted:
    observation: str
    rules: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)


def pinned_names(pattern: Pattern) -> tuple[str, ...]:
    """The observation names a pattern is about (`name: x` or `name: [x, y]`)."""
    for test in pattern.tests:
        if isinstance(test, Test) and test.field == "name" and test.op in ("is", "in"):
            return tuple(test.value) if test.op == "in" else (str(test.value),)
    return ()


def _patterns_of(rule: Rule, branch: Branch, binding: Mapping[str, Any]) -> list[str]:
    found = []
    for c in rule.conclusions:
        if c.pattern:
            found.append(c.pattern)
        elif c.kind in ("recommend", "train"):
            causes = [f for f in binding.values() if f.get("t") == "cause"]
            found.extend(str(f["pattern"]) for f in causes)
    return found


def _asked(branch: Branch) -> tuple[tuple[Pattern, tuple[str, ...]], ...]:
    """The branch's observation patterns pinned to names (worked out once per branch)."""
    found: tuple[tuple[Pattern, tuple[str, ...]], ...] | None = branch.__dict__.get("_asked")
    if found is None:
        found = tuple((p, names) for p in branch.patterns if p.fact == "observation"
                      for names in [pinned_names(p)] if names)
        object.__setattr__(branch, "_asked", found)  # not a field: eq and hash are unchanged
    return found


def missing_evidence(kb: KnowledgeBase, by_type: Mapping[str, list[Mapping[str, Any]]]
                     ) -> list[Wanted]:
    present = {str(f.get("name")) for f in by_type.get("observation", [])}
    wanted: dict[str, Wanted] = {}
    for rule in kb.rules:
        if rule.stage == "gaps":
            continue
        for branch in rule.engine_branches:
            asked = _asked(branch)
            if not asked:
                continue
            absent = [(p, names) for p, names in asked if not present.intersection(names)]
            if not absent:
                continue
            dropped = {id(p) for p, _n in absent}
            reduced = Branch(tuple(p for p in branch.patterns if id(p) not in dropped))
            if not reduced.positive:
                continue
            first = next(iter(bindings(reduced, by_type)), None)
            if first is None:
                continue
            patterns = _patterns_of(rule, branch, first)
            for _p, names in absent:
                for name in names:
                    w = wanted.setdefault(name, Wanted(name))
                    if rule.id not in w.rules:
                        w.rules.append(rule.id)
                    w.patterns.extend(p for p in patterns if p not in w.patterns)
    return list(wanted.values())


def rank(kb: KnowledgeBase, wanted: list[Wanted], drivers: set[str], concluded: set[str]
         ) -> list[Wanted]:
    """Most useful question first.

    First what could show the environment explains a gap (Gilbert: look at information,
    resources and incentives before the person), then what refines the causes already concluded,
    then the rest; within each, questions that more rules wait for come first.
    """
    order = list(kb.observations)

    def tier(w: Wanted) -> int:
        if any(p in drivers and kb.patterns[p].environmental and p not in concluded
               for p in w.patterns if p in kb.patterns):
            return 0
        return 1 if concluded.intersection(w.patterns) else 2

    return sorted(wanted, key=lambda w: (tier(w), -len(w.rules),
                                         order.index(w.observation) if w.observation in order
                                         else len(order)))

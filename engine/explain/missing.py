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


def has_target(binding: Mapping[str, Any], by_type: Mapping[str, list[Mapping[str, Any]]]
                ) -> bool:
    """The binding's gap has a target: a KPI result's gap, or a concern that states one."""
    gaps = [f for f in binding.values() if f.get("t") == "gap"]
    sources = {str(f.get("id")): f for f in by_type.get("concern", [])}
    return any(g.get("measured") or "target" in sources.get(str(g.get("source")), {})
               for g in gaps)


Reduced = tuple[Branch, bool]  # (the branch without the absent patterns, one needs a target)


def _askers(kb: KnowledgeBase) -> tuple[tuple[Rule, Branch, tuple[tuple[Pattern, tuple[str, ...]],
                                                                    ...], dict[int, Reduced | None]],
                                         ...]:
    """The branches that ask about observations pinned by name, worked out once per KB (each
    with its own store of reduced branches, by which of them a case lacks)."""
    found = kb.__dict__.get("_askers")
    if found is None:
        found = tuple((rule, branch, asked, {}) for rule in kb.rules if rule.stage != "gaps"
                      for branch in rule.engine_branches for asked in [_asked(branch)] if asked)
        object.__setattr__(kb, "_askers", found)  # not a field: eq and hash are unchanged
    return found


def _reduced(kb: KnowledgeBase, branch: Branch,
             absent: list[tuple[Pattern, tuple[str, ...]]]) -> Reduced | None:
    """The branch without the absent observations' patterns (None: nothing positive left), and
    whether one of those observations is about the target."""
    dropped = {id(p) for p, _n in absent}
    reduced = Branch(tuple(p for p in branch.patterns if id(p) not in dropped))
    if not reduced.positive:
        return None
    names_wanted = [n for _p, names in absent for n in names]
    need_target = any(n in kb.observations and kb.observations[n].about_target
                      for n in names_wanted)
    return reduced, need_target


def missing_evidence(kb: KnowledgeBase, by_type: Mapping[str, list[Mapping[str, Any]]]
                     ) -> list[Wanted]:
    present = {str(f.get("name")) for f in by_type.get("observation", [])}
    wanted: dict[str, Wanted] = {}
    for rule, branch, asked, known in _askers(kb):
        if len(asked) == 1:  # most branches ask about one observation
            if not present.isdisjoint(asked[0][1]):
                continue
            mask = 1
            absent = list(asked)
        else:
            mask = 0
            for i, (_p, names) in enumerate(asked):
                if present.isdisjoint(names):
                    mask |= 1 << i
            if not mask:
                continue
            absent = [a for i, a in enumerate(asked) if mask >> i & 1]
        if mask in known:
            found = known[mask]
        else:
            found = known[mask] = _reduced(kb, branch, absent)
        if found is None:
            continue
        reduced, need_target = found
        first = next((b for b in bindings(reduced, by_type)
                      if not need_target or has_target(b, by_type)), None)
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
    order = {name: i for i, name in enumerate(kb.observations)}
    patterns = kb.patterns

    def tier(w: Wanted) -> int:
        for p in w.patterns:
            if p in patterns and p in drivers and patterns[p].environmental and \
                    p not in concluded:
                return 0
        return 1 if concluded.intersection(w.patterns) else 2

    return sorted(wanted, key=lambda w: (tier(w), -len(w.rules),
                                         order.get(w.observation, len(order))))

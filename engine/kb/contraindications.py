"""Contraindications: when an intervention does not help, declared as knowledge.

An intervention in knowledge_base/interventions.yaml may say when it should not be recommended::

    contraindications:
      - id: not_a_skill_problem
        when:                       # the condition language of rules, at the recommend stage;
          cause: {pattern: {is_not: skill_shortfall}}   # `cause` is the cause it would answer,
        reason: {en: ..., zh: ...}                      # `gap` that cause's gap
        source: "Mager & Pipe 1997"

`when` holds for a recommendation when its branches match with `cause` bound to the cause the
recommendation answers and `gap` to that cause's gap (findings are scoped to that gap). Then:
- a rule whose own condition already implies it (it recommends the intervention exactly where the
  contraindication holds) is a `kb check` error, E132, at the rule's file:line;
- at run time the recommendation is withheld, in a `suppress` step of the trace, and the diagnosis
  reports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..i18n import Text
from ..yamlio import PosDict, PosList
from .conditions import Branch, ConditionParser
from .rules import Rule
from .scope import scoped
from .vocabulary import FACT_TYPES

if TYPE_CHECKING:  # parsing and checking run only when a KB is loaded from its files
    from .typecheck import Catalogs

BOUND = ("cause", "gap")  # aliases bound before a contraindication is evaluated


@dataclass(frozen=True)
class Contraindication:
    intervention: str
    id: str
    branches: tuple[Branch, ...]  # as the engine evaluates them (findings scoped to the gap)
    written: tuple[Branch, ...]  # as written, for kb check
    reason: Text
    source: str | None
    location: str  # file:line of the entry


def parse_contraindications(entries: Mapping[str, Any],
                            raw: Mapping[tuple[str, str], tuple[str, Any, tuple[Any, ...]]],
                            catalogs: Catalogs) -> tuple[dict[str, tuple[Contraindication, ...]],
                                                         list[Problem]]:
    """Parse and check the `when` of every declared contraindication."""
    out: dict[str, tuple[Contraindication, ...]] = {}
    problems: list[Problem] = []
    for iid, entry in entries.items():
        declared = getattr(entry, "contraindications", None) or []
        if not declared:
            continue
        rel, item, base = raw[("interventions", iid)]
        nodes = item.get("contraindications") if isinstance(item, PosDict) else None
        parsed = []
        for j, c in enumerate(declared):
            node = nodes[j] if isinstance(nodes, PosList) and j < len(nodes) else None
            pos = nodes.pos[j] if isinstance(nodes, PosList) and j < len(nodes.pos) else (1, 1)
            when_node = node.get("when") if isinstance(node, PosDict) else c.when
            when_pos = node.pos.get("when", pos) if isinstance(node, PosDict) else pos
            path = base + ("contraindications", j, "when")
            parser = ConditionParser(rel, list(FACT_TYPES))
            branches = parser.parse(when_node, path, when_pos)
            problems.extend(parser.problems)
            from .typecheck import ConditionChecker

            checker = ConditionChecker(rel, catalogs)
            for b in branches:
                checker.check_branch(b, "recommend")
            problems.extend(checker.problems)
            if parser.problems or checker.problems or not branches:
                continue
            parsed.append(Contraindication(
                intervention=iid, id=c.id, branches=tuple(scoped(b) for b in branches),
                written=tuple(branches), reason=c.reason, source=c.source,
                location=f"{rel}:{pos[0]}"))
        out[iid] = tuple(parsed)
    return out, problems


def _bound_alias(branch: Branch, fact: str) -> str | None:
    found = [p.alias for p in branch.positive if p.fact == fact]
    return found[0] if len(found) == 1 else None


def contraindication_problems(rules: Iterable[Rule],
                              declared: Mapping[str, tuple[Contraindication, ...]]
                              ) -> list[Problem]:
    """E132: a rule that recommends an intervention exactly where a contraindication holds."""
    from .implication import branch_implies  # only kb checks need it

    problems = []
    for rule in rules:
        for c in rule.conclusions:
            if c.kind != "recommend" or not declared.get(c.intervention or ""):
                continue
            for contra in declared[c.intervention or ""]:
                for branch in rule.branches:
                    for a in contra.written:
                        fixed = {alias: mine for alias in BOUND
                                 for mine in [_bound_alias(branch, alias)]
                                 if mine is not None and any(p.alias == alias
                                                             for p in a.positive)}
                        if branch_implies(branch, a, fixed) is None:
                            continue
                        problems.append(Problem(
                            f"recommends {c.intervention!r} where its contraindication "
                            f"{contra.id!r} ({contra.location}) always holds: "
                            f"{contra.reason.get('en')}", rule.file, c.line or rule.line,
                            c.col or None, rule.id,
                            "narrow the rule's condition, or recommend another intervention",
                            "E132"))
                        break
                    else:
                        continue
                    break
    return problems



"""Rules that overlap: duplicates (E131) and rules shadowed by a weaker one (W202).

Two rules are duplicates when each fires whenever the other does and they conclude the same thing:
the engine would count the same evidence twice. A rule is shadowed when another rule with the same
conclusion and weaker conditions fires whenever it does: it adds nothing (a recommendation), or its
certainty is always stacked on the other's (evidence), which is rarely what the author meant.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..conditions import Ref
from ..errors import Problem
from ..rules import Conclusion, Rule
from .conclusions import resolve_target
from .implication import branch_implies


def _sign(x: float | None) -> int:
    return 0 if x is None else (1 if x > 0 else -1)


def conclusion_key(c: Conclusion) -> tuple[object, ...]:
    """What a conclusion says, leaving out how strongly (certainty) and how urgently (priority)."""
    competency = (("ref", c.competency.field) if isinstance(c.competency, Ref)
                  else c.competency)
    return (c.kind, c.pattern, _sign(c.certainty), c.severity, c.intervention, competency)


@dataclass(frozen=True)
class _Match:
    weaker: Rule  # fires whenever `stronger` fires
    stronger: Rule


def _pairs(a: Rule, b: Rule) -> Iterator[tuple[Conclusion, Conclusion]]:
    for cb in b.conclusions:
        for ca in a.conclusions:
            if conclusion_key(ca) == conclusion_key(cb):
                yield ca, cb
                break


def fires_whenever(a: Rule, b: Rule) -> bool:
    """Does `a` fire, concluding what `b` concludes about the same facts, whenever `b` fires?"""
    if a.stage != b.stage:
        return False
    pairs = list(_pairs(a, b))
    if len(pairs) != len(b.conclusions):
        return False
    for bb in b.branches:
        found = False
        for ab in a.branches:
            fixed: dict[str, str] = {}
            ok = True
            for ca, cb in pairs:
                ta, tb = resolve_target(ab, ca), resolve_target(bb, cb)
                if ta is None or tb is None or fixed.get(ta, tb) != tb:
                    ok = False
                    break
                fixed[ta] = tb
                if isinstance(ca.competency, Ref) and isinstance(cb.competency, Ref):
                    fixed[ca.competency.alias] = cb.competency.alias
            if ok and branch_implies(bb, ab, fixed) is not None:
                found = True
                break
        if not found:
            return False
    return True


def _same_conclusions(a: Rule, b: Rule) -> bool:
    return sorted(map(conclusion_key, a.conclusions), key=repr) == sorted(
        map(conclusion_key, b.conclusions), key=repr)


def _priority_kept(weaker: Rule, stronger: Rule) -> bool:
    """A narrower rule that recommends the same intervention sooner is not redundant."""
    for cs in stronger.conclusions:
        for cw in weaker.conclusions:
            if cs.intervention and cs.intervention == cw.intervention and \
                    (cs.priority or 0) < (cw.priority or 0):
                return False
    return True


Written = Mapping[str, tuple[tuple[int, int], str]]  # rule id -> (its position, its path)


def overlap_problems(rules: tuple[Rule, ...], positions: Written) -> list[Problem]:
    problems: list[Problem] = []
    by_stage: dict[str, list[Rule]] = {}
    for r in rules:
        by_stage.setdefault(r.stage, []).append(r)
    for stage_rules in by_stage.values():
        for i, first in enumerate(stage_rules):
            for second in stage_rules[i + 1:]:
                problem = _compare(first, second, positions)
                if problem is not None:
                    problems.append(problem)
    return problems


def _compare(first: Rule, second: Rule, positions: Written) -> Problem | None:
    a_covers_b = fires_whenever(first, second)
    b_covers_a = fires_whenever(second, first)
    if a_covers_b and b_covers_a and _same_conclusions(first, second):
        return _duplicate(first, second, positions)
    if a_covers_b and _priority_kept(first, second):
        return _shadowed(_Match(first, second), positions)
    if b_covers_a and _priority_kept(second, first):
        return _shadowed(_Match(second, first), positions)
    return None


def _at(other: Rule, here: Rule) -> str:
    """Where the other rule is, as seen from this one's line."""
    return f"line {other.line}" if other.file == here.file else other.location


def _where(rule: Rule, positions: Written) -> tuple[int, int | None, str | None]:
    (line, col), path = positions.get(rule.id, ((rule.line, None), None))
    return line, col, path


def _duplicate(first: Rule, later: Rule, positions: Written) -> Problem:
    cf_first = [c.certainty for c in first.conclusions if c.certainty is not None]
    cf_later = [c.certainty for c in later.conclusions if c.certainty is not None]
    detail = ""
    if cf_first and cf_later:
        detail = (f"; the engine would combine their certainties ({cf_first[0]:g} and "
                  f"{cf_later[0]:g}) as if they were independent evidence")
    return Problem(
        f"rule {later.id} duplicates {first.id} ({_at(first, later)}): same conditions and same "
        f"conclusion{detail}", later.file, *_where(later, positions),
        "delete one of them, or change the conditions so that each rule adds something", "E131")


def _shadowed(m: _Match, positions: Written) -> Problem:
    w, s = m.weaker, m.stronger
    concludes = ", ".join(c.describe() for c in s.conclusions)
    if s.stage in ("evidence", "causes"):
        effect = ("so its certainty is always stacked on top of " + w.id + "'s, as if the two "
                  "were independent evidence")
        hint = "merge the two rules, or make their conditions exclusive"
    else:
        effect = "so it never adds anything"
        hint = f"delete {s.id}, or make {w.id}'s conditions narrower"
    return Problem(
        f"rule {s.id} is shadowed by {w.id} ({_at(w, s)}): {w.id} concludes the same "
        f"({concludes}) with weaker conditions and fires whenever {s.id} does, {effect}",
        s.file, *_where(s, positions), hint, "W202", "warning")

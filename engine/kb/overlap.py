"""Rules that overlap: duplicates (E131) and rules shadowed by a weaker one (W202).

Two rules are duplicates when each fires whenever the other does and they conclude the same thing:
the engine would count the same evidence twice. A rule is shadowed when another rule with the same
conclusion and weaker conditions fires whenever it does: it adds nothing (a recommendation), or its
certainty is always stacked on the other's (evidence), which is rarely what the author meant.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..errors import Problem
from .conclusions import resolve_target
from .conditions import Ref
from .implication import branch_implies
from .rules import Conclusion, Rule


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


def _candidates(rules: tuple[Rule, ...]) -> dict[str, list[Rule]]:
    """For each rule, the others that could fire whenever it does: same stage, and concluding
    at least its first conclusion (most pairs never need comparing)."""
    by_key: dict[tuple[str, tuple[object, ...]], list[Rule]] = {}
    for r in rules:
        for c in r.conclusions:
            bucket = by_key.setdefault((r.stage, conclusion_key(c)), [])
            if r not in bucket:
                bucket.append(r)
    return {r.id: [o for o in by_key.get((r.stage, conclusion_key(r.conclusions[0])), [])
                   if o is not r] for r in rules if r.conclusions}


def _duplicate_of(rule: Rule, others: list[Rule]) -> Rule | None:
    for other in others:
        if other.order < rule.order and _same_conclusions(other, rule) and \
                fires_whenever(other, rule) and fires_whenever(rule, other):
            return other
    return None


def duplicate_problems(rules: tuple[Rule, ...], positions: Written) -> list[Problem]:
    """E131, once per rule that repeats an earlier one."""
    candidates = _candidates(rules)
    problems = []
    for rule in rules:
        first = _duplicate_of(rule, candidates.get(rule.id, []))
        if first is not None:
            problems.append(_duplicate(first, rule, positions))
    return problems


def shadow_problems(rules: tuple[Rule, ...], positions: Written) -> list[Problem]:
    """W202, once per shadowed rule (duplicates are E131 instead)."""
    candidates = _candidates(rules)
    problems = []
    for rule in rules:
        others = candidates.get(rule.id, [])
        if _duplicate_of(rule, others) is not None:
            continue
        weaker = [o for o in others if fires_whenever(o, rule) and _priority_kept(o, rule)
                  and not (_same_conclusions(o, rule) and fires_whenever(rule, o))]
        if weaker:
            problems.append(_shadowed(_Match(weaker[0], rule), positions, len(weaker) - 1))
    return problems


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


def _shadowed(m: _Match, positions: Written, more: int = 0) -> Problem:
    w, s = m.weaker, m.stronger
    concludes = ", ".join(c.describe() for c in s.conclusions)
    if s.stage in ("evidence", "causes"):
        effect = ("so its certainty is always stacked on top of " + w.id + "'s, as if the two "
                  "were independent evidence")
        hint = "merge the two rules, or make their conditions exclusive"
    else:
        effect = "so it never adds anything"
        hint = f"delete {s.id}, or make {w.id}'s conditions narrower"
    also = f" (and by {more} other rule{'s' if more > 1 else ''})" if more else ""
    return Problem(
        f"rule {s.id} is shadowed by {w.id} ({_at(w, s)}){also}: {w.id} concludes the same "
        f"({concludes}) with weaker conditions and fires whenever {s.id} does, {effect}",
        s.file, *_where(s, positions), hint, "W202", "warning")

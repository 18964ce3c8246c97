"""Knowledge that nothing uses, and reasoning that goes round in circles (W203-W207).

- W203 a pattern no rule concludes: it can never be diagnosed;
- W204 an intervention no rule recommends, a course whose competency no rule trains;
- W205 a conclusion nothing consumes: a cause no `recommend` rule acts on (it would be diagnosed
  with no intervention), gaps that no evidence rule looks at;
- W206 causes that feed each other in a loop: a `causes` rule concluding pattern B from evidence of
  pattern A, while another concludes A from evidence of B (or B from B itself, counted twice);
- W207 an observation no rule asks about: recording it changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..explain.missing import pinned_names
from ..kb.base import KnowledgeBase
from ..kb.conditions import AnyOf, Pattern, Ref, Test
from ..kb.raw import RawKB
from ..kb.rules import Rule
from ..reasoning.evaluate import test_holds
from ..yamlio import dotted


def could_match(pattern: Pattern, known: Mapping[str, Any]) -> bool:
    """Could a fact with these field values match `pattern`? (unknown fields: maybe)"""
    def expr_ok(e: Test | AnyOf) -> bool:
        if isinstance(e, AnyOf):
            return any(all(expr_ok(x) for x in option) for option in e.options)
        if e.field not in known or isinstance(e.value, Ref):
            return True
        return test_holds(e, dict(known), {})
    return all(expr_ok(e) for e in pattern.tests)


@dataclass
class UsageChecker:
    kb: KnowledgeBase
    raw: RawKB
    problems: list[Problem]

    def _entry(self, section: str, entry_id: str, message: str, code: str, hint: str) -> None:
        written = self.raw.entries.get((section, entry_id))
        file, line = self.kb.where.get((section, entry_id), (None, None))
        col, path = None, f"{section}.{entry_id}"
        if written is not None:
            (line, col), path = written.node.start, dotted(written.path)
        self.problems.append(Problem(message, file, line, col, path, hint, code, "warning"))

    def _at_rule(self, rule: Rule, line: int, col: int | None, message: str, code: str,
                 hint: str, part: str = "") -> None:
        written = self.raw.rules.get(rule.id)
        path = dotted(written.path) + part if written else rule.id
        if written is not None and col is None:
            line, col = written.node.start
        self.problems.append(Problem(message, rule.file, line, col, path, hint, code,
                                     "warning"))

    def run(self) -> list[Problem]:
        self.patterns_concluded()
        self.interventions_and_courses()
        self.consumers()
        self.loops()
        self.observations()
        return self.problems

    # -- W203 -----------------------------------------------------------------------------------

    def patterns_concluded(self) -> None:
        for pid in self.kb.patterns:
            if not any(r.concludes(pid) for r in self.kb.rules):
                self._entry("patterns", pid, f"no rule concludes pattern {pid!r}: perfdx can "
                            "never diagnose it", "W203",
                            "add `evidence` rules for it, or remove the pattern")

    # -- W204 -----------------------------------------------------------------------------------

    def interventions_and_courses(self) -> None:
        recommended = {c.intervention for r in self.kb.rules for c in r.conclusions
                       if c.kind == "recommend"}
        for iid in self.kb.interventions:
            if iid not in recommended:
                self._entry("interventions", iid, f"no rule recommends intervention {iid!r}",
                            "W204", "add a `recommend` rule for it, or remove it")
        trained = self._trained()
        for cid, course in self.kb.courses.items():
            if trained is not None and course.competency not in trained:
                self._entry("courses", cid, f"course {cid!r} is never offered: no `train` rule "
                            f"asks for its competency {course.competency!r}", "W204",
                            "add a `train` rule for the competency, or remove the course")

    def _trained(self) -> set[str] | None:
        """Competencies `train` rules can ask for (None: any rating dimension)."""
        found: set[str] = set()
        for rule in self.kb.rules:
            for c in rule.conclusions:
                if c.kind != "train":
                    continue
                if not isinstance(c.competency, Ref):
                    found.add(str(c.competency))
                    continue
                for branch in rule.branches:
                    bound = {p.alias: p for p in branch.positive}
                    pattern = bound.get(c.competency.alias)
                    values = self._pinned(pattern, c.competency.field) if pattern else None
                    if values is None:
                        return None
                    found.update(values)
        return found

    @staticmethod
    def _pinned(pattern: Pattern, field: str) -> set[str] | None:
        for t in pattern.tests:
            if isinstance(t, Test) and t.field == field and t.op in ("is", "in"):
                return {str(v) for v in (t.value if t.op == "in" else (t.value,))}
        return None

    # -- W205 -----------------------------------------------------------------------------------

    def consumers(self) -> None:
        acting = [p for r in self.kb.rules if r.stage == "recommend" for b in r.branches
                  for p in b.positive if p.fact == "cause"]
        first: dict[str, tuple[Rule, int, int]] = {}
        others: dict[str, list[str]] = {}
        for rule in self.kb.rules:
            for c in rule.conclusions:
                if c.pattern is None or (c.certainty or 0) <= 0:
                    continue
                if c.pattern in first:
                    others.setdefault(c.pattern, []).append(rule.id)
                else:
                    first[c.pattern] = (rule, c.line, c.col)
        for pid, (rule, line, col) in first.items():
            if any(could_match(p, {"pattern": pid}) for p in acting):
                continue
            also = others.get(pid, [])
            by = f" (and by {', '.join(sorted(set(also)))})" if also else ""
            self._at_rule(rule, line, col, f"pattern {pid!r} is concluded here{by}, but no "
                          f"`recommend` rule acts on a {pid} cause: it would be diagnosed with no "
                          "intervention", "W205",
                          f"add a `recommend` rule with `cause: {{pattern: {pid}}}`", ".then")
        gap_rules = [r for r in self.kb.rules if r.stage == "gaps"]
        readers = [p for r in self.kb.rules if r.stage in ("evidence", "causes")
                   for b in r.branches for p in b.positive if p.fact == "gap"]
        if gap_rules and not readers:
            rule = gap_rules[0]
            self._at_rule(rule, rule.line, None, "gaps are concluded, but no `evidence` or "
                          "`causes` rule looks at a gap: no cause can ever be found", "W205",
                          "add evidence rules that start with `- gap: {...}`")

    # -- W206 -----------------------------------------------------------------------------------

    def loops(self) -> None:
        edges: dict[str, dict[str, Rule]] = {}  # evidence pattern -> cause pattern -> rule
        for rule in self.kb.rules:
            if rule.stage != "causes":
                continue
            for c in rule.conclusions:
                if c.pattern is None:
                    continue
                for b in rule.branches:
                    for p in b.positive:
                        if p.fact != "evidence":
                            continue
                        for src in self.kb.patterns:
                            if could_match(p, {"pattern": src}):
                                edges.setdefault(src, {}).setdefault(c.pattern, rule)
        reported: set[frozenset[str]] = set()
        for src in sorted(edges, key=list(self.kb.patterns).index):
            for cycle in _cycles_from(src, edges):
                key = frozenset(cycle)
                if key in reported:
                    continue
                reported.add(key)
                self._loop(cycle, edges)

    def _loop(self, cycle: list[str], edges: dict[str, dict[str, Rule]]) -> None:
        steps = [(a, cycle[(i + 1) % len(cycle)]) for i, a in enumerate(cycle)]
        rules = [edges[a][b] for a, b in steps]
        at = min(rules, key=lambda r: r.order)
        if len(cycle) == 1:
            pid = cycle[0]
            message = (f"rule {at.id} concludes {pid} from evidence of {pid} itself: that "
                       "evidence already counts towards the cause, so it is counted twice")
            hint = "drop the rule, or conclude from evidence of a different pattern"
        else:
            path = " -> ".join(f"{a} -> {b} ({edges[a][b].id})" if i == 0 else
                               f"{b} ({edges[a][b].id})" for i, (a, b) in enumerate(steps))
            message = f"causes lean on each other in a loop: {path}"
            hint = "decide which cause explains the other, and keep only that direction"
        self._at_rule(at, at.line, None, message, "W206", hint)

    # -- W207 -----------------------------------------------------------------------------------

    def observations(self) -> None:
        asked = {name for r in self.kb.rules for b in r.branches for p in b.patterns
                 if p.fact == "observation" for name in pinned_names(p)}
        # contraindications read findings too, and the engine reads the training request
        asked |= {name for cs in self.kb.contraindications.values() for c in cs
                  for b in c.written for p in b.patterns if p.fact == "observation"
                  for name in pinned_names(p)}
        if self.kb.settings.training_request:
            asked.add(self.kb.settings.training_request)
        for oid in self.kb.observations:
            if oid not in asked:
                self._entry("observations", oid, f"no rule asks about observation {oid!r}: "
                            "recording it in a case changes nothing", "W207",
                            "use it in a rule's `when`, or remove it")


def _cycles_from(start: str, edges: Mapping[str, Mapping[str, Rule]]) -> list[list[str]]:
    """Simple cycles through `start` whose other nodes come later (each cycle found once)."""
    found: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(edges.get(node, {})):
            if nxt == start:
                found.append(list(path))
            elif nxt not in path and nxt > start:
                walk(nxt, path + [nxt])

    walk(start, [start])
    return found


def usage_problems(kb: KnowledgeBase, raw: RawKB) -> list[Problem]:
    return UsageChecker(kb, raw, []).run()

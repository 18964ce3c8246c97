"""Check a rule's conditions against the fact vocabulary and the catalogs.

Catches what would otherwise make a rule silently never fire: unknown fields and names, values of
the wrong type, tests that can never hold, fact types the stage cannot see, group attributes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, did_you_mean
from .conditions import AnyOf, Branch, Pattern, Ref, Test, iter_tests
from .models import Observation
from .operators import ENGINE_LARGEST as LARGEST
from .operators import ENGINE_SMALLEST as SMALLEST
from .operators import OPERATORS
from .vocabulary import FACT_TYPES, GROUP_FIELDS, STAGES, FactType, Field, visible_types


@dataclass
class Catalogs:
    """The ids each kind of reference may take."""

    ids: Mapping[str, set[str]]  # catalog name (kpi, pattern, ...) -> known ids
    observations: Mapping[str, Observation]
    broken: set[str] = field(default_factory=set)  # observations whose entry has errors


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _base(kind: str) -> str:
    """The comparable base type of a field kind: number, text, bool, list or any."""
    if kind.startswith("ref:") or kind in ("text", "choice"):
        return "text"
    if kind.startswith("list"):
        return "list"
    return kind


@dataclass
class ConditionChecker:
    file: str
    catalogs: Catalogs
    problems: list[Problem] = field(default_factory=list)
    # Team rules (engine/team/) check against their own fact types, all visible at once.
    fact_types: Mapping[str, FactType] = field(default_factory=lambda: FACT_TYPES)
    visible: tuple[str, ...] | None = None

    def _err(self, message: str, where: Test | Pattern, code: str, hint: str | None = None,
             severity: str = "error") -> None:
        self.problems.append(Problem(message, self.file, where.line, where.col, where.path,
                                     hint, code, severity))

    def check_branch(self, branch: Branch, stage: str) -> None:
        aliases = {p.alias: p for p in branch.patterns}
        visible = self.visible if self.visible is not None else visible_types(stage)
        for pattern in branch.patterns:
            if pattern.fact not in visible:
                self._stage_problem(pattern, stage)
                continue
            observation = self._observation_of(pattern)
            for test in iter_tests(pattern.tests):
                self._check_test(pattern, test, observation, aliases)
            self._check_ranges(pattern)
            self._check_join_beside_alternatives(pattern)

    def _check_join_beside_alternatives(self, pattern: Pattern) -> None:
        """durable_rules ignores a join when the same fact pattern also offers alternatives (a
        list of values or `any`, compiled to `$or`): the rule fires for facts the join should
        exclude. Found by the cross-check on the default KB (issue 3); refused at load."""
        tests = list(iter_tests(pattern.tests))
        join = next((t for t in tests if t.op == "same_as"), None)
        if join is None:
            return
        if any(isinstance(e, AnyOf) for e in pattern.tests) or any(
                t.op == "in" and len(t.value) > 1 for t in tests):
            self._err("`same_as` cannot share a fact pattern with a list of values or `any`: "
                      "the rule engine would ignore the join", join, "E120",
                      "write the alternatives as `any:` over whole facts, each with its own "
                      "`same_as`")

    def _stage_problem(self, pattern: Pattern, stage: str) -> None:
        ft = self.fact_types[pattern.fact]
        if ft.visible_from is None:
            self._err(f"`{pattern.fact}` facts are final conclusions; no rule can match them",
                      pattern, "E122")
            return
        first = ft.visible_from
        if pattern.negated:
            self._err(f"`not` over `{pattern.fact}`, which the `{ft.produced_by}` stage "
                      f"concludes: a `{stage}` rule can only negate facts of earlier stages",
                      pattern, "E121", f"move the rule to the `{first}` stage or later")
        else:
            self._err(f"a `{stage}` rule cannot see `{pattern.fact}` facts; they exist from "
                      f"the `{first}` stage on", pattern, "E122",
                      f"stages run in order: {', '.join(STAGES)}")

    def _observation_of(self, pattern: Pattern) -> list[Observation] | None:
        """The observations a pattern is pinned to by `name: x` or `name: [x, y]`."""
        if pattern.fact != "observation":
            return None
        for test in pattern.tests:
            if isinstance(test, Test) and test.field == "name" and test.op in ("is", "in"):
                names = test.value if test.op == "in" else (test.value,)
                known = [self.catalogs.observations[n] for n in names
                         if n in self.catalogs.observations]
                return known if len(known) == len(names) else None
        return None

    def _check_test(self, pattern: Pattern, test: Test, observation: list[Observation] | None,
                    aliases: Mapping[str, Pattern]) -> None:
        ft = self.fact_types[pattern.fact]
        name = test.field
        if name in GROUP_FIELDS or name.split(".")[0] in GROUP_FIELDS:
            self._err(f"`{name}` is a group attribute: it is kept for fairness statistics only "
                      "and rules can never see it", test, "E115")
            return
        fdef = ft.field(name)
        if fdef is None:
            self._err(f"`{pattern.fact}` facts have no field {name!r}", test, "E112",
                      did_you_mean(name, ft.fields) or
                      "fields: " + ", ".join(sorted(ft.fields)))
            return
        op = OPERATORS[test.op]
        if test.op in ("exists", "missing"):
            return
        if test.op == "same_as":
            self._check_join(pattern, test, fdef, aliases)
            return
        kind = fdef.kind
        if kind == "any":  # observation.value: typed by the observation it belongs to
            if observation is None and (self._names_broken(pattern)
                                        or self._names_unknown(pattern)):
                return  # its catalog entry, or the unknown name, is already reported
            self._check_observation_value(test, observation)
            return
        base = _base(kind)
        if op.on_lists and base != "list":
            self._err(f"`contains` tests a list, but `{name}` holds one value", test, "E113",
                      f"write `{name}: {test.value}` instead")
            return
        if base == "list" and not op.on_lists:
            self._err(f"`{name}` holds a list; test it with `contains`", test, "E113",
                      f"write `{name}: {{contains: ...}}`")
            return
        if op.numeric and base != "number":
            self._err(f"`{test.op}` compares numbers, but `{name}` is {base}", test, "E113")
            return
        values = test.value if isinstance(test.value, tuple) else (test.value,)
        for value in values:
            self._check_value(test, fdef, value)

    def _check_value(self, test: Test, fdef: Field, value: Any) -> None:
        kind = fdef.kind
        base = _base(kind)
        if base == "number":
            if not _is_number(value):
                self._err(f"`{fdef.name}` is a number; {value!r} is not", test, "E113")
                return
            if not self._engine_reads(test, value):
                return
            if test.op in ("is", "in") and not self._in_range(fdef, value):
                self._err(f"`{fdef.name}` {self._range(fdef)}, so it can never be {value}",
                          test, "E130")
        elif base == "bool":
            if not isinstance(value, bool):
                self._err(f"`{fdef.name}` is yes/no (true or false); {value!r} is not", test,
                          "E113")
        elif kind == "choice":
            if value not in fdef.choices:
                self._err(f"`{fdef.name}` is one of {', '.join(fdef.choices)}; {value!r} is "
                          "not", test, "E113", did_you_mean(value, fdef.choices))
        elif kind.startswith("ref:") or kind.startswith("list:"):
            catalog = kind.split(":", 1)[1]
            known = self.catalogs.ids.get(catalog, set())
            if value not in known:
                self._err(f"unknown {catalog} {value!r}", test, "E110",
                          did_you_mean(value, known))
        elif not isinstance(value, str):
            self._err(f"`{fdef.name}` is text; {value!r} is not", test, "E113")

    def _names_broken(self, pattern: Pattern) -> bool:
        for test in pattern.tests:
            if isinstance(test, Test) and test.field == "name" and test.op in ("is", "in"):
                names = test.value if test.op == "in" else (test.value,)
                return any(n in self.catalogs.broken for n in names)
        return False

    def _names_unknown(self, pattern: Pattern) -> bool:
        """The pattern names an observation the catalog lacks: E110 (with its did-you-mean) says
        so, and a second error asking for a `name:` that is there would mislead (issue 16)."""
        for test in pattern.tests:
            if isinstance(test, Test) and test.field == "name" and test.op in ("is", "in"):
                names = test.value if test.op == "in" else (test.value,)
                return any(n not in self.catalogs.observations for n in names)
        return False

    def _check_observation_value(self, test: Test, observation: list[Observation] | None
                                 ) -> None:
        if observation is None:
            self._err("a test on an observation's `value` needs the observation named first",
                      test, "E113", "add `name: <observation>` to the same fact pattern")
            return
        types = {o.type for o in observation}
        if len(types) > 1:
            self._err("the observations named here have different types: "
                      + ", ".join(f"{o.id} ({o.type})" for o in observation), test, "E113")
            return
        obs = observation[0]
        op = OPERATORS[test.op]
        values = test.value if isinstance(test.value, tuple) else (test.value,)
        if op.on_lists:
            self._err("`contains` tests a list; an observation holds one value", test, "E113")
            return
        if op.numeric and obs.type != "number":
            self._err(f"`{test.op}` compares numbers, but {obs.id} is {obs.type}", test, "E113")
            return
        fits = True
        for value in values:
            if obs.type == "boolean" and not isinstance(value, bool):
                self._err(f"{obs.id} is answered yes or no (true/false); {value!r} is neither",
                          test, "E113")
            elif obs.type == "number":
                if not _is_number(value):
                    self._err(f"{obs.id} is a number; {value!r} is not", test, "E113")
                    fits = False
                elif not self._engine_reads(test, value):
                    fits = False
                elif test.op in ("is", "in") and not (
                        (obs.low is None or value >= obs.low) and
                        (obs.high is None or value <= obs.high)):
                    self._err(f"{obs.id} lies between {obs.low} and {obs.high}, so it can never "
                              f"be {value}", test, "E130")
            elif obs.type == "choice" and value not in (obs.choices or []):
                self._err(f"{obs.id} is one of {', '.join(obs.choices or [])}; {value!r} is not",
                          test, "E113", did_you_mean(value, obs.choices or []))
            elif obs.type == "text" and not isinstance(value, str):
                self._err(f"{obs.id} is text; {value!r} is not", test, "E113")
        if obs.type == "number" and op.numeric and fits:
            bound = Field(obs.id, "number", obs.label, low=obs.low, high=obs.high)
            self._check_bound(test, bound)

    def _check_join(self, pattern: Pattern, test: Test, fdef: Field,
                    aliases: Mapping[str, Pattern]) -> None:
        ref: Ref = test.value
        other = aliases[ref.alias]
        odef = self.fact_types[other.fact].field(ref.field)
        if odef is None:
            self._err(f"`{other.fact}` facts (bound as `{ref.alias}`) have no field "
                      f"{ref.field!r}", test, "E112",
                      did_you_mean(ref.field, self.fact_types[other.fact].fields))
            return
        a, b = _base(fdef.kind), _base(odef.kind)
        if "any" not in (a, b) and (a != b or a == "list"):
            self._err(f"`{fdef.name}` ({a}) can never equal `{ref}` ({b})", test, "E113")
        elif pattern.negated and (fdef.may_be_unknown or odef.may_be_unknown):
            # an unknown would have to block the `not` through the join, which durable_rules
            # cannot express (it ignores a join among alternatives)
            unknown = fdef.name if fdef.may_be_unknown else str(ref)
            self._err(f"`{unknown}` may be answered unknown in a case, so a `not` cannot join "
                      f"on it with `same_as`", test, "E120",
                      "compare it with a value instead, or join outside the `not`")

    # -- numeric ranges ---------------------------------------------------------------------

    def _engine_reads(self, test: Test, value: float) -> bool:
        """Is `value` a number durable_rules can read in a condition? Its parser takes no
        exponent, and Python writes one below 0.0001 and from 1e16 on (reasoning/numbers.py
        keeps facts inside the same range)."""
        if value == 0 or (SMALLEST <= abs(value) <= LARGEST):
            return True
        limit = f"{LARGEST:.0e}".replace("e+", "e")
        self._err(f"{value!r} is outside the numbers the rule engine can compare: 0, or "
                  f"{SMALLEST:g} to {limit} in size", test, "E126",
                  "round it, or measure in a unit that brings it into that range")
        return False

    @staticmethod
    def _in_range(fdef: Field, value: float) -> bool:
        return (fdef.low is None or value >= fdef.low) and (fdef.high is None or value <= fdef.high)

    @staticmethod
    def _range(fdef: Field) -> str:
        if fdef.low is not None and fdef.high is not None:
            return f"lies between {fdef.low:g} and {fdef.high:g}"
        if fdef.low is not None:
            return f"is at least {fdef.low:g}"
        return f"is at most {fdef.high:g}"

    def _check_bound(self, test: Test, fdef: Field) -> None:
        v = test.value
        lo, hi = fdef.low, fdef.high
        never = ((test.op == "below" and lo is not None and v <= lo) or
                 (test.op == "at_most" and lo is not None and v < lo) or
                 (test.op == "above" and hi is not None and v >= hi) or
                 (test.op == "at_least" and hi is not None and v > hi))
        if never:
            self._err(f"`{test.field}` {self._range(fdef)}, so `{test.op}: {v}` can never hold",
                      test, "E130")

    def _check_ranges(self, pattern: Pattern) -> None:
        """Limits on one field that contradict each other, or the field's own range."""
        ft = self.fact_types[pattern.fact]
        lower: dict[str, tuple[float, bool, Test]] = {}
        upper: dict[str, tuple[float, bool, Test]] = {}
        for test in pattern.tests:
            if isinstance(test, AnyOf) or not OPERATORS[test.op].numeric:
                continue
            if not _is_number(test.value):
                continue
            fdef = ft.field(test.field)
            if fdef is not None and fdef.kind == "number":
                self._check_bound(test, fdef)
            strict = test.op in ("below", "above")
            if test.op in ("above", "at_least"):
                old = lower.get(test.field)
                if old is None or test.value > old[0]:
                    lower[test.field] = (test.value, strict, test)
            else:
                old = upper.get(test.field)
                if old is None or test.value < old[0]:
                    upper[test.field] = (test.value, strict, test)
        for name, (lo, lo_strict, lo_test) in lower.items():
            if name not in upper:
                continue
            hi, hi_strict, hi_test = upper[name]
            if lo > hi or (lo == hi and (lo_strict or hi_strict)):
                self._err(f"`{name}` cannot be both `{lo_test.op}: {lo:g}` and "
                          f"`{hi_test.op}: {hi:g}`", hi_test, "E130")

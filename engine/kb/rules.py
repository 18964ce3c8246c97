"""Rules: the parsed, checked form of one entry in rules/*.yaml.

A rule says, for one stage, when (a condition over facts) and then (one or more conclusions)::

    - id: SKILL-02
      stage: evidence
      title: {en: Never could do it, zh: 从未掌握该技能}
      when: {all: [...]}
      then:
        evidence: {pattern: skill_shortfall, certainty: 0.7}
      rationale: {en: ..., zh: ...}
      source: "Mager & Pipe: ..."

Conclusions by stage: `gaps` -> `gap`; `evidence` -> `evidence`; `causes` -> `cause`;
`recommend` -> `recommend` (an intervention) and `train` (courses for a competency).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import Text
from .conditions import Branch, Ref
from .scope import SoftGate, scoped, soften

CONCLUSIONS_BY_STAGE: dict[str, tuple[str, ...]] = {
    "gaps": ("gap",),
    "evidence": ("evidence",),
    "causes": ("cause",),
    "recommend": ("recommend", "train"),
}

# The fact type a conclusion is about (its `for`), by conclusion kind.
TARGET_TYPES: dict[str, tuple[str, ...]] = {
    "gap": ("metric", "concern"),
    "evidence": ("gap", "evidence"),
    "cause": ("gap", "evidence"),
    "recommend": ("cause",),
    "train": ("cause",),
}


class RuleHeader(BaseModel):
    """The plain fields of a rule; `when` and `then` are parsed by their own parsers."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    stage: Literal["gaps", "evidence", "causes", "recommend"]
    title: Text
    when: Any
    then: Any
    rationale: Text | None = None
    source: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class Conclusion:
    """What a rule asserts when it fires."""

    kind: str  # gap | evidence | cause | recommend | train
    target: str | None  # the alias of the fact it is about, when named with `for`/`from`
    pattern: str | None = None  # evidence, cause
    certainty: float | None = None  # evidence, cause: the rule's certainty factor
    severity: str | None = None  # gap: overrides the measured severity
    intervention: str | None = None  # recommend
    priority: int | None = None  # recommend: 1 = first
    competency: str | Ref | None = None  # train: a dimension id, or a field of a bound fact
    line: int = 0
    col: int = 0

    def describe(self) -> str:
        if self.kind in ("evidence", "cause"):
            return f"{self.kind} {self.pattern} {self.certainty:+g}"
        if self.kind == "recommend":
            return f"recommend {self.intervention} (priority {self.priority})"
        if self.kind == "train":
            return f"train {self.competency}"
        return f"gap{' ' + self.severity if self.severity else ''}"


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    title: Text
    branches: tuple[Branch, ...]
    conclusions: tuple[Conclusion, ...]
    rationale: Text | None
    source: str | None
    file: str  # path relative to the KB root
    line: int
    order: int  # position in the knowledge base, for a stable order everywhere
    raw: Any = None  # the rule as written (plain data), for diffs and duplicate checks

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"

    @cached_property
    def _engine(self) -> tuple[tuple[Branch, tuple[SoftGate, ...]], ...]:
        concluded = frozenset(c.pattern for c in self.conclusions
                              if c.kind in ("evidence", "cause") and c.pattern)
        out = []
        for branch in self.branches:
            soft, gates = soften(branch, concluded)
            out.append((scoped(soft), gates))
        return tuple(out)

    @cached_property
    def engine_branches(self) -> tuple[Branch, ...]:
        """The branches as the engine runs them: usual-drivers gates made soft, findings scoped
        to their gap (kb/scope.py)."""
        return tuple(b for b, _g in self._engine)

    def soft_gates(self, branch: int) -> tuple[SoftGate, ...]:
        return self._engine[branch][1]

    def concludes(self, pattern: str) -> bool:
        return any(c.pattern == pattern and (c.certainty or 0) > 0 for c in self.conclusions)

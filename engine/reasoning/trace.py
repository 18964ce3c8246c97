"""The reasoning trace: every measurement, rule firing and combination, in order, as data."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class Contribution(BaseModel):
    """One rule's share in a combined conclusion."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    rule: str
    certainty: float | None = None  # for evidence and causes
    stage: str


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    seq: int
    stage: str  # input | gaps | evidence | causes | recommend
    # summarise: ratings of one source and dimension made one; scope: which gaps a finding counts
    # for; scale: a contribution weakened (off the gap's usual drivers); suppress: a
    # recommendation withheld (a declared contraindication)
    # rank: recommendations of equal priority ordered by the case library's track record
    kind: Literal["enrich", "summarise", "scope", "fire", "scale", "combine", "drop", "suppress",
                  "rank"]
    rule: str | None = None  # fire: the rule id
    # fire: rule file:line; enrich: KPI catalog file:line; summarise: the case's first rating
    location: str | None = None
    matched: dict[str, str] = {}  # alias -> fact id (fire); the fact measured (enrich, summarise)
    asserted: dict[str, Any] | None = None  # fire: the conclusion; combine: the fact asserted
    inputs: list[Contribution] = []  # combine: what was combined
    note: str | None = None


class Trace(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    steps: list[Step]

    def firings(self) -> list[Step]:
        return [s for s in self.steps if s.kind == "fire"]


class TraceBuilder:
    """Collects the steps as plain data while inference runs; `build` validates them once."""

    def __init__(self) -> None:
        self.steps: list[dict[str, Any]] = []

    def add(self, **fields: Any) -> None:
        # the top-level containers copied now, as validating them here would
        for name in ("matched", "asserted"):
            if isinstance(fields.get(name), dict):
                fields[name] = dict(fields[name])
        if "inputs" in fields:
            fields["inputs"] = list(fields["inputs"])
        else:  # given, empty: validation would deep-copy the field's default instead
            fields["inputs"] = []
        if "matched" not in fields:
            fields["matched"] = {}
        fields["seq"] = len(self.steps) + 1
        self.steps.append(fields)

    def build(self) -> Trace:
        return Trace.model_validate({"steps": self.steps})

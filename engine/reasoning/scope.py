"""Per-gap copies of the case's observations: the engine's half of scope (see kb/scope.py).

A case-wide finding applies to every gap; a finding `about` a KPI or area applies only to the gap
of that KPI or area, and for that gap it takes the place of a case-wide finding of the same name.
Each copy keeps every field of the finding, gets the gap's id in `gap` and its own id
`<observation id>@<gap id>`; `input_id` turns a copy's id back into the finding's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..kb.scope import GAP_KEY
from .facts import Fact

SEP = "@"


def input_id(fact_id: str) -> str:
    """The id of the case fact a working-memory fact stands for (a copy's finding)."""
    return fact_id.split(SEP, 1)[0]


@dataclass
class Scoping:
    copies: list[Fact] = field(default_factory=list)
    counts_for: dict[str, list[str]] = field(default_factory=dict)  # finding -> gap ids
    overridden: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # -> (gap, by)


def gap_subjects(gap: Fact) -> set[str]:
    return {str(gap[k]) for k in ("kpi", "area") if k in gap}


def scope_observations(observations: list[Fact], gaps: list[Fact]) -> Scoping:
    out = Scoping()
    for o in observations:
        out.counts_for[o["id"]] = []
    for g in gaps:
        subjects = gap_subjects(g)
        specific = {o["name"]: o["id"] for o in observations if o.get("about") in subjects}
        for o in observations:
            about = o.get("about")
            if about is not None and about not in subjects:
                continue
            if about is None and o["name"] in specific:
                out.overridden.setdefault(o["id"], []).append((g["id"], specific[o["name"]]))
                continue
            copy = dict(o)
            copy["id"] = f"{o['id']}{SEP}{g['id']}"
            copy[GAP_KEY] = g["id"]
            out.copies.append(copy)
            out.counts_for[o["id"]].append(g["id"])
    return out

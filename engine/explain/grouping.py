"""Recommendations as a reader sees them: one line per action and the gaps it serves.

The rules recommend an intervention once per cause they answer, so a minor gap with two possible
causes gets "Monitor without a formal plan" twice (WORTH-01), and one error rate with two causes
gets "Frequent, specific feedback" twice. The diagnosis keeps each recommendation as fired (its
JSON is the record); the renderers show one line per intervention, gaps and owner, naming every
cause it answers, at the best priority among them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnosis import RecommendationOut


@dataclass(frozen=True)
class RecommendationLine:
    intervention: str
    gaps: tuple[str, ...]
    owner: str
    priority: int  # the best (lowest) priority of the recommendations it joins
    patterns: tuple[str, ...]  # the causes it answers, in the diagnosis's order
    rules: tuple[str, ...]


def recommendation_lines(recommendations: list[RecommendationOut]) -> list[RecommendationLine]:
    """Recommendations of one intervention for the same gaps and owner joined into one line,
    in the order of their first appearance (the diagnosis lists them by priority)."""
    joined: dict[tuple[str, tuple[str, ...], str], list[RecommendationOut]] = {}
    for r in recommendations:
        joined.setdefault((r.intervention, tuple(r.gaps), r.owner), []).append(r)
    return [RecommendationLine(intervention=iv, gaps=gaps, owner=owner,
                               priority=min(r.priority for r in rs),
                               patterns=tuple(dict.fromkeys(r.pattern for r in rs)),
                               rules=tuple(dict.fromkeys(x for r in rs for x in r.rules)))
            for (iv, gaps, owner), rs in joined.items()]

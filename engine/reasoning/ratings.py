"""Measure in Python: the ratings of one source on one dimension, summarised into one fact.

durable_rules fires a rule once per matching combination of facts, so a rule that joins two
ratings (GOAL-09: a self-rating against the supervisor's on the same dimension) did work in
the product of the ratings: 500 ratings on one dimension took minutes and gigabytes (fuzz finding
D02, issue 10). Rules reason on one `rating` fact per (source, dimension) instead: `score` is the
mean of its ratings (each first moved onto the KB's rating scale), with `count`, `lowest`,
`highest` and `spread` (highest minus lowest). Working memory then grows with the dimensions
rated, never with the number of ratings. A single rating keeps its score as given (`raw_score`,
`scale`) and number of raters, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from ..case import Rating


def normalized_score(score: float, scale: float, target_scale: float) -> float:
    """A score on a 1..scale scale, moved onto 1..target_scale."""
    if scale == target_scale:
        return score
    return round(1 + (score - 1) * (target_scale - 1) / (scale - 1), 2)


@dataclass(frozen=True)
class RatingSummary:
    """The ratings of one source on one dimension; `entries`: their positions in the case."""

    entries: tuple[int, ...]
    fields: dict[str, Any]  # the rating fact's fields (without id and t)

    @property
    def first(self) -> int:
        return self.entries[0]


def summarise_ratings(ratings: Sequence[Rating], target_scale: float) -> list[RatingSummary]:
    """One summary per (source, dimension), in the order each pair first appears in the case."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(ratings):
        groups.setdefault((r.source, r.dimension), []).append(i)
    out = []
    for (source, dimension), entries in groups.items():
        scores = [normalized_score(ratings[i].score, ratings[i].scale, target_scale)
                  for i in entries]
        lowest, highest = min(scores), max(scores)
        fields: dict[str, Any] = {
            "source": source, "dimension": dimension,
            "score": scores[0] if len(scores) == 1 else round(fmean(scores), 2),
            "count": len(scores), "lowest": lowest, "highest": highest,
            "spread": round(highest - lowest, 2)}
        if len(entries) == 1:
            only = ratings[entries[0]]
            fields["raw_score"] = only.score
            fields["scale"] = only.scale
            if only.raters is not None:
                fields["raters"] = only.raters
        elif all(ratings[i].raters is not None for i in entries):
            fields["raters"] = sum(ratings[i].raters or 0 for i in entries)
        out.append(RatingSummary(tuple(entries), fields))
    return out


def summary_note(entries: Sequence[int]) -> str:
    """What the trace says about a summary of several ratings (their positions in the case)."""
    shown = ", ".join(f"ratings[{i}]" for i in entries[:5])
    if len(entries) > 5:
        shown += f" and {len(entries) - 5} more"
    return f"{len(entries)} ratings summarised: {shown}"

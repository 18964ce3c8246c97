"""MYCIN certainty factors.

A rule's contribution is its certainty factor times the weakest certainty among the facts it
matched (facts from the case count as 1). Contributions of different rules to the same
(pattern, gap) combine as: a + b(1 - a) when both are positive, a + b(1 + a) when both are
negative, (a + b) / (1 - min(|a|, |b|)) when the signs differ. Positives and negatives are each
combined first and then with each other, so the result never depends on the order of the rules.
"""

from __future__ import annotations

from collections.abc import Iterable


def premise(certainties: Iterable[float]) -> float:
    """The certainty of a rule's premise: the weakest fact, clamped to 0..1."""
    values = list(certainties)
    return max(0.0, min(1.0, min(values))) if values else 1.0


def combine_two(a: float, b: float) -> float:
    if a >= 0 and b >= 0:
        return a + b * (1 - a)
    if a <= 0 and b <= 0:
        return a + b * (1 + a)
    denominator = 1 - min(abs(a), abs(b))
    return 0.0 if denominator == 0 else (a + b) / denominator


def combine(values: Iterable[float]) -> float:
    positive = 0.0
    negative = 0.0
    for v in values:
        if v > 0:
            positive = combine_two(positive, v)
        elif v < 0:
            negative = combine_two(negative, v)
    if positive and negative:
        return combine_two(positive, negative)
    return positive or negative


def strongest(values: Iterable[float]) -> float:
    """One rule matching several bindings contributes its strongest one, once."""
    best = 0.0
    for v in values:
        if abs(v) > abs(best):
            best = v
    return best

"""Measure in Python: attainment, shortfall, severity, trend and team position of a KPI result.

Rules reason from these numbers; they never divide. Every division here is guarded: a target of 0
(a zero-defect goal) or an actual of 0 on a lower-is-better KPI gives no attainment, and severity
then comes from the catalog's `shortfall` bands (units beyond the target).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean
from typing import Any

from ..case import Metric
from ..kb.models import Kpi, Settings, TrendSettings, unit_text

SEVERITY_ORDER = ("none", "minor", "moderate", "severe")


class UngradableMetric(Exception):
    """The KPI's bands cannot grade this result (a target of 0 with only attainment bands)."""


def _r(x: float | None, places: int = 4) -> float | None:
    return None if x is None else round(x, places)


def _better(direction: str, a: float, b: float) -> bool:
    """Is `a` better than `b` for this direction?"""
    return a > b if direction == "higher_is_better" else a < b


def attainment(direction: str, target: float, actual: float) -> float | None:
    """Share of the target reached (1.0 = met); None where the ratio means nothing."""
    if direction == "higher_is_better":
        return actual / target if target > 0 else None
    return target / actual if target > 0 and actual > 0 else None


def shortfall(direction: str, target: float, actual: float) -> float:
    """Units short of the target (positive = worse than target, 0 or less = met)."""
    return target - actual if direction == "higher_is_better" else actual - target


def severity(kpi: Kpi, att: float | None, short: float) -> str:
    if short <= 0:
        return "none"
    bands = kpi.bands
    if att is not None and bands.attainment is not None:
        b = bands.attainment
        if att < b.severe:
            return "severe"
        if att < b.moderate:
            return "moderate"
        return "minor" if att < b.minor else "none"
    if bands.shortfall is not None:
        s = bands.shortfall
        if short > s.severe:
            return "severe"
        if short > s.moderate:
            return "moderate"
        return "minor" if short > s.minor else "none"
    raise UngradableMetric()


def trend(direction: str, values: list[float], settings: TrendSettings) -> str:
    """Trend over the history and the current value (oldest first)."""
    if len(values) < 3:
        return "unknown"
    *earlier, current = values
    mean = fmean(earlier)
    if len(earlier) >= 2 and mean != 0:
        stable = all(abs(v - mean) <= settings.stable_band * abs(mean) for v in earlier)
        worse_by = (mean - current) if direction == "higher_is_better" else (current - mean)
        if stable and worse_by > settings.sudden_drop * abs(mean):
            return "sudden_drop"
    n = settings.declining_periods
    if len(values) >= n:
        last = values[-n:]
        if all(_better(direction, last[i], last[i + 1]) for i in range(n - 1)):
            return "declining"
        if all(_better(direction, last[i + 1], last[i]) for i in range(n - 1)):
            return "improving"
    if mean != 0 and all(abs(v - mean) <= settings.stable_band * abs(mean) for v in values):
        return "stable"
    if mean == 0 and all(v == 0 for v in values):
        return "stable"
    return "fluctuating"


def change(direction: str, earlier: list[float], current: float) -> float | None:
    """Change of the current value against the mean of earlier periods, as a share; + = better."""
    if not earlier:
        return None
    mean = fmean(earlier)
    if mean == 0:
        return None
    rel = (current - mean) / abs(mean)
    return rel if direction == "higher_is_better" else -rel


def vs_team(direction: str, actual: float, median: float, band: float) -> str:
    if median == 0:
        if actual == median:
            return "level"
        return "above" if _better(direction, actual, median) else "below"
    rel = (actual - median) / abs(median)
    if direction == "lower_is_better":
        rel = -rel
    if rel < -band:
        return "below"
    return "above" if rel > band else "level"


@dataclass(frozen=True)
class Enriched:
    fields: dict[str, Any]  # the metric fact's fields (absent values left out)


def enrich_metric(metric: Metric, kpi: Kpi, settings: Settings, period: str) -> Enriched:
    d = kpi.direction
    att = attainment(d, metric.target, metric.actual)
    short = shortfall(d, metric.target, metric.actual)
    trend_settings = kpi.trend or settings.trend
    history = [h.actual for h in metric.history]
    fields: dict[str, Any] = {
        "kpi": kpi.id,
        "period": metric.period or period,
        "target": metric.target,
        "actual": metric.actual,
        "unit": unit_text(kpi, "en"),
        "direction": d,
        "attainment": _r(att),
        "shortfall": _r(short, 6),
        "severity": severity(kpi, att, short),
        "trend": trend(d, history + [metric.actual], trend_settings),
        "change": _r(change(d, history, metric.actual)),
        "periods": len(history),
        "drivers": list(kpi.category),
    }
    if metric.team_median is not None:
        fields["team_median"] = metric.team_median
        fields["team_attainment"] = _r(attainment(d, metric.target, metric.team_median))
        fields["vs_team"] = vs_team(d, metric.actual, metric.team_median,
                                    settings.team_level_band)
    if metric.team_meeting_target is not None:
        fields["team_meeting_target"] = metric.team_meeting_target
    return Enriched({k: v for k, v in fields.items() if v is not None})

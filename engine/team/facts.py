"""A team's aggregates as facts for team rules, measured in Python (measure in Python, reason in
rules): the share of the team with a gap on each KPI, the share with each cause, the same shares
in the other teams, how many teams share the gap, each manager's span."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from typing import Any

from .members import Member

MIN_SHARE_TEAMS = 0.5  # a team "has" a gap when at least half its measured members do


def team_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "team"


def _share(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def team_facts(members: list[Member]) -> dict[str, list[dict[str, Any]]]:
    """Per team name, the facts of its session (diagnosed members only)."""
    ok = [m for m in members if m.error is None]
    teams: dict[str, list[Member]] = defaultdict(list)
    for m in ok:
        teams[m.team].append(m)
    kpis = sorted({k for m in ok for k in m.attainment})
    patterns = sorted({p for m in ok for p in m.causes})
    measured = {(t, k): [m for m in ms if k in m.attainment] for t, ms in teams.items()
                for k in kpis}
    gaps = {key: sum(1 for m in ms if m.has_gap(key[1])) for key, ms in measured.items()}
    teams_with_gap = {k: sum(1 for t in teams if measured[(t, k)] and _share(
        gaps[(t, k)], len(measured[(t, k)])) >= MIN_SHARE_TEAMS) for k in kpis}
    out: dict[str, list[dict[str, Any]]] = {}
    for name in sorted(teams):
        ms = teams[name]
        facts: list[dict[str, Any]] = [{
            "id": "team", "t": "team", "name": name, "members": len(ms),
            "managers": len({m.manager for m in ms if m.manager}),
            "plan_share": _share(sum(m.plan_advised for m in ms), len(ms))}]
        for k in kpis:
            mine = measured[(name, k)]
            if not mine:
                continue
            other_measured = sum(len(measured[(t, k)]) for t in teams if t != name)
            other_gaps = sum(gaps[(t, k)] for t in teams if t != name)
            facts.append({
                "id": f"team_kpi-{k}", "t": "team_kpi", "kpi": k, "measured": len(mine),
                "gaps": gaps[(name, k)], "gap_share": _share(gaps[(name, k)], len(mine)),
                "others_gap_share": _share(other_gaps, other_measured),
                "teams_with_gap": teams_with_gap[k],
                "median_attainment": round(statistics.median(m.attainment[k] for m in mine), 4)})
        for p in patterns:
            count = sum(1 for m in ms if p in m.causes)
            if not count:
                continue
            others = [m for t, oms in teams.items() if t != name for m in oms]
            facts.append({
                "id": f"team_cause-{p}", "t": "team_cause", "pattern": p, "members": count,
                "share": _share(count, len(ms)),
                "others_share": _share(sum(1 for m in others if p in m.causes), len(others))})
        spans: dict[str, int] = defaultdict(int)
        for m in ms:
            if m.manager:
                spans[m.manager] += 1
        for i, manager in enumerate(sorted(spans)):
            facts.append({"id": f"manager-{i + 1}", "t": "manager", "name": manager,
                          "span": spans[manager]})
        out[name] = facts
    return out

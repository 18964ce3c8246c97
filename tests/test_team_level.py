"""Team rules and the fairness check (issue 12): kb check covers team rules; the four-fifths rule
on adverse outcomes with Fisher's exact test; small groups shown, never flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.team.fairness import fairness, fisher_exact
from engine.team.members import Member
from tests.conftest import edit


def _member(i: int, group: str, plan: bool, cause: str | None = None) -> Member:
    m = Member(index=i, employee=f"E{i}", name=None, team="T", role="r", manager=None,
               case_id=f"C{i}", group={"gender": group}, plan_advised=plan)
    if cause:
        m.causes[cause] = 0.7
    return m


@pytest.mark.parametrize("table, p", [((8, 2, 1, 5), 0.035), ((3, 1, 1, 3), 0.4857),
                                      ((10, 10, 10, 10), 1.0)])
def test_fisher_exact_matches_the_textbook_values(table: tuple[int, ...], p: float) -> None:
    assert fisher_exact(*table) == pytest.approx(p, abs=5e-4)


def test_four_fifths_flags_the_group_with_the_higher_adverse_rate(kb) -> None:
    members = ([_member(i, "a", i < 5) for i in range(20)] +          # 5 of 20 = 25%
               [_member(20 + i, "b", i < 10) for i in range(20)] +    # 10 of 20 = 50%
               [_member(40 + i, "c", True) for i in range(4)])        # a small group
    row = next(r for r in fairness(members, kb) if r.outcome == "plan_advised")
    got = {g.value: (g.n, g.adverse, g.rate, g.impact_ratio, g.flagged, g.note)
           for g in row.groups}
    assert got["a"][:5] == (20, 5, 0.25, 1.0, False)
    assert got["b"][:5] == (20, 10, 0.5, 0.5, True)
    assert got["b"][5] is None or "not significant" in got["b"][5]
    assert got["c"] == (4, 4, 1.0, None, False, "fewer than 10 people: shown, not flagged")
    assert [r.outcome for r in fairness(members, kb)] == ["plan_advised", "skill_shortfall",
                                                          "motivation"]


def test_kb_check_reports_a_broken_team_rule_at_its_line(run, kb_copy: Path) -> None:
    edit(kb_copy / "rules" / "team_patterns.yaml",
         "- team_kpi: {gap_share: {at_least: 0.5}, measured: {at_least: 5}}\n"
         "        - team_cause: {pattern: process_blockage, share: {at_least: 0.4}, members:",
         "- team_kpi: {gap_shar: {at_least: 0.5}, measured: {at_least: 5}}\n"
         "        - team_cause: {pattern: process_blockage, share: {at_least: 0.4}, members:")
    result = run("kb", "check", "--kb", str(kb_copy))
    assert result.exit_code == 1
    assert f"{kb_copy}/rules/team_patterns.yaml:17:33: error E112 team_rules[0].when.all[0]." \
           "team_kpi.gap_shar.at_least: `team_kpi` facts have no field 'gap_shar' (did you mean " \
           "'gap_share'?)" in result.stdout


def test_a_team_rule_cannot_name_a_group_attribute(run, kb_copy: Path) -> None:
    edit(kb_copy / "rules" / "team_patterns.yaml",
         "        - team: {plan_share: {at_least: 0.3}}",
         "        - team: {gender: female}")
    result = run("kb", "check", "--kb", str(kb_copy))
    assert result.exit_code == 1
    assert "E115 team_rules[4].when.all[1].team.gender: `gender` is a group attribute" \
        in result.stdout

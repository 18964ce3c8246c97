"""Issue 11, point 7 (knowledge side): the catalog declares the three contraindications the issue
names, and no rule of the default KB recommends against one (kb check, E132)."""

from __future__ import annotations

from engine.kb.load import load_kb
from tests.conftest import ROOT

KB = load_kb(ROOT)


def test_the_three_contraindications_are_declared() -> None:
    declared = {(i, c.id) for i, iv in KB.interventions.items() for c in iv.contraindications}
    assert {("formal_training", "not_a_skill_shortfall"),
            ("formal_training", "simple_task_done_rarely"),
            ("facilitated_conflict_resolution", "conflict_is_a_handoff")} <= declared


def test_a_conflict_over_a_hand_off_is_named_by_its_own_finding() -> None:
    """Rummler & Brache: the contraindication reads `conflict_over_handoff`, not any hand-off
    problem: open conflict beside lost hand-offs (engineer_api_ownership_friction) still gets
    facilitation."""
    contra = next(c for c in KB.interventions["facilitated_conflict_resolution"].contraindications
                  if c.id == "conflict_is_a_handoff")
    assert contra.when == {"observation": {"name": "conflict_over_handoff", "value": True}}

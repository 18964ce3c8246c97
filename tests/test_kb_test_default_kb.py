"""`perfdx kb test` on the default KB, team scenarios included, passes and reports every rule fired
(regression: a negated team-stage pattern crashed the compiler with KeyError 'team_cause' once the
three-valued `not` met the team wing's own fact types)."""

from __future__ import annotations


def test_kb_test_on_the_default_kb_passes_with_full_coverage(run) -> None:
    result = run("kb", "test", "--coverage")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Rules that never fired: 0 of " in result.stdout

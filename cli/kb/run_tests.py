"""`perfdx kb test`: run the KB's scenario tests, pytest style."""

from __future__ import annotations

import click

from engine.authoring.coverage import Coverage, coverage
from engine.authoring.scenario_tests import TestRun, run_tests
from engine.authoring.scenarios import ScenarioResult
from engine.authoring.team_scenarios import run_team_scenarios
from engine.kb.load import load_kb
from engine.team.rules import team_rules

from ..options import cross_check_options, kb_option

WIDTH = 79


def _rule(text: str, fill: str = "=") -> str:
    text = f" {text} " if text else ""
    left = max(3, (WIDTH - len(text)) // 2)
    return (fill * left + text + fill * max(3, WIDTH - left - len(text)))[:max(WIDTH, len(text))]


@click.command("test")
@kb_option
@click.option("-k", "select", metavar="TEXT", default=None,
              help="Run only the scenarios whose name contains TEXT (case does not matter).")
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Also list the rules no scenario fired, and the conditions of fired rules "
                   "that were never false in any scenario (so no test shows they matter).")
@cross_check_options
def test(kb_dir: str | None, select: str | None, show_coverage: bool) -> None:
    """Run the knowledge base's scenario tests (knowledge_base/scenarios/*.yaml).

    Each scenario diagnoses a case and compares the result with what a consultant
    expects: primary and secondary causes, causes that must not appear,
    interventions and courses that must or must not be recommended, gap
    severities, evidence that must be asked for. A failure shows each difference
    as expected vs obtained, and what perfdx did conclude.

    \b
    Exit codes: 0 every scenario passed; 1 a scenario failed or could not run,
    no scenario ran, or the knowledge base has errors (see `perfdx kb check`);
    2 usage.
    """
    kb = load_kb(kb_dir)
    run = run_tests(kb, select)
    lines = render(run)
    for line in lines[:-1]:
        click.echo(line)
    # team scenarios, before the last line (the person scenarios' tally)
    team, team_problems = run_team_scenarios(kb, select)
    for p in team_problems:
        click.echo(f"{p.where()}: error {p.code} {p.message}")
    if team:
        for r in team:
            click.echo(f"{r.file}:{r.line}::{r.name} (team) {'ok' if r.passed else 'FAILED'}")
            for f in r.failures:
                click.echo(f"  {f}")
            if r.failures:
                click.echo(f"  obtained: {r.obtained}")
        failed = sum(1 for r in team if not r.passed)
        click.echo(f"team scenarios: {failed} failed, {len(team) - failed} passed")
    click.echo(lines[-1])
    if show_coverage:
        runs = [r for r in run.results if r.analysis is not None]
        cov = coverage(kb.rules, [r.fired for r in runs],
                       [r.analysis.result.facts.values() for r in runs if r.analysis])
        for line in render_coverage(cov):
            click.echo(line)
        fired = {rule for r in team for rule in r.fired}
        if team_rules(kb):
            never = [r.id for r in team_rules(kb) if r.id not in fired]
            click.echo("Team rules that never fired: " + (", ".join(never) if never else
                                                           "none"))
    if not run.ok or team_problems or any(not r.passed for r in team):
        click.get_current_context().exit(1)


def render(run: TestRun) -> list[str]:
    n = len(run.results)
    out = [f"perfdx kb test: {n} scenario{'' if n == 1 else 's'} from "
           f"{run.kb.root}/knowledge_base/scenarios (knowledge base {run.kb.short_hash})", ""]
    for r in run.results:
        verdict = "PASSED" if r.passed else ("ERROR" if r.error else "FAILED")
        out.append(f"{r.file}::{r.name} {verdict}")
    for e in run.file_errors:
        out.append(f"{e.file} ERROR")
    bad = [r for r in run.results if not r.passed]
    if bad or run.file_errors:
        out += ["", _rule("FAILURES")]
        for r in bad:
            out += [_rule(r.name, "_"), f"{r.file}:{r.line}"]
            out += _details(r)
            out.append("")
        for e in run.file_errors:
            out += [_rule(e.file, "_"), f"{e.file}: the scenario file cannot be read: "
                    f"{e.message}", ""]
    if not run.results and not run.file_errors:
        out.append("no scenario ran" + (" (none matches -k)" if run.deselected else
                                        ": add scenario tests to knowledge_base/scenarios/"))
    out.append(_rule(run.summary()))
    return out


def _details(r: ScenarioResult) -> list[str]:
    if r.error:
        return [f"  the scenario could not run: {r.error}"]
    out = [f"  {d}" for d in r.differences]
    if r.analysis is not None:
        d = r.analysis.diagnosis
        about = {g.id: g.kpi or g.area or g.id for g in d.gaps}
        causes = ", ".join(f"{c.pattern} {c.certainty:.2f} (gap in {about.get(c.gap, c.gap)})"
                           for c in d.causes) or "none"
        recs = ", ".join(f"{x.intervention} (priority {x.priority})"
                         for x in d.recommendations) or "none"
        courses = ", ".join(t.course for t in d.training) or "none"
        out += ["  obtained:", f"    causes: {causes}", f"    recommended: {recs}",
                f"    courses: {courses}", f"    rules fired: {', '.join(sorted(r.fired))}"]
    return out


def render_coverage(cov: Coverage) -> list[str]:
    out = ["", _rule(f"coverage over {cov.scenarios} scenario{'' if cov.scenarios == 1 else 's'}")]
    out.append(f"Rules that never fired: {len(cov.never_fired)} of {cov.rules}")
    for rule in cov.never_fired:
        out.append(f"  {rule.id:<14} {rule.location:<34} {rule.title.get('en')}")
    out.append(f"Conditions never false in any scenario (rules that fired): "
               f"{len(cov.never_false)}")
    for c in cov.never_false:
        where = f"{c.rule.file}:{c.line}:{c.col}"
        out.append(f"  {where:<34} {c.rule.id:<14} {c.words()}")
    if cov.never_false:
        out.append("  (no scenario shows these conditions matter: add one where each is false "
                   "and the result changes)")
    return out

"""`perfdx kb test`: run the KB's scenario tests, pytest style."""

from __future__ import annotations

import click

from engine.authoring.coverage import Coverage, coverage
from engine.authoring.scenario_tests import TestRun, run_tests
from engine.authoring.scenarios import ScenarioResult
from engine.authoring.team_scenarios import run_team_scenarios
from engine.i18n import Lang
from engine.kb.load import load_kb
from engine.messages import say, translate
from engine.team.rules import team_rules

from ..main import _lang, error_lang
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
    lang = _lang(error_lang(click.get_current_context()))
    lines = render(run, lang)
    for line in lines[:-1]:
        click.echo(line)
    # team scenarios, before the last line (the person scenarios' tally)
    team, team_problems = run_team_scenarios(kb, select)
    for p in team_problems:
        click.echo(f"{p.where()}: {say('severity_error', lang)} {p.code} "
                   f"{translate(p.message, lang)}")
    if team:
        ok, failed_word = ("ok", "FAILED") if lang == "en" else (
            say("kb_test_passed", lang), say("kb_test_failed", lang))
        for r in team:
            click.echo(f"{r.file}:{r.line}::{r.name} (team) {ok if r.passed else failed_word}")
            for f in r.failures:
                click.echo(f"  {f}")
            if r.failures:
                click.echo(f"  obtained: {r.obtained}")
        failed = sum(1 for r in team if not r.passed)
        click.echo(say("kb_test_team", lang, failed=failed, passed=len(team) - failed))
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


def render(run: TestRun, lang: Lang = "en") -> list[str]:
    n = len(run.results)
    if lang == "en":
        out = [f"perfdx kb test: {n} scenario{'' if n == 1 else 's'} from "
               f"{run.kb.root}/knowledge_base/scenarios (knowledge base {run.kb.short_hash})", ""]
    else:
        out = [say("kb_test_header", lang, n=n, dir=f"{run.kb.root}/knowledge_base/scenarios",
                   hash=run.kb.short_hash), ""]
    for r in run.results:
        verdict = "passed" if r.passed else ("error" if r.error else "failed")
        out.append(f"{r.file}::{r.name} {say('kb_test_' + verdict, lang)}")
    for e in run.file_errors:
        out.append(f"{e.file} {say('kb_test_error', lang)}")
    bad = [r for r in run.results if not r.passed]
    if bad or run.file_errors:
        out += ["", _rule(say("kb_test_failures", lang))]
        for r in bad:
            out += [_rule(r.name, "_"), f"{r.file}:{r.line}"]
            out += _details(r, lang)
            out.append("")
        for e in run.file_errors:
            out += [_rule(e.file, "_"), say("kb_test_unreadable", lang, file=e.file,
                                            error=translate(e.message, lang)), ""]
    if not run.results and not run.file_errors:
        out.append(say("kb_test_none_k" if run.deselected else "kb_test_none_add", lang))
    out.append(_rule(run.summary() if lang == "en" else _tally_zh(run)))
    return out


def _tally_zh(run: TestRun) -> str:
    counts = {"failed": len(run.failed), "passed": len(run.passed),
              "errors": len(run.errors) + len(run.file_errors), "deselected": run.deselected}
    parts = [part for part, n in zip(say("kb_test_tally", "zh", **counts).split("，"),
                                     counts.values(), strict=True) if n]
    return "，".join(parts) or say("kb_test_none", "zh")


def _details(r: ScenarioResult, lang: Lang = "en") -> list[str]:
    if r.error:
        return ["  " + say("kb_test_cannot_run", lang, error=translate(r.error, lang))]
    out = [f"  {translate(d, lang)}" for d in r.differences]
    if r.analysis is not None and lang == "zh":
        out += _obtained_zh(r)
    elif r.analysis is not None:
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


def _obtained_zh(r: ScenarioResult) -> list[str]:
    assert r.analysis is not None
    d = r.analysis.diagnosis
    about = {g.id: g.kpi or g.area or g.id for g in d.gaps}
    causes = "，".join(f"{c.pattern} {c.certainty:.2f}（{about.get(c.gap, c.gap)} 的差距）"
                      for c in d.causes) or "无"
    recs = "，".join(f"{x.intervention}（优先级 {x.priority}）" for x in d.recommendations) or "无"
    courses = "，".join(t.course for t in d.training) or "无"
    return ["  实际结果：", f"    原因：{causes}", f"    推荐：{recs}", f"    课程：{courses}",
            f"    触发的规则：{', '.join(sorted(r.fired))}"]


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

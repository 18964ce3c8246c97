"""Wording rules on every generated plan: all example cases, both languages, every format, the
plan and the interview outline. Conduct and results, not the person; dates, not vague times;
no "always"/"never" (nor 总是/从不/永远/从来)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.plan import phrases
from engine.plan.wording_check import AVOID, find
from tests.conftest import DATA, EXAMPLES, edit

CASES = sorted(EXAMPLES.glob("*.yaml")) + [DATA / "plan" / "cases" / f"{name}.yaml" for name in
                                         ("minor_only", "kpi_concern")]
RUNS = [(case, lang, fmt, extra) for case in CASES for lang in ("en", "zh")
        for fmt in ("markdown", "json", "html") for extra in ((), ("--interview",))]
# The issue's own list, independent of the engine's: a test that cannot be weakened by editing it.
ABSOLUTES = re.compile(r"\b(always|never)\b|总是|从不|永远|从来", re.IGNORECASE)


@pytest.mark.parametrize(("case", "lang", "fmt", "extra"), RUNS,
                         ids=[f"{c.stem}-{lang}-{fmt}{'-interview' if e else ''}"
                              for c, lang, fmt, e in RUNS])
def test_generated_text_follows_the_wording_rules(case: Path, lang, fmt, extra, run) -> None:
    result = run("plan", str(case), "--lang", lang, "--format", fmt, *extra)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "json":  # JSON keeps Chinese as it is; read it back to be sure nothing is escaped
        text = json.dumps(json.loads(text), ensure_ascii=False)
    assert ABSOLUTES.findall(text) == []
    assert find(text) == []


@pytest.mark.parametrize("key", phrases.keys())
def test_every_phrase_follows_the_rules_in_both_languages(key: str) -> None:
    en, zh = phrases.phrase_pair(key)
    assert find(en) == [] and find(zh) == []


def test_the_engine_avoids_at_least_the_issues_words() -> None:
    assert {"always", "never"} <= {w for w, _r in AVOID["en"]}
    assert {"总是", "从不", "永远", "从来"} <= {w for w, _r in AVOID["zh"]}


@pytest.mark.parametrize(("text", "found"), [
    ("She always submits late.", [("always", "absolute")]),
    ("Nevertheless the figures improved.", []),
    ("Please reply ASAP.", [("asap", "vague")]),
    ("他从不按时提交。", [("从不", "absolute")]),
    ("工作态度差", [("态度差", "person")]),
    ("Submitted 3 of 5 reports by 2026-11-02.", []),
])
def test_find(text: str, found) -> None:
    assert find(text) == found


def test_a_concern_worded_as_a_verdict_stops_the_plan(run, tmp_path: Path) -> None:
    case = (EXAMPLES / "support_agent_concern_only.yaml").read_text(encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(case.replace("In 14 of 40 chat transcripts", "The agent is always careless: in "
                                 "14 of 40 chat transcripts"), encoding="utf-8")
    result = run("plan", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "perfdx: error: the plan's wording breaks the rules: summary[0].text: 'always' (an "
        "absolute; say what happened, with dates and numbers) in “...eriod 2026-10): “The agent "
        "is always careless: in 14 of 40 chat tr...”; summary[0].text: 'careless' (a judgement "
        "of the person; describe the conduct or the result) in “...026-10): “The agent is always "
        "careless: in 14 of 40 chat transcripts...” (change the knowledge-base or case text it "
        "comes from)\n")


def test_kb_text_that_breaks_the_rules_stops_the_plan(run, kb_copy: Path) -> None:
    edit(kb_copy / "knowledge_base/interventions.yaml", "name: {en: Coaching, zh: 在岗辅导}",
         "name: {en: Coaching until the figures are never short, zh: 在岗辅导}")
    result = run("plan", "examples/cases/sales_rep_new_crm.yaml", "--kb", str(kb_copy))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "perfdx: error: the plan's wording breaks the rules: actions[4].title: 'never' (an "
        "absolute; say what happened, with dates and numbers) in “...oaching until the figures "
        "are never short” (and 3 more places) (change the knowledge-base or case text it comes "
        "from)\n")


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "- Report accuracy: 96% in 2026-10 against a target of 95% (101% of target, 1 point "
           "above target); earlier 99% (2026-07), 98% (2026-08), 97% (2026-09). Severity: minor."),
    ("zh", "- 报告提交准确率：2026-10 为 96%，目标 95%（达成率 101%，高于目标 1 个百分点）；此前 "
           "2026-07 为 99%、2026-08 为 98%、2026-09 为 97%。严重程度：轻微。"),
])
def test_a_result_better_than_its_target_is_not_called_below_it(lang: str, line: str,
                                                                 run) -> None:
    """On target but sliding: 96% against 95% is 1 point above the target, never "-1 points
    below target" (found by a new user, issue 16)."""
    case = EXAMPLES / "finance_payroll_on_target_sliding.yaml"
    result = run("plan", str(case), "--lang", lang, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert line in result.stdout.splitlines()

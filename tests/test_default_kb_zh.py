"""With --lang zh, what the bundled knowledge base supplies is printed in Chinese.

For every example case: `perfdx diagnose --lang zh` (plain and with --explain) and
`perfdx explain --why-not` print none of the KB's English names, labels, questions, titles or
rationales, and do print the Chinese names of what was concluded. Text the case itself supplies
(role, department, reviewer, concern descriptions) and rule sources (citations, kept in the
language they were published in) are set aside first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.diagnose.render_text import MISSING_SHOWN
from cli.main import cli
from engine.api import analyse
from engine.case import load_case
from engine.i18n import Text
from engine.kb.load import load_kb
from engine.yamlio import load_file, plain

ROOT = Path(__file__).resolve().parent.parent
KB = load_kb(ROOT)
EXAMPLES = sorted((ROOT / "examples" / "cases").glob("*.yaml"))


def _english_names() -> list[str]:
    """The English side of every KB label a diagnosis can print."""
    texts: list[Text] = []
    texts += [p.name for p in KB.patterns.values()]
    texts += [k.name for k in KB.kpis.values()]
    texts += [k.unit for k in KB.kpis.values() if isinstance(k.unit, Text)]
    texts += [i.name for i in KB.interventions.values()]
    texts += [c.name for c in KB.courses.values()]
    texts += [o.label for o in KB.observations.values()]
    texts += [o.question for o in KB.observations.values()]
    texts += [d.label for d in KB.dimensions.values()]
    texts += [a.label for a in KB.areas.values()]
    texts += [o.label for o in KB.owners.values()]
    return sorted({t.en for t in texts if t.en and t.en != t.zh}, key=len, reverse=True)


def _english_rule_texts() -> list[str]:
    texts = [r.title for r in KB.rules] + [r.rationale for r in KB.rules if r.rationale]
    return sorted({t.en for t in texts if t.en}, key=len, reverse=True)


NAMES = _english_names()
RULE_TEXTS = _english_rule_texts()


def _case_texts(path: Path) -> list[str]:
    data: dict[str, Any] = plain(load_file(path, what="case file")[1])
    emp = data["employee"]
    found = [str(emp.get(k)) for k in ("role", "department", "level", "reviewer", "manager",
                                       "name") if emp.get(k)]
    found += [c["description"] for c in data.get("concerns", [])]
    found.append(path.relative_to(ROOT).as_posix())  # file:line references name the case file
    return sorted(found, key=len, reverse=True)


def _strip(output: str, texts: list[str]) -> str:
    # the reasoning trace is the engine's log of rule and fact ids, not KB text
    output = output.split("\n推理轨迹\n")[0]
    # fact references such as "[employee; case.yaml:8]" are ids and locations, not KB text
    output = re.sub(r"\[[a-z0-9_-]+;[^\]]*\]", " ", output)
    for t in texts:
        output = output.replace(t, " ")
    for rule in KB.rules:  # sources are citations, kept in their original language
        if rule.source:
            output = output.replace(rule.source, " ")
    return output


def _english_found(output: str, english: list[str]) -> list[str]:
    return [e for e in english
            if re.search(r"(?<![A-Za-z])" + re.escape(e) + r"(?![A-Za-z])", output)]


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--kb", str(ROOT)])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_english_list_is_real() -> None:
    assert {"Skill shortfall", "Sales growth", "Formal training", "visits/week",
            "Effective workplace communication",
            "If their job depended on it, could they do this task correctly today?"} <= set(NAMES)


@pytest.mark.parametrize("case", EXAMPLES, ids=lambda p: p.stem)
def test_diagnose_in_chinese_prints_no_english_kb_text(case: Path) -> None:
    output = _run("diagnose", str(case), "--lang", "zh")
    assert _english_found(_strip(output, _case_texts(case)), NAMES) == []
    d = analyse(load_case(str(case)), KB).diagnosis
    expected = ([KB.patterns[c.pattern].name.zh for c in d.causes]
                + [KB.interventions[r.intervention].name.zh for r in d.recommendations]
                + [KB.courses[t.course].name.zh for t in d.training]
                + [KB.observations[m.observation].question.zh
                   for m in d.missing_evidence[:MISSING_SHOWN]])
    assert [z for z in expected if z is None or z not in output] == []


@pytest.mark.parametrize("case", EXAMPLES, ids=lambda p: p.stem)
def test_diagnose_explain_in_chinese_prints_no_english_kb_text(case: Path) -> None:
    output = _strip(_run("diagnose", str(case), "--lang", "zh", "--explain"), _case_texts(case))
    assert _english_found(output, NAMES + RULE_TEXTS) == []
    a = analyse(load_case(str(case)), KB)
    shown = {s.rule.id for c in a.diagnosis.causes
             for s in a.result.cause_support[(c.pattern, c.gap)]}
    missing = [rid for rid in sorted(shown)
               if (r := KB.rule(rid)).rationale is None or r.rationale.zh not in output
               or r.title.zh not in output]
    assert missing == []


def test_why_not_words_rating_sources_in_chinese() -> None:
    case = ROOT / "examples" / "cases" / "engineer_graduate_no_test_env.yaml"
    output = _run("explain", str(case), "--why-not", "team_collaboration", "--lang", "zh")
    assert "专业知识评分(上级)的评价来源为上级,而非下属" in output


@pytest.mark.parametrize("case", EXAMPLES, ids=lambda p: p.stem)
def test_why_not_in_chinese_prints_no_english_kb_text(case: Path) -> None:
    a = analyse(load_case(str(case)), KB)
    concluded = {c.pattern for c in a.diagnosis.causes}
    pattern = next(p for p in KB.patterns if p not in concluded)
    output = _run("explain", str(case), "--why-not", pattern, "--lang", "zh")
    assert KB.patterns[pattern].name.zh in output
    assert _english_found(_strip(output, _case_texts(case)), NAMES + RULE_TEXTS) == []

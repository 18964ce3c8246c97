"""`perfdx consult CASE`: a MYCIN-style consultation at the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from engine.api import analyse
from engine.case import LoadedCase, load_case
from engine.case.write import case_with_answers
from engine.explain.analysis import Analysis
from engine.explain.consult import BadAnswer, parse_answer, rank_questions, scale, with_answer
from engine.explain.wording import label
from engine.i18n import Lang
from engine.kb.load import load_kb

from ..diagnose.render_text import gap_names
from ..options import kb_option, lang_option
from ..output import check_output, emit

_SAY = {
    "start": ("Consultation on case {case}: {n} question(s) could change the diagnosis. Answer "
              "yes, no, a number or a choice, or unknown; an empty line skips a question, "
              "'done' ends.", "案例 {case} 咨询：有 {n} 个问题可能改变诊断。请回答 yes、no、数字或"
              "选项，或 unknown；直接回车跳过该问题，输入 done 结束。"),
    "ranking": ("Current ranking:", "当前排序："),
    "none": ("  no cause reaches the reporting threshold", "  没有原因达到报告阈值"),
    "done": ("No more questions could change the diagnosis.", "没有其他问题可能改变诊断。"),
    "save": ("Save {n} answer(s) to {file}?", "将 {n} 个回答保存到 {file}？"),
    "saved": ("Saved {n} answer(s) to {file}.", "已将 {n} 个回答保存到 {file}。"),
    "not_saved": ("Nothing was written.", "未写入任何内容。"),
    "interrupted": ("Consultation interrupted: nothing was written to {file}.",
                    "咨询已中断：未写入 {file}。"),
    "no_answers": ("No answers given: nothing to save.", "没有回答：无需保存。"),
}


def _say(key: str, lang: Lang, **kw: Any) -> str:
    en, zh = _SAY[key]
    return (en if lang == "en" else zh).format(**kw)


def _show_ranking(analysis: Analysis, lang: Lang, top: int = 5) -> None:
    d, kb = analysis.diagnosis, analysis.kb
    click.echo(_say("ranking", lang))
    if not d.causes:
        click.echo(_say("none", lang))
    for i, c in enumerate(d.causes[:top], 1):
        click.echo(f"  {i}. {label(kb, 'pattern', c.pattern, lang)} {c.certainty:.2f}  "
                   f"({gap_names(kb, d, [c.gap], lang)})")


@click.command()
@click.argument("case", metavar="CASE", type=click.Path(dir_okay=False))
@kb_option
@lang_option
@click.option("-o", "--output", "output", metavar="NEW", default=None,
              help="Save the case with the answers to NEW instead of adding them to CASE.")
@click.option("--max-questions", type=click.IntRange(1, 200), default=20, show_default=True,
              help="Stop after this many questions.")
def consult(case: str, kb_dir: str | None, lang: Lang, output: str | None,
            max_questions: int) -> None:
    """Ask the questions that could change a case's diagnosis, best first, one at a time.

    Each missing question is scored by re-running the analysis with every answer it could get
    and measuring how far the ranking of causes moves; the question that could move it most is
    asked first. Answer yes, no, a number, one of the choices shown, or unknown (recorded as
    unknown: no rule fires on it and it is not asked again). An empty line skips a question;
    'done' ends. The ranking is shown after each answer.

    At the end perfdx asks before saving: the answers are added to CASE's `observations`
    keeping its comments and order (or to a new file with -o NEW). Ctrl-C or end of input
    before that confirmation leaves every file untouched.

    Exit codes: 0 ok (saved or not), 1 bad input or interrupted, 2 usage error.
    """
    check_output(output)
    kb = load_kb(kb_dir)
    loaded = load_case(case)

    def run(c: LoadedCase) -> Analysis:
        return analyse(c, kb, cross_check=False)

    target = output or case
    answers: list[dict[str, Any]] = []
    asked: set[str] = set()
    analysis = analyse(loaded, kb)
    try:
        ranked = rank_questions(analysis, run, asked)
        click.echo(_say("start", lang, case=loaded.case.case_id,
                        n=sum(1 for r in ranked if r.score > 0)))
        _show_ranking(analysis, lang)
        while len(asked) < max_questions:
            useful = [r for r in ranked if r.score > 0 and r.observation not in asked]
            if not useful:
                click.echo(_say("done", lang))
                break
            name = useful[0].observation
            asked.add(name)
            spec = kb.observations[name]
            click.echo("")
            click.echo(spec.question.get(lang))
            value = _ask(spec, lang)
            if value is _DONE:
                break
            if value is _SKIP:
                continue
            answers.append({"name": name, "value": value})
            loaded = with_answer(loaded, name, value)
            analysis = analyse(loaded, kb)
            _show_ranking(analysis, lang)
            ranked = rank_questions(analysis, run, asked)
        if not answers:
            click.echo(_say("no_answers", lang))
            return
        if click.confirm(_say("save", lang, n=len(answers), file=target), default=True):
            source = Path(case).read_text(encoding="utf-8")
            emit(case_with_answers(case, source, answers), target)
            click.echo(_say("saved", lang, n=len(answers), file=target))
        else:
            click.echo(_say("not_saved", lang))
    except click.Abort:
        click.echo("")
        click.echo(_say("interrupted", lang, file=target), err=True)
        raise SystemExit(1) from None


_SKIP = object()
_DONE = object()


def _ask(spec: Any, lang: Lang) -> Any:
    """One answer: typed, unknown, skip or done; asks again until it fits the question."""
    while True:
        text = click.prompt(f"  [{scale(spec, lang)}]", default="", show_default=False,
                            prompt_suffix=" > ")
        if not text.strip():
            return _SKIP
        if text.strip().lower() in ("done", "quit", "结束"):
            return _DONE
        try:
            return parse_answer(spec, text)
        except BadAnswer as err:
            click.echo(f"  {err}")

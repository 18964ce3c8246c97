"""`perfdx diagnose` and `perfdx explain`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from engine.api import Analysis, analyse
from engine.case import load_case
from engine.errors import InputError, did_you_mean
from engine.i18n import Lang
from engine.kb.load import load_kb

from ..options import cross_check_options, kb_option, lang_option, output_option
from ..output import emit, style
from ..record_options import RecordRequest, db_option, record_options

if TYPE_CHECKING:
    from engine.explain.track_record import TrackRecord

# Each format's renderer and the explanations are imported where they are used: `diagnose
# --format json` needs none of them (start-up, issue 15).


def run_analysis(case: str, kb_dir: str | None, track: TrackRecord | None = None) -> Analysis:
    kb = load_kb(kb_dir)
    return analyse(load_case(case), kb, track_record=track)


def library_record(use: bool, db: str | None) -> TrackRecord | None:
    """With --library: the case library's track record, read from the decision log."""
    if not use:
        return None
    from engine.audit.store import AuditLog
    from engine.tracking.track_record import track_record

    with AuditLog.open(db, read_only=True) as log:
        return track_record(log)


def library_option(f: Any) -> Any:
    return click.option(
        "--library", "use_library", is_flag=True,
        help="Order interventions of equal priority by the case library's track record (the "
             "closed plans in the decision log, --db): by the share of past cases that met "
             "their goal, once it rests on min_track_record closed cases (settings.yaml, "
             "default 3). Shown in the trace and in HOW; the snapshot used is recorded with "
             "the decision, so a replay is identical.")(f)


@click.command()
@click.argument("case", metavar="CASE")
@kb_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]),
              default="text", show_default=True,
              help="text for a terminal, json for other programs (with the full trace), "
                   "markdown for documents, html for one self-contained page (with HOW for "
                   "every cause).")
@lang_option
@click.option("--explain", is_flag=True,
              help="Add how each cause was concluded and the full reasoning trace.")
@library_option
@cross_check_options
@output_option
@record_options
def diagnose(case: str, kb_dir: str | None, fmt: str, lang: Lang, explain: bool,
             use_library: bool, output: str | None, record: RecordRequest) -> None:
    """Diagnose one case: gaps, likely causes ranked by certainty, recommended interventions,
    training, the evidence still missing, and who must review it.

    CASE is a YAML or JSON case file, or - to read standard input. See
    `perfdx schema case` for its format and examples/cases/ for real ones.

    The decision is recorded in the decision log (see `perfdx audit`) as it is shown, and
    committed only once it is written: a command that fails leaves no record. Its record id
    goes to standard error.
    """
    analysis = run_analysis(case, kb_dir, library_record(use_library, record.db))
    d, kb = analysis.diagnosis, analysis.kb
    if fmt == "json":
        text = d.to_json()
    elif fmt == "html":
        from .render_html import render_html

        text = render_html(analysis, lang)
    elif fmt == "markdown":
        from .render_text import render_markdown

        text = render_markdown(d, kb, lang)
        if explain:
            from engine.explain.how_why_not import how

            from .render_explain import render_how, render_trace

            text += "\n## " + ("How perfdx concluded" if lang == "en" else "推理依据") + "\n\n```\n"
            text += "".join(render_how(how(analysis, p, lang), lang)
                            for p in dict.fromkeys(c.pattern for c in d.causes))
            text += "\n" + render_trace(d.trace, lang) + "```\n"
    else:
        from .render_text import render_text

        text = render_text(d, kb, lang, style if not output else _no_style, full=explain)
        if explain:
            from engine.explain.how_why_not import how

            from .render_explain import render_how, render_trace

            for pattern in dict.fromkeys(c.pattern for c in d.causes):
                text += "\n" + render_how(how(analysis, pattern, lang), lang)
            text += "\n" + render_trace(d.trace, lang)
    record.deliver("diagnose", analysis.loaded, kb, d.to_json(), text, output, lang=lang,
                   track_record=analysis.track_record)


def _no_style(text: str, **_kw: object) -> str:
    return text


@click.command()
@click.argument("case", metavar="CASE")
@click.option("--how", "how_pattern", metavar="PATTERN",
              help="Show how PATTERN was concluded: rules, certainties, facts, input values.")
@click.option("--why-not", "why_not_pattern", metavar="PATTERN",
              help="Show why PATTERN was not concluded: for each rule that could have, the "
                   "first failed condition or the missing evidence.")
@click.option("--why-not-recommended", "why_not_intervention", metavar="INTERVENTION",
              help="Show why INTERVENTION was not recommended: whether it was after all or a "
                   "contraindication withheld it, whether the causes it addresses were "
                   "concluded, and for each rule that recommends it the first failed condition "
                   "or the missing evidence.")
@kb_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text to read, json for other programs.")
@library_option
@db_option
@cross_check_options
@output_option
def explain(case: str, how_pattern: str | None, why_not_pattern: str | None,
            why_not_intervention: str | None, kb_dir: str | None, lang: Lang, fmt: str,
            use_library: bool, db: str | None, output: str | None) -> None:
    """Explain a diagnosis: HOW a cause was concluded, or WHY NOT; or why an intervention was
    not recommended.

    Give exactly one of --how PATTERN, --why-not PATTERN or --why-not-recommended
    INTERVENTION; `perfdx kb show --section patterns` (or `interventions`) lists them.
    """
    from engine.explain.how_why_not import how, why_not
    from engine.explain.why_not_recommended import check_intervention, why_not_recommended

    from .render_explain import render_how, render_why_not, render_why_not_recommended

    given = [o for o in (how_pattern, why_not_pattern, why_not_intervention) if o is not None]
    if len(given) != 1:
        raise click.UsageError("give exactly one of --how PATTERN or --why-not PATTERN, or "
                               "--why-not-recommended INTERVENTION")
    kb = load_kb(kb_dir)
    if why_not_intervention is not None:
        check_intervention(kb, why_not_intervention)
        r = why_not_recommended(analyse(load_case(case), kb,
                                        track_record=library_record(use_library, db)),
                                why_not_intervention, lang)
        emit(json.dumps(r.model_dump(), ensure_ascii=False, indent=2) + "\n" if fmt == "json"
             else render_why_not_recommended(r, lang), output)
        return
    pattern = how_pattern or why_not_pattern or ""
    if pattern not in kb.patterns:
        raise InputError(f"unknown pattern {pattern!r}",
                         hint=did_you_mean(pattern, kb.patterns) or
                         "patterns: " + ", ".join(kb.patterns))
    analysis = analyse(load_case(case), kb, track_record=library_record(use_library, db))
    if how_pattern:
        h = how(analysis, pattern, lang)
        dumped = h.model_dump(exclude=None if h.ranking else {"ranking"})
        text = (json.dumps(dumped, ensure_ascii=False, indent=2) + "\n"
                if fmt == "json" else render_how(h, lang))
    else:
        w = why_not(analysis, pattern, lang)
        text = (json.dumps(w.model_dump(), ensure_ascii=False, indent=2) + "\n"
                if fmt == "json" else render_why_not(w, lang))
    emit(text, output)

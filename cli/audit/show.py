"""`perfdx audit show ID`: one record as auditors read it, or a recorded decision rendered again
in any format and language from the stored result (stdout is then the rendering alone)."""

from __future__ import annotations

import json
from typing import Any

import click

from engine.audit.errors import AuditError
from engine.audit.how import how_from_record
from engine.audit.query import Entry, entry, export_line
from engine.audit.record import DECISION_KINDS
from engine.audit.replay import check_replayable, json_diff, rebuild, rerun
from engine.audit.snapshots import restore_kb
from engine.audit.store import AuditLog, Row
from engine.audit.words import w
from engine.errors import PerfdxError
from engine.explain.diagnosis import Diagnosis
from engine.explain.how_why_not import HowExplanation, how
from engine.i18n import Lang
from engine.plan import Plan

from ..diagnose.render_explain import render_how
from ..diagnose.render_text import render_markdown, render_text
from ..options import lang_option, output_option
from ..output import emit, style
from ..plan.commands import audience_option, pick_audience, plan_text
from ..plan.render_markdown import render_plan
from ..record_options import db_option
from .render import oversight_lines, record_header, tamper_warnings

FORMATS = ("record", "text", "markdown", "json", "html", "record-json")


def _how(log: AuditLog, e: Entry, result: dict[str, Any], lang: Lang) -> list[str]:
    kb = restore_kb(log, str(e.row.kb_hash))
    explanations: list[HowExplanation] = []
    note = ""
    try:
        check_replayable(log, e.row)
        analysis = rebuild(log, e.row)
        if json_diff(result, json.loads(analysis.diagnosis.to_json())):
            raise PerfdxError("the replay differs from the record")
        patterns = dict.fromkeys(str(c["pattern"]) for c in result.get("causes", []))
        explanations = [how(analysis, p, lang) for p in patterns]
    except PerfdxError:
        explanations = how_from_record(result, kb, lang, (e.data or {}).get("case"))
        note = w("how_from_record", lang)
    out = [render_how(x, lang).rstrip("\n") for x in explanations]
    return ([note] if note and out else []) + out


def _plan_body(log: AuditLog, e: Entry, result: dict[str, Any], lang: Lang) -> list[str]:
    """The plan as issued, then HOW the diagnosis it rests on was concluded."""
    drafted = Plan.model_validate(result)
    text = render_plan(drafted)
    out = [w("as_issued", lang), "", text.rstrip("\n"), ""]
    try:
        analysis = rebuild(log, e.row)
    except PerfdxError as err:
        return out + [str(err)]
    patterns = dict.fromkeys(c.pattern for c in analysis.diagnosis.causes)
    return out + [render_how(how(analysis, p, lang), lang).rstrip("\n") for p in patterns]


def _decision_body(log: AuditLog, e: Entry, lang: Lang) -> list[str]:
    result = (e.data or {}).get("result") or {}
    if e.row.kind == "plan":
        return _plan_body(log, e, result, lang)
    if e.row.kind != "diagnose":
        return [w("as_issued", lang), json.dumps(result, ensure_ascii=False, indent=2)]
    kb = restore_kb(log, str(e.row.kb_hash))
    text = render_text(Diagnosis.model_validate(result), kb, lang)
    return [w("as_issued", lang), "", text.rstrip("\n"), ""] + _how(log, e, result, lang)


def _other_body(e: Entry, lang: Lang) -> list[str]:
    data = e.data or {}
    if e.row.kind == "review":
        return [f"  {w('by', lang)}: {data.get('by')} · {w(str(data.get('decision')), lang)}",
                f"  {w('note', lang)}: {data.get('note')}"]
    if e.row.kind == "contest":
        return [f"  {w('by', lang)}: {data.get('by') or w('employee_side', lang)}",
                f"  {w('note', lang)}: {data.get('note')}"]
    return [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(data.items())]


@click.command()
@click.argument("record_id", metavar="ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="record", show_default=True,
              help="record: the record as auditors read it (who, when, with which knowledge, "
                   "HOW, reviews); text, markdown, json (and html for a plan): the decision "
                   "rendered again exactly as 'perfdx diagnose' or 'perfdx plan' would, "
                   "review state and warnings on stderr; record-json: the stored record.")
@lang_option
@audience_option
@output_option
def show(record_id: str, db: str | None, fmt: str, lang: Lang, audience: str | None,
         output: str | None) -> None:
    """Show one record, how it was concluded, and its reviews, or render a recorded decision.

    Who ran it, when, with which knowledge base and perfdx version; the decision as it was
    issued; HOW each cause was concluded (re-derived from the stored case and knowledge base,
    or, for a redacted record, from the recorded trace); its reviews and objections.

    With --format text|markdown|json|html the decision is rendered from the stored result,
    byte for byte what 'perfdx diagnose CASE --format F --lang L' printed; its review state
    and any tamper warning go to standard error. A plan is rendered as 'perfdx plan' prints
    it: the employee's copy unless --audience manager (the record itself holds the whole plan).

    ID is a record id from 'perfdx audit list' (a unique prefix of 4 digits or more will do).
    """
    with AuditLog.open(db, read_only=True) as log:
        e = entry(log, log.find(record_id))
        for line in tamper_warnings(log, [e], lang):
            click.echo(line, err=True)
        if fmt == "record-json":
            doc = export_line(e)
            if e.oversight is not None:
                doc["oversight"] = [export_line(entry(log, ev)) for ev in e.oversight.events]
            emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", output)
            return
        if fmt != "record":
            text = rendering(log, e, fmt, lang, styled=not output, audience=audience)
            for line in state_lines(e, lang):
                click.echo(line, err=True)
            emit(text, output)
            return
        out = record_header(e, lang) + [""]
        if e.row.purged:
            purge = next((p for p in log.rows("kind = 'purge'")
                          if e.row.id in ((p.data() or {}).get("purged") or [])), None)
            out.append(w("purged_note", lang, purge=f" ({purge.id})" if purge else ""))
        elif e.row.kind in DECISION_KINDS:
            out += _decision_body(log, e, lang)
        else:
            out += _other_body(e, lang)
        lines = oversight_lines(e, lang)
        out += ([""] + lines) if lines else []
    emit("\n".join(out).rstrip("\n") + "\n", output)


def state_lines(e: Entry, lang: Lang) -> list[str]:
    """The review state of a rendered decision, for stderr."""
    if e.oversight is None:
        return []
    out = [f"perfdx: {w('record', lang)} {e.row.id}: {w(e.oversight.state, lang)}"]
    if e.oversight.basis_contested:
        out.append("perfdx: " + w("basis_contested", lang, id=e.oversight.basis_contested))
    elif e.oversight.state == "draft":
        out.append("perfdx: " + w("draft_note", lang, id=e.row.id))
    elif e.oversight.state == "contested":
        out.append("perfdx: " + w("contested_note", lang))
    return out


def _no_style(text: str, **_kw: object) -> str:
    return text


def rendering(log: AuditLog, e: Entry, fmt: str, lang: Lang, *, styled: bool,
              audience: str | None = None) -> str:
    """A recorded decision rendered from its stored result, as the command that made it would."""
    row = e.row
    if row.kind not in DECISION_KINDS:
        raise AuditError(f"record {row.id} is a {row.kind} record, not a decision",
                         hint="show it with --format record")
    if audience is not None and row.kind != "plan":
        raise AuditError(f"--audience chooses a copy of a plan; record {row.id} is a "
                         f"{row.kind} record", hint="leave out --audience")
    if row.purged:
        raise AuditError(f"decision {row.id} was purged under the retention policy; there is "
                         "nothing left to render")
    result = (e.data or {}).get("result") or {}
    if row.kind == "diagnose":
        d = Diagnosis.model_validate(result)
        if fmt == "json":
            return _diagnosis_json(log, row, d, result)
        if fmt == "html":
            raise AuditError("a diagnosis has no HTML rendering yet",
                             hint="use --format text, markdown or json")
        kb = restore_kb(log, str(row.kb_hash))
        if fmt == "markdown":
            return render_markdown(d, kb, lang)
        return render_text(d, kb, lang, style if styled else _no_style)
    return _plan_rendering(log, e, row, fmt, lang, audience)


def _diagnosis_json(log: AuditLog, row: Row, d: Diagnosis, result: dict[str, Any]) -> str:
    """The JSON as diagnose printed it. The log keeps JSON objects with sorted keys, so the
    order of the free-form trace details is made again by replaying the decision where it can
    be replayed (and gives the recorded result); otherwise the content is the same, in the
    model's order."""
    try:
        again = rerun(log, row)
    except PerfdxError:
        return d.to_json()
    return again if not json_diff(result, json.loads(again)) else d.to_json()


def _plan_rendering(log: AuditLog, e: Entry, row: Row, fmt: str, lang: Lang,
                    audience: str | None) -> str:
    params = (e.data or {}).get("params") or {}
    drafted = Plan.model_validate((e.data or {}).get("result") or {})
    if drafted.lang != lang:  # a plan's wording is made in its language: make it again
        try:
            check_replayable(log, row)
        except AuditError as err:
            raise AuditError(f"plan {row.id} was recorded in {drafted.lang} and cannot be "
                             f"drafted again in {lang}: {err.message}") from None
        drafted = Plan.model_validate_json(rerun(log, row, lang=lang))
    interview = params.get("strict") is False
    banner = w("basis_contested", lang, id=e.oversight.basis_contested) \
        if e.oversight is not None and e.oversight.basis_contested else None
    try:
        reader = pick_audience(audience, interview)
    except click.UsageError as err:
        raise AuditError(f"record {row.id} is an interview outline: {err.message}") from None
    return plan_text(drafted, fmt, interview=interview, audience=reader, banner=banner)

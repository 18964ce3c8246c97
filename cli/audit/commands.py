"""`perfdx audit ...`: the decision log for auditors, reviewers and the people concerned."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import click

from cli.safe_write import write_output
from engine import __version__
from engine.audit.how import how_from_record
from engine.audit.query import Entry, Filters, entries, entry, export_line, export_lines
from engine.audit.record import DECISION_KINDS
from engine.audit.replay import check_replayable, json_diff, rebuild, replay, what_if
from engine.audit.retention import purge as purge_records
from engine.audit.review import DECISIONS, STATES
from engine.audit.review import contest as contest_decision
from engine.audit.review import review as review_decision
from engine.audit.snapshots import restore_kb
from engine.audit.store import AuditLog, default_operator
from engine.audit.verify import MIN_RETENTION_DAYS
from engine.audit.verify import verify as verify_log
from engine.audit.words import w
from engine.errors import PerfdxError
from engine.explain.diagnosis import Diagnosis
from engine.explain.how_why_not import HowExplanation, how
from engine.i18n import Lang
from engine.plan import Plan

from ..diagnose.render_explain import render_how
from ..diagnose.render_text import render_text
from ..options import kb_option, lang_option, output_option
from ..output import emit
from ..plan.render_markdown import render_plan
from ..record_options import db_option
from .render import (
    list_json,
    oversight_lines,
    record_header,
    render_list,
    render_replay,
    render_verify,
    render_what_if,
    when,
)


class Date(click.ParamType):
    """A calendar date written YYYY-MM-DD (UTC)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            if len(str(value)) != 10:
                raise ValueError
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-01-31", param, ctx)


DATE = Date()


def _operator_option(f: Any) -> Any:
    return click.option("--operator", metavar="NAME", envvar="PERFDX_OPERATOR", default=None,
                        help="Who is at the keyboard, as the log records it. Default: "
                             "$PERFDX_OPERATOR, then your user name.")(f)


@click.group()
def audit() -> None:
    """Audit the decision log: every diagnosis perfdx made, who ran it, with which knowledge,
    who reviewed it and what the employee objected to.

    \b
    Records are chained by hashes: 'audit verify' proves nothing was altered,
    deleted, inserted or reordered; 'audit head' prints the hash to keep elsewhere.
    A decision is a draft that requires human review until 'audit review' records one.
    """


@audit.command("list")
@db_option
@click.option("--employee", metavar="ID", help="Only decisions about this employee id (also "
              "finds records where the id was redacted).")
@click.option("--since", type=DATE, metavar="DATE", help="Only records from this UTC date on.")
@click.option("--until", type=DATE, metavar="DATE", help="Only records up to this UTC date.")
@click.option("--pattern", metavar="PATTERN", help="Only decisions that concluded this cause "
              "pattern, e.g. skill_shortfall.")
@click.option("--state", type=click.Choice(STATES), help="Only decisions in this review state "
              "(draft and contested ones require human review).")
@click.option("--all", "all_kinds", is_flag=True,
              help="List reviews, objections and purges too, not only decisions.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for a terminal, json for other programs.")
@lang_option
@output_option
def list_(db: str | None, employee: str | None, since: dt.date | None, until: dt.date | None,
          pattern: str | None, state: str | None, all_kinds: bool, fmt: str, lang: Lang,
          output: str | None) -> None:
    """List recorded decisions, oldest first, with their review state."""
    kinds = DECISION_KINDS + ("review", "contest", "purge") if all_kinds else DECISION_KINDS
    with AuditLog.open(db) as log:
        found = entries(log, Filters(employee, since, until, pattern, state, kinds))
    emit(list_json(found) if fmt == "json" else render_list(found, lang), output)


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


@audit.command()
@click.argument("record_id", metavar="ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: the record as stored, with its review state.")
@lang_option
@output_option
def show(record_id: str, db: str | None, fmt: str, lang: Lang, output: str | None) -> None:
    """Show one record, how it was concluded, and its reviews.

    Who ran it, when, with which knowledge base and perfdx version; the decision as it was
    issued; HOW each cause was concluded (re-derived from the stored case and knowledge base,
    or, for a redacted record, from the recorded trace); its reviews and objections.

    ID is a record id from 'perfdx audit list' (a unique prefix of 4 digits or more will do).
    """
    with AuditLog.open(db) as log:
        e = entry(log, log.find(record_id))
        if fmt == "json":
            doc = export_line(e)
            if e.oversight is not None:
                doc["oversight"] = [export_line(entry(log, ev)) for ev in e.oversight.events]
            emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", output)
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


@audit.command()
@db_option
@click.option("--expect-head", metavar="HASH", help="The head hash you kept from 'perfdx audit "
              "head' (12 digits or more): also catch records cut off the end.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for a terminal, json for monitoring systems.")
@lang_option
@click.pass_context
def verify(ctx: click.Context, db: str | None, expect_head: str | None, fmt: str,
           lang: Lang) -> None:
    """Verify the hash chain and the stored knowledge bases.

    Recomputes every record's hashes, rebuilds the chain from its links and rehashes every
    stored knowledge base; names every altered, deleted, inserted or reordered record.

    Exit code 0: intact; 1: altered, deleted, inserted or reordered records (or a head you
    kept that is no longer in the chain).
    """
    with AuditLog.open(db) as log:
        report = verify_log(log, expect_head)
        path = log.path
    if fmt == "json":
        doc = {"ok": report.ok, "records": report.records, "kinds": report.kinds,
               "knowledge_bases": report.snapshots, "purged": report.purged,
               "head": report.head_hash, "after_expected_head": report.after_expected,
               "problems": [{"seq": f.row.seq if f.row else None,
                             "id": f.row.id if f.row else None, "code": f.code,
                             "message": f.message(lang)} for f in report.findings]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        click.echo(render_verify(report, path, lang), nl=False)
    if not report.ok:
        ctx.exit(1)


@audit.command()
@db_option
def head(db: str | None) -> None:
    """Print the chain's head hash, to keep elsewhere.

    Keep it somewhere the log's users cannot edit (a ticket, an e-mail);
    'audit verify --expect-head HASH' later proves that no record was cut off the end.
    """
    with AuditLog.open(db) as log:
        report_head = log.head()
    click.echo(report_head.record_hash if report_head else "0" * 64)


@audit.command("replay")
@click.argument("record_id", metavar="ID")
@db_option
@kb_option
@lang_option
@click.pass_context
def replay_(ctx: click.Context, record_id: str, db: str | None, kb_dir: str | None,
            lang: Lang) -> None:
    """Re-run a recorded decision and compare with the record.

    The decision is re-run with the knowledge base and case it used (both stored in the log).

    Exit code 0 when the result is identical, 1 with the differences otherwise. With --kb DIR:
    what that knowledge base concludes for the same case, as a diff of causes and
    recommendations (exit code 0).
    """
    with AuditLog.open(db) as log:
        row = log.find(record_id)
        state = entry(log, row).oversight
        if not row.content_intact:
            click.echo(w("tampered", lang), err=True)
        result = None
        if kb_dir:
            click.echo(render_what_if(what_if(log, row, kb_dir), lang), nl=False)
        else:
            result = replay(log, row)
            click.echo(render_replay(result, lang), nl=False)
    differs = result is not None and not result.identical
    if differs and row.perfdx != __version__:
        click.echo(w("version_note", lang, recorded=row.perfdx, now=__version__))
    if state is not None and state.needs_review:
        if kb_dir:
            click.echo("")
        click.echo(w("draft_note" if state.state == "draft" else "contested_note", lang,
                     id=row.id))
    if differs:
        ctx.exit(1)


@audit.command()
@click.argument("record_id", metavar="ID")
@click.option("--by", required=True, metavar="NAME", help="The person who reviewed it.")
@click.option("--decision", required=True, type=click.Choice(DECISIONS),
              help="approve it as it is, reject it, or amend it (say how in --note).")
@click.option("--note", required=True, metavar="TEXT", help="Why: what was checked, what was "
              "changed, what was discussed with the employee.")
@db_option
@_operator_option
@lang_option
def review(record_id: str, by: str, decision: str, note: str, db: str | None,
           operator: str | None, lang: Lang) -> None:
    """Record a human review of a decision (it stops being a draft)."""
    with AuditLog.open(db) as log:
        rec = review_decision(log, record_id, by=by, decision=decision, note=note,
                              operator=operator or default_operator())
    state = {"approve": "approved", "reject": "rejected", "amend": "amended"}[decision]
    click.echo(w("review_done", lang, decision=w(state, lang), subject=rec.subject, by=by,
                 id=rec.id))


@audit.command()
@click.argument("record_id", metavar="ID")
@click.option("--note", required=True, metavar="TEXT", help="What the employee contests, in "
              "their words.")
@click.option("--by", metavar="NAME", help="Who raised it (default: the employee).")
@db_option
@_operator_option
@lang_option
def contest(record_id: str, note: str, by: str | None, db: str | None, operator: str | None,
            lang: Lang) -> None:
    """Record the employee's objection to a decision.

    The decision then requires human review again, until the next 'audit review'.
    """
    with AuditLog.open(db) as log:
        rec = contest_decision(log, record_id, note=note, by=by,
                               operator=operator or default_operator())
    click.echo(w("contest_done", lang, subject=rec.subject, id=rec.id))


@audit.command()
@click.option("--before", required=True, type=DATE, metavar="DATE",
              help="Purge records created before this UTC date.")
@click.option("--retention-days", type=click.IntRange(min=1), default=MIN_RETENTION_DAYS,
              metavar="DAYS",
              envvar="PERFDX_RETENTION_DAYS", show_default=True,
              help="The retention floor: records younger than this are never purged "
                   f"(at least {MIN_RETENTION_DAYS}, six months).")
@click.option("--dry-run", is_flag=True, help="Only list what would be purged.")
@click.option("--yes", is_flag=True, help="Purge for good (the case data cannot be restored).")
@db_option
@_operator_option
@lang_option
def purge(before: dt.date, retention_days: int, dry_run: bool, yes: bool, db: str | None,
          operator: str | None, lang: Lang) -> None:
    """Purge the case data of old records, keeping tombstones.

    Removes the case, the result and any notes of every record created before --before, and
    keeps their hashes, so the chain still verifies; the purge itself is a chained record.
    Records younger than the retention floor are never purged. Without --yes it only lists.
    """
    with AuditLog.open(db) as log:
        who = operator or default_operator()
        planned = purge_records(log, before, retention_days=retention_days, operator=who,
                                dry_run=True)
        if not planned.rows:
            click.echo(w("purge_none", lang, before=before))
            return
        if dry_run or not yes:
            click.echo(w("purge_dry", lang, n=len(planned.rows), before=before))
            for r in planned.rows:
                click.echo(f"  {r.id}  {when(r)}  {w(r.kind, lang)}")
            if not dry_run:
                raise PerfdxError("purging removes case data for good: run again with --yes "
                                  "(or --dry-run to only list)")
            return
        done = purge_records(log, before, retention_days=retention_days, operator=who)
    click.echo(w("purge_done", lang, n=len(done.rows), before=before, id=done.record))
    if not done.scrubbed:
        click.echo(w("purge_wal", lang), err=True)


@audit.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="jsonl: one record per line, in chain order.")
@output_option
def export(db: str | None, fmt: str, output: str | None) -> None:
    """Export every record as JSON lines for other systems.

    One line per record in chain order: the hashed fields, the content (null once purged) and
    each decision's review state. The hashes can be recomputed from the export alone (see
    engine/audit/chain.py for the canonical serialisation).
    """
    with AuditLog.open(db) as log:
        if not output or output == "-":
            for line in export_lines(log):
                click.echo(line, nl=False)
            return
        _write_lines(output, export_lines(log))


def _write_lines(path: str, lines: Iterable[str]) -> None:
    """Stream lines into a file that appears whole or not at all (a log can be large)."""
    write_output(path, lines)

"""`perfdx audit ...`: the decision log for auditors, reviewers and the people concerned."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from cli.safe_write import write_output
from engine import __version__
from engine.audit.checkpoint import checkpoint as sign_checkpoint
from engine.audit.keys import (
    REVIEWERS_ENV,
    key_path,
    load_signer,
    load_verifier,
    reviewers_path,
    signer_for_recording,
    witness_path,
)
from engine.audit.note import Verifier
from engine.audit.query import Filters, entries, entry, export_lines
from engine.audit.record import DECISION_KINDS, LIBRARY_KINDS, TRACKING_KINDS
from engine.audit.replay import replay, what_if
from engine.audit.retention import purge as purge_records
from engine.audit.review import DECISIONS, STATES
from engine.audit.review import contest as contest_decision
from engine.audit.review import review as review_decision
from engine.audit.store import AuditLog, default_operator
from engine.audit.verify import MIN_RETENTION_DAYS
from engine.audit.verify import verify as verify_log
from engine.audit.words import w
from engine.errors import PerfdxError
from engine.i18n import Lang

from ..options import cross_check_options, kb_option, lang_option, output_option
from ..output import emit
from ..record_options import db_option
from .render import (
    list_json,
    render_list,
    render_replay,
    render_verify,
    render_what_if,
    tamper_warnings,
    verify_json,
    when,
)
from .trust import key_option, witness_option


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
              help="List reviews, objections, purges and the follow-through of plans (check-ins, "
                   "changes, monthly reviews, closings) too, not only decisions.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for a terminal, json for other programs.")
@lang_option
@output_option
def list_(db: str | None, employee: str | None, since: dt.date | None, until: dt.date | None,
          pattern: str | None, state: str | None, all_kinds: bool, fmt: str, lang: Lang,
          output: str | None) -> None:
    """List recorded decisions, oldest first, with their review state."""
    kinds = DECISION_KINDS + ("review", "contest", "purge") + TRACKING_KINDS + LIBRARY_KINDS \
        if all_kinds else DECISION_KINDS
    with AuditLog.open(db, read_only=True) as log:
        found = entries(log, Filters(employee, since, until, pattern, state, kinds))
        for line in tamper_warnings(log, found, lang):
            click.echo(line, err=True)
    emit(list_json(found) if fmt == "json" else render_list(found, lang), output)


@audit.command()
@db_option
@click.option("--expect-head", metavar="HASH", help="The head hash you kept from 'perfdx audit "
              "head' (12 digits or more): also catch records cut off the end.")
@click.option("--pub", metavar="KEY.pub", type=click.Path(dir_okay=False),
              help="The public key the checkpoints must be signed with. Default: the public "
                   "half of the signing key (--key); else the key the log names, which is "
                   "reported as untrusted.")
@key_option
@witness_option
@click.option("--strict", is_flag=True, help="Also fail when records are not covered by a "
              "signed checkpoint.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for a terminal, json for monitoring systems.")
@lang_option
@click.pass_context
def verify(ctx: click.Context, db: str | None, expect_head: str | None, pub: str | None,
           key: str | None, witness: str | None, strict: bool, fmt: str, lang: Lang) -> None:
    """Verify the hash chain, the signed checkpoints, the schema and the stored knowledge bases.

    Recomputes every record's hashes, rebuilds the chain from its links, checks every
    checkpoint's signature (in the log and in the witness file) and that the log still
    matches each one, checks the triggers, tables, schema version and meta table, and
    rehashes every stored knowledge base; names every altered, deleted, inserted or
    reordered record and the first checkpoint the log no longer matches. Records that no
    checkpoint covers are reported (and fail under --strict).

    Exit code 0: intact; 1: any problem found.
    """
    with AuditLog.open(db, read_only=True) as log:
        verifier, from_log = trusted_key(log, pub, key)
        report = verify_log(log, expect_head, verifier=verifier, key_from_log=from_log,
                            witness=witness_path(witness, key), strict=strict)
        path = log.path
    if fmt == "json":
        click.echo(json.dumps(verify_json(report, lang), ensure_ascii=False, indent=2))
    else:
        click.echo(render_verify(report, path, lang), nl=False)
    if not report.ok:
        ctx.exit(1)


def sign_after(log: AuditLog, key: str | None, lang: Lang) -> None:
    """Every recording command signs a checkpoint of the log it leaves (the key is created on
    first use, and says so)."""
    signer, path, created = signer_for_recording(key)
    if created:
        click.echo(f"perfdx: created the audit signing key {path} (public key {path}.pub); it "
                   "signs the decision log's checkpoints: keep it away from the log", err=True)
    _cp, _new, problem = sign_checkpoint(log, signer, witness_path(None, key))
    if problem:
        click.echo(f"perfdx: warning: {problem}", err=True)


def trusted_key(log: AuditLog, pub: str | None, key: str | None) -> tuple[Verifier | None, bool]:
    """The key checkpoints are checked with: --pub, the signing key, else the log's own."""
    if pub:
        return load_verifier(Path(pub)), False
    path = key_path(key)
    if path.exists():
        return load_verifier(path), False
    named = log.meta("checkpoint_key")
    return (Verifier.parse(named, "the log's checkpoint_key"), True) if named else (None, False)


@audit.command()
@db_option
def head(db: str | None) -> None:
    """Print the chain's head hash, to keep elsewhere.

    Keep it somewhere the log's users cannot edit (a ticket, an e-mail);
    'audit verify --expect-head HASH' later proves that no record was cut off the end.
    """
    with AuditLog.open(db, read_only=True) as log:
        report_head = log.head()
    click.echo(report_head.record_hash if report_head else "0" * 64)


@audit.command("replay")
@click.argument("record_id", metavar="ID")
@db_option
@kb_option
@lang_option
@cross_check_options
@click.pass_context
def replay_(ctx: click.Context, record_id: str, db: str | None, kb_dir: str | None,
            lang: Lang) -> None:
    """Re-run a recorded decision and compare with the record.

    The decision is re-run with the knowledge base and case it used (both stored in the log).

    Exit code 0 when the result is identical, 1 with the differences otherwise. With --kb DIR:
    what that knowledge base concludes for the same case, as a diff of causes and
    recommendations (exit code 0).
    """
    with AuditLog.open(db, read_only=True) as log:
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
@click.option("--reviewers", metavar="FILE", envvar=REVIEWERS_ENV, default=None,
              help="The reviewers file. Default: $PERFDX_REVIEWERS, then reviewers.yaml beside "
                   "the signing key.")
@click.option("--sign-key", metavar="FILE", envvar="PERFDX_REVIEWER_KEY", default=None,
              help="Your own signing key, where the reviewers file registers a public key for "
                   "you ($PERFDX_REVIEWER_KEY).")
@db_option
@key_option
@_operator_option
@lang_option
def review(record_id: str, by: str, decision: str, note: str, reviewers: str | None,
           sign_key: str | None, db: str | None, key: str | None, operator: str | None,
           lang: Lang) -> None:
    """Record a human review of a decision (it stops being a draft).

    --by must name a reviewer registered in the reviewers file, and you must be the OS account
    registered for them (and sign with their key, where one is registered); the review records
    that identity. An unregistered reviewer is refused.
    """
    signer = load_signer(Path(sign_key).expanduser()) if sign_key else None
    with AuditLog.open(db) as log:
        rec = review_decision(log, record_id, by=by, decision=decision, note=note,
                              operator=operator or default_operator(),
                              reviewers=reviewers_path(reviewers, key), sign_key=signer)
        sign_after(log, key, lang)
    state = {"approve": "approved", "reject": "rejected", "amend": "amended"}[decision]
    click.echo(w("review_done", lang, decision=w(state, lang), subject=rec.subject, by=by,
                 id=rec.id))


@audit.command()
@click.argument("record_id", metavar="ID")
@click.option("--note", required=True, metavar="TEXT", help="What the employee contests, in "
              "their words.")
@click.option("--by", metavar="NAME", help="Who raised it (default: the employee).")
@db_option
@key_option
@_operator_option
@lang_option
def contest(record_id: str, note: str, by: str | None, db: str | None, key: str | None,
            operator: str | None, lang: Lang) -> None:
    """Record the employee's objection to a decision.

    Never refused: it records the employee id stated (--by) and the OS account that entered
    it. The decision, and any plan built on it, then requires human review again, until the
    next 'audit review'.
    """
    with AuditLog.open(db) as log:
        rec = contest_decision(log, record_id, note=note, by=by,
                               operator=operator or default_operator())
        sign_after(log, key, lang)
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
@key_option
@_operator_option
@lang_option
def purge(before: dt.date, retention_days: int, dry_run: bool, yes: bool, db: str | None,
          key: str | None, operator: str | None, lang: Lang) -> None:
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
        sign_after(log, key, lang)
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
    with AuditLog.open(db, read_only=True) as log:
        if not output or output == "-":
            for line in export_lines(log):
                click.echo(line, nl=False)
            return
        _write_lines(output, export_lines(log))


def _write_lines(path: str, lines: Iterable[str]) -> None:
    """Stream lines into a file that appears whole or not at all (a log can be large)."""
    write_output(path, lines)


def _register() -> None:
    from .show import show
    from .trust import check_proof_, checkpoint_, keygen_, proof

    for command in (show, keygen_, checkpoint_, proof, check_proof_):
        audit.add_command(command)


_register()

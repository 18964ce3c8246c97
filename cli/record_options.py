"""Recording options for commands that produce a decision (`diagnose`, `plan`).

Usage (the whole hook)::

    @click.command()
    ...
    @record_options
    def plan(case, ..., record: RecordRequest) -> None:
        ...                                   # conclude, render `text`
        record.deliver("plan", loaded, kb, result_json, text, output, lang=lang, params={...})

`deliver` writes the output (stdout unchanged by recording) and records the decision so that
neither is left without the other when something fails: everything that can fail in writing
(the `-o` file's temporary copy, a pipe with no reader) is done first, then the record is
appended, the output shown, and only then the record committed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from engine.audit.paths import default_db_path
from engine.case import LoadedCase
from engine.errors import InputError, one_line, shown
from engine.i18n import Lang
from engine.kb.base import KnowledgeBase

from .output import stage

if TYPE_CHECKING:
    from engine.explain.track_record import TrackRecord

F = Callable[..., Any]


def db_option(f: F) -> F:
    return click.option(
        "--db", "db", metavar="PATH", envvar="PERFDX_DB", default=None,
        help=f"The decision log (an SQLite file). Default: $PERFDX_DB, then "
             f"{default_db_path()}.")(f)


@dataclass(frozen=True)
class RecordRequest:
    """What the recording options asked for."""

    enabled: bool
    db: str | None
    operator: str | None
    redact: tuple[str, ...]

    def deliver(self, kind: str, loaded: LoadedCase, kb: KnowledgeBase, result_json: str,
                text: str, output: str | None, *, lang: Lang = "en",
                params: Mapping[str, Any] | None = None,
                track_record: TrackRecord | None = None) -> str | None:
        """Show `text` (stdout, or the -o file) and record the decision (unless --no-record),
        committed only once the text is written; say the record's id on stderr."""
        with stage(text, output) as staged:
            if not self.enabled:
                staged.publish()
                return None
            from engine.audit.record import record_decision  # only when recording

            rec = record_decision(kind, loaded, kb, result_json, db=self.db,
                                  operator=self.operator, redact=self.redact, params=params,
                                  track_snapshot=track_record.model_dump(mode="json")
                                  if track_record is not None else None,
                                  deliver=staged.publish)
        if rec.key_created is not None:
            pub = f"{rec.key_created}.pub"
            click.echo(f"perfdx:已创建审计签名密钥 {rec.key_created}(公钥 {pub}),用于签署决策日志"
                       f"的检查点:请将其与日志分开保管" if lang == "zh" else
                       f"perfdx: created the audit signing key {rec.key_created} (public key "
                       f"{pub}); it signs the decision log's checkpoints: keep it away from the "
                       f"log", err=True)
        if rec.existing:
            click.echo(f"perfdx:该决定已记录为 {rec.id}(位于 {rec.db};案例、知识库、perfdx 版本和"
                       f"选项均相同),不再重复记录" if lang == "zh" else
                       f"perfdx: already recorded as {rec.id} in {rec.db} (the same case, "
                       f"knowledge base, perfdx version and options): not recorded again",
                       err=True)
        elif lang == "zh":
            click.echo(f"perfdx:已记录为 {rec.id}(位于 {rec.db});审核前为草稿:perfdx audit "
                       f"review {rec.id} --by 姓名 --decision approve|reject|amend --note 说明",
                       err=True)
        else:
            click.echo(f"perfdx: recorded as {rec.id} in {rec.db}; a draft until reviewed: "
                       f"perfdx audit review {rec.id} --by NAME --decision "
                       f"approve|reject|amend --note TEXT", err=True)
        if rec.witness_problem:
            click.echo(f"perfdx: warning: {rec.witness_problem}", err=True)
        mode = rec.db.stat().st_mode & 0o777
        if mode & 0o077:  # a log someone else created, or chmod-ed: say so, every time
            click.echo(f"perfdx: warning: {rec.db} can be read by other users (mode {mode:o}); "
                       f"run: chmod 600 {rec.db}", err=True)
        return rec.id


def _redact_fields(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]
                   ) -> tuple[str, ...]:
    if not value:  # the usual case: no --redact, nothing to check (nor to import)
        return ()
    from engine.audit.errors import AuditError
    from engine.audit.redact import check_fields

    try:
        return tuple(check_fields(value))
    except AuditError as err:
        raise click.BadParameter(str(err)) from None


def _operator_name(_ctx: click.Context, _param: click.Parameter, value: str | None
                   ) -> str | None:
    """A name the log can hold: UTF-8 text on one line (an argument that is not UTF-8 reaches
    Python as lone surrogates, which no record can store)."""
    if value is not None and one_line(value) != value:
        raise InputError(f"--operator {shown(value)} is not a name: it holds bytes that are not "
                         "UTF-8 text, or control characters")
    return value


def record_options(f: F) -> F:
    """Add --no-record, --db, --operator and --redact; the command receives `record`."""

    @functools.wraps(f)
    def wrapper(*args: Any, no_record: bool, db: str | None, operator: str | None,
                redact: tuple[str, ...], **kwargs: Any) -> Any:
        request = RecordRequest(not no_record, db, operator, redact)
        return f(*args, record=request, **kwargs)

    options = [
        click.option("--no-record", is_flag=True,
                     help="Do not record this decision in the decision log."),
        db_option,
        click.option("--operator", metavar="NAME", envvar="PERFDX_OPERATOR", default=None,
                     callback=_operator_name,
                     help="Who ran perfdx, as the decision log records it. Default: "
                          "$PERFDX_OPERATOR, then your user name."),
        click.option("--redact", metavar="FIELD", multiple=True, callback=_redact_fields,
                     help="Store this case field as a keyed hash (repeat, or separate with "
                          "commas), e.g. employee.id, employee.name. A redacted record cannot "
                          "be replayed."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper

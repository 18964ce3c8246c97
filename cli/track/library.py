"""`perfdx library search|stats|export|import`: the case library of closed plans."""

from __future__ import annotations

import json
from pathlib import Path

import click

from engine.audit.store import AuditLog, default_operator
from engine.errors import InputError
from engine.i18n import Lang
from engine.tracking.library import (
    LibraryCase,
    Query,
    export_case,
    library_cases,
    parse_import,
    record_import,
    search,
    stats,
)
from engine.tracking.words import pct, t

from ..audit.commands import sign_after
from ..audit.trust import key_option
from ..options import lang_option, output_option
from ..output import emit
from ..record_options import db_option
from ..table import table

MIN_CASES = 3


@click.group()
def library() -> None:
    """The case library: closed plans (diagnosis, interventions, outcome, before/after), and
    cases imported from other offices, all read from the decision log.

    \b
    Plans closed as withdrawn are left out: nothing was tried to the end.
    """


def _case_row(c: LibraryCase, lang: Lang) -> list[str]:
    shares = [f.closed for f in c.figures if f.closed is not None]
    return [c.id, c.closed, c.role, ", ".join(c.patterns), ", ".join(c.interventions),
            t(c.outcome, lang), ", ".join(pct(s) for s in shares) or "-"]


@library.command("search")
@click.option("--pattern", metavar="PATTERN", help="Cases whose plan answered this cause.")
@click.option("--kpi", metavar="KPI", help="Cases with a goal on this KPI.")
@click.option("--role", metavar="TEXT", help="Cases whose role contains this text.")
@click.option("--text", metavar="QUERY", help="Words in the causes, interventions, notes and "
              "reasons (SQLite FTS5: words, \"a phrase\", OR, NOT, prefix*).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for a terminal, json for other programs.")
@db_option
@lang_option
@output_option
def search_(pattern: str | None, kpi: str | None, role: str | None, text: str | None,
            fmt: str, db: str | None, lang: Lang, output: str | None) -> None:
    """Find similar past cases by cause pattern, KPI, role and words (all filters must hold)."""
    with AuditLog.open(db, read_only=True) as log:
        found = search(library_cases(log), Query(pattern, kpi, role, text))
    if fmt == "json":
        emit("".join(json.dumps(c.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
                     + "\n" for c in found), output)
        return
    if not found:
        emit(t("l_none", lang) + "\n", output)
        return
    lines = table(t("l_headers", lang).split("|"), [_case_row(c, lang) for c in found], indent="")
    emit("\n".join(lines + [t("l_total", lang, n=len(found))]) + "\n", output)


@library.command("stats")
@click.option("--min-cases", type=click.IntRange(min=1), default=MIN_CASES, show_default=True,
              help="Below this many cases a line carries a caution.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for a terminal, json for other programs.")
@db_option
@lang_option
@output_option
def stats_(min_cases: int, fmt: str, db: str | None, lang: Lang, output: str | None) -> None:
    """Per cause pattern and intervention: how often the outcome was met, the median share of
    the shortfall closed, and n, with a caution below --min-cases."""
    with AuditLog.open(db, read_only=True) as log:
        found = stats(library_cases(log), min_cases)
    if fmt == "json":
        emit(json.dumps([s.__dict__ for s in found], indent=2) + "\n", output)
        return
    if not found:
        emit(t("s_none", lang) + "\n", output)
        return
    rows = [[s.pattern, s.intervention, str(s.n), str(s.met), pct(s.met / s.n),
             pct(s.median_closed) if s.median_closed is not None else "-",
             "" if s.enough else t("s_caution", lang, min=min_cases)] for s in found]
    lines = table(t("s_headers", lang).split("|"), rows, right=(2, 3, 4, 5), indent="")
    emit("\n".join(lines + [t("s_note", lang, min=min_cases)]) + "\n", output)


@library.command("export")
@click.option("--unredacted", is_flag=True, help="Keep plan, case and employee ids, the "
              "department and the notes (default: left out).")
@db_option
@output_option
def export_(unredacted: bool, db: str | None, output: str | None) -> None:
    """Export the library as JSON lines, for another office (redacted of names, ids and notes by
    default)."""
    with AuditLog.open(db, read_only=True) as log:
        cases = library_cases(log)
    emit("".join(json.dumps(export_case(c, not unredacted), ensure_ascii=False, sort_keys=True)
                 + "\n" for c in cases), output)


@library.command("import")
@click.argument("file", metavar="FILE.jsonl")
@click.option("--source", required=True, metavar="OFFICE",
              help="Where the cases come from (kept with each case).")
@db_option
@key_option
@lang_option
def import_(file: str, source: str, db: str | None, key: str | None, lang: Lang) -> None:
    """Import cases from another office's 'library export'. Every line is checked first: a bad
    one is reported as FILE:LINE and nothing is imported. Cases already in the library are
    skipped. The import is a record of the decision log."""
    path = Path(file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read: {getattr(err, 'strerror', None) or err}",
                         file=file) from None
    cases = parse_import(text.splitlines(), file, source)
    with AuditLog.open(db, create=True) as log:
        row, n = record_import(log, cases, source=source, operator=default_operator())
        if row is not None:
            sign_after(log, key, lang)
    if row is None:
        click.echo(t("imported_none", lang, n=len(cases), file=file))
    else:
        click.echo(t("imported", lang, n=n, file=file, id=row.id, skipped=len(cases) - n))

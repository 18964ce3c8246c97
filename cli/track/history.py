"""`perfdx track history PLAN_ID`: the plan as issued and every tracking record about it, in the
order recorded, each change with its earlier and new value (the plan's history)."""

from __future__ import annotations

import datetime as dt
import json

import click

from engine.audit.store import AuditLog
from engine.audit.words import w
from engine.i18n import Lang
from engine.tracking.history import Tracked, load_tracked
from engine.tracking.progress import CheckinEntry, status
from engine.tracking.words import t

from ..options import lang_option, output_option
from ..output import emit
from ..record_options import db_option
from .render import change_line, checkin_line


def render_history(tracked: Tracked, lang: Lang) -> str:
    plan = tracked.plan
    st = status(tracked, max([plan.start] + [dt.date.fromisoformat(r.data["date"])
                                              for r in tracked.records if "date" in r.data]))
    changes = {c.id: c for c in st.changes}
    out = [t("h_history", lang, plan=tracked.id),
           f"  [{tracked.id}] " + t("issued", lang, start=plan.start.isoformat(),
                                    end=plan.end.isoformat(), goals=len(plan.goals),
                                    state=w(tracked.review_state, lang))]
    for r in tracked.records:
        day = str(r.data.get("date", ""))
        if r.kind == "checkin":
            entry = CheckinEntry(id=r.id, date=dt.date.fromisoformat(day),
                                 kpis=r.data.get("kpis") or {},
                                 training=r.data.get("training") or [], note=r.data.get("note"),
                                 entered_by=(r.data.get("entered_by") or {}).get("account"))
            out.append(f"  [{r.id}] {t('k_checkin', lang, date=day)}: "
                       + checkin_line(entry, lang).split("] ", 1)[1])
        elif r.kind == "adjustment":
            lines = [change_line(c, st, lang).split("] ", 1)[1]
                     for c in st.changes if c.id == r.id] if r.id in changes else []
            out.append(f"  [{r.id}] {t('k_adjustment', lang, date=day)}")
            out += [f"    {line}" for line in lines]
        elif r.kind == "closing":
            out.append(f"  [{r.id}] " + t("k_closing", lang, date=day,
                                          outcome=r.data.get("outcome")))
        else:
            out.append(f"  [{r.id}] {t('k_' + r.kind, lang, date=day)}")
    return "\n".join(out) + "\n"


@click.command("history")
@click.argument("plan_id", metavar="PLAN_ID")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for a terminal, json for other programs.")
@db_option
@lang_option
@output_option
def history(plan_id: str, fmt: str, db: str | None, lang: Lang, output: str | None) -> None:
    """The plan's history: the plan as issued, then every check-in, change (earlier and new
    value, reason), monthly review and closing, in the order recorded."""
    with AuditLog.open(db, read_only=True) as log:
        tracked = load_tracked(log, plan_id)
    if fmt == "json":
        doc = {"plan": tracked.id, "review_state": tracked.review_state,
               "records": [{"id": r.id, "kind": r.kind, "content": r.data}
                           for r in tracked.records]}
        emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", output)
        return
    emit(render_history(tracked, lang), output)

"""`perfdx track status` as text and Markdown: goals against their milestone path (with the
rule that decides), training against the schedule, check-ins held and missed."""

from __future__ import annotations

from engine.audit.words import w
from engine.i18n import Lang
from engine.plan.gaps import amount
from engine.tracking.progress import ChangeEntry, CheckinEntry, GoalProgress, Status
from engine.tracking.words import pct, t


def goal_lines(g: GoalProgress, lang: Lang) -> tuple[str, list[str]]:
    """(heading, detail lines) of one goal."""
    head = f"{g.goal} {g.name}: {t(g.state, lang)}"
    lines: list[str] = []
    if g.kind != "result" or g.baseline is None or g.target is None:
        return head, lines
    if g.latest is not None and g.closed is not None and g.expected is not None:
        lines.append(t("latest", lang, value=amount(g.latest.value, g.unit),
                       date=g.latest.date.isoformat(), closed=pct(g.closed),
                       baseline=amount(g.baseline, g.unit), target=amount(g.target, g.unit),
                       due=g.due.isoformat(), expected=pct(g.expected)))
    else:
        lines.append(t("baseline_target", lang, baseline=amount(g.baseline, g.unit),
                       target=amount(g.target, g.unit), due=g.due.isoformat()))
    if g.next_milestone is not None:
        lines.append(t("next_point", lang, value=amount(g.next_milestone.value, g.unit),
                       date=g.next_milestone.date.isoformat()))
    return head, lines


def _session_state(s_done: str | None, due_passed: bool, lang: Lang) -> str:
    if s_done:
        return t("done_on", lang, date=s_done)
    return t("overdue", lang) if due_passed else t("not_yet", lang)


def training_lines(st: Status, lang: Lang) -> tuple[str, list[str]]:
    tr = st.training
    if not tr.sessions:
        return t("no_training", lang), []
    head = t("training_sum", lang, done=f"{tr.hours_done:g}", total=f"{tr.hours_total:g}",
             due=f"{tr.hours_due:g}", as_of=st.as_of.isoformat())
    lines = [f"{s.id} " + t("session", lang, name=s.name, part=s.part, parts=s.parts,
                            hours=f"{s.hours:g}", due=s.due.isoformat()) + ": "
             + _session_state(s.done_on.isoformat() if s.done_on else None, s.due <= st.as_of,
                              lang) for s in tr.sessions]
    return head, lines


def checkin_summary(st: Status, lang: Lang) -> str:
    missed = ", ".join(d.isoformat() for d in st.checkins_missed) or t("none", lang)
    return t("checkin_sum", lang, held=len(st.checkins_due) - len(st.checkins_missed),
             due=len(st.checkins_due), as_of=st.as_of.isoformat(), missed=missed,
             next=st.next_checkin.isoformat() if st.next_checkin else t("none", lang))


def checkin_line(c: CheckinEntry, lang: Lang) -> str:
    parts = [f"{k} {v:g}" for k, v in c.kpis.items()]
    if c.training:
        parts.append(t("training_done", lang, ids=", ".join(c.training)))
    if c.note:
        parts.append(t("note", lang, text=c.note))
    who = t("entered_by", lang, who=c.entered_by or "?")
    if lang == "zh":
        return f"{c.date.isoformat()} [{c.id}] " + ";".join(parts) + f"({who})"
    return f"{c.date.isoformat()} [{c.id}] " + "; ".join(parts) + f" ({who})"


def _shown(value: object, unit: str | None) -> str:
    if isinstance(value, (int, float)):
        return amount(float(value), unit)
    if isinstance(value, list):
        return ", ".join(f"{d} {amount(float(v), unit)}" for d, v in value) or "-"
    return str(value)


def change_line(c: ChangeEntry, st: Status, lang: Lang) -> str:
    unit = next((g.unit for g in st.goals if g.goal == c.item), None)
    return t("change", lang, date=c.date.isoformat(), id=c.id, item=c.item,
             field=t(f"f_{c.field}", lang), before=_shown(c.before, unit),
             after=_shown(c.after, unit), reason=c.reason)


def header_lines(st: Status, lang: Lang) -> list[str]:
    out = [t("period", lang, start=st.start.isoformat(), end=st.end.isoformat(),
             as_of=st.as_of.isoformat()), w(st.review_state, lang)]
    if st.closed:
        out.append(t("closed", lang, outcome=st.closed))
    return out


def title(st: Status, lang: Lang) -> str:
    return t("title", lang, plan=st.plan, employee=st.employee, role=st.role, case=st.case_id)


def render_text(st: Status, lang: Lang) -> str:
    out = [title(st, lang)] + header_lines(st, lang) + ["", t("h_goals", lang)]
    for g in st.goals:
        head, lines = goal_lines(g, lang)
        out.append(f"  {head}")
        out += [f"    {line}" for line in lines]
    out += [t("rule", lang, tol=round(st.tolerance * 100)), ""]
    head, lines = training_lines(st, lang)
    out += [f"{t('h_training', lang)}: {head}"] + [f"  {line}" for line in lines] + [""]
    out.append(f"{t('h_checkins', lang)}: {checkin_summary(st, lang)}")
    out += [f"  {checkin_line(c, lang)}" for c in st.checkins] or [f"  {t('no_checkins', lang)}"]
    if st.changes:
        out += ["", f"{t('h_changes', lang)}:"] + [f"  {change_line(c, st, lang)}"
                                                  for c in st.changes]
    return "\n".join(out) + "\n"


def render_markdown(st: Status, lang: Lang) -> str:
    out = [f"# {title(st, lang)}", ""] + [f"{line}  " for line in header_lines(st, lang)]
    out += ["", f"## {t('h_goals', lang)}", ""]
    for g in st.goals:
        head, lines = goal_lines(g, lang)
        out.append(f"- **{head}**")
        out += [f"  - {line}" for line in lines]
    out += ["", f"*{t('rule', lang, tol=round(st.tolerance * 100))}*", "",
            f"## {t('h_training', lang)}", ""]
    head, lines = training_lines(st, lang)
    out += [head, ""] + [f"- {line}" for line in lines]
    out += (["", f"## {t('h_checkins', lang)}", "", checkin_summary(st, lang), ""]
            + ([f"- {checkin_line(c, lang)}" for c in st.checkins]
               or [t("no_checkins", lang)]))
    if st.changes:
        out += ["", f"## {t('h_changes', lang)}", ""] + [f"- {change_line(c, st, lang)}"
                                                         for c in st.changes]
    return "\n".join(out).rstrip("\n") + "\n"

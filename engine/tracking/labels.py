"""Names of a plan's KPIs, areas and courses in the language asked for, from the knowledge base
the plan was made with (stored in the decision log), so a plan drafted in English can be
tracked in Chinese. Where that knowledge base cannot be restored, the plan's own names are used."""

from __future__ import annotations

from ..audit.snapshots import restore_kb
from ..audit.store import AuditLog
from ..errors import PerfdxError
from ..explain.wording import label
from ..i18n import Lang
from .history import Tracked


def plan_labels(log: AuditLog, tracked: Tracked, lang: Lang) -> dict[str, str]:
    out = {g.metric: g.metric_name for g in tracked.plan.goals}
    out.update({s.course: s.course_name for s in tracked.plan.training})
    if tracked.plan.lang == lang or tracked.kb_hash is None:
        return out
    try:
        kb = restore_kb(log, tracked.kb_hash)
    except PerfdxError:
        return out
    for g in tracked.plan.goals:
        name = label(kb, "kpi" if g.kind == "result" else "area", g.metric, lang)
        out[g.metric] = name[:1].upper() + name[1:] if lang == "en" else name
    for s in tracked.plan.training:
        course = kb.courses.get(s.course)
        if course is not None:
            out[s.course] = course.name.get(lang)
    return out

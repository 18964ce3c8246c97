"""HOW explanations of a recorded diagnosis, rebuilt from the record when it cannot be re-run.

A redacted record cannot be replayed, yet its auditor still needs to see how each cause was
concluded: the stored diagnosis has every contribution and the trace has the facts each rule
matched, and the stored KB has the rules' titles, rationale, source and file:line.
"""

from __future__ import annotations

from typing import Any

from ..explain.how_why_not import FactLine, HowCause, HowExplanation, RuleLine
from ..explain.wording import label
from ..i18n import Lang
from ..kb.base import KnowledgeBase
from ..reasoning.scope import input_id


def _gap_names(result: dict[str, Any], kb: KnowledgeBase, lang: Lang) -> dict[str, str]:
    names = {}
    for g in result.get("gaps", []):
        subject = label(kb, "kpi", g["kpi"], lang) if g.get("kpi") else \
            label(kb, "area", g.get("area") or "", lang)
        names[str(g["id"])] = f"{subject} gap" if lang == "en" else f"{subject}差距"
    return names


def _input_names(case: dict[str, Any], kb: KnowledgeBase, lang: Lang) -> dict[str, str]:
    """Input fact ids (metric-1, rating-2, observation-3) as words, from the stored case."""
    out = {}
    for i, m in enumerate(case.get("metrics") or []):
        out[f"metric-{i + 1}"] = (f"{label(kb, 'kpi', m['kpi'], lang)}: {m['target']:g} -> "
                                  f"{m['actual']:g}")
    for i, r in enumerate(case.get("ratings") or []):
        out[f"rating-{i + 1}"] = (f"{label(kb, 'dimension', r['dimension'], lang)} "
                                  f"({r['source']}): {r['score']:g}/{r.get('scale', 5):g}")
    for i, o in enumerate(case.get("observations") or []):
        out[f"observation-{i + 1}"] = f"{label(kb, 'observation', o['name'], lang)}: {o['value']}"
    return out


def how_from_record(result: dict[str, Any], kb: KnowledgeBase, lang: Lang,
                    case: dict[str, Any] | None = None) -> list[HowExplanation]:
    """One explanation per concluded pattern, from the recorded diagnosis and trace."""
    names = _gap_names(result, kb, lang)
    inputs = _input_names(case or {}, kb, lang)
    severity = {str(g["id"]): str(g.get("severity")) for g in result.get("gaps", [])}
    steps = [s for s in result.get("trace", {}).get("steps", []) if s.get("kind") == "fire"]
    rules = {r.id: r for r in kb.rules}
    causes: dict[str, list[HowCause]] = {}
    threshold = float(result.get("report_threshold", kb.settings.report_threshold))
    for cause in result.get("causes", []):
        pattern, gap = str(cause["pattern"]), str(cause["gap"])
        lines = []
        for c in cause.get("contributions", []):
            rule = rules.get(c["rule"])
            matched: dict[str, str] = next((s.get("matched", {}) for s in steps if s.get("rule") == c["rule"]
                            and (s.get("asserted") or {}).get("gap") == gap), {})
            facts = [FactLine(id=fid, summary=(f"{names[fid]}: {severity[fid]}" if fid in names
                                               else inputs.get(fid, fid)),
                              origin="recorded trace")
                     for _alias, fid in ((a, input_id(f)) for a, f in sorted(matched.items()))]
            lines.append(RuleLine(
                rule=c["rule"], title=rule.title.get(lang) if rule else c["rule"],
                stage=c.get("stage", ""), location=rule.location if rule else "?",
                certainty=c.get("certainty"),
                rationale=rule.rationale.get(lang) if rule and rule.rationale else None,
                source=rule.source if rule else None, matched=facts))
        causes.setdefault(pattern, []).append(HowCause(
            gap=gap, gap_name=names.get(gap, gap), certainty=float(cause["certainty"]),
            reported=True, rules=lines))
    return [HowExplanation(pattern=p, name=label(kb, "pattern", p, lang), threshold=threshold,
                           causes=c) for p, c in causes.items()]

"""The loaded knowledge base as plain data (for `perfdx kb show` and for diffs)."""

from __future__ import annotations

from typing import Any

from ..errors import InputError, did_you_mean, shown
from ..kb.base import KnowledgeBase
from ..kb.rules import Rule


def rule_data(rule: Rule) -> dict[str, Any]:
    raw = dict(rule.raw or {})
    return {
        "id": rule.id,
        "stage": rule.stage,
        "title": rule.title.model_dump(),
        "location": rule.location,
        "when": raw.get("when"),
        "then": raw.get("then"),
        "concludes": [c.describe() for c in rule.conclusions],
        "rationale": rule.rationale.model_dump() if rule.rationale else None,
        "source": rule.source,
    }


def _entries(kb: KnowledgeBase, section: str) -> list[dict[str, Any]]:
    items = getattr(kb, section)
    return [dict(entry.model_dump(exclude_none=True), location=kb.location(section, key))
            for key, entry in items.items()]


def kb_data(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "kb_hash": kb.hash,
        "root": str(kb.root),
        "files": [f.path for f in kb.files],
        "patterns": _entries(kb, "patterns"),
        "rules": [rule_data(r) for r in kb.rules],
        "interventions": _entries(kb, "interventions"),
        "trainings": _entries(kb, "courses"),
        "kpis": _entries(kb, "kpis"),
        "observations": _entries(kb, "observations"),
        "dimensions": _entries(kb, "dimensions"),
        "areas": _entries(kb, "areas"),
        "owners": _entries(kb, "owners"),
        "settings": kb.settings.model_dump(),
        "warnings": [p.compiler_line() for p in kb.warnings],
    }


# The parts of a KB `kb show --section` can show, in the order the text shows them: first what a
# case names (KPIs, observations, rating dimensions, concern areas), then what perfdx concludes
# (patterns, interventions, courses), then the rules. Each maps to its key in `kb_data`.
SECTIONS: dict[str, str] = {
    "kpis": "kpis",
    "observations": "observations",
    "dimensions": "dimensions",
    "areas": "areas",
    "patterns": "patterns",
    "interventions": "interventions",
    "courses": "trainings",
    "rules": "rules",
}


def pick_section(name: str | None) -> list[str]:
    """The sections to show: all of them, or the one named (InputError for an unknown name)."""
    if name is None:
        return list(SECTIONS)
    if name in SECTIONS:
        return [name]
    close = did_you_mean(name, SECTIONS)
    raise InputError(f"unknown section {shown(name)}", field="--section",
                     hint=(close + " " if close else "") + "the sections are "
                     + ", ".join(SECTIONS))

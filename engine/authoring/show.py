"""The loaded knowledge base as plain data (for `perfdx kb show` and for diffs)."""

from __future__ import annotations

from typing import Any

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

"""The KnowledgeBase value: everything loaded from one KB directory, immutable, with its hash."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import Problem
from .contraindications import Contraindication
from .models import (
    Area,
    Course,
    Dimension,
    Intervention,
    Kpi,
    Observation,
    Owner,
    Pattern,
    Settings,
)
from .rules import Rule


@dataclass(frozen=True)
class KBFile:
    path: str  # relative to the KB root, with forward slashes
    data: bytes


@dataclass(frozen=True)
class KnowledgeBase:
    root: Path
    hash: str  # sha256 over the sorted (relative path, bytes) pairs of the files loaded
    files: tuple[KBFile, ...]
    kpis: Mapping[str, Kpi]
    patterns: Mapping[str, Pattern]
    interventions: Mapping[str, Intervention]
    courses: Mapping[str, Course]
    observations: Mapping[str, Observation]
    dimensions: Mapping[str, Dimension]
    areas: Mapping[str, Area]
    owners: Mapping[str, Owner]
    settings: Settings
    sections: Mapping[str, Any]  # other validated sections (e.g. plan_policy), by name
    rules: tuple[Rule, ...]
    warnings: tuple[Problem, ...]
    where: Mapping[tuple[str, str], tuple[str, int]]  # (section, id) -> (file, line)
    # `team_rules:` entries as written (file, node with positions, index); engine/team parses
    # and checks them, since their facts are a team's aggregates, not one case's
    team_rule_nodes: tuple[tuple[str, Any, int], ...] = ()
    # intervention id -> when it does not help (kb/contraindications.py)
    contraindications: Mapping[str, tuple[Contraindication, ...]] = field(
        default_factory=lambda: MappingProxyType({}))

    @property
    def short_hash(self) -> str:
        return self.hash[:12]

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def location(self, section: str, entry_id: str) -> str:
        file, line = self.where.get((section, entry_id), ("?", 0))
        return f"{file}:{line}"

    def rules_for(self, stage: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.stage == stage)


def frozen(mapping: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))

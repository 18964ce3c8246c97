"""Errors only visible across rules: conditions that can never hold and duplicated rules.

The loader runs these after parsing the rules, so `perfdx diagnose` refuses such a KB as it
refuses any other error, and `perfdx kb check` reports them with the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import Problem
from .contradictions import contradiction_problems
from .models import Settings
from .overlap import Written, duplicate_problems
from .rules import Rule


def rule_set_errors(rules: Sequence[Rule], settings: Settings, positions: Written
                    ) -> list[Problem]:
    """E130 (seen across a rule or from how the engine builds facts) and E131."""
    return contradiction_problems(rules, settings) + duplicate_problems(tuple(rules), positions)

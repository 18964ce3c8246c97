"""A post hook for the batch pool's crash test: it kills its worker on one employee, the way a
segfault in the rule engine's C code would."""

from __future__ import annotations

import os
from typing import Any

from engine.explain.analysis import Analysis

CRASH_ON = "E00003"


def crash_on_one(analysis: Analysis, lang: str) -> dict[str, Any]:
    if analysis.diagnosis.employee.id == CRASH_ON:
        os._exit(3)
    return {}

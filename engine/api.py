"""The engine's front door: from a case (file or data) and a KB to a Diagnosis."""

from __future__ import annotations

import os

from .case import LoadedCase, check_case, load_case
from .explain.analysis import Analysis
from .explain.assemble import build_diagnosis
from .kb.base import KnowledgeBase
from .kb.load import load_kb
from .reasoning.crosscheck import cross_check as run_cross_check
from .reasoning.facts import build_facts
from .reasoning.inference import infer

__all__ = ["Analysis", "analyse", "analyse_file", "cross_check_default"]


def cross_check_default() -> bool:
    """The test suite sets PERFDX_CROSS_CHECK=1 so that every diagnosis it makes is cross-checked."""
    return os.environ.get("PERFDX_CROSS_CHECK") == "1"


def analyse(loaded: LoadedCase, kb: KnowledgeBase, *, cross_check: bool | None = None
            ) -> Analysis:
    """Diagnose a validated case. Raises InputError, EngineError or CrossCheckError."""
    if cross_check is None:
        cross_check = cross_check_default()
    check_case(loaded, kb)
    inputs = build_facts(loaded, kb)
    result = infer(kb, inputs)
    checked = run_cross_check(kb, result.working_memory, result.fired) if cross_check else None
    return Analysis(loaded, kb, result, build_diagnosis(loaded, kb, result), checked)


def analyse_file(case_path: str, kb_dir: str | os.PathLike[str] | None = None, *,
                 cross_check: bool | None = None) -> Analysis:
    kb = load_kb(kb_dir)
    return analyse(load_case(case_path), kb, cross_check=cross_check)

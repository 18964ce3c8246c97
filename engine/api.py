"""The engine's front door: from a case (file or data) and a KB to a Diagnosis."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from .case import LoadedCase, check_case, load_case
from .explain.analysis import Analysis
from .explain.assemble import build_diagnosis
from .kb.base import KnowledgeBase
from .kb.load import load_kb
from .reasoning.crosscheck import cross_check as run_cross_check
from .reasoning.facts import build_facts
from .reasoning.inference import infer

if TYPE_CHECKING:
    from .explain.track_record import TrackRecord

__all__ = ["Analysis", "TrackRecord", "analyse", "analyse_file", "cross_check_default", "cross_checking"]


def __getattr__(name: str) -> Any:
    """TrackRecord is imported on first use: a diagnosis without one never needs it."""
    if name == "TrackRecord":
        from .explain.track_record import TrackRecord

        return TrackRecord
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Every diagnosis is cross-checked (the reference evaluator must find exactly the activations
# durable_rules fired) unless a caller turns it off: a disagreement must never become a quiet
# answer. A command turns it off for everything it runs with `cross_checking(False)`
# (`--no-cross-check`), so engine functions that analyse cases need no flag of their own.
_CROSS_CHECK: ContextVar[bool] = ContextVar("perfdx_cross_check", default=True)


def cross_check_default() -> bool:
    """Whether `analyse` cross-checks when its caller does not say: True unless turned off."""
    return _CROSS_CHECK.get()


@contextmanager
def cross_checking(enabled: bool) -> Iterator[None]:
    """Within the block, `analyse` cross-checks (or not) by default."""
    token = _CROSS_CHECK.set(enabled)
    try:
        yield
    finally:
        _CROSS_CHECK.reset(token)


def analyse(loaded: LoadedCase, kb: KnowledgeBase, *, cross_check: bool | None = None,
            track_record: TrackRecord | None = None) -> Analysis:
    """Diagnose a validated case. Raises InputError, EngineError or CrossCheckError.
    `track_record`: the case library's record (engine/tracking builds it), which orders
    interventions of equal priority; none: the usual order."""
    if cross_check is None:
        cross_check = cross_check_default()
    check_case(loaded, kb)
    inputs = build_facts(loaded, kb)
    result = infer(kb, inputs)
    checked = run_cross_check(kb, result.working_memory, result.fired) if cross_check else None
    return Analysis(loaded, kb, result, build_diagnosis(loaded, kb, result, track_record),
                    checked, track_record)


def analyse_file(case_path: str, kb_dir: str | os.PathLike[str] | None = None, *,
                 cross_check: bool | None = None) -> Analysis:
    kb = load_kb(kb_dir)
    return analyse(load_case(case_path), kb, cross_check=cross_check)

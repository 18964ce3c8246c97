"""The track record the case library hands to the next analysis (engine/explain/track_record.py
says how it orders interventions): per cause pattern and intervention, closed cases and how
many met their goal."""

from __future__ import annotations

from ..audit.store import AuditLog
from ..explain.track_record import TrackEntry, TrackRecord
from .library import library_cases, stats


def track_record(log: AuditLog) -> TrackRecord:
    """The library's record now (every pair, however few its cases: the analysis applies
    min_track_record from the knowledge base it runs with)."""
    return TrackRecord(entries=[TrackEntry(pattern=s.pattern, intervention=s.intervention,
                                           n=s.n, met=s.met)
                                for s in stats(library_cases(log), 1)])

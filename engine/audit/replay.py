"""Replay: re-run a recorded decision with the KB and case it used, or with another KB.

Each decision kind registers how its result is recomputed from (case, KB, params); `diagnose` is
built in. A command that records another kind (`plan`) registers its own with
`register_replayer`, or `audit replay` says it cannot replay that kind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..api import Analysis, TrackRecord, analyse
from ..case import LoadedCase, parse_case
from ..kb.base import KnowledgeBase
from ..kb.load import load_kb
from ..plan import build_plan
from .errors import AuditError
from .record import DECISION_KINDS, track_snapshot_row
from .snapshots import restore_kb
from .store import AuditLog, Row

Replayer = Callable[[LoadedCase, KnowledgeBase, Mapping[str, Any]], str]
# The params key under which a replayer receives the track record the decision used (never
# stored in params: the record names the snapshot by its hash).
TRACK_PARAM = "_track_record"


def _track(params: Mapping[str, Any]) -> TrackRecord | None:
    found = params.get(TRACK_PARAM)
    return found if isinstance(found, TrackRecord) else None


def _diagnose(loaded: LoadedCase, kb: KnowledgeBase, params: Mapping[str, Any]) -> str:
    return analyse(loaded, kb, track_record=_track(params)).diagnosis.to_json()


def plan_params(start: dt.date | None, lang: str, interview: bool) -> dict[str, Any]:
    """What a plan depends on besides its case and KB, stored with its record."""
    return {"start": start.isoformat() if start else None, "lang": lang,
            "strict": not interview}


def _plan(loaded: LoadedCase, kb: KnowledgeBase, params: Mapping[str, Any]) -> str:
    start = params.get("start")
    drafted = build_plan(analyse(loaded, kb, track_record=_track(params)),
                         start=dt.date.fromisoformat(start) if start else None,
                         lang=params.get("lang", "en"), strict=params.get("strict", True))
    return drafted.to_json()


_REPLAYERS: dict[str, Replayer] = {"diagnose": _diagnose, "plan": _plan}
MISSING = object()  # a JSON path present on one side only


def register_replayer(kind: str, replayer: Replayer) -> None:
    """Say how to recompute a `kind` record's result JSON from its case, KB and params."""
    _REPLAYERS[kind] = replayer


def _purged_by(log: AuditLog, row: Row) -> str:
    for purge in log.rows("kind = 'purge' AND content IS NOT NULL"):
        if row.id in (purge.data() or {}).get("purged", []):
            return f" (purge record {purge.id})"
    return ""


def check_replayable(log: AuditLog, row: Row) -> None:
    """Raise an AuditError saying why this record cannot be re-run, if it cannot."""
    if row.kind not in DECISION_KINDS:
        about = f" about {row.subject}" if row.subject else ""
        raise AuditError(f"record {row.id} is a {row.kind} record{about}, not a decision",
                         hint="replay the decision it refers to" if row.subject else None)
    if row.purged:
        raise AuditError(f"record {row.id} cannot be replayed: its case was purged under the "
                         f"retention policy{_purged_by(log, row)}")
    redacted = (row.data() or {}).get("redacted") or []
    if redacted:
        raise AuditError(f"record {row.id} cannot be replayed: it was recorded with case "
                         f"fields hashed (--redact {','.join(redacted)})")
    if row.kind not in _REPLAYERS:
        raise AuditError(f"record {row.id} cannot be replayed: this perfdx does not know how "
                         f"to re-run {row.kind} records")


def stored_case(row: Row) -> LoadedCase:
    data = row.data() or {}
    return parse_case(data.get("case"), f"audit record {row.id}")


def rerun(log: AuditLog, row: Row, kb: KnowledgeBase | None = None, *,
          lang: str | None = None) -> str:
    """The result JSON the record's case gives now, with its own KB or the one given (and, for
    a plan, worded in `lang` instead of the language it was recorded in)."""
    check_replayable(log, row)
    base = kb if kb is not None else restore_kb(log, str(row.kb_hash))
    params: dict[str, Any] = dict((row.data() or {}).get("params") or {})
    if lang is not None:
        params["lang"] = lang
    track = stored_track_record(log, row)
    if track is not None:
        params[TRACK_PARAM] = track
    return _REPLAYERS[row.kind](stored_case(row), base, params)


def stored_track_record(log: AuditLog, row: Row) -> TrackRecord | None:
    """The track-record snapshot a decision used, from the log (None: it used none)."""
    digest = (row.data() or {}).get("track_record")
    if not digest:
        return None
    found = track_snapshot_row(log, str(digest))
    if found is None or not found.intact:
        raise AuditError(f"record {row.id} cannot be replayed: the track-record snapshot it "
                         f"used ({str(digest)[:12]}) is missing or altered",
                         hint="'perfdx audit verify' names what was altered")
    return TrackRecord.model_validate(found.data())


def rebuild(log: AuditLog, row: Row) -> Analysis:
    """The full analysis behind a replayable diagnose record (for HOW explanations)."""
    check_replayable(log, row)
    return analyse(stored_case(row), restore_kb(log, str(row.kb_hash)),
                   track_record=stored_track_record(log, row))


# -- comparing ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    path: str  # e.g. causes[0].certainty
    recorded: Any  # MISSING when only the replay has it
    now: Any  # MISSING when only the record has it


def json_diff(a: Any, b: Any, path: str = "") -> list[Difference]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in list(a) + [k for k in b if k not in a]:
            sub = f"{path}.{key}" if path else str(key)
            out.extend(json_diff(a.get(key, MISSING), b.get(key, MISSING), sub))
        return out
    if isinstance(a, list) and isinstance(b, list):
        out = []
        for i in range(max(len(a), len(b))):
            out.extend(json_diff(a[i] if i < len(a) else MISSING,
                                 b[i] if i < len(b) else MISSING, f"{path}[{i}]"))
        return out
    if a is MISSING or b is MISSING or type(a) is not type(b) or a != b:
        return [Difference(path, a, b)]
    return []


@dataclass
class Replay:
    row: Row
    differences: list[Difference]

    @property
    def identical(self) -> bool:
        return not self.differences


def replay(log: AuditLog, row: Row) -> Replay:
    """Re-run a decision with its stored KB and case and compare with the recorded result."""
    now = json.loads(rerun(log, row))
    recorded = (row.data() or {}).get("result")
    return Replay(row, json_diff(recorded, now))


# -- what another KB would conclude -------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    key: tuple[str, str]  # (pattern, gap) for causes; (intervention, pattern) for recommendations
    before: float | None  # certainty (causes) or priority (recommendations); None: absent
    after: float | None


@dataclass
class WhatIf:
    row: Row
    kb: KnowledgeBase
    causes: list[Change] = field(default_factory=list)
    recommendations: list[Change] = field(default_factory=list)
    subjects: dict[str, str] = field(default_factory=dict)  # gap id -> its KPI or area
    # Results without causes and recommendations (a plan): every difference instead.
    differences: list[Difference] | None = None

    @property
    def same(self) -> bool:
        if self.differences is not None:
            return not self.differences
        return all(c.before == c.after for c in self.causes + self.recommendations)


def _changes(before: dict[tuple[str, str], float], after: dict[tuple[str, str], float]
             ) -> list[Change]:
    keys = list(before) + [k for k in after if k not in before]
    return [Change(k, before.get(k), after.get(k)) for k in keys]


def _index(result: Any, section: str, key: tuple[str, str], value: str
           ) -> dict[tuple[str, str], float]:
    items = result.get(section, []) if isinstance(result, dict) else []
    return {(str(i[key[0]]), str(i[key[1]])): float(i[value]) for i in items}


def what_if(log: AuditLog, row: Row, kb_dir: str | os.PathLike[str]) -> WhatIf:
    """What the KB in `kb_dir` concludes for the recorded case, beside what was recorded."""
    kb = load_kb(kb_dir)
    now = json.loads(rerun(log, row, kb))
    recorded = (row.data() or {}).get("result") or {}
    out = WhatIf(row, kb)
    if not isinstance(recorded, dict) or "causes" not in recorded:
        out.differences = json_diff(recorded, now)
        return out
    out.causes = _changes(_index(recorded, "causes", ("pattern", "gap"), "certainty"),
                          _index(now, "causes", ("pattern", "gap"), "certainty"))
    out.recommendations = _changes(
        _index(recorded, "recommendations", ("intervention", "pattern"), "priority"),
        _index(now, "recommendations", ("intervention", "pattern"), "priority"))
    for result in (recorded, now):
        for gap in result.get("gaps", []):
            out.subjects[str(gap["id"])] = str(gap.get("kpi") or gap.get("area") or gap["id"])
    return out

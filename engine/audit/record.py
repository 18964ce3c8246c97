"""Recording a decision: the one function `diagnose` and `plan` call after they conclude.

Hook for a command that produces a decision (`perfdx plan`, ...)::

    from engine.audit.record import record_decision
    rec = record_decision("plan", loaded, kb, plan.to_json(), db=db, operator=operator,
                          redact=redact, params={"start": "2026-10-12"},
                          deliver=staged_output.publish)
    # rec.id goes to stderr; stdout stays what it would be without recording

`deliver` shows the result (writes stdout, renames the staged `-o` file) inside the transaction
that appends the record: if it fails, the record is rolled back, so a command that failed to
show its result leaves no record of it either.

and, so that `audit replay` can re-run it, register how to recompute the result from the stored
case, KB and params: ``engine.audit.replay.register_replayer("plan", fn)``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..case import LoadedCase
from ..kb.base import KnowledgeBase
from .redact import check_fields, redact
from .store import AuditLog, default_operator

DECISION_KINDS = ("diagnose", "plan")


@dataclass(frozen=True)
class Recorded:
    id: str
    db: Path
    record_hash: str


def decision_content(loaded: LoadedCase, result_json: str, *, redacted: Sequence[str] = (),
                     key: str = "", params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What a decision record holds: the validated case, the result JSON, how it was made."""
    case = loaded.case.model_dump(mode="json")
    result = json.loads(result_json)
    if redacted:
        case, result = redact(case, result, redacted, key)
    return {"case": case, "result": result, "redacted": list(redacted),
            "params": dict(params or {})}


def record_decision(kind: str, loaded: LoadedCase, kb: KnowledgeBase, result_json: str, *,
                    db: str | os.PathLike[str] | None = None, operator: str | None = None,
                    redact: Sequence[str] = (), params: Mapping[str, Any] | None = None,
                    now: dt.datetime | None = None,
                    deliver: Callable[[], None] | None = None) -> Recorded:
    """Append one decision (the case, the KB it used, its result JSON) to the decision log.

    `db`: --db (default $PERFDX_DB, then the user's data directory). `operator`: who ran it
    (default: the OS user). `redact`: case fields to store hashed (the record then cannot be
    replayed). `params`: the options that shaped the result, kept for replay. `deliver`: shows
    the result once the record is in place, before it is committed (a failure rolls it back).
    """
    fields = check_fields(redact)
    with AuditLog.open(db, create=True) as log:
        key = (log.meta("redaction_key") or "") if fields else ""
        content = decision_content(loaded, result_json, redacted=fields, key=key, params=params)
        with log.write():
            rid = log.append_locked(kind, content, operator=operator or default_operator(),
                                    kb=kb, now=now)
            if deliver is not None:
                deliver()
        row = log.get(rid)
        return Recorded(row.id, log.path, row.record_hash)


def record_batch(kind: str, items: Iterable[tuple[dict[str, Any], str]], kb: KnowledgeBase, *,
                 db: str | os.PathLike[str] | None = None, operator: str | None = None,
                 params: Mapping[str, Any] | None = None, now: dt.datetime | None = None,
                 deliver: Callable[[], None] | None = None) -> tuple[Path, list[str]]:
    """Record many decisions (validated case data, result JSON) as one batch: one write
    transaction, so the log holds all of them or none; each record's params name the batch.
    `deliver` runs inside the transaction once the records are in (e.g. moving the output
    folder into place): when it fails, nothing is recorded."""
    ids: list[str] = []
    with AuditLog.open(db, create=True) as log:
        with log.write():
            for case, result_json in items:
                content = {"case": case, "result": json.loads(result_json), "redacted": [],
                           "params": dict(params or {})}
                ids.append(log.append_locked(kind, content,
                                             operator=operator or default_operator(),
                                             kb=kb, now=now))
            if deliver is not None:
                deliver()
        return log.path, ids

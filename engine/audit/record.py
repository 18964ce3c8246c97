"""Recording a decision: the one function `diagnose` and `plan` call after they conclude.

Hook for a command that produces a decision (`perfdx plan`, ...)::

    from engine.audit.record import record_decision
    rec = record_decision("plan", loaded, kb, plan.to_json(), db=db, operator=operator,
                          redact=redact, params={"start": "2026-10-12"},
                          deliver=staged_output.publish)
    # rec.id goes to stderr; stdout stays what it would be without recording

`deliver` shows the result (writes stdout, renames the staged `-o` file) inside the transaction
that appends the record and signs its checkpoint: if it fails, both are rolled back, so a
command that failed to show its result leaves no record of it either.

and, so that `audit replay` can re-run it, register how to recompute the result from the stored
case, KB and params: ``engine.audit.replay.register_replayer("plan", fn)``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..case import LoadedCase
from ..kb.base import KnowledgeBase
from .chain import canonical
from .checkpoint import checkpoint_locked, witness
from .errors import AuditError
from .keys import redaction_key_path, signer_for_recording, witness_path, write_secret
from .redact import check_fields, redact
from .store import AuditLog, default_operator

DECISION_KINDS = ("diagnose", "plan")
# Follow-through records about a plan (written by engine/tracking, which comes after audit):
# the log only needs their names, to list, show and export them like the rest.
TRACKING_KINDS = ("checkin", "adjustment", "monthly", "closing", "followup")
# cases imported into the case library, and the track-record snapshots decisions used (no
# subject; a snapshot is found by its content hash, like a stored knowledge base)
LIBRARY_KINDS = ("library_import", "track_record")
# Options that change how a decision is shown, not what it is: not part of its key.
PRESENTATION = ("lang",)


@dataclass(frozen=True)
class Recorded:
    id: str
    db: Path
    record_hash: str
    existing: bool = False  # the same decision was already recorded: this is that record
    key_created: Path | None = None  # the signing key, if this recording created it
    checkpoint: int | None = None  # size of the checkpoint now covering the log
    witness_problem: str | None = None  # why the checkpoint could not be appended to the witness


def redaction_key(log: AuditLog, *, create: bool) -> str | None:
    """The key that hashes --redact fields of this log, kept beside the signing key."""
    path = redaction_key_path(log.log_id)
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        if not create:
            return None
    except OSError as err:
        raise AuditError(f"cannot read the redaction key: {err.strerror}", file=str(path)) from None
    try:
        write_secret(path, secrets.token_hex(32) + "\n")
    except FileExistsError:
        pass  # another process created it this very moment
    except OSError as err:
        raise AuditError(f"cannot create the redaction key: {err.strerror}",
                         file=str(path)) from None
    return path.read_text(encoding="ascii").strip()


def decision_keys(kind: str, case: Mapping[str, Any], kb_hash: str, params: Mapping[str, Any],
                  redacted: Sequence[str], track_record: str | None, secret: str
                  ) -> tuple[str, str]:
    """(decision key, basis key): what makes two runs the same decision, and the key the
    diagnosis of the same case would have (a plan's basis). Keyed with the redaction key when
    fields are redacted, so the key cannot be used to test guesses of the case."""
    def key(material: dict[str, Any]) -> str:
        data = canonical(material)
        if secret:
            return "hmac-sha256:" + hmac.new(secret.encode("ascii"), data,
                                             hashlib.sha256).hexdigest()
        return "sha256:" + hashlib.sha256(data).hexdigest()

    base = {"case": dict(case), "kb": kb_hash, "perfdx": __version__,
            "redact": sorted(redacted), "track_record": track_record}
    shaping = {k: v for k, v in sorted(params.items()) if k not in PRESENTATION}
    return (key({**base, "kind": kind, "params": shaping}),
            key({**base, "kind": "diagnose", "params": {}}))


def decision_content(loaded: LoadedCase, result_json: str, *, redacted: Sequence[str] = (),
                     key: str = "", params: Mapping[str, Any] | None = None,
                     basis: str | None = None, track_record: str | None = None
                     ) -> dict[str, Any]:
    """What a decision record holds: the validated case, the result JSON, how it was made."""
    case = loaded.case.model_dump(mode="json")
    result = json.loads(result_json)
    if redacted:
        case, result = redact(case, result, redacted, key)
    content: dict[str, Any] = {"case": case, "result": result, "redacted": list(redacted),
                               "params": dict(params or {})}
    if basis is not None:
        content["basis"] = basis
    if track_record is not None:
        content["track_record"] = track_record
    return content


def record_decision(kind: str, loaded: LoadedCase, kb: KnowledgeBase, result_json: str, *,
                    db: str | os.PathLike[str] | None = None, operator: str | None = None,
                    redact: Sequence[str] = (), params: Mapping[str, Any] | None = None,
                    now: dt.datetime | None = None, key: str | os.PathLike[str] | None = None,
                    witness_file: str | os.PathLike[str] | None = None, checkpoint: bool = True,
                    reuse: bool = True, track_record: str | None = None,
                    track_snapshot: Mapping[str, Any] | None = None,
                    deliver: Callable[[], None] | None = None) -> Recorded:
    """Append one decision (the case, the KB it used, its result JSON) to the decision log,
    unless the same decision is already there, and sign a checkpoint of the log.

    `db`: --db (default $PERFDX_DB, then the user's data directory). `operator`: who ran it
    (default: the OS user). `redact`: case fields to store hashed (the record then cannot be
    replayed). `params`: the options that shaped the result, kept for replay. `key`: the signing
    key (default $PERFDX_AUDIT_KEY, then the user's config directory; created on first use).
    `reuse`: a run with the same case, KB, kind, params, perfdx version, track record and
    redaction points to the record already made. `track_record`: the hash of the track-record
    snapshot the decision used, if any; `track_snapshot`: that snapshot itself, stored once in
    the log (a `track_record` record found by its content hash) and named by its hash. `deliver`:
    shows the result once the record is in place
    (or found), before it is committed (a failure rolls it back, checkpoint included).
    """
    fields = check_fields(redact)
    shaping = dict(params or {})
    case = loaded.case.model_dump(mode="json")
    if track_snapshot is not None:
        track_record = snapshot_hash(track_snapshot)
    with AuditLog.open(db, create=True) as log:
        secret = (redaction_key(log, create=True) or "") if fields else ""
        dkey, basis = decision_keys(kind, case, kb.hash, shaping, fields, track_record, secret)
        signer, key_file, created = signer_for_recording(key) if checkpoint else (None, None, False)
        content = decision_content(loaded, result_json, redacted=fields, key=secret,
                                   params=shaping, basis=basis if kind != "diagnose" else None,
                                   track_record=track_record)
        cp, new_cp, existing = None, False, False
        with log.write():
            if track_snapshot is not None and track_snapshot_row(log, str(track_record)) is None:
                log.append_locked("track_record", dict(track_snapshot),
                                  operator=operator or default_operator(), now=now)
            found = log.decision_for(dkey) if reuse else None
            if found is not None and found.kind == kind and found.intact:
                rid, existing = found.id, True
            else:
                rid = log.append_locked(kind, content, operator=operator or default_operator(),
                                        kb=kb, now=now, decision_key=dkey)
            if signer is not None:
                cp, new_cp = checkpoint_locked(log, signer, now)
            if deliver is not None:
                deliver()
        problem = None
        if cp is not None and new_cp:
            problem = witness(cp.note, witness_path(witness_file, key))
        row = log.get(rid)
        return Recorded(row.id, log.path, row.record_hash, existing,
                        key_file if created else None, cp.size if cp else None, problem)


def snapshot_hash(snapshot: Mapping[str, Any]) -> str:
    """A track-record snapshot's name: the sha256 of its canonical JSON (its record's content
    hash)."""
    return hashlib.sha256(canonical(dict(snapshot))).hexdigest()


def track_snapshot_row(log: AuditLog, digest: str) -> Any:
    """The `track_record` record holding the snapshot with this hash, or None."""
    found = log.rows("kind = 'track_record' AND content_hash = ?", (digest,))
    return found[0] if found else None


@dataclass(frozen=True)
class RecordedBatch:
    db: Path
    ids: list[str]  # in input order; a decision already in the log keeps its record
    reused: int  # decisions found in the log already (the same case, KB and perfdx)
    witness_problem: str | None = None


def record_batch(kind: str, items: Iterable[tuple[dict[str, Any], str]], kb: KnowledgeBase, *,
                 db: str | os.PathLike[str] | None = None, operator: str | None = None,
                 params: Mapping[str, Any] | None = None, now: dt.datetime | None = None,
                 key: str | os.PathLike[str] | None = None,
                 witness_file: str | os.PathLike[str] | None = None,
                 deliver: Callable[[], None] | None = None) -> RecordedBatch:
    """Record many decisions (validated case data, result JSON) as one batch: one write
    transaction and one signed checkpoint, so the log holds all of them or none. Each record's
    params name the batch; a decision is keyed like `perfdx diagnose` of the same case (the
    batch params are how it was run, not what shaped it), so a re-run points to the records
    already made. `deliver` runs inside the transaction once the records are in (moving the
    output folder into place): when it fails, nothing is recorded."""
    ids: list[str] = []
    reused = 0
    signer, _key_file, _created = signer_for_recording(key)
    with AuditLog.open(db, create=True) as log:
        cp, new_cp = None, False
        with log.write():
            for case, result_json in items:
                dkey, _basis = decision_keys(kind, case, kb.hash, {}, (), None, "")
                found = log.decision_for(dkey)
                if found is not None and found.kind == kind and found.intact:
                    ids.append(found.id)
                    reused += 1
                    continue
                content = {"case": case, "result": json.loads(result_json), "redacted": [],
                           "params": dict(params or {})}
                ids.append(log.append_locked(kind, content,
                                             operator=operator or default_operator(),
                                             kb=kb, now=now, decision_key=dkey))
            cp, new_cp = checkpoint_locked(log, signer, now)
            if deliver is not None:
                deliver()
        problem = witness(cp.note, witness_path(witness_file, key)) if new_cp else None
        return RecordedBatch(log.path, ids, reused, problem)

"""Proofs an employee can check: one record, its inclusion proof and the latest signed
checkpoint, in one JSON file that `check_proof` verifies offline with only the public key.

The check recomputes the content hash from the content, the record hash from the record's
fields, the Merkle leaf from those, the root from the inclusion proof (RFC 9162 2.1.3.2), and
checks the checkpoint's Ed25519 signature (C2SP signed note) over that root.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import merkle
from .chain import Header, canonical, sha256
from .checkpoint import checkpoint, latest, leaf
from .errors import AuditError
from .note import Checkpoint, NoteError, Signer, Verifier, open_note
from .store import AuditLog, Row

FORMAT = "perfdx-inclusion-proof/v1"
_HEADER = ("id", "kind", "created", "operator", "perfdx", "kb", "subject", "content", "prev")


def export_proof(log: AuditLog, row: Row, signer: Signer | None, witness_file: Any = None
                 ) -> tuple[dict[str, Any], bool]:
    """The proof document for one record: (document, whether a checkpoint was signed for it)."""
    if row.purged:
        raise AuditError(f"record {row.id} was purged: its content is gone, there is nothing to "
                         "prove")
    rows = log.rows()
    index = next(i for i, r in enumerate(rows) if r.id == row.id)
    cp = latest(log)
    signed = False
    if cp is None or cp.size <= index:
        if signer is None:
            raise AuditError(f"record {row.id} is not yet covered by a signed checkpoint",
                             hint="run 'perfdx audit checkpoint' with the signing key")
        cp, signed, _problem = checkpoint(log, signer, witness_file)
        rows = log.rows()
    leaves = [leaf(r) for r in rows[:cp.size]]
    if merkle.root(leaves).hex() != cp.root:
        raise AuditError("the log no longer matches its latest signed checkpoint",
                         file=str(log.path), hint="run 'perfdx audit verify'")
    doc = {
        "format": FORMAT, "log": log.origin,
        "record": row.header().as_dict(), "record_hash": row.record_hash,
        "content": row.content, "leaf_index": index, "tree_size": cp.size,
        "inclusion": [h.hex() for h in merkle.inclusion_proof(index, leaves)],
        "checkpoint": cp.note, "public_key": (log.meta("checkpoint_key") or ""),
    }
    return doc, signed


class ProofError(ValueError):
    """The proof does not hold; the message says which step failed."""


@dataclass(frozen=True)
class Proved:
    record: dict[str, Any]
    content: dict[str, Any]
    leaf_index: int
    tree_size: int
    log: str
    key: str


def check_proof(text: str, verifier: Verifier) -> Proved:
    """Verify a proof document against a public key; ProofError says what failed."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise ProofError(f"not a JSON file (line {err.lineno}): {err.msg}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ProofError(f"not a perfdx proof file (format {FORMAT})")
    record, content = doc.get("record"), doc.get("content")
    index, size, path = doc.get("leaf_index"), doc.get("tree_size"), doc.get("inclusion")
    if not (isinstance(record, dict) and set(record) == set(_HEADER) and isinstance(content, str)
            and isinstance(index, int) and isinstance(size, int) and isinstance(path, list)
            and all(isinstance(h, str) for h in path) and isinstance(doc.get("checkpoint"), str)):
        raise ProofError("the proof file lacks a field or has one of the wrong type")
    try:
        data = json.loads(content)
    except json.JSONDecodeError:
        raise ProofError("the decision's content is not JSON") from None
    if canonical(data).decode("utf-8") != content or sha256(content.encode("utf-8")) != \
            record["content"]:
        raise ProofError("the decision's content does not match the content hash in its record: "
                         "it was changed")
    header = Header(*(record[k] for k in _HEADER))
    if header.hash() != doc.get("record_hash"):
        raise ProofError("the record's fields do not match its record hash: they were changed")
    try:
        body = open_note(str(doc["checkpoint"]), verifier)
        cp = Checkpoint.parse(body)
    except NoteError as err:
        raise ProofError(f"the checkpoint does not verify with key {verifier.ref}: {err}"
                         ) from None
    if cp.origin != doc.get("log") or cp.size != size:
        raise ProofError("the checkpoint is for another log or another size than the proof says")
    try:
        hashes = [bytes.fromhex(h) for h in path]
    except ValueError:
        raise ProofError("the inclusion proof holds a value that is not a hash") from None
    if not merkle.verify_inclusion(index, size, leaf_of(header), hashes, cp.root):
        raise ProofError(f"the inclusion proof does not lead from this record to the root the "
                         f"checkpoint signs: the record is not entry {index + 1} of that log")
    return Proved(record, data, index, size, cp.origin, verifier.ref)


def leaf_of(header: Header) -> bytes:
    return merkle.leaf_hash(header.leaf_input())

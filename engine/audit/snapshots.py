"""Knowledge-base snapshots: every KB a decision used, stored once by content hash, restorable."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..kb.base import KBFile, KnowledgeBase
from ..kb.load import content_hash, load_kb
from .errors import AuditError
from .store import AuditLog


def snapshot_hash_ok(log: AuditLog, kb_hash: str) -> bool:
    """Do the stored files still hash to the snapshot's name?"""
    files = [KBFile(path, data) for path, data in log.snapshot_files(kb_hash)]
    return content_hash(files) == kb_hash


def write_snapshot(log: AuditLog, kb_hash: str, dest: Path) -> None:
    """Write the stored files of one KB under `dest` (rules/..., knowledge_base/...)."""
    files = log.snapshot_files(kb_hash)
    if not files:
        raise AuditError(f"knowledge base {kb_hash[:12]} is not stored in this log",
                         file=str(log.path), hint="'perfdx audit verify' checks the snapshots")
    for rel, data in files:
        target = dest / rel
        if ".." in Path(rel).parts or Path(rel).is_absolute():
            raise AuditError(f"knowledge base {kb_hash[:12]} holds an unsafe path {rel!r}",
                             file=str(log.path))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def restore_kb(log: AuditLog, kb_hash: str) -> KnowledgeBase:
    """Load a stored KB exactly as it was; refuses one whose files no longer match its hash."""
    with tempfile.TemporaryDirectory(prefix="perfdx-kb-") as tmp:
        write_snapshot(log, kb_hash, Path(tmp))
        kb = load_kb(tmp)
    if kb.hash != kb_hash:
        raise AuditError(f"the stored knowledge base {kb_hash[:12]} no longer matches its hash "
                         f"(it loads as {kb.short_hash})", file=str(log.path),
                         hint="it was altered; 'perfdx audit verify' reports it")
    return kb

"""Signed checkpoints: the tree size and root of the log, signed with a key kept outside it.

A checkpoint is stored in the log (table `checkpoints`) and appended to the witness file, which
can live elsewhere (a shared drive): whoever rewrites the log cannot sign a new checkpoint
without the key, and cannot unsign the ones the witness file holds. `verify` checks them all.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from . import merkle
from .errors import AuditError
from .note import Checkpoint, Signer, Verifier, sign_note
from .store import AuditLog, Row, utc_stamp


@dataclass(frozen=True)
class Signed:
    """One stored checkpoint."""

    seq: int
    size: int
    last_seq: int
    root: str  # hex
    created: str
    note: str
    frontier: str


def leaf(row: Row) -> bytes:
    return merkle.leaf_hash(row.leaf_input)


def checkpoints(log: AuditLog) -> list[Signed]:
    with log.guard():
        return [Signed(*r) for r in log.conn.execute(
            "SELECT seq, size, last_seq, root, created, note, frontier FROM checkpoints "
            "ORDER BY seq")]


def latest(log: AuditLog) -> Signed | None:
    with log.guard():
        r = log.conn.execute("SELECT seq, size, last_seq, root, created, note, frontier FROM "
                             "checkpoints ORDER BY seq DESC LIMIT 1").fetchone()
    return Signed(*r) if r else None


def _frontier(cp: Signed | None) -> merkle.Frontier:
    if cp is None:
        return merkle.Frontier()
    nodes = [bytes.fromhex(h) for h in cp.frontier.split(",") if h]
    return merkle.Frontier(cp.size, nodes)


def check_key(log: AuditLog, verifier: Verifier) -> None:
    """A log's checkpoints are all signed by one key: refuse to mix in another."""
    known = log.meta("checkpoint_key")
    if known is not None and known != verifier.text:
        raise AuditError(f"this log's checkpoints are signed by key {known.split('+')[0]}+"
                         f"{known.split('+')[1]}, not by {verifier.ref}", file=str(log.path),
                         hint="give --key (or $PERFDX_AUDIT_KEY) the key that signed them")


def checkpoint_locked(log: AuditLog, signer: Signer, now: dt.datetime | None = None
                      ) -> tuple[Signed, bool]:
    """Sign the log as it stands (the caller holds the write lock): (checkpoint, is it new?)."""
    verifier = signer.verifier
    check_key(log, verifier)
    last = latest(log)
    tree = _frontier(last)
    last_seq = last.last_seq if last else 0
    for row in log.rows("seq > ?", (last_seq,)):
        tree.append(leaf(row))
        last_seq = row.seq
    if last is not None and tree.size == last.size:
        return last, False
    root = tree.root()
    note = sign_note(Checkpoint(log.origin, tree.size, root).text(), signer)
    created = utc_stamp(now)
    frontier = ",".join(n.hex() for n in tree.nodes)
    conn = log.conn
    if log.meta("checkpoint_key") is None:
        conn.execute("INSERT INTO meta VALUES ('checkpoint_key', ?)", (verifier.text,))
    cur = conn.execute("INSERT INTO checkpoints (size, last_seq, root, created, note, frontier) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       (tree.size, last_seq, root.hex(), created, note, frontier))
    return Signed(int(cur.lastrowid or 0), tree.size, last_seq, root.hex(), created, note,
                  frontier), True


def witness(note: str, path: Path) -> str | None:
    """Append a signed checkpoint to the witness file; the reason it failed, or None."""
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(note + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as err:
        return f"cannot append to the witness file {path}: {err.strerror}"
    return None


def checkpoint(log: AuditLog, signer: Signer, witness_file: Path | None,
               now: dt.datetime | None = None) -> tuple[Signed, bool, str | None]:
    """Sign the log, store the checkpoint and append it to the witness file if it is new:
    (checkpoint, is it new?, a witness problem or None)."""
    with log.write():
        cp, new = checkpoint_locked(log, signer, now)
    problem = witness(cp.note, witness_file) if new and witness_file is not None else None
    return cp, new, problem

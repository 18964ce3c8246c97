"""What the signed checkpoints say about the log: every checkpoint stored in the log and every
one in the witness file must carry a valid signature of the trusted key and match the Merkle
root of the records as they are stored now.

The trusted key comes from outside the log: --pub, else the signing key file. Only when neither
exists is the key the log itself names used, and the report says so: whoever rewrites the log
could replace that one too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import merkle
from .checkpoint import Signed, checkpoints, leaf
from .findings import Finding
from .note import Checkpoint, NoteError, Verifier, open_note, split_notes
from .store import AuditLog, Row


@dataclass
class Attestation:
    key: str | None  # name+keyid of the key checked against; None: no key at all
    key_from_log: bool  # the key came from the log itself (not trusted)
    checkpoints: int = 0
    latest_size: int | None = None  # records the latest valid checkpoint covers
    witness: Path | None = None
    witness_found: bool = False
    witness_entries: int = 0
    findings: list[Finding] = field(default_factory=list)


def _when(created: str) -> str:
    return created[:19].replace("T", " ")


def attest(log: AuditLog, rows: list[Row], verifier: Verifier | None, key_from_log: bool,
           witness: Path | None) -> Attestation:
    out = Attestation(verifier.ref if verifier else None, key_from_log, witness=witness)
    stored = checkpoints(log)
    notes: list[str] = []
    if witness is not None and witness.exists():
        out.witness_found = True
        try:
            text = witness.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        notes = [n for n in split_notes(text) if n.startswith(log.origin + "\n")]
        out.witness_entries = len(notes)
    seen: dict[str, tuple[Checkpoint | None, str]] = {}

    def parse(note: str) -> tuple[Checkpoint | None, str]:  # the witness repeats the log's notes
        if note not in seen:
            seen[note] = _parse(note, verifier)
        return seen[note]

    parsed_w = [parse(n) for n in notes]
    sizes = {c.size for c in stored} | {cp.size for cp, _ in parsed_w if cp is not None}
    roots = _roots(rows, sizes)
    records = len(rows)
    rank = 0

    def add(code: str, where: str, **values: str) -> None:
        nonlocal rank
        rank += 1
        out.findings.append(Finding(code, None, values, where, rank, named=True))

    for a, b in zip([c.seq for c in stored], [c.seq for c in stored][1:], strict=False):
        if b != a + 1:
            add("cp_gap", "checkpoints", a=str(a), b=str(b))
    valid_sizes: list[int] = []
    for n, c in enumerate(stored, start=1):
        where = f"checkpoint {n} ({c.size} records)"
        cp, why = parse(c.note)
        if cp is None:
            add("cp_signature", where, n=str(n), size=str(c.size), reason=why)
            continue
        if cp.origin != log.origin:
            add("cp_origin", where, n=str(n), origin=cp.origin)
            continue
        if cp.size != c.size or cp.root.hex() != c.root:
            add("cp_columns", where, n=str(n))
        if cp.size > records:
            add("cp_beyond", where, n=str(n), size=str(cp.size), records=str(records))
        elif roots[cp.size] != cp.root:
            add("cp_mismatch", where, n=str(n), size=str(cp.size), when=_when(c.created),
                got=roots[cp.size].hex()[:12], signed=cp.root.hex()[:12])
        else:
            valid_sizes.append(cp.size)
    out.checkpoints = len(stored)
    in_log = {c.size for c in stored}
    for n, (cp, why) in enumerate(parsed_w, start=1):
        where = f"witness entry {n}"
        if cp is None:
            add("w_signature", where, n=str(n), reason=why)
        elif cp.size > records:
            add("w_beyond", where, n=str(n), size=str(cp.size), records=str(records))
        elif roots[cp.size] != cp.root:
            add("w_mismatch", where, n=str(n), size=str(cp.size), got=roots[cp.size].hex()[:12],
                signed=cp.root.hex()[:12])
        else:
            valid_sizes.append(cp.size)
            if cp.size not in in_log:
                add("w_absent", where, size=str(cp.size))
    out.latest_size = max(valid_sizes) if valid_sizes else None
    return out


def _parse(note: str, verifier: Verifier | None) -> tuple[Checkpoint | None, str]:
    if verifier is None:
        return None, "no public key to check it with"
    try:
        return Checkpoint.parse(open_note(note, verifier)), ""
    except NoteError as err:
        return None, str(err)


def _roots(rows: list[Row], sizes: set[int]) -> dict[int, bytes]:
    """The Merkle root of the first n records for every n asked, in one pass."""
    roots = {0: merkle.EMPTY_ROOT} if 0 in sizes else {}
    tree = merkle.Frontier()
    for row in rows:
        tree.append(leaf(row))
        if tree.size in sizes:
            roots[tree.size] = tree.root()
    return roots


def latest_broken(log: AuditLog, rows: list[Row], verifier: Verifier | None) -> Signed | None:
    """The latest stored checkpoint if it does NOT match the records (for list and show)."""
    stored = checkpoints(log)
    if not stored:
        return None
    last = stored[-1]
    roots = _roots(rows, {last.size})
    if last.size > len(rows) or roots.get(last.size, b"").hex() != last.root:
        return last
    return None

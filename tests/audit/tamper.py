"""What an attacker with write access to the file can do: edit rows, bypassing the guards."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from engine.audit.chain import Header, sha256

_TRIGGERS = ("records_no_delete", "records_no_update", "kb_files_no_change", "kb_files_no_delete")
COLUMNS = ("seq", "id", "kind", "created", "operator", "perfdx", "kb_hash", "subject",
           "content_hash", "prev_hash", "record_hash", "content")


def connect(db: Path) -> sqlite3.Connection:
    """A connection with the append-only triggers dropped, as an attacker would."""
    conn = sqlite3.connect(str(db), isolation_level=None)
    for name in _TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    return conn


def rows(db: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(str(db))
    found = [dict(zip(COLUMNS, r, strict=True))
             for r in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM records ORDER BY seq")]
    conn.close()
    return found


def rewrite(db: Path, new_rows: list[dict[str, Any]]) -> None:
    """Replace the records table by these rows, numbered in this order, without constraints."""
    conn = connect(db)
    conn.execute("DROP TABLE records")
    conn.execute(f"CREATE TABLE records ({', '.join(COLUMNS)})")
    for seq, row in enumerate(new_rows, start=1):
        values = dict(row, seq=seq)
        conn.execute(f"INSERT INTO records VALUES ({', '.join('?' * len(COLUMNS))})",
                     [values[c] for c in COLUMNS])
    conn.close()


def forged(after: dict[str, Any], rid: str = "f0f0f0f0f0f0") -> dict[str, Any]:
    """A well-formed record (its own hashes right) that claims to follow `after`."""
    content = '{"note":"forged"}'
    header = Header(rid, "review", after["created"], "mallory", after["perfdx"], None,
                    after["id"], sha256(content.encode()), after["record_hash"])
    return {"seq": 0, "id": rid, "kind": "review", "created": after["created"],
            "operator": "mallory", "perfdx": after["perfdx"], "kb_hash": None,
            "subject": after["id"], "content_hash": header.content, "prev_hash": header.prev,
            "record_hash": header.hash(), "content": content}
